// What review marks in the text: changed entities by id, and spans for removed entities, old extents and text edits.
import type { BracketDocument } from '../format/document';
import type { ChangeKind, DocumentDiff } from '../review/diff';

/** How a current entity differs from the baseline; the old label when it changed. */
export interface EntityMark {
  kind: Exclude<ChangeKind, 'removed'>;
  oldLabel?: string;
}

/** A stretch of the current text to mark: where a removed entity was, an entity's old extent, edited text. */
export interface ReviewSpan {
  start: number;
  end: number;
  kind: 'removed' | 'old-extent' | 'text';
  /** The removed entity's label (shown as a ghost chip). */
  label?: string;
}

export interface ReviewMarks {
  entities: ReadonlyMap<number, EntityMark>;
  /** Sorted by start. */
  spans: readonly ReviewSpan[];
}

/** Marks of a diff over the current document; `toCurrent` maps baseline offsets into its text. */
export function reviewMarks(
  diff: DocumentDiff,
  doc: BracketDocument,
  toCurrent: (offset: number, side: 'start' | 'end') => number,
): ReviewMarks {
  const idAt = new Map(doc.entities.map((entity) => [`${entity.start}:${entity.end}`, entity.id]));
  const entities = new Map<number, EntityMark>();
  const spans: ReviewSpan[] = [];
  for (const change of diff.changes) {
    const before = change.before;
    const after = change.after;
    if (after) {
      const id = idAt.get(`${after.start}:${after.end}`);
      const mark: EntityMark = { kind: change.kind as EntityMark['kind'] };
      if (before && before.label !== after.label) mark.oldLabel = before.label;
      if (id !== undefined) entities.set(id, mark);
    }
    if (before && (change.kind === 'removed' || change.kind === 'resized')) {
      const start = toCurrent(before.start, 'start');
      const end = toCurrent(before.end, 'end');
      if (start < end)
        spans.push({
          start,
          end,
          kind: change.kind === 'removed' ? 'removed' : 'old-extent',
          label: before.label,
        });
    }
  }
  for (const edit of diff.textEdits) {
    if (edit.after.start < edit.after.end)
      spans.push({ start: edit.after.start, end: edit.after.end, kind: 'text' });
  }
  spans.sort((a, b) => a.start - b.start);
  return { entities, spans };
}

/** The spans that touch the line [start, end). */
export function spansOn(marks: ReviewMarks, start: number, end: number): ReviewSpan[] {
  return marks.spans.filter((span) => span.start < end && span.end > start);
}
