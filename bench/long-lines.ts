// Benchmarks `emend check`, `tag` and `untag` on one line of 1 MB and of 4 MB: the time must grow ~4×, not ~16×.
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

/** Milliseconds `emend ARGS FILE` takes on a fresh copy of the text. */
function timed(file: string, text: string, args: string[]): number {
  writeFileSync(file, text);
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args, file], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`emend ${args.join(' ')}: ${run.stderr}`);
  return performance.now() - started;
}

ensureCliBuilt();
const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-lines-'));
try {
  const file = path.join(folder, 'line.txt');
  const [small, large] = [longLine(1), longLine(4)];
  console.log('Long lines: one line of 1 MB and of 4 MB (linear: ~4×; quadratic: ~16×)');
  for (const args of [
    ['check'],
    ['tag', '--text', 'Paris', '--label', 'LOC'],
    ['untag', '--text', 'Paris'],
  ]) {
    const [one, four] = [timed(file, small, args), timed(file, large, args)];
    console.log(
      `  ${args[0].padEnd(6)} ${(one / 1000).toFixed(2)} s → ${(four / 1000).toFixed(2)} s  (${(four / one).toFixed(1)}×)`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
