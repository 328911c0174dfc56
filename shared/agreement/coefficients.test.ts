import { describe, expect, it } from 'vitest';
import { CategoryTally, cohenKappa, Confusion, tallyUnits } from './coefficients';

/** n copies of value. */
const times = <T>(value: T, n: number): T[] => new Array<T>(n).fill(value);

/** A confusion table from a matrix of counts (rows: first rater, columns: second). */
function confusionOf(matrix: number[][]): Confusion {
  const confusion = new Confusion();
  matrix.forEach((row, a) => row.forEach((count, b) => confusion.add(a, b, count)));
  return confusion;
}

/** A tally of items each given as the counts of raters per category (statsmodels' table form). */
function tallyOfCounts(table: number[][]): CategoryTally {
  const tally = new CategoryTally();
  for (const row of table) tally.addItem(row);
  return tally;
}

describe("Cohen's κ", () => {
  it('gives κ = 0.492 on the example of Cohen (1960): 200 items, three categories', () => {
    // Proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06, times 200.
    const kappa = confusionOf([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]).cohenKappa();
    expect(kappa).toBeCloseTo(0.492, 3);
  });

  it("equals scikit-learn's cohen_kappa_score on its test examples (0.348, 0.8013, 0.9315)", () => {
    const first = [...times(0, 40), ...times(1, 60)];
    const second = [...times(0, 20), ...times(1, 20), ...times(0, 10), ...times(1, 50)];
    expect(cohenKappa(first, second)).toBeCloseTo(0.348, 3);
    const three1 = [...times(0, 46), ...times(1, 44), ...times(2, 10)];
    const three2 = [...times(0, 52), ...times(1, 32), ...times(2, 16)];
    expect(cohenKappa(three1, three2)).toBeCloseTo(0.8013, 4);
    const other2 = [...times(0, 50), ...times(1, 40), ...times(2, 10)];
    expect(cohenKappa(three1, other2)).toBeCloseTo(0.9315, 4);
  });

  it("equals statsmodels' cohens_kappa on its SAS example table (0.4842)", () => {
    const kappa = confusionOf([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]).cohenKappa();
    expect(kappa).toBeCloseTo(0.4842, 4);
  });

  it("equals R irr's kappa2 on raters 2 and 3 of the anxiety data (−0.006289)", () => {
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    expect(cohenKappa(rater2, rater3)).toBeCloseTo(-0.006289308, 6);
  });

  it('is undefined (null) when both raters put every item in one category', () => {
    expect(cohenKappa(['O', 'O'], ['O', 'O'])).toBeNull();
    expect(cohenKappa([], [])).toBeNull();
  });
});

describe("Fleiss' κ", () => {
  it("equals statsmodels' fleiss_kappa on the Wikipedia example (0.210)", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(tallyOfCounts(table).fleissKappa()).toBeCloseTo(0.21, 3);
  });

  it('equals statsmodels (and R irr kappam.fleiss) on the Fleiss 1971 diagnoses: κ = 0.4302', () => {
    // 30 patients, 6 psychiatrists each, 5 diagnoses.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    // Each patient as the number of psychiatrists giving each diagnosis (1 to 5).
    const table = diagnoses.map((patient) =>
      [1, 2, 3, 4, 5].map((diagnosis) => patient.filter((given) => given === diagnosis).length),
    );
    expect(tallyOfCounts(table).fleissKappa()).toBeCloseTo(0.4302445, 6);
    // The same data added as two parts (two documents) gives the same figure.
    const corpus = tallyOfCounts(table.slice(0, 13));
    corpus.addAll(tallyOfCounts(table.slice(13)));
    expect(corpus.fleissKappa()).toBeCloseTo(0.4302445, 6);
  });

  it('is null when items have different numbers of raters', () => {
    expect(
      tallyUnits([
        ['a', 'b'],
        ['a', 'a', 'b'],
      ]).fleissKappa(),
    ).toBeNull();
  });
});

describe("Krippendorff's α (nominal)", () => {
  it('gives α = 0.743 on the example of "Computing Krippendorff\'s Alpha-Reliability" (missing data)', () => {
    // Four observers, twelve units; null where an observer gave no value.
    const _ = null;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = observers[0].map((_value, u) => observers.map((observer) => observer[u]));
    const tally = tallyUnits(units);
    expect(tally.krippendorffAlpha()).toBeCloseTo(0.743, 3);
    // Unit 12 has one value only: it is not pairable and does not count.
    expect(tally.items).toBe(11);
    expect(tally.ratings).toBe(40);
  });

  it('on the binary example of Krippendorff (2011): two observers, ten units, α = 0.095', () => {
    const first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(tallyUnits(first.map((value, u) => [value, second[u]])).krippendorffAlpha()).toBeCloseTo(
      0.095,
      3,
    );
  });

  it('of one category against the rest equals α computed on the merged data', () => {
    const units = [
      ['PER', 'PER', 'O'],
      ['LOC', 'ORG', 'O'],
      ['O', 'O', 'O'],
      ['LOC', 'LOC', 'LOC'],
      ['PER', 'O', 'O'],
    ];
    // tallyUnits numbers categories in the order first met: PER 0, O 1, LOC 2, ORG 3.
    const tally = tallyUnits(units);
    const merged = tallyUnits(units.map((unit) => unit.map((value) => value === 'LOC')));
    const binary = tally.binary(2);
    expect(binary.krippendorffAlpha()).toBeCloseTo(merged.krippendorffAlpha()!, 10);
    expect(binary.fleissKappa()).toBeCloseTo(merged.fleissKappa()!, 10);
    expect(binary.gwetAC1()).toBeCloseTo(merged.gwetAC1()!, 10);
  });
});

describe("Gwet's AC1", () => {
  it('of two raters follows Gwet (2008): chance from the pooled category shares', () => {
    // pa = 0.7; π_A = (6 + 5) / 20 = 0.55; pe = 2 · 0.55 · 0.45 = 0.495; AC1 = 0.205 / 0.505.
    const confusion = confusionOf([
      [4, 2],
      [1, 3],
    ]);
    expect(confusion.gwetAC1()).toBeCloseTo(0.205 / 0.505, 10);
    const tally = tallyUnits([
      ...times(['A', 'A'], 4),
      ...times(['A', 'B'], 2),
      ...times(['B', 'A'], 1),
      ...times(['B', 'B'], 3),
    ]);
    expect(tally.gwetAC1()).toBeCloseTo(0.205 / 0.505, 10);
  });
});
