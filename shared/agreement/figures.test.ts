import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { cohenKappa, tallyUnits } from './coefficients';
import { scoreEntities, type ScoreScheme } from '../review/scores';
import { tokenSpans } from '../format/tokens';
import { AgreementTally } from './figures';
import { tokenSpansOf } from './token-categories';
import { UnitizingTally } from './unitizing';

const e = (start: number, end: number, label: string): Entity => ({ start, end, label });

// Tokens: John(0) Smith(1) met(2) Anna(3) in(4) New(5) York(6) .(7)
const TEXT = 'John Smith met Anna in New York .';
const anna = e(15, 19, 'PER');
const COPIES: Entity[][] = [
  [e(0, 10, 'PER'), anna, e(23, 31, 'LOC')],
  [e(0, 4, 'PER'), anna, e(23, 31, 'ORG')],
  [e(0, 10, 'PER'), anna, e(23, 31, 'LOC')],
];
/** Each copy's category per token. */
const TOKENS = [
  ['PER', 'PER', 'O', 'PER', 'O', 'LOC', 'LOC', 'O'],
  ['PER', 'O', 'O', 'PER', 'O', 'ORG', 'ORG', 'O'],
  ['PER', 'PER', 'O', 'PER', 'O', 'LOC', 'LOC', 'O'],
];

