import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { scoreEntities, type Score } from './scores';

const e = (start: number, end: number, label: string): Entity => ({ start, end, label });
/** precision, recall, f1 and the counts COR INC PAR MIS SPU of one scheme. */
const summary = (score: Score) => [
  +score.precision.toFixed(4),
  +score.recall.toFixed(4),
  +score.f1.toFixed(4),
  [score.correct, score.incorrect, score.partial, score.missed, score.spurious],
];

describe('scores (BEFORE as reference)', () => {
  it('a partial overlap with the same label: strict/exact incorrect, partial half, type correct', () => {
    // "John Smith" → "John"
    const scores = scoreEntities([e(0, 10, 'PER')], [e(0, 4, 'PER')]);
    expect(summary(scores.strict)).toEqual([0, 0, 0, [0, 1, 0, 0, 0]]);
    expect(summary(scores.exact)).toEqual([0, 0, 0, [0, 1, 0, 0, 0]]);
    expect(summary(scores.partial)).toEqual([0.5, 0.5, 0.5, [0, 0, 1, 0, 0]]);
    expect(summary(scores.type)).toEqual([1, 1, 1, [1, 0, 0, 0, 0]]);
  });

  it('a label confusion on the same span: exact and partial correct, strict and type incorrect', () => {
    const scores = scoreEntities([e(0, 6, 'LOC')], [e(0, 6, 'ORG')]);
    expect(summary(scores.strict)).toEqual([0, 0, 0, [0, 1, 0, 0, 0]]);
    expect(summary(scores.exact)).toEqual([1, 1, 1, [1, 0, 0, 0, 0]]);
    expect(summary(scores.partial)).toEqual([1, 1, 1, [1, 0, 0, 0, 0]]);
    expect(summary(scores.type)).toEqual([0, 0, 0, [0, 1, 0, 0, 0]]);
    // Per label, each side is filtered first: LOC is missed, ORG spurious.
    expect(summary(scores.strict.labels.LOC)).toEqual([0, 0, 0, [0, 0, 0, 1, 0]]);
    expect(summary(scores.strict.labels.ORG)).toEqual([0, 0, 0, [0, 0, 0, 0, 1]]);
  });

  it('a boundary shift with another label counts as partial only', () => {
    // "Bank of Kosovo" ORG → "of Kosovo ." LOC
    const scores = scoreEntities([e(0, 14, 'ORG')], [e(5, 16, 'LOC')]);
    expect(summary(scores.partial)).toEqual([0.5, 0.5, 0.5, [0, 0, 1, 0, 0]]);
    expect(summary(scores.type)).toEqual([0, 0, 0, [0, 1, 0, 0, 0]]);
  });

  it('a split entity: each part overlaps it (nervaluate); strict pairs one, the other spurious (conlleval)', () => {
    // "Bank of Kosovo" ORG → "Bank" ORG + "Kosovo" LOC
    const scores = scoreEntities([e(0, 14, 'ORG')], [e(0, 4, 'ORG'), e(8, 14, 'LOC')]);
    // As nervaluate counts it: no after-entity overlaps nothing, so none is spurious (FORMAT.md §3).
    expect(summary(scores.partial)).toEqual([0.5, 0.5, 0.5, [0, 0, 2, 0, 0]]);
    expect(summary(scores.exact)).toEqual([0, 0, 0, [0, 2, 0, 0, 0]]);
    expect(summary(scores.type)).toEqual([0.5, 0.5, 0.5, [1, 1, 0, 0, 0]]);
    // conlleval: nothing correct, P = 0 / 2, R = 0 / 1; each entity counted once.
    expect(summary(scores.strict)).toEqual([0, 0, 0, [0, 1, 0, 0, 1]]);
    expect([scores.strict.possible, scores.strict.actual]).toEqual([1, 2]);
  });

  it('a merged entity: it overlaps the first, the second is missed (nervaluate)', () => {
    // "Bank" ORG + "Kosovo" LOC → "Bank of Kosovo" ORG
    const scores = scoreEntities([e(0, 4, 'ORG'), e(8, 14, 'LOC')], [e(0, 14, 'ORG')]);
    expect(summary(scores.partial)).toEqual([0.5, 0.25, 0.3333, [0, 0, 1, 1, 0]]);
    expect(summary(scores.type)).toEqual([1, 0.5, 0.6667, [1, 0, 0, 1, 0]]);
  });

  it('a mixed document: strict equals conlleval (correct / |after|, correct / |before|)', () => {
    const before = [e(0, 5, 'PER'), e(10, 15, 'LOC'), e(20, 25, 'ORG'), e(30, 35, 'MISC')];
    const after = [e(0, 5, 'PER'), e(10, 15, 'ORG'), e(20, 23, 'ORG'), e(40, 45, 'LOC')];
    const scores = scoreEntities(before, after);
    expect(summary(scores.strict)).toEqual([0.25, 0.25, 0.25, [1, 2, 0, 1, 1]]);
    expect(summary(scores.exact)).toEqual([0.5, 0.5, 0.5, [2, 1, 0, 1, 1]]);
    expect(summary(scores.partial)).toEqual([0.625, 0.625, 0.625, [2, 0, 1, 1, 1]]);
    expect(summary(scores.type)).toEqual([0.5, 0.5, 0.5, [2, 1, 0, 1, 1]]);
  });

  it('an empty side: all missed, or all spurious; nothing at all scores 0 as conlleval does', () => {
    const some = [e(0, 5, 'PER'), e(6, 9, 'LOC')];
    expect(summary(scoreEntities(some, []).strict)).toEqual([0, 0, 0, [0, 0, 0, 2, 0]]);
    expect(summary(scoreEntities([], some).partial)).toEqual([0, 0, 0, [0, 0, 0, 0, 2]]);
    expect(summary(scoreEntities([], []).type)).toEqual([0, 0, 0, [0, 0, 0, 0, 0]]);
    expect(scoreEntities([], []).strict.labels).toEqual({});
  });
});
