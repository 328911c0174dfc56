// Pairs the entities of two versions one to one: same span first, then the largest overlap.
import type { Entity } from '../format/document';

/** How a pair relates: both sides present, or one side only. */
export type PairKind =
  | 'same' // same span, same label
  | 'relabeled' // same span, other label
  | 'overlap' // overlapping span, same label
  | 'overlap-relabeled' // overlapping span, other label
  | 'missing' // in before only
  | 'spurious'; // in after only

/** Indices into before and after; -1 for the absent side. */
export interface EntityPair {
  kind: PairKind;
  before: number;
  after: number;
}

/** The first index in sorted entities whose end is past offset. */
function firstEndingAfter(entities: readonly Entity[], offset: number): number {
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entities[mid].end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Pairs entities (each side sorted and flat; after may hold empty spans where its text was
 * inserted). An entity is in at most one pair, so the pairs count each side exactly once: exact
 * spans pair first, then each remaining after-entity takes the free before-entity it overlaps most.
 * Pairs come out in text order.
 */
export function pairEntities(before: readonly Entity[], after: readonly Entity[]): EntityPair[] {
  const beforeTaken = new Int32Array(before.length).fill(-1);
  const afterTaken = new Int32Array(after.length).fill(-1);
  let i = 0;
  after.forEach((entity, j) => {
    while (i < before.length && before[i].start < entity.start) i++;
    for (let k = i; k < before.length && before[k].start === entity.start; k++) {
      if (before[k].end === entity.end && beforeTaken[k] === -1) {
        beforeTaken[k] = j;
        afterTaken[j] = k;
        break;
      }
    }
  });
  after.forEach((entity, j) => {
    if (afterTaken[j] !== -1) return;
    let best = -1;
    let bestOverlap = 0;
    for (
      let k = firstEndingAfter(before, entity.start);
      k < before.length && before[k].start < entity.end;
      k++
    ) {
      const overlap = Math.min(before[k].end, entity.end) - Math.max(before[k].start, entity.start);
      if (beforeTaken[k] === -1 && overlap > bestOverlap) {
        best = k;
        bestOverlap = overlap;
      }
    }
    if (best !== -1) {
      beforeTaken[best] = j;
      afterTaken[j] = best;
    }
  });

  const pairs: EntityPair[] = [];
  before.forEach((entity, k) => {
    const j = beforeTaken[k];
    if (j === -1) {
      pairs.push({ kind: 'missing', before: k, after: -1 });
      return;
    }
    const other = after[j];
    const sameSpan = other.start === entity.start && other.end === entity.end;
    const sameLabel = other.label === entity.label;
    const kind = sameSpan
      ? sameLabel
        ? 'same'
        : 'relabeled'
      : sameLabel
        ? 'overlap'
        : 'overlap-relabeled';
    pairs.push({ kind, before: k, after: j });
  });
  after.forEach((_entity, j) => {
    if (afterTaken[j] === -1) pairs.push({ kind: 'spurious', before: -1, after: j });
  });
  const startOf = (pair: EntityPair) =>
    pair.before !== -1 ? before[pair.before].start : after[pair.after].start;
  return pairs.sort((a, b) => startOf(a) - startOf(b) || a.before - b.before);
}
