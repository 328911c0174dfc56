// Benchmarks parse + serialize on a generated 50 MB file against a floor: read, decode and scan for `[`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from '../shared/format/parse';
import { serialize } from '../shared/format/serialize';
import { generateDocument } from './generate';

const SIZE = 50 * 1024 * 1024;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-'));
const file = path.join(folder, 'generated.txt');
writeFileSync(file, generateDocument(SIZE));
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let sink = 0;

const floor: number[] = [];
const full: number[] = [];
for (let run = 0; run < RUNS; run++) {
  floor.push(
    time(() => {
      const text = decoder.decode(readFileSync(file));
      for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) sink++;
    }),
  );
  full.push(
    time(() => {
      const text = decoder.decode(readFileSync(file));
      const doc = parse(text);
      sink += serialize(doc).length === text.length ? doc.entities.length : -1;
    }),
  );
}
rmSync(folder, { recursive: true, force: true });

const megabytes = SIZE / 1024 / 1024;
const floorMs = median(floor);
const fullMs = median(full);
console.log(
  `format: ${megabytes} MB generated bracket file, median of ${RUNS} runs (checksum ${sink})`,
);
console.log(
  `  floor  read + decode + scan for '['   ${floorMs.toFixed(0).padStart(6)} ms  ${(megabytes / (floorMs / 1000)).toFixed(0)} MB/s`,
);
console.log(
  `  emend  read + decode + parse + serialize ${fullMs.toFixed(0).padStart(3)} ms  ${(megabytes / (fullMs / 1000)).toFixed(0)} MB/s`,
);
console.log(`  ratio  ${(fullMs / floorMs).toFixed(2)}x the floor (target: within 3x)`);
