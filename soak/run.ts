// `npm run soak`: the bounded reliability soak (a few minutes, loopback only) against real `emend serve` processes.
import { smallDiskUnavailable } from '../electron/host/fixtures/small-disk';
import { ensureCliBuilt } from '../scripts/cli-build';
import { concurrentClients } from './concurrent-clients';
import { crashLoop } from './crash-loop';
import { diskFull } from './disk-full';
import { fileChanges } from './file-changes';
import { stopAll } from './harness';
import { hostileHttp } from './hostile-http';
import { applyToAllRacing, readOnlyMadeWritable, setAsideWithRewrites } from './kept-edits';
import { reviewMemory } from './review-memory';
import { slowReaders } from './slow-readers';
import { untrustedGit } from './untrusted-git';

/** Kill rounds per lane; the lanes run side by side, each on its own corpus. */
const KILL_LANES = 4;
const KILLS_PER_LANE = 52;

/** `npm run soak -- WORD` runs only the scenarios whose name holds WORD. */
const chosen = process.argv[2];

interface Outcome {
  scenario: string;
  result: 'passed' | 'failed' | 'skipped';
  figures?: unknown;
  reason?: string;
  seconds: number;
}

async function run(scenario: string, task: () => Promise<unknown>): Promise<Outcome> {
  if (chosen && !scenario.includes(chosen)) {
    return { scenario, result: 'skipped', reason: `not "${chosen}"`, seconds: 0 };
  }
  const started = Date.now();
  process.stdout.write(`soak: ${scenario} ...\n`);
  let outcome: Outcome;
  try {
    const figures = await task();
    outcome = { scenario, result: 'passed', figures, seconds: 0 };
  } catch (error) {
    outcome = {
      scenario,
      result: 'failed',
      reason: error instanceof Error ? error.message : String(error),
      seconds: 0,
    };
  } finally {
    await stopAll();
  }
  outcome.seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(
    `soak: ${scenario} ${outcome.result} ${JSON.stringify(outcome.figures ?? outcome.reason)} (${outcome.seconds} s)\n`,
  );
  return outcome;
}

ensureCliBuilt(); // the soak runs the built `emend serve`
const outcomes: Outcome[] = [];
outcomes.push(
  await run('kill -9 during edit/undo/save loops', async () => {
    const lanes = await Promise.all(
      Array.from({ length: KILL_LANES }, () => crashLoop(KILLS_PER_LANE)),
    );
    const sum = (key: keyof (typeof lanes)[number]) =>
      lanes.reduce((total, lane) => total + lane[key], 0);
    return {
      kills: sum('kills'),
      acknowledgedEdits: sum('acknowledgedEdits'),
      acknowledgedSaves: sum('acknowledgedSaves'),
      inFlightKept: sum('inFlightKept'),
    };
  }),
);
const noDisk = smallDiskUnavailable();
if (noDisk) {
  outcomes.push({
    scenario: 'disk full on a 1 MB tmpfs',
    result: 'skipped',
    reason: noDisk,
    seconds: 0,
  });
  process.stdout.write(`soak: disk full skipped: ${noDisk}\n`);
} else {
  outcomes.push(await run('disk full on a 1 MB tmpfs', () => diskFull(5)));
}
outcomes.push(
  await run('read-only file and folder, file replaced and deleted while open', fileChanges),
);
outcomes.push(
  await run('read-only corpus made writable (and back), SIGTERM and kill -9', () =>
    readOnlyMadeWritable(8),
  ),
);
outcomes.push(
  await run('set-aside edits with quick fixes restored', () => setAsideWithRewrites(9)),
);
outcomes.push(
  await run('apply-to-all under a racing client, and killed', () => applyToAllRacing(300)),
);
outcomes.push(await run('50 concurrent clients for 30 s', () => concurrentClients(50, 30)));
outcomes.push(await run('20 event-stream clients that never read', () => slowReaders(20, 12)));
outcomes.push(await run('hostile HTTP', () => hostileHttp(200)));
outcomes.push(await run('untrusted git repositories', () => untrustedGit(12, 100)));
outcomes.push(
  await run('corpus review of 500 documents against 50: peak memory', () => reviewMemory(50, 500)),
);

const failed = outcomes.filter((outcome) => outcome.result === 'failed');
process.stdout.write(
  `\n${JSON.stringify({ date: new Date().toISOString(), outcomes }, null, 2)}\n`,
);
process.stdout.write(
  failed.length === 0 ? 'soak: passed\n' : `soak: ${failed.length} scenario(s) failed\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
