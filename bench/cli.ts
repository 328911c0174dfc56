// Benchmarks the built `emend` as users run it: stats and a pair's diff against a read+decode+scan floor, peak memory on 50–300 MB corpora (stats, validate, diff), --jobs 2 against 1, start-up against bare node.
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCliBuilt } from '../scripts/cli-build';
import { generateDocument } from './generate';
import { markdownTable, percentile } from './stats';

const MB = 1024 * 1024;
const FILE_SIZE = 50 * MB;
const CORPUS_SIZES = [1, 2, 6];
/** The corpus of the --jobs comparison: six documents of this size. */
const JOBS_FILE_SIZE = 5 * MB;
const RUNS = 5;
/** Runs of each side of the --jobs comparison (a busy machine spreads them wide). */
const JOBS_RUNS = 5;
/** Runs of each side for `check` on the six 50 MB documents (~30 s a run with one job). */
const LARGE_CHECK_RUNS = 3;
const START_RUNS = 15;
const BIN = path.resolve(import.meta.dirname, '../bin/emend.js');

/** The floor a corpus command cannot beat: read each file, decode it as UTF-8, scan it for `[`. */
const FLOOR = `
import { readFileSync } from 'node:fs';
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let opens = 0;
for (const file of process.argv.slice(1)) {
  const text = decoder.decode(readFileSync(file));
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) opens++;
}
console.log(opens);
`;

/**
 * Preloaded into every measured node: it reports the process's peak resident set size and CPU time
 * (every thread's: workers, the garbage collector's and the compiler's helpers) on fd 3 as it exits.
 */
const REPORT_USAGE = `process.on('exit', () => { const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage(); require('node:fs').writeSync(3, maxRSS + ' ' + (userCPUTime + systemCPUTime)); });\n`;

interface Usage {
  ms: number;
  rssMb: number;
  /** CPU time over all the process's threads. */
  cpuMs: number;
}

/** Runs a command line (emend's entry or a script) in a fresh node: wall time, peak RSS and CPU time. */
function measure(args: string[]): Usage {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', preload, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * MB,
  });
  const ms = performance.now() - start;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  }
  const [rssKb, cpuUs] = (child.output[3]?.toString() ?? '').split(' ').map(Number);
  return { ms, rssMb: rssKb / 1024, cpuMs: cpuUs / 1000 };
}

/** The labels the generated documents use, in the order a revision relabels them (each to the next). */
const LABELS = ['LOC', 'ORG', 'PER', 'MISC'];

/**
 * A second version of a generated document for `emend diff`: every 50th entity relabeled, every
 * 80th untagged, and (with textEdits) every 4000th line given a new first word (a text edit). Without
 * text edits it is what correcting in Emend gives, where the text is read-only.
 */
function reviseDocument(text: string, textEdits = true): string {
  let entity = 0;
  let line = 0;
  const relabeled = text.replace(
    /\[(LOC|ORG|PER|MISC) ([^[\]]*?) {2}\]/g,
    (whole, label: string, inner: string) => {
      entity++;
      if (entity % 50 === 0)
        return `[${LABELS[(LABELS.indexOf(label) + 1) % LABELS.length]} ${inner}  ]`;
      return entity % 80 === 0 ? inner : whole;
    },
  );
  return textEdits
    ? relabeled.replace(/^/gm, () => (++line % 4000 === 0 ? 'also ' : ''))
    : relabeled;
}

/** Runs two command lines in two fresh nodes at once: the wall time until both have exited. */
async function measureTogether(first: string[], second: string[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    [first, second].map(
      (args) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, args, { stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (status) =>
            status === 0 || status === 1
              ? resolve()
              : reject(new Error(`${args.join(' ')} failed (${status})`)),
          );
        }),
    ),
  );
  return performance.now() - start;
}

/**
 * A folder's documents split in two folders beside it (hard links, alternating in name order), for
 * two processes to take half a corpus each.
 */
function halvesOf(folder: string): [string, string] {
  const halves: [string, string] = [`${folder}-half-1`, `${folder}-half-2`];
  for (const half of halves) mkdirSync(half);
  readdirSync(folder)
    .sort()
    .forEach((name, index) =>
      linkSync(path.join(folder, name), path.join(halves[index % 2], name)),
    );
  return halves;
}

const emend = (...args: string[]) => [BIN, ...args];
const floorOf = (files: string[]) => ['--input-type=module', '-e', FLOOR, ...files];
const median = (values: number[]) => percentile(values, 50);

