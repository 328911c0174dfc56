// A document's history as points in time: the document at each point, one-line summaries, restoring a point.
import { append } from '../long-lists';
import type { BracketDocument, DocumentEntity } from '../format/document';
import type { HistoryEntry } from '../model/history';
import { applyTransaction, type Operation, type Transaction } from '../model/operations';
import { pairEntities } from './match';

/** The documents at every point of the undo stack: point k is before entry k; the last is `current`. */
export function documentsAtPoints(
  current: BracketDocument,
  entries: readonly HistoryEntry[],
): BracketDocument[] {
  const docs: BracketDocument[] = [current];
  let doc = current;
  for (let k = entries.length - 1; k >= 0; k--) {
    doc = applyTransaction(doc, entries[k].inverse).doc;
    docs.unshift(doc);
  }
  return docs;
}

/** An operation as an edit request may carry it: without the restore flag (its close marker kept). */
function requestable(operation: Operation): Operation {
  if ((operation.op === 'add' || operation.op === 'resize') && operation.restore) {
    const { restore: _restore, ...rest } = operation;
    return rest;
  }
  return operation;
}

/**
 * One transaction taking the document from the last point back to `point`: every later inverse in
 * turn, as a new edit, each entity with the close marker it had (so the bytes come back exactly).
 */
export function restoreTransaction(
  entries: readonly HistoryEntry[],
  point: number,
): Transaction | null {
  const ops: Operation[] = [];
  for (let k = entries.length - 1; k >= point; k--)
    append(ops, entries[k].inverse.ops.map(requestable));
  return ops.length > 0 ? { ops } : null;
}

function touchedIds(tx: Transaction): Set<number> {
  return new Set(
    tx.ops.flatMap((operation) =>
      operation.op === 'add' ? [operation.entity.id] : 'id' in operation ? [operation.id] : [],
    ),
  );
}

/** "relabeled Quint PER → ORG", "tagged 3 × KFOR as LOC", "removed Kosovo (LOC)"; several joined. */
export function summarizeEntry(
  before: BracketDocument,
  after: BracketDocument,
  entry: HistoryEntry,
): string {
  const ids = touchedIds(entry.forward);
  const pick = (doc: BracketDocument) => doc.entities.filter((entity) => ids.has(entity.id));
  const was = pick(before);
  const now = pick(after);
  const text = (doc: BracketDocument, entity: DocumentEntity) =>
    doc.text.slice(entity.start, entity.end);
  const phrases = new Map<string, number>();
  for (const pair of pairEntities(was, now)) {
    const old = pair.before === -1 ? null : was[pair.before];
    const fresh = pair.after === -1 ? null : now[pair.after];
    let phrase: string;
    if (old && fresh) {
      if (pair.kind === 'same') continue;
      phrase =
        pair.kind === 'relabeled'
          ? `relabeled ${text(after, fresh)} ${old.label} → ${fresh.label}`
          : `resized ${text(before, old)} → ${text(after, fresh)} (${fresh.label})`;
    } else if (fresh) {
      phrase = `tagged ${text(after, fresh)} as ${fresh.label}`;
    } else {
      phrase = `removed ${text(before, old!)} (${old!.label})`;
    }
    phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
  }
  if (phrases.size === 0) return 'no change';
  const parts = [...phrases].map(([phrase, count]) =>
    count === 1 ? phrase : phrase.replace(/^(\w+) /, `$1 ${count} × `),
  );
  return parts.length <= 2
    ? parts.join(', ')
    : `${parts.slice(0, 2).join(', ')} and ${parts.length - 2} more`;
}
