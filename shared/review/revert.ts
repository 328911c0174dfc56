// Turns review changes back into edits: a transaction that gives the current document the baseline's version.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { offsetMapper } from '../convert/offset-map';
import type { Operation, Transaction } from '../model/operations';
import { alignTexts } from './align';
import type { EntityChange } from './diff';

/** Maps offsets of the baseline's plain text to the current document's (identity when the texts agree). */
export function baselineToCurrent(
  baseline: BracketDocument,
  current: BracketDocument,
): (offset: number, side: 'start' | 'end') => number {
  const hunks = alignTexts(baseline.text, current.text);
  if (hunks.length === 0) return (offset) => offset;
  return offsetMapper(
    hunks.map((hunk) => ({
      start: hunk.beforeStart,
      end: hunk.beforeEnd,
      length: hunk.afterEnd - hunk.afterStart,
    })),
  );
}

function entityAt(
  entities: readonly DocumentEntity[],
  span: { start: number; end: number },
): DocumentEntity | undefined {
  return entities.find((entity) => entity.start === span.start && entity.end === span.end);
}

/**
 * The edit that gives the current document the baseline's side of each change: the current entity
 * (if any) is removed and the baseline's (if any) added with the close marker the baseline wrote it
 * with, so a revert gives back the baseline's bytes. Removals come first, so the spans they free can be reused.
 * Changes whose baseline text the current document no longer has are left out and counted. Throws
 * when a change no longer matches the current document (it was edited since the diff).
 */
export function revertTransaction(
  baseline: BracketDocument,
  current: BracketDocument,
  changes: readonly EntityChange[],
): { tx: Transaction | null; skipped: number } {
  const toCurrent = baselineToCurrent(baseline, current);
  const removes: Operation[] = [];
  const adds: Operation[] = [];
  let nextId = current.nextId;
  let skipped = 0;
  for (const change of changes) {
    const start = change.before && toCurrent(change.before.start, 'start');
    const end = change.before && toCurrent(change.before.end, 'end');
    if (change.before && current.text.slice(start!, end!) !== change.before.text) {
      skipped++;
      continue;
    }
    const now = change.after && entityAt(current.entities, change.after);
    if (change.after && !now) throw new Error('the document changed since this review was made');
    if (now) removes.push({ op: 'remove', id: now.id });
    if (change.before) {
      const close = entityAt(baseline.entities, change.before)?.close;
      const entity: DocumentEntity = {
        id: now ? now.id : nextId++,
        start: start!,
        end: end!,
        label: change.before.label,
        ...(close === undefined ? {} : { close }),
      };
      adds.push({ op: 'add', entity });
    }
  }
  const ops = [...removes, ...adds];
  return { tx: ops.length > 0 ? { ops } : null, skipped };
}
