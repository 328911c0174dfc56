// Suspects in the workspace: ranks the corpus in a worker thread, re-scores edited documents, keeps dismissals.
import type { Worker } from 'node:worker_threads';
import {
  ApiError,
  type DocumentId,
  type ListedSuspect,
  type SuspectsResult,
} from '../../shared/api/contract';
import type { Suspect, SuspectRanking } from '../../shared/suspects/suspect';
import { Dismissals, keyedSuspects } from './suspects-dismissals';
import type { FromWorker, ToWorker } from './suspects-worker';
import type { Task, Tasks } from './tasks';
import { startWorker } from './worker-thread';
import type { Workspace } from './workspace';

/** A ranking running: the callers' tasks following it, what stops it, and its result. */
interface Ranking {
  followers: Set<Task>;
  stop: AbortController;
  result: Promise<SuspectsResult>;
}

/** The corpus's suspects: one worker for the workspace, started on the first ranking. */
export class SuspectRanker {
  private worker: Worker | null = null;
  private readonly listeners = new Set<(message: FromWorker) => void>();
  /** The last ranking's suspects not dismissed, by key; null before the first ranking. */
  private listed: Map<string, ListedSuspect> | null = null;
  /** The suspects dismissed since the last ranking, by key: a dismissal can be undone. */
  private readonly dismissedHere = new Map<string, ListedSuspect>();
  /** The ranking running, if any: the callers following it, and what stops it once none is left. */
  private running: Ranking | null = null;
  private requests = 0;
  /** Documents edited or rewritten since their last re-scoring, and whether one is running. */
  private readonly edited = new Set<DocumentId>();
  private rescoring = false;
  readonly dismissals: Dismissals;

  constructor(
    private readonly workspace: Workspace,
    private readonly now: () => number = Date.now,
  ) {
    this.dismissals = new Dismissals(workspace.settingsFolder);
    workspace.onEvent((event) => {
      if (event.type === 'document-edited') this.rescoreLater(event.result.id);
      if (event.type === 'document-reloaded') this.rescoreLater(event.state.id);
    });
    workspace.onRewritten((id) => this.rescoreLater(id));
    workspace.onClose(() => this.close());
  }

  private post(message: ToWorker): void {
    if (!this.worker) {
      this.worker = startWorker('suspects-worker');
      this.worker.unref();
      this.worker.on('message', (answer: FromWorker) => {
        for (const listener of this.listeners) listener(answer);
      });
      this.worker.on('error', (error) => {
        const crashed: FromWorker = { type: 'crashed', message: error.message };
        for (const listener of this.listeners) listener(crashed);
        this.worker = null;
      });
    }
    this.worker.postMessage(message);
  }

  /** Calls listener with every answer of the worker until it returns true. */
  private until(listener: (message: FromWorker) => boolean): void {
    const once = (message: FromWorker) => {
      if (listener(message)) this.listeners.delete(once);
    };
    this.listeners.add(once);
  }

  /**
   * Ranks every readable document as it is now, with the task's progress; a caller asking while a
   * ranking runs (another editor, or one whose panel was closed and opened) follows that one. A
   * caller's cancel stops its own wait; the worker's ranking stops once every caller has cancelled.
   * All suspects are listed (the panel shows the worst), so that a re-scored document's suspects
   * replace its own in the list and its count stays true.
   */
  async rank(task: Task): Promise<SuspectsResult> {
    // A ranking being stopped is let end first: the worker answers one ranking at a time.
    if (this.running?.stop.signal.aborted) await this.running.result.catch(() => undefined);
    const running = this.running ?? this.startRanking();
    running.followers.add(task);
    return new Promise((resolve, reject) => {
      const leave = () => {
        running.followers.delete(task);
        // The last to leave stops the ranking, and hears so once the worker has stopped.
        if (running.followers.size === 0) running.stop.abort();
        else reject(new ApiError('cancelled', 'cancelled: nothing was changed'));
      };
      task.signal.addEventListener('abort', leave, { once: true });
      running.result
        .finally(() => task.signal.removeEventListener('abort', leave))
        .then(resolve, reject);
    });
  }

  private startRanking(): Ranking {
    const followers = new Set<Task>();
    const stop = new AbortController();
    const progress = (done: number, total: number) => {
      for (const follower of followers) void follower.report(done, total);
    };
    const result = this.rankCorpus(stop.signal, progress).finally(() => {
      this.running = null;
    });
    this.running = { followers, stop, result };
    return this.running;
  }

