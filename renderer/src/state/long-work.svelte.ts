// Long corpus calls (search, check, apply to all, export): one at a time, their progress, and Cancel.
import { ApiError, type TaskId } from '../../../shared/api/contract';
import { randomId, type EmendClient } from '../api/client';

export interface Progress {
  task: TaskId;
  /** What is running, in words: "Searching the corpus". */
  title: string;
  done: number;
  total: number;
}

export class LongWork {
  current = $state.raw<Progress | null>(null);

  constructor(private readonly client: EmendClient) {
    client.onEvent((event) => {
      const current = this.current;
      if (event.type === 'progress' && current?.task === event.task) {
        this.current = { ...current, done: event.done, total: event.total };
      }
    });
  }

  get busy(): boolean {
    return this.current !== null;
  }

  /**
   * Runs call with a fresh task id, showing its progress; null when it was cancelled. Other errors
   * are thrown to the caller.
   */
  async run<T>(title: string, call: (task: TaskId) => Promise<T>): Promise<T | null> {
    // Random: another editor cannot name it to cancel it (see the host's cancelWhenGone).
    const task = `task-${randomId()}`;
    this.current = { task, title, done: 0, total: 0 };
    try {
      return await call(task);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'cancelled') return null;
      throw error;
    } finally {
      if (this.current?.task === task) this.current = null;
    }
  }

  cancel(): void {
    const current = this.current;
    if (current) void this.client.call('cancelTask', { task: current.task }).catch(() => undefined);
  }
}
