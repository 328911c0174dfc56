// The worker thread that runs regex searches, so a regex that backtracks without end cannot block the workspace.
import { parentPort } from 'node:worker_threads';
import { queryPattern, searchDocument } from '../../shared/corpus/search';
import type { RegexSearchRequest, RegexSearchAnswer } from './regex-search';

parentPort?.on('message', ({ id, doc, query, limit }: RegexSearchRequest) => {
  parentPort?.postMessage({ started: true } satisfies RegexSearchAnswer);
  const pattern = queryPattern(query);
  const answer: RegexSearchAnswer =
    pattern instanceof Error
      ? { error: pattern.message }
      : { hits: searchDocument(id, doc, pattern, query, limit) };
  parentPort?.postMessage(answer);
});
