// Rebuilds a document, its revision and its undo/redo stacks from a journal and the file on disk.
import type { BracketDocument } from '../../shared/format/document';
import { emptyHistory, recordEdit, type History } from '../../shared/model/history';
import { applyTransaction, type Transaction } from '../../shared/model/operations';
import type { DiskAnchor, JournalRecord } from './journal';

export interface Replayed {
  doc: BracketDocument;
  history: History;
  revision: number;
  /** The revision the file on disk holds. */
  savedRevision: number;
  /** Edits between the file as last written and the document (undos back to it leave none). */
  recoveredEdits: number;
  /** The same journal, compacted: the disk anchor with its history, then the records after it. */
  compacted: JournalRecord[];
}

export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/** Gives a freshly parsed document the session ids an anchor recorded. */
export function withAnchorIds(parsed: BracketDocument, anchor: DiskAnchor): BracketDocument {
  if (!anchor.ids) return { ...parsed, nextId: Math.max(parsed.nextId, anchor.nextId) };
  if (anchor.ids.length !== parsed.entities.length) {
    throw new ReplayError('the journal does not match the entities in the file');
  }
  const ids = anchor.ids;
  return {
    ...parsed,
    entities: parsed.entities.map((entity, index) => ({ ...entity, id: ids[index] })),
    nextId: anchor.nextId,
  };
}

/** The ids an anchor records for doc: absent when they are the numbering parse gives (1..n). */
export function anchorIds(doc: BracketDocument): number[] | undefined {
  const ids = doc.entities.map((entity) => entity.id);
  return ids.every((id, index) => id === index + 1) && doc.nextId === ids.length + 1
    ? undefined
    : ids;
}

interface Step {
  record: JournalRecord;
  /** What the record applied to the document (edits, undos and redos only). */
  applied?: Transaction;
}

/**
 * Replays records over the file's text. `parsed` is the file parsed with the corpus labels and
 * `fileHash` its hash; the last anchor (base or save) whose hash matches the file is where the
 * replay starts. Throws ReplayError when the journal does not belong to these bytes.
 */
export function replayJournal(
  records: readonly JournalRecord[],
  parsed: BracketDocument,
  fileHash: string,
): Replayed {
  const first = records[0];
  if (!first || first.type !== 'base') throw new ReplayError('the journal has no starting record');
  let history: History = first.history ?? emptyHistory;
  let revision = first.revision;
  const steps: Step[] = [];
  let anchorIndex = -1;
  let anchorHistory = history;
  for (const record of records) {
    if (record.type === 'base' || record.type === 'save') {
      if (record.type === 'base' && steps.length > 0) break;
      if (record.revision !== revision) break;
      steps.push({ record });
      if (record.hash === fileHash) {
        anchorIndex = steps.length - 1;
        anchorHistory = history;
      }
      continue;
    }
    if (record.revision !== revision + 1) break;
    let applied: Transaction;
    if (record.type === 'apply') {
      if (!record.tx || !record.inverse) break;
      history = recordEdit(history, {
        forward: record.tx,
        inverse: record.inverse,
        time: record.time,
        ...(record.group === undefined ? {} : { group: record.group }),
      });
      applied = record.tx;
    } else if (record.type === 'undo') {
      const entry = history.done.at(-1);
      if (!entry) break;
      history = { done: history.done.slice(0, -1), undone: [...history.undone, entry] };
      applied = entry.inverse;
    } else if (record.type === 'redo') {
      const entry = history.undone.at(-1);
      if (!entry) break;
      history = { done: [...history.done, entry], undone: history.undone.slice(0, -1) };
      applied = entry.forward;
    } else {
      break;
    }
    revision = record.revision;
    steps.push({ record, applied });
  }
  if (anchorIndex === -1) {
    throw new ReplayError('the file changed on disk since its unsaved edits were recorded');
  }
  const anchor = steps[anchorIndex].record as DiskAnchor & JournalRecord;
  let doc = withAnchorIds(parsed, anchor);
  for (const step of steps.slice(anchorIndex + 1)) {
    if (!step.applied) continue;
    try {
      doc = applyTransaction(doc, step.applied).doc;
    } catch (error) {
      throw new ReplayError(`the journal does not apply to the file (${(error as Error).message})`);
    }
  }
  const recoveredEdits = editsBetween(anchorHistory, history);
  const base: JournalRecord = {
    type: 'base',
    hash: anchor.hash,
    ...(anchor.ids ? { ids: anchor.ids } : {}),
    nextId: anchor.nextId,
    revision: anchor.revision,
    history: anchorHistory,
    time: anchor.time,
  };
  return {
    doc,
    history,
    revision,
    savedRevision: anchor.revision,
    recoveredEdits,
    compacted: [base, ...steps.slice(anchorIndex + 1).map((step) => step.record)],
  };
}

/**
 * How many edits separate the file on disk from the document: those undone from the disk's undo
 * stack plus those done since (none when edits were undone back to the saved state).
 */
function editsBetween(disk: History, now: History): number {
  let shared = 0;
  while (
    shared < disk.done.length &&
    shared < now.done.length &&
    disk.done[shared] === now.done[shared]
  ) {
    shared++;
  }
  return disk.done.length - shared + now.done.length - shared;
}
