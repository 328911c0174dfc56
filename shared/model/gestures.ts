// Builds the transactions of common gestures: tag a span (replacing what it overlaps), move a boundary.
import type { BracketDocument, DocumentEntity } from '../format/document';
import {
  nextTokenEnd,
  nextTokenStart,
  previousTokenEnd,
  previousTokenStart,
  snapToTokens,
  tagAround,
  tagEndsAt,
  tagStartsAt,
} from '../format/tokens';
import { insertionIndex } from '../format/entity-order';
import { EditError, type Transaction } from './operations';

/** Entities overlapping [start, end), in order. */
export function entitiesOverlapping(
  entities: readonly DocumentEntity[],
  start: number,
  end: number,
): DocumentEntity[] {
  const found: DocumentEntity[] = [];
  for (let i = insertionIndex(entities, end) - 1; i >= 0 && entities[i].end > start; i--) {
    found.unshift(entities[i]);
  }
  return found;
}

/**
 * The whole tokens a span lies in (see snapToTokens), cut where an entity starts or ends inside
 * one, as an export cuts them: "Kosovo" found in `[LOC Kosovo  ].` is the entity's text, not
 * "Kosovo." with the full stop glued after its close. Null where the span holds only white space.
 */
export function wholeWordsOf(
  doc: BracketDocument,
  span: { start: number; end: number },
): { start: number; end: number } | null {
  const tokens = snapToTokens(doc.text, span.start, span.end);
  if (!tokens) return null;
  let { start, end } = tokens;
  for (const entity of entitiesOverlapping(doc.entities, start, end)) {
    for (const edge of [entity.start, entity.end]) {
      if (edge > start && edge <= Math.min(span.start, span.end)) start = edge;
      if (edge < end && edge >= Math.max(span.start, span.end)) end = edge;
    }
  }
  return { start, end };
}

/** Tags [start, end) with label as one step, removing the entities the span overlaps. */
export function tagSpan(
  doc: BracketDocument,
  start: number,
  end: number,
  label: string,
): Transaction {
  const replaced = entitiesOverlapping(doc.entities, start, end);
  return {
    ops: [
      ...replaced.map((entity) => ({ op: 'remove' as const, id: entity.id })),
      { op: 'add', entity: { id: doc.nextId, start, end, label } },
    ],
  };
}

export type Boundary = 'start' | 'end';
export type Direction = -1 | 1;

/**
 * Moves one boundary of an entity by one word (outward or inward), staying on its line. An HTML tag
 * is passed over with the word: an entity's edge never rests on one (its markup would be inside).
 */
export function moveBoundary(
  doc: BracketDocument,
  id: number,
  boundary: Boundary,
  direction: Direction,
): Transaction {
  const entity = doc.entities.find((candidate) => candidate.id === id);
  if (!entity) throw new EditError('unknown-entity', `entity ${id} does not exist (any more)`);
  const { text } = doc;
  let { start, end } = entity;
  const step =
    boundary === 'start'
      ? // Moving the start left takes in the previous token; right drops the first token.
        (at: number) => (direction < 0 ? previousTokenStart(text, at) : nextTokenStart(text, at))
      : (at: number) => (direction > 0 ? nextTokenEnd(text, at) : previousTokenEnd(text, at));
  const onTag = boundary === 'start' ? tagStartsAt : tagEndsAt;
  // A boundary never stops on a tag, nor inside one (`<a href='x'>` holds a space).
  let moved = step(boundary === 'start' ? start : end);
  while (moved !== -1 && (onTag(text, moved) || tagAround(text, moved))) moved = step(moved);
  const crossed =
    boundary === 'start' ? direction > 0 && moved >= end : direction < 0 && moved <= start;
  if (moved === -1 || crossed) {
    throw new EditError('out-of-range', 'the entity cannot shrink or grow further on this side');
  }
  if (boundary === 'start') start = moved;
  else end = moved;
  return { ops: [{ op: 'resize', id, start, end }] };
}
