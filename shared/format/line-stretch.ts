// Where an edit on a very long line is read again: the stretch around its changes, between entities far enough off that the reader reads it as it reads the whole line.
import type { DocumentEntity } from './document';
import { insertionIndex } from './entity-order';

/** Characters read again on either side of the changes on a long line, at least. */
export const STRETCH_MARGIN = 2_000;
/**
 * A long line: longer than this, it is read again in the stretch around its changes, and drawn as
 * blocks (see LineBlocks).
 */
export const LONG_LINE = 4 * STRETCH_MARGIN;

/**
 * The stretch of the line [lineStart, lineEnd) around changes from `first` to `last`: from the end
 * of the last entity ending STRETCH_MARGIN before `first` (else the line's start) to the end of the
 * first entity starting STRETCH_MARGIN after `last` (else the line's end), with where that entity
 * starts (`closing`: the line's end when none). The reader takes each entity it reads whole and
 * begins again after it, and stops at an entity's `[` what an open bracket before it began: so the
 * text between those two entities reads alike from the line's start or from the stretch's.
 */
export function stretchAround(
  entities: readonly DocumentEntity[],
  first: number,
  last: number,
  lineStart: number,
  lineEnd: number,
): { start: number; end: number; closing: number } {
  let start = lineStart;
  const from = first - STRETCH_MARGIN;
  if (from > lineStart) {
    for (let i = insertionIndex(entities, from) - 1; i >= 0; i--) {
      const entity = entities[i];
      if (entity.end <= lineStart) break;
      if (entity.end <= from) {
        start = entity.end;
        break;
      }
    }
  }
  const to = last + STRETCH_MARGIN;
  const after = to < lineEnd ? entities[insertionIndex(entities, to)] : undefined;
  if (after && after.start < lineEnd) return { start, end: after.end, closing: after.start };
  return { start, end: lineEnd, closing: lineEnd };
}
