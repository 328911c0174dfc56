// A very long line drawn in segments: each a block of its own, so a change redraws and lays out one.
import type { Part, Piece } from './line-parts';

/** Characters a segment holds before the next part starts a new one. */
export const SEGMENT_CHARS = 2_000;

/** Where a part ends in the document (its last piece's end). */
const partEnd = (part: Part) => part.pieces[part.pieces.length - 1]?.end ?? part.start;

/**
 * A line's parts cut into segments of at least `size` characters, between parts (an entity is never
 * cut); one segment for a line shorter than that.
 */
export function lineSegments(parts: readonly Part[], size = SEGMENT_CHARS): Part[][] {
  const segments: Part[][] = [];
  let current: Part[] = [];
  let from = parts[0]?.start ?? 0;
  for (const part of parts) {
    current.push(part);
    const end = partEnd(part);
    if (end - from >= size) {
      segments.push(current);
      current = [];
      from = end;
    }
  }
  if (current.length > 0 || segments.length === 0) segments.push(current);
  return segments;
}

const PIECE_FIELDS = [
  'start',
  'end',
  'text',
  'selected',
  'markup',
  'invisible',
  'problems',
  'severity',
  'review',
  'ghost',
  'suggested',
  'suggestion',
] as const satisfies ReadonlyArray<keyof Piece>;

function samePart(a: Part, b: Part): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.start !== b.start || a.pieces.length !== b.pieces.length) return false;
  if (a.kind === 'entity' && b.kind === 'entity') {
    const [x, y] = [a.entity, b.entity];
    if (x.id !== y.id || x.label !== y.label || x.start !== y.start || x.end !== y.end)
      return false;
  }
  return a.pieces.every((piece, k) =>
    PIECE_FIELDS.every((field) => piece[field] === b.pieces[k][field]),
  );
}

/** Whether two segments draw the same (parts made again for an edit elsewhere on the line). */
export function sameSegment(a: readonly Part[], b: readonly Part[]): boolean {
  return a.length === b.length && a.every((part, k) => samePart(part, b[k]));
}
