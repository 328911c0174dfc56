// Spreads corpus documents over worker threads: handed out in order, results taken back in order, a bounded number in flight.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workspace/worker-thread';
import { runTask, type TaskInput, type TaskOutcome } from './corpus-tasks';
import { UsageError } from './io';

/** The `--jobs` option every corpus command takes, as its usage lists it. */
export const JOBS_USAGE = `  --jobs N    documents worked on at once, each on its own thread (default: the cores, here ${os.availableParallelism()})`;

/** The number of threads a command uses: `--jobs N` if given, else one per core. */
export function jobsFlag(value: string | undefined): number {
  if (value === undefined) return os.availableParallelism();
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--jobs needs a whole number of at least 1, not "${value}"`);
  return Number(value);
}

type Answer = { outcome: TaskOutcome } | { failure: string };

/** One worker thread running one task at a time. */
class TaskWorker {
  private readonly worker: Worker = startWorker('corpus-worker', import.meta.url);
  private waiting: {
    resolve: (outcome: TaskOutcome) => void;
    reject: (error: Error) => void;
  } | null = null;

  constructor() {
    this.worker.on('message', (answer: Answer) => {
      const waiting = this.waiting!;
      this.waiting = null;
      if ('outcome' in answer) waiting.resolve(answer.outcome);
      else waiting.reject(new Error(answer.failure));
    });
    this.worker.on('error', (error) => this.waiting?.reject(error));
  }

  run(input: TaskInput): Promise<TaskOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(input);
    });
  }

  get idle(): boolean {
    return this.waiting === null;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Runs each input's task and hands the outcomes to take in the inputs' order. With one job, in this
 * thread, one document at a time; with more, on that many worker threads, each document handed to
 * the next free one. At most `jobs` documents are worked on and about `jobs` more wait to be taken, so
 * memory stays bounded however large the corpus.
 */
export async function runInOrder(
  inputs: AsyncIterable<TaskInput>,
  jobs: number,
  take: (outcome: TaskOutcome) => Promise<void>,
): Promise<void> {
  if (jobs <= 1) {
    for await (const input of inputs) await take(await runTask(input));
    return;
  }
  const workers = Array.from({ length: jobs }, () => new TaskWorker());
  const queue: Promise<TaskOutcome>[] = [];
  let freed: () => void = () => {};
  const free = async () => {
    for (;;) {
      const worker = workers.find((candidate) => candidate.idle);
      if (worker) return worker;
      await new Promise<void>((resolve) => (freed = resolve));
    }
  };
  try {
    for await (const input of inputs) {
      const worker = await free();
      const outcome = worker.run(input).finally(() => freed());
      // A failure is taken in its turn, not reported as unhandled while earlier ones are awaited.
      outcome.catch(() => {});
      queue.push(outcome);
      if (queue.length >= 2 * jobs) await take(await queue.shift()!);
    }
    while (queue.length > 0) await take(await queue.shift()!);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}
