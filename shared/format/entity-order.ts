// Entities are kept sorted by start and disjoint: finding where a start falls among them.
import type { DocumentEntity } from './document';

/**
 * Index of the first entity (or any start-sorted span) whose start is not before `start`.
 */
export function insertionIndex(entities: ReadonlyArray<{ start: number }>, start: number): number {
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entities[mid].start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The entity spanning exactly [start, end), if any: one binary search (entities are disjoint). */
export function entityAt(
  entities: readonly DocumentEntity[],
  start: number,
  end: number,
): DocumentEntity | undefined {
  const candidate = entities[insertionIndex(entities, start)];
  return candidate?.start === start && candidate.end === end ? candidate : undefined;
}

/** The entity with this id: looked for first where one starting at `near` sits (a binary search), then everywhere. */
export function entityWithId(
  entities: readonly DocumentEntity[],
  id: number,
  near?: number,
): DocumentEntity | undefined {
  if (near !== undefined) {
    const candidate = entities[insertionIndex(entities, near)];
    if (candidate?.id === id) return candidate;
  }
  return entities.find((entity) => entity.id === id);
}
