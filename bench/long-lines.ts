// Benchmarks `emend check`, `tag` and `untag` on one line of 1 MB and of 4 MB, and `emend suspects` on one of 100 KB and of 400 KB: the time must grow ~4× (linear), not ~16× (quadratic).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCliBuilt } from '../scripts/cli-build';

const BIN = path.resolve(import.meta.dirname, '../bin/emend.js');

/** One line of about `megabytes` MB: every third token a tagged "Paris", every 50th an untagged one. */
function longLine(megabytes: number): string {
  const words: string[] = [];
  for (let i = 0, size = 0; size < megabytes * 1024 * 1024; i++) {
    const word = i % 50 === 7 ? 'Paris' : i % 3 === 0 ? '[LOC Paris  ]' : `w${i}`;
    words.push(word);
    size += word.length + 1;
  }
  return `${words.join(' ')}\n`;
}

/**
 * A long line and 40 short ones: suspects scores each line with a model trained on the other
 * lines' folds, so the long line needs others beside it.
 */
function longLineAmongShort(megabytes: number): string {
  const short = Array.from({ length: 40 }, (_, k) => `s${k} [LOC Paris  ] near Paris t${k}\n`);
  return longLine(megabytes) + short.join('');
}

/** Milliseconds `emend ARGS FILE` takes on a fresh copy of the text. */
function timed(file: string, text: string, args: string[]): number {
  writeFileSync(file, text);
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args, file], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`emend ${args.join(' ')}: ${run.stderr}`);
  return performance.now() - started;
}

const size = (megabytes: number) =>
  megabytes >= 1 ? `${megabytes} MB` : `${Math.round(megabytes * 1024)} KB`;

ensureCliBuilt();
const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-lines-'));
try {
  const file = path.join(folder, 'line.txt');
  console.log('Long lines: one line of N and of 4N (linear: ~4×; quadratic: ~16×)');
  for (const { args, megabytes, text } of [
    { args: ['check'], megabytes: 1, text: longLine },
    { args: ['tag', '--text', 'Paris', '--label', 'LOC'], megabytes: 1, text: longLine },
    { args: ['untag', '--text', 'Paris'], megabytes: 1, text: longLine },
    // 100 KB: slower per byte (it trains five models), so on shorter lines.
    {
      args: ['suspects', '--jobs', '1', '--limit', '1'],
      megabytes: 100 / 1024,
      text: longLineAmongShort,
    },
  ]) {
    const [one, four] = [
      timed(file, text(megabytes), args),
      timed(file, text(4 * megabytes), args),
    ];
    console.log(
      `  ${args[0].padEnd(8)} ${size(megabytes).padStart(6)} ${(one / 1000).toFixed(2)} s → ` +
        `${size(4 * megabytes).padStart(6)} ${(four / 1000).toFixed(2)} s  (${(four / one).toFixed(1)}×)`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
