// Corpus search and the consistency report over every readable document as it is now (unsaved edits included).
import { append } from '../../shared/long-lists';
import {
  ApiError,
  type ApiResponses,
  type CorpusSearchResult,
  type DocumentId,
  type TaskId,
} from '../../shared/api/contract';
import { ConsistencyCheck, type Finding } from '../../shared/corpus/consistency';
import {
  MAX_HITS,
  queryPattern,
  searchDocument,
  type SearchQuery,
} from '../../shared/corpus/search';
import type { BracketDocument } from '../../shared/format/document';
import { parse } from '../../shared/format/parse';
import { RegexSearch } from './regex-search';
import type { Task, Tasks } from './tasks';
import type { Workspace } from './workspace';

/** Visits every readable document, parsed as it is now, one at a time as steps of task (after stepsBefore). */
export async function eachDocument(
  workspace: Workspace,
  task: Task,
  ids: readonly DocumentId[],
  visit: (id: DocumentId, source: string, doc: BracketDocument) => void | Promise<void>,
  stepsBefore = 0,
): Promise<void> {
  const labels = workspace.labelNames();
  for (let index = 0; index < ids.length; index++) {
    const source = await workspace.currentText(ids[index]);
    await visit(ids[index], source, parse(source, { labels }));
    await task.step(stepsBefore + index + 1);
  }
}

export async function searchCorpus(
  workspace: Workspace,
  tasks: Tasks,
  query: SearchQuery,
  taskId: TaskId | undefined,
): Promise<CorpusSearchResult> {
  const pattern = queryPattern(query);
  if (pattern instanceof Error) throw new ApiError('invalid-request', pattern.message);
  const ids = workspace.readableIds();
  return tasks.run(taskId, ids.length, async (task) => {
    const result: CorpusSearchResult = { hits: [], documents: ids.length, truncated: false };
    // A user's regex runs in a worker with a time budget; a plain text pattern cannot backtrack.
    const regex = query.regex ? new RegexSearch(query, task.signal) : null;
    try {
      await eachDocument(workspace, task, ids, async (id, _source, doc) => {
        const room = MAX_HITS - result.hits.length;
        const hits = regex
          ? await regex.search(id, doc, room + 1)
          : searchDocument(id, doc, pattern, query, room + 1);
        if (hits.length > room) result.truncated = true;
        append(result.hits, hits.slice(0, room));
      });
    } finally {
      regex?.close();
    }
    return result;
  });
}

export async function checkCorpus(
  workspace: Workspace,
  tasks: Tasks,
  taskId: TaskId | undefined,
): Promise<ApiResponses['checkCorpus']> {
  const ids = workspace.readableIds();
  return tasks.run(taskId, ids.length, async (task) => {
    const consistency = new ConsistencyCheck();
    await eachDocument(workspace, task, ids, (id, _source, doc) => consistency.add(id, doc));
    const findings = consistency.findings();
    return {
      findings: withinHits(findings, MOST_LISTED_HITS).slice(0, MOST_LISTED_FINDINGS),
      total: findings.length,
      documents: ids.length,
    };
  });
}

/**
 * Most occurrences and fix targets a consistency report sends the editor in all (about 200 bytes
 * each), and most findings: a large corpus's thousands of findings, with hundreds of thousands of
 * occurrences, would not fit in a page. `emend check` lists them all.
 */
export const MOST_LISTED_HITS = 50_000;
export const MOST_LISTED_FINDINGS = 1_000;

/** The first findings, in order, that fit in a budget of hits (occurrences and fix targets). */
export function withinHits(findings: readonly Finding[], budget: number): Finding[] {
  let left = budget;
  let count = 0;
  for (const finding of findings) {
    const hits = finding.occurrences.length + finding.fix.targets.length;
    if (hits > left) break;
    left -= hits;
    count++;
  }
  return findings.slice(0, count);
}
