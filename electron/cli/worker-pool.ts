// Spreads work over worker threads: a pool of them, and corpus documents handed out in order with results taken back in order, a bounded number in flight.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workspace/worker-thread';
import { runTask, type TaskInput, type TaskOutcome } from './corpus-tasks';
import { UsageError } from './io';
import type { Answer } from './task-thread';

/** The `--jobs` option every corpus command takes, as its usage lists it. */
export const JOBS_USAGE = `  --jobs N    documents worked on at once, each on its own thread (default: the cores, here ${os.availableParallelism()})`;

/** The number of threads a command uses: `--jobs N` if given, else one per core. */
export function jobsFlag(value: string | undefined): number {
  if (value === undefined) return os.availableParallelism();
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--jobs needs a whole number of at least 1, not "${value}"`);
  return Number(value);
}

/** One worker thread answering one message at a time; once it has died it answers no more. */
class ThreadWorker<In, Out> {
  private readonly worker: Worker;
  private waiting: {
    resolve: (outcome: Out) => void;
    reject: (error: Error) => void;
  } | null = null;
  dead = false;

  constructor(entry: string) {
    this.worker = startWorker(entry, import.meta.url);
    this.worker.on('message', (answer: Answer<Out>) => {
      const waiting = this.waiting!;
      this.waiting = null;
      if ('outcome' in answer) waiting.resolve(answer.outcome);
      else waiting.reject(new Error(answer.failure));
    });
    this.worker.on('error', (error) => this.died(error));
    this.worker.on('exit', (code) =>
      this.died(new Error(`a worker thread stopped (exit code ${code})`)),
    );
  }

  run(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(input);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  /** The thread is gone: the task it was running fails with why. */
  private died(error: Error): void {
    this.dead = true;
    this.waiting?.reject(error);
    this.waiting = null;
  }
}

/**
 * Up to `size` worker threads started from one entry (see task-thread), each started when first
 * needed; an input waits for a free one, inputs taken in the order given.
 */
export class WorkerPool<In, Out> {
  private readonly workers: Array<ThreadWorker<In, Out>> = [];
  private readonly free: Array<ThreadWorker<In, Out>> = [];
  private readonly waiting: Array<(worker: ThreadWorker<In, Out>) => void> = [];

  constructor(
    private readonly entry: string,
    readonly size: number,
  ) {}

  async run(input: In): Promise<Out> {
    const worker = await this.take();
    try {
      return await worker.run(input);
    } finally {
      this.release(worker);
    }
  }

  stop(): Promise<unknown> {
    return Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /** A finished thread goes to the next input waiting, or waits itself; a dead one makes room for a new one. */
  private release(worker: ThreadWorker<In, Out>): void {
    if (worker.dead) {
      this.drop(worker);
      const next = this.waiting.shift();
      if (next) next(this.start());
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.free.push(worker);
  }

  /** Forgets a dead thread, making room for a new one. */
  private drop(worker: ThreadWorker<In, Out>): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  private start(): ThreadWorker<In, Out> {
    const started = new ThreadWorker<In, Out>(this.entry);
    this.workers.push(started);
    return started;
  }

  private take(): Promise<ThreadWorker<In, Out>> | ThreadWorker<In, Out> {
    let idle = this.free.pop();
    // A thread can die between tasks too: it is let go, and another taken or started.
    while (idle?.dead) {
      this.drop(idle);
      idle = this.free.pop();
    }
    if (idle) return idle;
    if (this.workers.length < this.size) return this.start();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** The threads a corpus command spreads its documents over: none (this thread) for one job. */
export function corpusThreads(jobs: number): WorkerPool<TaskInput, TaskOutcome> | null {
  return jobs > 1 ? new WorkerPool('corpus-worker', jobs) : null;
}

/**
 * Runs each input's task and hands the outcomes to take in the inputs' order. Without threads, in
 * this thread, one document at a time; with them, each document handed to the next free one. At
 * most `size` documents are worked on and about `size` more wait to be taken, so memory stays
 * bounded however large the corpus.
 */
export async function runInOrder(
  inputs: AsyncIterable<TaskInput>,
  threads: WorkerPool<TaskInput, TaskOutcome> | null,
  take: (outcome: TaskOutcome) => Promise<void>,
): Promise<void> {
  if (!threads) {
    for await (const input of inputs) await take(await runTask(input));
    return;
  }
  const queue: Promise<TaskOutcome>[] = [];
  for await (const input of inputs) {
    const outcome = threads.run(input);
    // A failure is taken in its turn, not reported as unhandled while earlier ones are awaited.
    outcome.catch(() => {});
    queue.push(outcome);
    if (queue.length >= 2 * threads.size) await take(await queue.shift()!);
  }
  while (queue.length > 0) await take(await queue.shift()!);
}
