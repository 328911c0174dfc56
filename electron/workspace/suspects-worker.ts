// The suspect ranking off the workspace's thread: reads the corpus from it a document at a time, keeps the model for re-scoring.
import { parentPort } from 'node:worker_threads';
import { parse } from '../../shared/format/parse';
import { rankSuspects } from '../../shared/suspects/rank';
import type {
  Suspect,
  SuspectDocument,
  SuspectRanking,
  SuspectSource,
} from '../../shared/suspects/suspect';

/** What the workspace asks of the worker. */
export type ToWorker =
  | { type: 'rank'; count: number; labels: string[] }
  | { type: 'document'; index: number; path: string; text: string }
  | { type: 'cancel' }
  | { type: 'rescore'; request: number; path: string; text: string; labels: string[] };

/** What the worker answers. */
export type FromWorker =
  | { type: 'read'; index: number }
  | { type: 'progress'; done: number; total: number }
  | ({ type: 'ranked' } & Pick<SuspectRanking, 'suspects' | 'caution' | 'unchecked'>)
  | { type: 'rescored'; request: number; suspects: Suspect[]; failure?: string }
  /** The ranking stopped: cancelled, or failed. */
  | { type: 'failed'; message: string }
  /** Sent by the workspace itself when the worker died. */
  | { type: 'crashed'; message: string };

const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

/** The document ids of the ranking running now, learned as the workspace answers reads. */
const paths: string[] = [];
/** The last finished ranking, whose models score edited documents. */
let ranking: SuspectRanking | null = null;
let running: AbortController | null = null;
/** The read the ranking waits for: resolved by the workspace's answer, rejected by a cancel. */
let waiting: { index: number; resolve: (text: string) => void } | null = null;

/** Asks the workspace for document index (as it is now, unsaved edits included). */
function read(index: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    waiting = {
      index,
      resolve: (text) => {
        signal.removeEventListener('abort', onAbort);
        resolve(text);
      },
    };
    send({ type: 'read', index });
  });
}

/** The corpus as the workspace holds it, read again on each pass. */
function workspaceSource(count: number, labels: string[], signal: AbortSignal): SuspectSource {
  return {
    count,
    async forEach(visit) {
      for (let index = 0; index < count; index++) {
        const text = await read(index, signal);
        await visit(parsed(paths[index], text, labels));
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parsed(path: string, text: string, labels: string[]): SuspectDocument {
  return { path, doc: parse(text, { labels }) };
}

async function rank(message: Extract<ToWorker, { type: 'rank' }>): Promise<void> {
  const controller = new AbortController();
  running = controller;
  try {
    const result = await rankSuspects(
      workspaceSource(message.count, message.labels, controller.signal),
      {
        // The model learns the labels the documents use, as `emend suspects` does: a label of the
        // set that no document uses tells it nothing (labels only parse the documents).
        signal: controller.signal,
        onProgress: (done, total) => send({ type: 'progress', done, total }),
      },
    );
    ranking = result;
    const { suspects, caution, unchecked } = result;
    send({ type: 'ranked', suspects, caution, unchecked });
  } catch (error) {
    send({ type: 'failed', message: messageOf(error) });
  } finally {
    running = null;
    waiting = null;
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'rank':
      void rank(message);
      return;
    case 'document':
      paths[message.index] = message.path;
      if (waiting?.index === message.index) waiting.resolve(message.text);
      return;
    case 'cancel':
      running?.abort(new Error('cancelled'));
      return;
    case 'rescore': {
      const { request } = message;
      try {
        const document = parsed(message.path, message.text, message.labels);
        send({ type: 'rescored', request, suspects: ranking?.rescore(document) ?? [] });
      } catch (error) {
        send({ type: 'rescored', request, suspects: [], failure: messageOf(error) });
      }
      return;
    }
  }
});
