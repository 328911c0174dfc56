import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { UnitizingTally } from './unitizing';

/**
 * The example of Krippendorff (1995, p. 57) as DKPro Statistics' tests give it: two raters, a
 * continuum of 24 (times stretch), four categories A to D; [start, length, rater, category].
 */
const KRIPPENDORFF_1995: Array<[number, number, number, string]> = [
  [2, 8, 0, 'A'],
  [14, 6, 0, 'A'],
  [4, 4, 1, 'A'],
  [15, 2, 1, 'A'],
  [0, 18, 0, 'B'],
  [0, 2, 1, 'B'],
  [2, 1, 1, 'B'],
  [3, 1, 1, 'B'],
  [4, 1, 1, 'B'],
  [5, 1, 1, 'B'],
  [6, 3, 1, 'B'],
  [9, 1, 1, 'B'],
  [2, 6, 0, 'C'],
  [10, 2, 0, 'C'],
  [14, 4, 0, 'C'],
  [20, 2, 0, 'C'],
  [0, 2, 1, 'C'],
  [4, 4, 1, 'C'],
  [10, 4, 1, 'C'],
  [16, 2, 1, 'C'],
  [20, 2, 1, 'C'],
  [0, 2, 0, 'D'],
  [2, 8, 0, 'D'],
  [10, 4, 0, 'D'],
  [14, 6, 0, 'D'],
  [20, 4, 0, 'D'],
  [0, 4, 1, 'D'],
  [4, 4, 1, 'D'],
  [8, 7, 1, 'D'],
  [15, 2, 1, 'D'],
  [17, 7, 1, 'D'],
];

/**
 * One category of the example stretched, as one document; starts and lengths are cut to whole
 * numbers after stretching, as DKPro's createExample does.
 */
function example(stretch: number, category: string): UnitizingTally {
  const raters: Entity[][] = [[], []];
  for (const [start, length, rater, label] of KRIPPENDORFF_1995) {
    if (label !== category) continue;
    const from = Math.trunc(start * stretch);
    raters[rater].push({ start: from, end: from + Math.trunc(length * stretch), label });
  }
  const tally = new UnitizingTally(2);
  tally.addDocument(Math.trunc(24 * stretch), raters);
  return tally;
}

/** |actual − expected| ≤ tolerance, as DKPro's isCloseTo(expected, offset(tolerance)). */
function expectNear(actual: number | null | undefined, expected: number, tolerance: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance);
}

describe("Krippendorff's unitizing α (1995), against DKPro Statistics' Krippendorff1995Test", () => {
  it('observed disagreement of each category of the example', () => {
    const observed = (category: string) => example(1, category).disagreement(category)!.observed;
    expectNear(observed('A'), 0.03125, 0.00001);
    expectNear(observed('B'), 2.26736, 0.00001);
    expectNear(observed('C'), 0.02777, 0.00001);
    expectNear(observed('D'), 0.38715, 0.00001);
  });

  it('expected disagreement and α of category C on a continuum of 12 (stretch 1/2)', () => {
    const tally = example(12 / 24, 'C');
    expectNear(tally.disagreement('C')!.observed, 0.02777, 0.00001);
    expectNear(tally.disagreement('C')!.expected, 0.05494, 0.00001);
    expectNear(tally.categoryAlpha('C'), 1 - 0.027777 / 0.05494, 0.001);
    // Krippendorff's own figure, which DKPro holds to 0.02.
    expectNear(tally.categoryAlpha('C'), 0.494, 0.02);
  });

  it('expected disagreement of category C grows towards Krippendorff’s value as the scale refines', () => {
    const cases: Array<[number, number, number]> = [
      [120 / 24, 0.08234, 0.663],
      [1200 / 24, 0.086, 0.677],
      [12000 / 24, 0.08638, 0.678],
      [120000 / 24, 0.08642, 0.679],
    ];
    for (const [stretch, expected, alpha] of cases) {
      const tally = example(stretch, 'C');
      expectNear(tally.disagreement('C')!.observed, 0.02777, 0.00001);
      expectNear(tally.disagreement('C')!.expected, expected, 0.005);
      expectNear(tally.categoryAlpha('C'), alpha, 0.02);
    }
  });

  it('expected disagreement and α per category when the continuum is fine-grained (Krippendorff’s values)', () => {
    // DKPro checks these to 0.005 (D_e) and 0.02 (α): Krippendorff computed them on a continuous scale.
    const stretch = 1200000 / 24;
    const expected = { A: 0.0699, B: 1.17731, C: 0.08642, D: 0.41445 };
    const alpha = { A: 0.553, B: -0.926, C: 0.679, D: 0.066 };
    for (const category of ['A', 'B', 'C', 'D'] as const) {
      const tally = example(stretch, category);
      expectNear(tally.disagreement(category)!.expected, expected[category], 0.005);
      expectNear(tally.categoryAlpha(category), alpha[category], 0.02);
      // The observed disagreement does not depend on the scale.
      expect(tally.disagreement(category)!.observed).toBeCloseTo(
        example(1, category).disagreement(category)!.observed,
        10,
      );
    }
  });

  it('over all categories is 1 − ΣD_o / ΣD_e', () => {
    const tally = new UnitizingTally(2);
    const raters: Entity[][] = [
      [
        { start: 0, end: 4, label: 'PER' },
        { start: 10, end: 16, label: 'LOC' },
      ],
      [
        { start: 0, end: 4, label: 'PER' },
        { start: 12, end: 16, label: 'LOC' },
      ],
    ];
    tally.addDocument(30, raters);
    const per = tally.disagreement('PER')!;
    const loc = tally.disagreement('LOC')!;
    expect(per.observed).toBe(0);
    expect(tally.categoryAlpha('PER')).toBe(1);
    expect(tally.alpha()).toBeCloseTo(
      1 - (per.observed + loc.observed) / (per.expected + loc.expected),
      12,
    );
  });

  it('treats documents as one continuum: two documents equal their concatenation', () => {
    const first: Entity[][] = [[{ start: 2, end: 5, label: 'PER' }], []];
    const second: Entity[][] = [
      [{ start: 1, end: 3, label: 'PER' }],
      [{ start: 0, end: 3, label: 'PER' }],
    ];
    const streamed = new UnitizingTally(2);
    streamed.addDocument(10, first);
    streamed.addDocument(8, second);
    const whole = new UnitizingTally(2);
    whole.addDocument(18, [
      [
        { start: 2, end: 5, label: 'PER' },
        { start: 11, end: 13, label: 'PER' },
      ],
      [{ start: 10, end: 13, label: 'PER' }],
    ]);
    expect(streamed.alpha()).toBeCloseTo(whole.alpha()!, 12);
    // A tally per document, appended one after the other, is the same continuum.
    const appended = new UnitizingTally(2);
    for (const [length, units] of [
      [10, first],
      [8, second],
    ] as const) {
      const document = new UnitizingTally(2);
      document.addDocument(length, units);
      appended.addAll(document);
    }
    expect(appended.alpha()).toBeCloseTo(whole.alpha()!, 12);
    expect(appended.disagreement('PER')).toEqual(whole.disagreement('PER'));
  });

  it('is null without any unit', () => {
    const tally = new UnitizingTally(3);
    tally.addDocument(12, [[], [], []]);
    expect(tally.alpha()).toBeNull();
  });
});
