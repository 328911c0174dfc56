// Benchmarks `emend agree` and `emend adjudicate` on three annotators' copies against reading and parsing all copies.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../electron/cli/main';
import type { CliIO } from '../electron/cli/io';
import { readDocument } from '../electron/workspace/read-document';
import { parse } from '../shared/format/parse';
import { generateDocument } from './generate';
import { percentile } from './stats';

const MB = 1024 * 1024;
const DOCUMENTS = 4;
const DOCUMENT_SIZE = 5 * MB;
const RUNS = 3;
const ANNOTATORS = ['anna', 'ben', 'cleo'];
const LABELS = ['LOC', 'ORG', 'PER', 'MISC'];

/**
 * Another annotator's copy of a generated document, same text: every relabelEvery-th entity
 * relabeled (to the next label) and every untagEvery-th untagged.
 */
function annotatorCopy(text: string, relabelEvery: number, untagEvery: number): string {
  let entity = 0;
  return text.replace(
    /\[(LOC|ORG|PER|MISC) ([^[\]]*?) {2}\]/g,
    (whole, label: string, inner: string) => {
      entity++;
      if (entity % relabelEvery === 0)
        return `[${LABELS[(LABELS.indexOf(label) + 1) % LABELS.length]} ${inner}  ]`;
      return entity % untagEvery === 0 ? inner : whole;
    },
  );
}

const quiet: CliIO = { out: () => {}, err: () => {}, color: false };

/** Wall time and CPU time (user + system, this process) of one run, in ms. */
async function time(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-agreement-'));
try {
  const copies = ANNOTATORS.map((name) => path.join(folder, name));
  const files: string[] = [];
  for (let k = 0; k < DOCUMENTS; k++) {
    const text = generateDocument(DOCUMENT_SIZE, k + 1);
    const versions = [text, annotatorCopy(text, 25, 40), annotatorCopy(text, 30, 35)];
    versions.forEach((version, copy) => {
      const file = path.join(copies[copy], `doc-${k + 1}.txt`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, version);
      files.push(file);
    });
  }
  const out = path.join(folder, 'gold');
  const floor: Array<{ wall: number; cpu: number }> = [];
  const agree: typeof floor = [];
  const adjudicate: typeof floor = [];
  let entities = 0;
  // One round more than measured: the first loads the commands' modules.
  for (let run = 0; run <= RUNS; run++) {
    const readAll = await time(async () => {
      for (const file of files) entities = parse(await readDocument(file)).entities.length;
    });
    // On this thread, as the baseline reads and parses (worker threads would load the sources
    // through tsx here; bench/cli.ts times --jobs on the built command).
    const agreed = await time(() => main(['agree', '--json', '--jobs', '1', ...copies], quiet));
    rmSync(out, { recursive: true, force: true });
    const adjudicated = await time(() => main(['adjudicate', '--out', out, ...copies], quiet));
    if (run === 0) continue;
    floor.push(readAll);
    agree.push(agreed);
    adjudicate.push(adjudicated);
  }
  const median = (times: typeof floor, kind: 'wall' | 'cpu') =>
    percentile(
      times.map((measured) => measured[kind]),
      50,
    );
  console.log(
    `\nagreement: ${ANNOTATORS.length} copies of ${DOCUMENTS} documents of ${DOCUMENT_SIZE / MB} MB (${entities} entities in the last), in process, median of ${RUNS}`,
  );
  console.log(
    `  read + parse all copies ${median(floor, 'wall').toFixed(0).padStart(6)} ms (CPU ${median(floor, 'cpu').toFixed(0)} ms)`,
  );
  for (const [name, times] of [
    ['agree', agree],
    ['adjudicate', adjudicate],
  ] as const) {
    const [wall, cpu] = [median(times, 'wall'), median(times, 'cpu')];
    console.log(
      `  ${name.padEnd(23)} ${wall.toFixed(0).padStart(6)} ms: ${(wall / median(floor, 'wall')).toFixed(2)}x, CPU ${(cpu / median(floor, 'cpu')).toFixed(2)}x (target: within 3x)`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
