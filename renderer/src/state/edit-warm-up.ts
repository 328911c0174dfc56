// The edit path run once on throwaway copies while the page is idle after opening, so the first real edit finds it compiled.
import type { BracketDocument } from '../../../shared/format/document';
import { tagSpan } from '../../../shared/model/gestures';
import { recordEdit } from '../../../shared/model/history';
import { applyTransaction, EditError, type Transaction } from '../../../shared/model/operations';

/**
 * Removes the document's first entity, tags it again and relabels it, each on a copy, and records
 * the steps in a history of their own: nothing is kept but the engine's compiled code.
 */
export function warmEditPath(doc: BracketDocument): void {
  const entity = doc.entities[0];
  const label = doc.labels.find((candidate) => candidate !== entity?.label);
  if (!entity || !label) return;
  try {
    const removed = applyTransaction(doc, { ops: [{ op: 'remove', id: entity.id }] });
    applyTransaction(removed.doc, tagSpan(removed.doc, entity.start, entity.end, entity.label));
    const relabel: Transaction = { ops: [{ op: 'relabel', id: entity.id, label }] };
    const relabeled = applyTransaction(doc, relabel);
    recordEdit(
      { done: [], undone: [] },
      { forward: relabel, inverse: relabeled.inverse, time: Date.now() },
    );
  } catch (error) {
    // A document these steps do not fit (its first entity in broken markup) warms less.
    if (!(error instanceof EditError)) throw error;
  }
}
