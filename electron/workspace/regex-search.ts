// Runs a user's search regex in a worker thread with a time budget per document, stopped on cancel.
import type { Worker } from 'node:worker_threads';
import { ApiError, type DocumentId } from '../../shared/api/contract';
import type { CorpusHit } from '../../shared/corpus/hits';
import type { SearchQuery } from '../../shared/corpus/search';
import type { BracketDocument } from '../../shared/format/document';
import { startWorker } from './worker-thread';

/** Longest a regex may run on one document before the search is stopped. */
export const REGEX_BUDGET_MS = 2000;

export interface RegexSearchRequest {
  id: DocumentId;
  doc: BracketDocument;
  query: SearchQuery;
  limit: number;
}

/** The worker says when it starts on a document (the budget counts from there), then answers. */
export type RegexSearchAnswer = { started: true } | { hits: CorpusHit[] } | { error: string };

/** One search's worker: documents are searched one at a time; close it when the search ends. */
export class RegexSearch {
  private worker: Worker | null = null;

  constructor(
    private readonly query: SearchQuery,
    private readonly signal: AbortSignal,
  ) {}

  /** The hits in doc, or ApiError "invalid-request" when the regex takes longer than its budget. */
  search(id: DocumentId, doc: BracketDocument, limit: number): Promise<CorpusHit[]> {
    const worker = (this.worker ??= startWorker('regex-search-worker'));
    return new Promise((resolve, reject) => {
      const stop = (error: ApiError) => {
        finish();
        this.close();
        reject(error);
      };
      const tooLong = () =>
        stop(
          new ApiError(
            'invalid-request',
            `the regular expression took too long (over ${REGEX_BUDGET_MS / 1000} s on ${id}): ` +
              'it may backtrack without end, as (a+)+$ does; simplify it',
          ),
        );
      let timer: NodeJS.Timeout | undefined;
      const cancelled = () => stop(new ApiError('cancelled', 'cancelled: nothing was changed'));
      const failed = (error: Error) => stop(new ApiError('internal', error.message));
      const answered = (answer: RegexSearchAnswer) => {
        if ('started' in answer) {
          timer = setTimeout(tooLong, REGEX_BUDGET_MS);
          return;
        }
        finish();
        if ('error' in answer) reject(new ApiError('invalid-request', answer.error));
        else resolve(answer.hits);
      };
      const finish = () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', cancelled);
        worker.off('message', answered);
        worker.off('error', failed);
      };
      if (this.signal.aborted) return cancelled();
      this.signal.addEventListener('abort', cancelled);
      worker.on('message', answered);
      worker.once('error', failed);
      worker.postMessage({ id, doc, query: this.query, limit } satisfies RegexSearchRequest);
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}
