// Builds the transactions of common gestures: tag a span (replacing what it overlaps), move a boundary.
import type { BracketDocument, DocumentEntity } from '../format/document';
import {
  nextTokenEnd,
  nextTokenStart,
  previousTokenEnd,
  previousTokenStart,
} from '../format/tokens';
import { insertionIndex } from './entity-order';
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

/** Moves one boundary of an entity by one token (outward or inward), staying on its line. */
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
  if (boundary === 'start') {
    // Moving the start left takes in the previous token; right drops the first token.
    const moved = direction < 0 ? previousTokenStart(text, start) : nextTokenStart(text, start);
    if (moved === -1 || (direction > 0 && moved >= end)) {
      throw new EditError('out-of-range', 'the entity cannot shrink or grow further on this side');
    }
    start = moved;
  } else {
    const moved = direction > 0 ? nextTokenEnd(text, end) : previousTokenEnd(text, end);
    if (moved === -1 || (direction < 0 && moved <= start)) {
      throw new EditError('out-of-range', 'the entity cannot shrink or grow further on this side');
    }
    end = moved;
  }
  return { ops: [{ op: 'resize', id, start, end }] };
}