describe('AgreementTally', () => {
  it('computes every figure of one document from its tokens and spans', () => {
    const tally = new AgreementTally(['anna', 'ben', 'cleo']);
    const figures = tally.add('a.txt', TEXT, COPIES);
    expect(figures.path).toBe('a.txt');
    expect(figures.items).toBe(8);
    expect(figures.entities).toEqual([3, 3, 3]);
    expect(figures.pairs.map((pair) => [pair.a, pair.b])).toEqual([
      ['anna', 'ben'],
      ['anna', 'cleo'],
      ['ben', 'cleo'],
    ]);
    expect(figures.pairs[0].cohenKappa).toBeCloseTo(cohenKappa(TOKENS[0], TOKENS[1])!, 12);
    expect(figures.pairs[1].cohenKappa).toBe(1);
    // anna vs ben: 1 of 3 strict matches.
    expect(figures.pairs[0].strictF1).toBeCloseTo(1 / 3, 12);
    expect(figures.pairs[0].exactF1).toBeCloseTo(2 / 3, 12);
    expect(figures.pairs[0].partialF1).toBeCloseTo(2.5 / 3, 12);
    const units = TOKENS[0].map((_category, k) => TOKENS.map((copy) => copy[k]));
    expect(figures.fleissKappa).toBeCloseTo(tallyUnits(units).fleissKappa()!, 12);
    expect(figures.krippendorffAlpha).toBeCloseTo(tallyUnits(units).krippendorffAlpha()!, 12);
    expect(figures.gwetAC1).toBeCloseTo(tallyUnits(units).gwetAC1()!, 12);
    const unitizing = new UnitizingTally(3);
    unitizing.addDocument(TEXT.length, COPIES);
    expect(figures.unitizingAlpha).toBeCloseTo(unitizing.alpha()!, 12);
  });

  it('adds documents up: the corpus figures equal those of one document holding both', () => {
    const tally = new AgreementTally(['anna', 'ben', 'cleo']);
    tally.add('a.txt', TEXT, COPIES);
    tally.add('b.txt', 'Paris', [[e(0, 5, 'LOC')], [e(0, 5, 'LOC')], []]);
    const report = tally.report();
    const whole = new AgreementTally(['anna', 'ben', 'cleo']);
    const shifted = TEXT.length + 1;
    const both = whole.add('both', `${TEXT}\nParis`, [
      [...COPIES[0], e(shifted, shifted + 5, 'LOC')],
      [...COPIES[1], e(shifted, shifted + 5, 'LOC')],
      COPIES[2],
    ]);
    expect(report.items).toBe(9);
    expect(report.documents.map((document) => document.path)).toEqual(['a.txt', 'b.txt']);
    for (const figure of ['fleissKappa', 'krippendorffAlpha', 'gwetAC1'] as const) {
      expect(report[figure]).toBeCloseTo(both[figure]!, 12);
    }
    // The continuum of the unitizing α has no line end between the documents: one shorter.
    expect(report.unitizingAlpha).not.toBeNull();
    report.pairs.forEach((pair, k) => {
      expect(pair.cohenKappa).toBeCloseTo(both.pairs[k].cohenKappa!, 12);
      expect(pair.strictF1).toBeCloseTo(both.pairs[k].strictF1!, 12);
    });
  });

  it('counts the unitizing α in characters: an emoji is one, as a letter is', () => {
    /** The report of two copies of text: Bob tagged alone, then with x; Rome tagged in one. */
    const report = (text: string) => {
      const at = (word: string) => text.indexOf(word);
      const tally = new AgreementTally(['anna', 'ben']);
      tally.add('a.txt', text, [
        [e(at('Bob'), at('Bob') + 3, 'PER'), e(at('Rome'), at('Rome') + 4, 'LOC')],
        [e(at('Bob'), at('Bob x') + 5, 'PER')],
      ]);
      return tally.report();
    };
    const emoji = report('😀😀😀 Bob x y Rome z');
    const letters = report('abc Bob x y Rome z');
    expect(emoji.unitizingAlpha).toBeCloseTo(letters.unitizingAlpha!, 12);
    expect(emoji.labels.PER.unitizingAlpha).toBeCloseTo(letters.labels.PER.unitizingAlpha!, 12);
    expect(emoji.labels.LOC.unitizingAlpha).toBeCloseTo(letters.labels.LOC.unitizingAlpha!, 12);
    expect(emoji.documents[0].unitizingAlpha).toBeCloseTo(letters.unitizingAlpha!, 12);
  });

  it('gives per-label figures: that label against all others, its entities only', () => {
    const tally = new AgreementTally(['anna', 'ben', 'cleo']);
    tally.add('a.txt', TEXT, COPIES);
    const { labels } = tally.report();
    expect(Object.keys(labels)).toEqual(['LOC', 'ORG', 'PER']);
    expect(labels.LOC.entities).toEqual([1, 0, 1]);
    const isLoc = TOKENS.map((copy) => copy.map((category) => category === 'LOC'));
    expect(labels.LOC.pairs[0].cohenKappa).toBeCloseTo(cohenKappa(isLoc[0], isLoc[1])!, 12);
    const units = isLoc[0].map((_value, k) => isLoc.map((copy) => copy[k]));
    expect(labels.LOC.fleissKappa).toBeCloseTo(tallyUnits(units).fleissKappa()!, 12);
    expect(labels.LOC.krippendorffAlpha).toBeCloseTo(tallyUnits(units).krippendorffAlpha()!, 12);
    expect(labels.LOC.pairs[1].strictF1).toBe(1);
    expect(labels.ORG.pairs[0].strictRecall).toBe(0);
  });

  it('warns in words where the figures should not be trusted', () => {
    const tally = new AgreementTally(['anna', 'ben', 'cleo']);
    tally.add('a.txt', TEXT, COPIES);
    const { warnings } = tally.report();
    expect(warnings).toContain(
      'Only 8 tokens compared: with fewer than 100, κ and α swing widely; do not trust them.',
    );
    expect(warnings).toContain(
      "Only ben used ORG: its figures measure one annotator's choice, not agreement.",
    );
    expect(warnings.some((warning) => warning.startsWith('PER is rare'))).toBe(true);
  });

  it('gives no span score (null) where neither copy of a pair holds an entity', () => {
    const tally = new AgreementTally(['anna', 'ben', 'cleo']);
    const figures = tally.add('a.txt', TEXT, [[], [], [e(0, 4, 'PER')]]);
    expect(figures.pairs[0]).toMatchObject({
      strictPrecision: null,
      strictRecall: null,
      strictF1: null,
      exactF1: null,
      partialF1: null,
      typeF1: null,
    });
    // cleo's entity is spurious against anna's none: total disagreement, not an unknown.
    expect(figures.pairs[1]).toMatchObject({ strictPrecision: 0, strictF1: 0 });
    const report = tally.report();
    expect(report.pairs[0].strictF1).toBeNull();
    expect(report.labels.PER.pairs[0].strictF1).toBeNull();
    expect(report.labels.PER.pairs[2].strictF1).toBe(0);
    expect(report.warnings).not.toContain(
      'No copy holds any entity: there is nothing to agree on.',
    );
  });

  it('says there is nothing to agree on, and no span score, where no copy holds an entity', () => {
    const tally = new AgreementTally(['anna', 'ben']);
    const figures = tally.add('a.txt', TEXT, [[], []]);
    expect(figures.pairs[0].strictF1).toBeNull();
    expect(tally.report().warnings).toContain(
      'No copy holds any entity: there is nothing to agree on, and no span score to give.',
    );
  });

  it('gives no figure, and one warning, when no document was compared', () => {
    const report = new AgreementTally(['anna', 'ben']).report();
    expect(report.items).toBe(0);
    expect(report.pairs[0]).toMatchObject({ cohenKappa: null, strictF1: null, typeF1: null });
    expect(report.krippendorffAlpha).toBeNull();
    expect(report.warnings).toEqual(['No document was compared: there is nothing to measure.']);
  });
});

