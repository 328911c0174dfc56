// visitPairs pairs as its greedy rule reads (exact spans first, then the first overlap in text order), and pairs a rewritten stretch's entities without comparing each with each.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { visitPairs, type PairKind } from './match';

type Pair = [PairKind, number, number];

const pairsOf = (before: readonly Entity[], after: readonly Entity[]) => {
  const pairs: Pair[] = [];
  visitPairs(before, after, (kind, k, j) => pairs.push([kind, k, j]));
  return pairs;
};

/** The rule read literally: each free after-entity in turn takes the first free before-entity it overlaps. */
function literalPairs(before: readonly Entity[], after: readonly Entity[]): Pair[] {
  const beforeTaken = before.map(() => -1);
  const afterTaken = after.map(() => -1);
  after.forEach((entity, j) => {
    const k = before.findIndex(
      (other, k) =>
        beforeTaken[k] === -1 && other.start === entity.start && other.end === entity.end,
    );
    if (k !== -1) [beforeTaken[k], afterTaken[j]] = [j, k];
  });
  after.forEach((entity, j) => {
    if (afterTaken[j] !== -1) return;
    const first = before.findIndex(
      (other, k) =>
        beforeTaken[k] === -1 &&
        Math.min(other.end, entity.end) > Math.max(other.start, entity.start),
    );
    if (first !== -1) [beforeTaken[first], afterTaken[j]] = [j, first];
  });
  const kindOf = (k: number, j: number): PairKind => {
    const [was, now] = [before[k], after[j]];
    const sameSpan = was.start === now.start && was.end === now.end;
    if (sameSpan) return was.label === now.label ? 'same' : 'relabeled';
    return was.label === now.label ? 'overlap' : 'overlap-relabeled';
  };
  return [
    ...before.map((_entity, k): Pair => {
      const j = beforeTaken[k];
      return j === -1 ? ['missing', k, -1] : [kindOf(k, j), k, j];
    }),
    ...after.flatMap((_entity, j): Pair[] => (afterTaken[j] === -1 ? [['spurious', -1, j]] : [])),
  ];
}

/** Flat sorted entities (what parse gives one side). */
const flatEntities = fc
  .array(fc.tuple(fc.nat(3), fc.nat(4), fc.constantFrom('LOC', 'PER')), { maxLength: 12 })
  .map((pieces) => {
    let at = 0;
    return pieces.map(([gap, length, label]) => {
      const start = at + gap;
      at = start + length + 1;
      return { start, end: start + length + 1, label };
    });
  });

/** After-entities as diffDocuments carries them into before's text: those inside a rewritten stretch take its whole span. */
const carriedEntities = fc
  .tuple(flatEntities, fc.nat(20), fc.nat(20))
  .map(([entities, from, length]) =>
    entities.map((entity) =>
      entity.start >= from && entity.end <= from + length
        ? { start: from, end: from + length, label: entity.label }
        : entity,
    ),
  )
  .map((entities) => entities.sort((x, y) => x.start - y.start || x.end - y.end));

describe('visitPairs', () => {
  it('pairs exact spans first, then each after-entity with the first free one it overlaps', () => {
    fc.assert(
      fc.property(flatEntities, carriedEntities, (before, after) => {
        expect(pairsOf(before, after)).toEqual(literalPairs(before, after));
      }),
      { numRuns: 2000 },
    );
  });

  it('pairs the 100 000 entities of a rewritten stretch with the 100 000 it replaced, in order', () => {
    // A rewritten stretch: every after-entity inside it is carried onto the stretch's whole span.
    const before = Array.from({ length: 100000 }, (_, k) => ({
      start: 10 * k,
      end: 10 * k + 1 + (k % 5),
      label: 'LOC',
    }));
    const after = before.map(() => ({ start: 0, end: 1000000, label: 'PER' }));
    const pairs = pairsOf(before, after);
    expect(pairs.every(([kind]) => kind === 'overlap-relabeled')).toBe(true);
    // Each takes the one in its place: the first the first, the last the last.
    expect(pairs.find(([, , j]) => j === 0)?.[1]).toBe(0);
    expect(pairs.find(([, , j]) => j === 99999)?.[1]).toBe(99999);
  });
});