ensureCliBuilt();
const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-cli-'));
const preload = path.join(folder, 'report-usage.cjs');
try {
  writeFileSync(preload, REPORT_USAGE);
  // Six different 50 MB documents and a revision of each (see reviseDocument); corpora of 1, 2 and 6
  // of them share the files through hard links, a revised corpus holding the same names.
  const generated = Array.from({ length: Math.max(...CORPUS_SIZES) }, (_, index) => {
    const name = `generated-${index + 1}.txt`;
    const text = generateDocument(FILE_SIZE, index + 1);
    writeFileSync(path.join(folder, name), text);
    writeFileSync(path.join(folder, `revised-${name}`), reviseDocument(text));
    writeFileSync(path.join(folder, `relabeled-${name}`), reviseDocument(text, false));
    return name;
  });
  const linkedCorpus = (name: string, files: string[], prefix = '') => {
    const corpus = path.join(folder, name);
    mkdirSync(corpus);
    for (const file of files)
      linkSync(path.join(folder, `${prefix}${file}`), path.join(corpus, file));
    return corpus;
  };
  const corpora = CORPUS_SIZES.map((count) => {
    const names = generated.slice(0, count);
    return {
      count,
      corpus: linkedCorpus(`corpus-${count}`, names),
      revised: linkedCorpus(`revised-${count}`, names, 'revised-'),
      relabeled: linkedCorpus(`relabeled-${count}`, names, 'relabeled-'),
      files: names.map((name) => path.join(folder, name)),
      revisedFiles: names.map((name) => path.join(folder, `revised-${name}`)),
    };
  });

  // 1. emend stats on one 50 MB file against the floor, alternating, median of RUNS each.
  const [one] = corpora[0].files;
  const statsTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    floorTimes.push(measure(floorOf([one])).ms);
    statsTimes.push(measure(emend('stats', one)).ms);
  }
  const [statsMs, floorMs] = [median(statsTimes), median(floorTimes)];
  console.log(`\ncli: the built emend (out/cli/) as a process, node ${process.version}`);
  console.log(
    `  stats, one 50 MB file  ${statsMs.toFixed(0).padStart(6)} ms  vs floor (read + decode + scan for '[') ${floorMs.toFixed(0)} ms: ${(statsMs / floorMs).toFixed(2)}x (target: within 2x)`,
  );

  // 1b. emend diff of one 50 MB pair (against its revision) against the floor of both versions,
  // alternating, median of RUNS each: the target is within 3x.
  const pair = [one, corpora[0].revisedFiles[0]];
  const pairFloorTimes: number[] = [];
  const pairDiffs: Usage[] = [];
  for (let run = 0; run < RUNS; run++) {
    pairFloorTimes.push(measure(floorOf(pair)).ms);
    pairDiffs.push(measure(emend('diff', ...pair)));
  }
  const [pairMs, pairFloorMs] = [median(pairDiffs.map((run) => run.ms)), median(pairFloorTimes)];
  console.log(
    `  diff, one 50 MB pair  ${pairMs.toFixed(0).padStart(6)} ms  vs floor of both versions ${pairFloorMs.toFixed(0)} ms: ${(pairMs / pairFloorMs).toFixed(2)}x (target: within 3x), peak ${Math.round(median(pairDiffs.map((run) => run.rssMb)))} MB (target: 300 MB)`,
  );

  // 2. Peak memory and time of stats, validate and diff (against the revised corpus) on 50, 100 and 300 MB corpora.
  const rows: string[][] = [];
  for (const { count, corpus, revised, relabeled, files, revisedFiles } of corpora) {
    const floor = measure(floorOf(files));
    const stats = measure(emend('stats', corpus));
    const validate = measure(emend('validate', corpus));
    const bothFloor = measure(floorOf([...files, ...revisedFiles]));
    const diff = measure(emend('diff', corpus, revised));
    const relabels = measure(emend('diff', corpus, relabeled));
    rows.push([
      `${count} × 50 MB`,
      `${(floor.ms / 1000).toFixed(2)} s`,
      `${(stats.ms / 1000).toFixed(2)} s (${(stats.ms / floor.ms).toFixed(2)}×)`,
      `${Math.round(stats.rssMb)} MB`,
      `${(validate.ms / 1000).toFixed(2)} s (${(validate.ms / floor.ms).toFixed(2)}×)`,
      `${Math.round(validate.rssMb)} MB`,
      `${(diff.ms / 1000).toFixed(2)} s (${(diff.ms / bothFloor.ms).toFixed(2)}×)`,
      `${Math.round(diff.rssMb)} MB`,
      `${(relabels.ms / 1000).toFixed(2)} s (${(relabels.ms / bothFloor.ms).toFixed(2)}×)`,
      `${Math.round(relabels.rssMb)} MB`,
    ]);
  }
  console.log(
    '  corpora (time and its ratio to the floor, for diff the floor of both versions; peak RSS target: under 600 MB, flat):',
  );
  const table = markdownTable(
    [
      'corpus',
      'floor',
      'stats',
      'stats peak RSS',
      'validate',
      'validate peak RSS',
      'diff with a revision',
      'diff peak RSS',
      'diff, entity edits only',
      'its peak RSS',
    ],
    rows,
  );
  console.log(table.replace(/^/gm, '  '));

  // 3. --jobs 2 against --jobs 1 on six 5 MB documents (diff: against a revision of each),
  // alternating, JOBS_RUNS each: the median ratio and the spread of the runs' ratios.
  const jobsCorpus = path.join(folder, 'jobs');
  const jobsRevised = path.join(folder, 'jobs-revised');
  mkdirSync(jobsCorpus);
  mkdirSync(jobsRevised);
  for (let index = 1; index <= 6; index++) {
    const text = generateDocument(JOBS_FILE_SIZE, index);
    writeFileSync(path.join(jobsCorpus, `d${index}.txt`), text);
    writeFileSync(path.join(jobsRevised, `d${index}.txt`), reviseDocument(text));
  }
  console.log(
    `  six 5 MB documents (and six of 50 MB where named), --jobs 2 against --jobs 1 (target: 1.7x faster), medians of ${JOBS_RUNS} (check on 50 MB: ${LARGE_CHECK_RUNS}) and the runs' ratios, load average ${os.loadavg()[0].toFixed(1)}:`,
  );
  // stats, validate and check also on the six 50 MB documents, where each document's work outweighs
  // a thread's start (check in fewer runs: ~30 s a run; diff there would take minutes).
  const sixLarge = corpora[corpora.length - 1].corpus;
  const jobsCommands: Array<{ name: string; args: string[]; runs?: number }> = [
    { name: 'stats', args: ['stats', jobsCorpus] },
    { name: 'validate', args: ['validate', jobsCorpus] },
    { name: 'check', args: ['check', jobsCorpus] },
    { name: 'diff', args: ['diff', jobsCorpus, jobsRevised] },
    { name: 'stats, 6 × 50 MB', args: ['stats', sixLarge] },
    { name: 'validate, 6 × 50 MB', args: ['validate', sixLarge] },
    { name: 'check, 6 × 50 MB', args: ['check', sixLarge], runs: LARGE_CHECK_RUNS },
  ];
  const halves = new Map<string, [string, string]>();
  const halvesCached = (folder: string) =>
    halves.get(folder) ?? halves.set(folder, halvesOf(folder)).get(folder)!;
  for (const { name, args, runs = JOBS_RUNS } of jobsCommands) {
    const [command, ...paths] = args;
    const [single, double] = [[], []] as Usage[][];
    // The machine's own ceiling: two processes, no threads, each with half the documents.
    const together: number[] = [];
    const [firstHalf, secondHalf] = [0, 1].map((half) =>
      emend(command, '--jobs', '1', ...paths.map((folder) => halvesCached(folder)[half])),
    );
    for (let run = 0; run < runs; run++) {
      single.push(measure(emend(command, '--jobs', '1', ...paths)));
      double.push(measure(emend(command, '--jobs', '2', ...paths)));
      together.push(await measureTogether(firstHalf, secondHalf));
    }
    const ms = (runs: { ms: number }[]) => median(runs.map((run) => run.ms));
    const rss = (runs: { rssMb: number }[]) => Math.round(median(runs.map((run) => run.rssMb)));
    const ratios = single.map((run, k) => run.ms / double[k].ms).sort((x, y) => x - y);
    // One job already keeps more than one core busy (collector, compiler): two cores can do at
    // most cores / that as much.
    const busy = median(single.map((run) => run.cpuMs / run.ms));
    console.log(
      `  ${name.padEnd(22)} ${ms(single).toFixed(0).padStart(6)} ms / ${ms(double).toFixed(0)} ms: ${(ms(single) / ms(double)).toFixed(2)}x (runs ${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}x), peak ${rss(single)} / ${rss(double)} MB; --jobs 1 keeps ${busy.toFixed(2)} cores busy: at most ${(Math.min(2, os.availableParallelism()) / busy).toFixed(2)}x; two processes, half each: ${(ms(single) / median(together)).toFixed(2)}x`,
    );
  }

  // 4. Start-up: emend --help against a bare node, alternating, median of START_RUNS each.
  const helpTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    nodeTimes.push(measure(['-e', '0']).ms);
    helpTimes.push(measure(emend('--help')).ms);
  }
  const [helpMs, nodeMs] = [median(helpTimes), median(nodeTimes)];
  console.log(
    `  emend --help           ${helpMs.toFixed(0).padStart(6)} ms  vs node -e 0 ${nodeMs.toFixed(0)} ms: ${(helpMs / nodeMs).toFixed(2)}x (target: within 2.5x)`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
