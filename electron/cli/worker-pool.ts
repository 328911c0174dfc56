// Spreads work over worker threads: a pool of them, and corpus documents handed out in order with results taken back in order, a bounded number in flight.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workspace/worker-thread';
import { runTask, runTaskHere, type TaskInput, type TaskOutcome } from './corpus-tasks';
import { UsageError } from './io';
import { claimInput, newClaim, TAKEN_BACK, type Answer, type Handed } from './task-thread';

/** The `--jobs` option every corpus command takes, as its usage lists it. */
export const JOBS_USAGE = `  --jobs N    documents worked on at once, each on its own thread (default: the cores, here ${os.availableParallelism()})`;

/** More threads than this many per core only add memory and start-up time. */
const THREADS_PER_CORE = 4;

/** The number of threads a command uses: `--jobs N` if given (at most four per core), else one per core. */
export function jobsFlag(value: string | undefined): number {
  const cores = os.availableParallelism();
  if (value === undefined) return cores;
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--jobs needs a whole number of at least 1, not "${value}"`);
  if (Number(value) > THREADS_PER_CORE * cores)
    throw new UsageError(
      `--jobs ${value} is more than ${THREADS_PER_CORE} threads for each of the ${cores} cores here: give at most ${THREADS_PER_CORE * cores}`,
    );
  return Number(value);
}

/** An input handed to a runner, and where its outcome goes. */
interface Job<In, Out> {
  input: In;
  resolve: (outcome: Out) => void;
  reject: (error: Error) => void;
}

/** What runs a pool's inputs in the order handed: a worker thread, or this thread. */
interface Runner<In, Out> {
  /** Whether it can run no more (a thread that died). */
  readonly dead: boolean;
  /** Inputs handed and not yet answered. */
  readonly inFlight: number;
  run(job: Job<In, Out>): void;
}

/**
 * This thread as one of a pool's runners: the task runs here, between the pool's other work; `freed`
 * is called once each input is answered.
 */
class HereRunner<In, Out> implements Runner<In, Out> {
  readonly dead = false;
  inFlight = 0;

  constructor(
    private readonly handle: (input: In) => Promise<Out>,
    private readonly freed: () => void,
  ) {}

  run(job: Job<In, Out>): void {
    this.inFlight++;
    Promise.resolve(job.input)
      .then(this.handle)
      .then(
        (outcome) => {
          this.inFlight--;
          job.resolve(outcome);
          this.freed();
        },
        (error: Error) => {
          this.inFlight--;
          job.reject(error);
          this.freed();
        },
      );
  }
}

/** An input handed to a worker thread, and its claim: the thread runs it unless it is taken back first. */
interface HandedJob<In, Out> {
  job: Job<In, Out>;
  claim: Int32Array;
}

const takenBack = ({ claim }: { claim: Int32Array }) => Atomics.load(claim, 0) === TAKEN_BACK;

/**
 * One worker thread answering its inputs one after another (see task-thread); an input it has not
 * started can be taken back to run elsewhere. When it dies, the input it was running fails with
 * why, and those handed to it but not started are given back.
 */
class ThreadWorker<In, Out> implements Runner<In, Out> {
  private readonly worker: Worker;
  private readonly handed: Array<HandedJob<In, Out>> = [];
  dead = false;

  constructor(
    entry: string,
    private readonly giveBack: (jobs: Array<Job<In, Out>>) => void,
  ) {
    this.worker = startWorker(entry, import.meta.url);
    this.worker.on('message', (answer: Answer<Out>) => {
      const job = this.handed.shift()?.job;
      if (!job || 'takenBack' in answer) return;
      if ('outcome' in answer) job.resolve(answer.outcome);
      else job.reject(new Error(answer.failure));
    });
    // The error of a thread that throws outside a task can come before the answers it sent first;
    // 'exit' comes after them all (Node delivers a thread's messages before its exit), so the thread
    // is taken for dead there, with the error as the reason.
    let failure: Error | null = null;
    this.worker.on('error', (error) => (failure = error));
    this.worker.on('exit', (code) =>
      this.died(failure ?? new Error(`a worker thread stopped (exit code ${code})`)),
    );
  }

  get inFlight(): number {
    return this.handed.filter((handed) => !takenBack(handed)).length;
  }

  run(job: Job<In, Out>): void {
    const claim = newClaim();
    this.handed.push({ job, claim });
    this.worker.postMessage({ input: job.input, claim } satisfies Handed<In>);
  }

  /** The first input handed to it that it has not started, claimed back to run elsewhere; null if none. */
  takeBack(): Job<In, Out> | null {
    for (const { job, claim } of this.handed) if (claimInput(claim, TAKEN_BACK)) return job;
    return null;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private died(error: Error): void {
    if (this.dead) return;
    this.dead = true;
    const [running, ...notStarted] = this.handed
      .splice(0)
      .filter((handed) => !takenBack(handed))
      .map(({ job }) => job);
    running?.reject(error);
    if (notStarted.length > 0) this.giveBack(notStarted);
  }
}

/**
 * `size` runners: worker threads started from one entry (see task-thread), each started when first
 * needed, and, given `here`, this thread as the last of them. Inputs go in the order given to an idle
 * thread, else a new one while there is room, else this thread; with this thread working, each worker
 * thread is also handed its next input ahead, as this thread cannot hand it over while it works, and
 * this thread, once free with none waiting, takes back one a worker thread has not started. A dead
 * thread is let go and the inputs after it go to the others or a new one.
 */
export class WorkerPool<In, Out> {
  private workers: Array<ThreadWorker<In, Out>> = [];
  private readonly jobs: Array<Job<In, Out>> = [];
  /** Once stopped, no thread is started again: the inputs still waiting fail. */
  private stopped = false;
  private readonly threads: number;
  private readonly here: HereRunner<In, Out> | null;

  constructor(
    private readonly entry: string,
    readonly size: number,
    here?: (input: In) => Promise<Out>,
  ) {
    this.here = here ? new HereRunner(here, () => this.takeBackForHere()) : null;
    this.threads = here ? size - 1 : size;
  }

  run(input: In): Promise<Out> {
    if (this.stopped) return Promise.reject(new Error('the threads were stopped'));
    return new Promise((resolve, reject) => {
      this.jobs.push({
        input,
        resolve: (outcome) => {
          resolve(outcome);
          this.dispatch();
        },
        reject: (error) => {
          reject(error);
          this.dispatch();
        },
      });
      this.dispatch();
    });
  }

  /**
   * Stops every thread; the inputs still waiting fail, and so do those a thread was running or
   * had been handed (a thread's death would otherwise hand them to a new one).
   */
  stop(): Promise<unknown> {
    this.stopped = true;
    this.failWaiting();
    return Promise.all(this.workers.map((worker) => worker.stop()));
  }

  private failWaiting(): void {
    for (const job of this.jobs.splice(0)) job.reject(new Error('the threads were stopped'));
  }

  private dispatch(): void {
    for (let runner = this.available(); runner && this.jobs.length > 0; runner = this.available()) {
      runner.run(this.jobs.shift()!);
    }
  }

  /**
   * With this thread free and no input waiting, takes back an input handed to a worker thread that
   * has not started it (still loading, or busy with the one before), so that this thread does not
   * wait at the end of a corpus while a thread works through two.
   */
  private takeBackForHere(): void {
    if (this.stopped || !this.here || this.here.inFlight > 0 || this.jobs.length > 0) return;
    for (const worker of this.workers) {
      const job = worker.takeBack();
      if (job) return this.here.run(job);
    }
  }

  /** The runner for the next input, by the order the class tells; null when all are busy. */
  private available(): Runner<In, Out> | null {
    if (this.stopped) return null;
    this.workers = this.workers.filter((worker) => !worker.dead);
    const idle = this.workers.find((worker) => worker.inFlight === 0);
    if (idle) return idle;
    if (this.workers.length < this.threads) {
      const started = new ThreadWorker<In, Out>(this.entry, (jobs) => {
        this.jobs.unshift(...jobs);
        if (this.stopped) this.failWaiting();
        else this.dispatch();
      });
      this.workers.push(started);
      return started;
    }
    if (!this.here) return null;
    if (this.here.inFlight === 0) return this.here;
    return this.workers.find((worker) => worker.inFlight < 2) ?? null;
  }
}

/**
 * The threads a corpus command spreads its documents over: this one and `jobs - 1` worker threads;
 * none but this one for one job.
 */
export function corpusThreads(jobs: number): WorkerPool<TaskInput, TaskOutcome> | null {
  return jobs > 1 ? new WorkerPool('corpus-worker', jobs, runTaskHere) : null;
}

/**
 * Runs each input's task and hands the outcomes to take in the inputs' order. Without threads, in
 * this thread, one document at a time, each outcome copied off its document (see runTaskHere)
 * unless `copied` is false (a lone document's, held while no other is read); with threads, see
 * takeInOrder, an outcome weighing the characters of its document.
 */
export async function runInOrder(
  inputs: AsyncIterable<TaskInput>,
  threads: WorkerPool<TaskInput, TaskOutcome> | null,
  copied: boolean,
  take: (outcome: TaskOutcome) => Promise<void>,
): Promise<void> {
  if (!threads) {
    const run = copied ? runTaskHere : runTask;
    for await (const input of inputs) await take(await run(input));
    return;
  }
  await takeInOrder(inputs, threads, take, {
    weigh: (outcome) => ('characters' in outcome ? outcome.characters : 0),
  });
}

/** What takeInOrder may hold of outcomes done before their turn: their weight (characters of documents)… */
const MOST_HELD = 64 * 1024 * 1024;
/** …and their number. */
const MOST_HELD_OUTCOMES = 4096;

/** An input's place in the inputs' order: its outcome (or failure) once settled, and the outcome's weight. */
interface Turn<Out> {
  settled?: { outcome: Out; weight: number } | { failure: unknown };
}

/**
 * Runs each input on the pool's threads and hands the outcomes to take in the inputs' order. At most
 * `size` inputs are worked on and `size` more wait for a thread. Outcomes done before their turn
 * (a short document's, while a long one before it is worked on) are held until it comes, so that no
 * thread stands idle behind a long input: at most `mostHeld` of their weight (see `weigh`) and 4,096
 * of them, so memory stays bounded however many inputs there are.
 */
export async function takeInOrder<In, Out>(
  inputs: AsyncIterable<In>,
  pool: WorkerPool<In, Out>,
  take: (outcome: Out) => Promise<void>,
  { weigh, mostHeld = MOST_HELD }: { weigh: (outcome: Out) => number; mostHeld?: number },
): Promise<void> {
  const turns: Array<Turn<Out>> = [];
  let working = 0;
  let held = 0;
  let heldWeight = 0;
  let settledOne = () => {};
  const settle = (turn: Turn<Out>, settled: NonNullable<Turn<Out>['settled']>) => {
    turn.settled = settled;
    working--;
    held++;
    if ('weight' in settled) heldWeight += settled.weight;
    settledOne();
  };
  /** Takes the outcomes whose turn has come, in order; a failure throws in its turn. */
  const takeSettled = async () => {
    for (let settled = turns[0]?.settled; settled; settled = turns[0]?.settled) {
      turns.shift();
      held--;
      if ('failure' in settled) throw settled.failure;
      heldWeight -= settled.weight;
      await take(settled.outcome);
    }
  };
  /** Takes outcomes in their turn until `done` holds, waiting for each next one to settle. */
  const takeUntil = async (done: () => boolean) => {
    for (;;) {
      const another = new Promise<void>((resolve) => (settledOne = resolve));
      await takeSettled();
      if (done()) return;
      await another;
    }
  };
  const room = () => working < 2 * pool.size && held < MOST_HELD_OUTCOMES && heldWeight < mostHeld;

  for await (const input of inputs) {
    const turn: Turn<Out> = {};
    turns.push(turn);
    working++;
    pool.run(input).then(
      (outcome) => settle(turn, { outcome, weight: weigh(outcome) }),
      (failure: unknown) => settle(turn, { failure }),
    );
    await takeUntil(room);
  }
  await takeUntil(() => turns.length === 0);
}
