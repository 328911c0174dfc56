// Apply to all in the workspace: one transaction per affected document, and undoing them together.
import { append } from '../../shared/long-lists';
import { randomBytes } from 'node:crypto';
import {
  ApiError,
  type AppliedDocument,
  type ApplyToAllResult,
  type DocumentId,
  type TaskId,
  type UndoApplyToAllResult,
} from '../../shared/api/contract';
import {
  planApplyToAll,
  type CorpusAction,
  type SkippedHit,
} from '../../shared/corpus/apply-to-all';
import type { CorpusHit } from '../../shared/corpus/hits';
import type { Transaction } from '../../shared/model/operations';
import { Journal, readJournal } from './journal';
import type { Tasks } from './tasks';
import type { Workspace } from './workspace';

/** The record of the last apply-to-all: the run, then each document just before its edit is made. */
type RunRecord =
  | { type: 'run'; run: string; time: number; action: CorpusAction }
  | { type: 'document'; id: DocumentId };

/** The history group of a run's edits: how its edit is told apart in each document's undo stack. */
const runGroup = (run: string) => `apply-to-all:${run}`;

/**
 * Plans the action in every document first (cancellable), then applies one transaction per
 * document. A document that cannot be opened, or that another editor changed since it was
 * planned, has its hits skipped with the reason. The run is recorded before its first document
 * and each document before its edit, so it can be undone after a lost answer or a crash.
 */
export async function applyToAll(
  workspace: Workspace,
  tasks: Tasks,
  action: CorpusAction,
  hits: readonly CorpusHit[],
  taskId: TaskId | undefined,
): Promise<ApplyToAllResult> {
  const byDocument = new Map<DocumentId, CorpusHit[]>();
  for (const hit of hits) byDocument.set(hit.path, [...(byDocument.get(hit.path) ?? []), hit]);
  const ids = [...byDocument.keys()];
  return tasks.run(taskId, ids.length * 2, async (task) => {
    const skipped: SkippedHit[] = [];
    const plans: Array<{ id: DocumentId; revision: number; tx: Transaction; hits: number }> = [];
    const skip = (documentHits: readonly CorpusHit[], reason: string) =>
      append(
        skipped,
        documentHits.map((hit) => ({ hit, reason })),
      );
    for (const [index, id] of ids.entries()) {
      const documentHits = byDocument.get(id)!;
      try {
        // Planned on the session's own document (no copy of it), which may close behind.
        const { plan, revision } = await workspace.withSession(id, (session) => {
          const { doc, revision } = session.snapshot();
          return { plan: planApplyToAll(doc, documentHits, action), revision };
        });
        append(skipped, plan.skipped);
        if (plan.tx) plans.push({ id, revision, tx: plan.tx, hits: plan.applied.length });
      } catch (error) {
        if (!(error instanceof ApiError) || error.code === 'internal') throw error;
        skip(documentHits, error.message);
      }
      await task.step(index + 1);
    }
    const documents: AppliedDocument[] = [];
    let applied = 0;
    const run = randomBytes(8).toString('hex');
    const record = new Journal<RunRecord>(workspace.applyToAllRecord);
    if (plans.length > 0) await record.restart([{ type: 'run', run, time: Date.now(), action }]);
    for (const [index, { id, revision, tx, hits: planned }] of plans.entries()) {
      await record.append({ type: 'document', id });
      try {
        const result = await workspace.applyEdit(id, revision, tx, runGroup(run));
        documents.push({ id, revision: result.revision });
        applied += planned;
      } catch (error) {
        if (!(error instanceof ApiError) || error.code === 'internal') throw error;
        skip(
          byDocument.get(id)!,
          error.code === 'stale-revision'
            ? 'another editor changed it meanwhile; apply it again there'
            : error.message,
        );
      }
      await task.report(ids.length + index + 1);
    }
    return { documents, applied, skipped, ...(task.signal.aborted && { cancelledLate: true }) };
  });
}

/**
 * Undoes the apply-to-all's step in each document that is still at the revision it left, with
 * progress; cancelled, it stops before the next document and lists those not reached (`left`).
 */
export async function undoApplyToAll(
  workspace: Workspace,
  tasks: Tasks,
  documents: readonly AppliedDocument[],
  taskId: TaskId | undefined,
): Promise<UndoApplyToAllResult> {
  return tasks.run(taskId, documents.length, async (task) => {
    const result: UndoApplyToAllResult = { undone: [], skipped: [] };
    for (const [k, { id, revision }] of documents.entries()) {
      if (task.signal.aborted) {
        result.stopped = true;
        result.left = documents.slice(k);
        break;
      }
      await undoIn(workspace, id, revision, result);
      await task.report(k + 1);
    }
    return result;
  });
}

/**
 * Undoes the last recorded apply-to-all (its answer was lost, or the workspace was killed part
 * way): in each document it recorded whose last undo step is the run's own.
 */
export async function undoRecordedApplyToAll(
  workspace: Workspace,
  tasks: Tasks,
  taskId: TaskId | undefined,
): Promise<UndoApplyToAllResult> {
  const records = (await readJournal<RunRecord>(workspace.applyToAllRecord)) ?? [];
  const start = records[0];
  if (start?.type !== 'run') {
    throw new ApiError('invalid-request', 'there is no recorded apply-to-all to undo');
  }
  const group = runGroup(start.run);
  const ids = [
    ...new Set(records.flatMap((record) => (record.type === 'document' ? [record.id] : []))),
  ];
  // Cancelled, it stops before the next document; undoing the record again goes on from there.
  return tasks.run(taskId, ids.length, async (task) => {
    const result: UndoApplyToAllResult = { undone: [], skipped: [] };
    for (const [k, id] of ids.entries()) {
      if (task.signal.aborted) {
        result.stopped = true;
        break;
      }
      await undoRecordedIn(workspace, id, group, result);
      await task.report(k + 1);
    }
    return result;
  });
}

/** Undoes the run's step in the document where it is the last undo step; says why not where it is deeper. */
async function undoRecordedIn(
  workspace: Workspace,
  id: DocumentId,
  group: string,
  result: UndoApplyToAllResult,
): Promise<void> {
  let history;
  try {
    history = await workspace.withSession(id, (session) => session.historyView());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code === 'internal') throw error;
    result.skipped.push({ id, reason: error.message });
    return;
  }
  if (history.entries.at(-1)?.group === group) {
    await undoIn(workspace, id, history.revision, result);
  } else if (history.entries.some((entry) => entry.group === group)) {
    result.skipped.push({ id, reason: 'it was edited since; undo it there' });
  }
  // Else the run never changed it (it stopped first, or another editor had changed it), or an
  // undo of the record cancelled part way undid it already.
}

async function undoIn(
  workspace: Workspace,
  id: DocumentId,
  revision: number,
  result: UndoApplyToAllResult,
): Promise<void> {
  try {
    await workspace.step('undo', id, revision);
    result.undone.push(id);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code === 'internal') throw error;
    const reason =
      error.code === 'stale-revision' ? 'it was edited since; undo it there' : error.message;
    result.skipped.push({ id, reason });
  }
}
