// A very long line drawn in segments: each a block of its own, so a change redraws and lays out one.
import type { Part, Piece } from './line-parts';

/** Characters a segment holds before the next part starts a new one. */
export const SEGMENT_CHARS = 2_000;

/** Where a part ends in the document (its last piece's end). */
const partEnd = (part: Part) => part.pieces[part.pieces.length - 1]?.end ?? part.start;

/**
 * A line's parts cut into segments of about `size` characters, between parts (an entity is never
 * cut); one segment for a line shorter than that. A segment ends with the part reaching the next
 * multiple of `size` from the line's start, so an edit moves at most the cut beside it: the
 * segments before and after stay the same.
 */
export function lineSegments(parts: readonly Part[], size = SEGMENT_CHARS): Part[][] {
  const segments: Part[][] = [];
  let current: Part[] = [];
  const lineStart = parts[0]?.start ?? 0;
  let cut = lineStart + size;
  for (const part of parts) {
    current.push(part);
    const end = partEnd(part);
    if (end >= cut) {
      segments.push(current);
      current = [];
      cut = lineStart + (Math.floor((end - lineStart) / size) + 1) * size;
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
