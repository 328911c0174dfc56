// Long workspace calls (search, check, apply to all, export): progress events, cancelling, and room for other calls.
import { ApiError, type ApiEvent, type TaskId } from '../../shared/api/contract';

/** Least time between two progress events of one task. */
const PROGRESS_EVERY_MS = 100;

/** One long call's progress: report steps, and learn at each step whether it was cancelled. */
export class Task {
  private readonly aborter = new AbortController();
  private lastReport = 0;

  constructor(
    readonly id: TaskId | undefined,
    readonly total: number,
    private readonly emit: (event: ApiEvent) => void,
  ) {}

  cancel(): void {
    this.aborter.abort();
  }

  /** Aborted when the task is cancelled, for work that runs elsewhere (a worker thread). */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /**
   * Reports that done of total steps are finished and lets other calls and events run; work that
   * learns its size as it goes gives its total.
   */
  async report(done: number, total = this.total): Promise<void> {
    const now = Date.now();
    if (this.id !== undefined && (done === total || now - this.lastReport >= PROGRESS_EVERY_MS)) {
      this.lastReport = now;
      this.emit({ type: 'progress', task: this.id, done, total });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Reports like report, then throws ApiError "cancelled" once the task was cancelled. */
  async step(done: number): Promise<void> {
    await this.report(done);
    if (this.signal.aborted) throw new ApiError('cancelled', 'cancelled: nothing was changed');
  }
}

/** The running tasks, by the id the editor gave them. */
export class Tasks {
  private readonly running = new Map<TaskId, Task>();

  constructor(private readonly emit: (event: ApiEvent) => void) {}

  /** Runs work as a task of total steps; it is forgotten when work ends. */
  async run<T>(
    id: TaskId | undefined,
    total: number,
    work: (task: Task) => Promise<T>,
  ): Promise<T> {
    const task = new Task(id, total, this.emit);
    if (id !== undefined) this.running.set(id, task);
    try {
      return await work(task);
    } finally {
      if (id !== undefined && this.running.get(id) === task) this.running.delete(id);
    }
  }

  /** Cancels a running task; false when none has this id (it ended, or never started). */
  cancel(id: TaskId): boolean {
    const task = this.running.get(id);
    task?.cancel();
    return task !== undefined;
  }
}
