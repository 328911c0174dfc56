// Pairs the entities of two versions one to one: same span first, then the first overlap in text order (as nervaluate pairs).
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

/** The before-entities a span overlaps, in text order; those before `next` are taken. */
interface Ranking {
  start: number;
  end: number;
  order: number[];
  next: number;
}

function rankOverlaps(before: readonly Entity[], { start, end }: Entity): Ranking {
  const order: number[] = [];
  for (let k = firstEndingAfter(before, start); k < before.length && before[k].start < end; k++) {
    if (Math.min(before[k].end, end) > Math.max(before[k].start, start)) order.push(k);
  }
  return { start, end, order, next: 0 };
}

/**
 * Pairs entities (each side sorted and flat; after may hold empty spans where its text was
 * inserted). An entity is in at most one pair, so the pairs count each side exactly once: exact
 * spans pair first, then each remaining after-entity takes the first free before-entity it overlaps,
 * in text order, as nervaluate scores a prediction against the first gold entity it overlaps (an
 * entity merged from two keeps the first's place: [PER Ann] x [LOC Rome] → [PER Ann x Rome] is Ann
 * resized and Rome removed); those of one span rank their candidates once.
 * Each pair is handed to visit as it is found, nothing listed: the before-entities in order, then
 * the spurious after-entities (see pairEntities for the pairs in text order).
 */
export function visitPairs(
  before: readonly Entity[],
  after: readonly Entity[],
  visit: (kind: PairKind, before: number, after: number) => void,
): void {
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
  // After-entities of one span (all those inside one rewritten stretch) share one ranking.
  let ranked: Ranking | undefined;
  after.forEach((entity, j) => {
    if (afterTaken[j] !== -1) return;
    if (ranked?.start !== entity.start || ranked.end !== entity.end) {
      ranked = rankOverlaps(before, entity);
    }
    const { order } = ranked;
    while (ranked.next < order.length && beforeTaken[order[ranked.next]] !== -1) ranked.next++;
    if (ranked.next < order.length) {
      const best = order[ranked.next];
      beforeTaken[best] = j;
      afterTaken[j] = best;
    }
  });

  before.forEach((entity, k) => {
    const j = beforeTaken[k];
    if (j === -1) {
      visit('missing', k, -1);
      return;
    }
    visit(pairKind(entity, after[j]), k, j);
  });
  after.forEach((_entity, j) => {
    if (afterTaken[j] === -1) visit('spurious', -1, j);
  });
}

/** What an overlapping before- and after-entity are to each other. */
export function pairKind(before: Entity, after: Entity): Exclude<PairKind, 'missing' | 'spurious'> {
  const sameLabel = before.label === after.label;
  if (before.start === after.start && before.end === after.end)
    return sameLabel ? 'same' : 'relabeled';
  return sameLabel ? 'overlap' : 'overlap-relabeled';
}

/** The pairs of visitPairs in text order, only those of the kinds keep accepts (by default all). */
export function pairEntities(
  before: readonly Entity[],
  after: readonly Entity[],
  keep: (kind: PairKind) => boolean = () => true,
): EntityPair[] {
  const pairs: EntityPair[] = [];
  visitPairs(before, after, (kind, k, j) => {
    if (keep(kind)) pairs.push({ kind, before: k, after: j });
  });
  const startOf = (pair: EntityPair) =>
    pair.before !== -1 ? before[pair.before].start : after[pair.after].start;
  return pairs.sort((a, b) => startOf(a) - startOf(b) || a.before - b.before);
}