describe('span scores of a pair, against the worked example of nervaluate (SemEval-2013 §9.1)', () => {
  // The six scenarios of nervaluate's README (missed, spurious, boundary, type, both, exact) and
  // one more exact match: its "putting all together" table counts possible = actual = 6.
  const text = 'tikosyn healthy of warfarin propranolol phenytoin oral contraceptives aspirin';
  const tokens = [...text.matchAll(/\S+/g)].map((match) => match.index);
  const span = (first: number, last: number, label: string) =>
    e(tokens[first], tokens[last] + text.slice(tokens[last]).split(' ')[0].length, label);
  const gold = [
    span(0, 0, 'BRAND'),
    span(3, 3, 'DRUG'),
    span(4, 4, 'DRUG'),
    span(5, 5, 'DRUG'),
    span(7, 7, 'GROUP'),
    span(8, 8, 'DRUG'),
  ];
  const predicted = [
    span(1, 1, 'BRAND'),
    span(2, 3, 'DRUG'),
    span(4, 4, 'BRAND'),
    span(5, 5, 'DRUG'),
    span(6, 7, 'DRUG'),
    span(8, 8, 'DRUG'),
  ];

  it('gives strict 0.33, exact 0.5, partial 0.66 and type 0.5 (precision = recall = F1)', () => {
    const tally = new AgreementTally(['gold', 'system']);
    const [pair] = tally.add('drugs.txt', text, [gold, predicted]).pairs;
    const expected = { strict: 2 / 6, exact: 3 / 6, partial: 4 / 6, type: 3 / 6 };
    for (const [scheme, value] of Object.entries(expected)) {
      const figures = pair as unknown as Record<string, number>;
      expect(figures[`${scheme}Precision`]).toBeCloseTo(value, 3);
      expect(figures[`${scheme}Recall`]).toBeCloseTo(value, 3);
      expect(figures[`${scheme}F1`]).toBeCloseTo(value, 3);
    }
    // The table's counts: COR, INC, PAR, MIS, SPU per scheme.
    const scores = scoreEntities(gold, predicted);
    const counts = (scheme: ScoreScheme) => {
      const { correct, incorrect, partial, missed, spurious } = scores[scheme];
      return [correct, incorrect, partial, missed, spurious];
    };
    expect(counts('type')).toEqual([3, 2, 0, 1, 1]);
    expect(counts('partial')).toEqual([3, 0, 2, 1, 1]);
    expect(counts('exact')).toEqual([3, 2, 0, 1, 1]);
    expect(counts('strict')).toEqual([2, 3, 0, 1, 1]);
  });
});

describe('tokenSpansOf', () => {
  it('finds the tokens tokenSpans finds (maximal runs of anything but ASCII whitespace)', () => {
    for (const text of ['', ' ', 'a', ' a b\tc\r\nd\u000b\u000ce ', '😀 é\u00a0x  ', 'end.']) {
      const spans = tokenSpansOf(text);
      const found = Array.from(spans.starts, (start, k) => [start, spans.ends[k]]);
      expect(found).toEqual(tokenSpans(text));
    }
  });
});