  private async rankCorpus(
    stop: AbortSignal,
    progress: (done: number, total: number) => void,
  ): Promise<SuspectsResult> {
    await this.dismissals.load();
    const ids = this.workspace.readableIds();
    const { suspects, caution, unchecked } = await this.rankInWorker(stop, progress, ids);
    this.listed = new Map();
    this.dismissedHere.clear();
    for (const listed of this.dismissals.undismissed(keyedSuspects(suspects)))
      this.listed.set(listed.key, listed);
    this.edited.clear();
    return {
      suspects: [...this.listed.values()],
      documents: ids.length,
      caution,
      unchecked: unchecked.map(({ path, lines }) => ({ id: path, lines })),
    };
  }

  private rankInWorker(
    stop: AbortSignal,
    progress: (done: number, total: number) => void,
    ids: readonly DocumentId[],
  ): Promise<Pick<SuspectRanking, 'suspects' | 'caution' | 'unchecked'>> {
    return new Promise((resolve, reject) => {
      const cancel = () => this.post({ type: 'cancel' });
      stop.addEventListener('abort', cancel, { once: true });
      const fail = (error: unknown) => {
        cancel();
        reject(error);
      };
      this.until((message) => {
        switch (message.type) {
          case 'read':
            this.workspace.currentText(ids[message.index]).then(
              (text) =>
                this.post({
                  type: 'document',
                  index: message.index,
                  path: ids[message.index],
                  text,
                }),
              fail,
            );
            return false;
          case 'progress':
            progress(message.done, message.total);
            return false;
          case 'ranked':
            resolve(message);
            break;
          case 'failed':
          case 'crashed':
            reject(
              stop.aborted
                ? new ApiError('cancelled', 'cancelled: nothing was changed')
                : new ApiError('internal', `the ranking failed: ${message.message}`),
            );
            break;
          default:
            return false;
        }
        stop.removeEventListener('abort', cancel);
        return true;
      });
      this.post({ type: 'rank', count: ids.length, labels: this.workspace.labelNames() });
    });
  }

  /** The suspects of one document as it is now, by the last ranking's model (no retraining). */
  async rescore(id: DocumentId): Promise<ListedSuspect[]> {
    const text = await this.workspace.currentText(id);
    const request = ++this.requests;
    const suspects = await new Promise<Suspect[]>((resolve, reject) => {
      this.until((message) => {
        if (message.type === 'crashed') reject(new ApiError('internal', message.message));
        else if (message.type !== 'rescored' || message.request !== request) return false;
        else if (message.failure !== undefined) reject(new ApiError('internal', message.failure));
        else resolve(message.suspects);
        return true;
      });
      this.post({ type: 'rescore', request, path: id, text, labels: this.workspace.labelNames() });
    });
    const listed = this.dismissals.undismissed(keyedSuspects(suspects));
    if (this.listed) {
      for (const [key, suspect] of this.listed) if (suspect.path === id) this.listed.delete(key);
      for (const suspect of listed) this.listed.set(suspect.key, suspect);
    }
    return listed;
  }

  /** Re-scores a document edited (or rewritten on disk) once the re-scorings before it are done, and tells every editor. */
  private rescoreLater(id: DocumentId): void {
    if (!this.listed) return;
    this.edited.add(id);
    if (!this.rescoring) void this.drain();
  }

  private async drain(): Promise<void> {
    this.rescoring = true;
    try {
      for (const id of this.edited) {
        this.edited.delete(id);
        try {
          const suspects = await this.rescore(id);
          this.workspace.emit({ type: 'suspects-rescored', id, suspects });
        } catch {
          // A document that cannot be read now keeps its suspects; the next edit or ranking tries again.
        }
      }
    } finally {
      this.rescoring = false;
    }
  }

  /** Keeps the suspect dismissed (in .emend/suspects.json) and drops it from the list. */
  async dismiss(key: string): Promise<{ dismissed: number }> {
    const suspect = this.listed?.get(key);
    if (!suspect) {
      throw new ApiError(
        'not-found',
        'that suspect is not in the current list: rank the corpus again',
      );
    }
    await this.dismissals.add(suspect, this.now());
    this.listed!.delete(key);
    this.dismissedHere.set(key, suspect);
    return { dismissed: this.dismissals.size };
  }

  /** Undoes a dismissal made since the last ranking: the suspect is listed again. */
  async restore(key: string): Promise<{ dismissed: number }> {
    const suspect = this.dismissedHere.get(key);
    if (!suspect || !this.listed) {
      throw new ApiError('not-found', 'that suspect was not dismissed since the last ranking');
    }
    await this.dismissals.remove(suspect);
    this.dismissedHere.delete(key);
    this.listed.set(key, suspect);
    return { dismissed: this.dismissals.size };
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }
}

/** findSuspects: the ranking as a task the editor follows and can cancel. */
export function findSuspects(
  ranker: SuspectRanker,
  tasks: Tasks,
  taskId: string | undefined,
): Promise<SuspectsResult> {
  return tasks.run(taskId, 0, (task) => ranker.rank(task));
}
