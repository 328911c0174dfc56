// Agreement between several annotators' copies of a corpus, one document (a tuple of copies) at a time.
import { codePointIndex } from '../convert/code-points';
import type { Entity } from '../format/document';
import {
  countEntities,
  mergeCounts,
  SCORE_SCHEMES,
  scoresFromCounts,
  type ScoreCounts,
} from '../review/scores';
import { CategoryTally, Confusion, type Figure } from './coefficients';
import type { AgreementFigures, AgreementReport, DocumentAgreement } from './report';
import { OUTSIDE, tokenCategories, tokenSpansOf } from './token-categories';
import { UnitizingTally } from './unitizing';
import { agreementWarnings } from './warnings';

/** The sums behind the figures of some documents; documents add into a corpus. */
class Tallies {
  readonly confusions: Confusion[] = [];
  readonly scores: ScoreCounts[] = [];
  readonly categories = new CategoryTally();
  readonly unitizing: UnitizingTally;
  readonly entities: number[];
  /** Per label, how many entities of it each copy holds. */
  readonly labelEntities = new Map<string, number[]>();

  constructor(readonly copies: number) {
    this.unitizing = new UnitizingTally(copies);
    this.entities = new Array<number>(copies).fill(0);
    for (const _pair of pairsOf(copies)) {
      this.confusions.push(new Confusion());
      this.scores.push(mergeCounts([]));
    }
  }

  get items(): number {
    return this.categories.allItems;
  }

  countEntities(copy: number, entities: readonly Entity[]): void {
    this.entities[copy] += entities.length;
    for (const entity of entities) {
      let counts = this.labelEntities.get(entity.label);
      if (!counts) this.labelEntities.set(entity.label, (counts = this.entities.map(() => 0)));
      counts[copy]++;
    }
  }

  /** Adds a document's tallies (its continuum appended to the corpus's for the unitizing α). */
  addAll(other: Tallies): void {
    this.unitizing.addAll(other.unitizing);
    other.confusions.forEach((confusion, k) => this.confusions[k].addAll(confusion));
    other.scores.forEach((scores, k) => (this.scores[k] = mergeCounts([this.scores[k], scores])));
    this.categories.addAll(other.categories);
    other.entities.forEach((n, copy) => (this.entities[copy] += n));
    for (const [label, counts] of other.labelEntities) {
      const mine = this.labelEntities.get(label) ?? this.entities.map(() => 0);
      counts.forEach((n, copy) => (mine[copy] += n));
      this.labelEntities.set(label, mine);
    }
  }
}

/** Tuples up to this many are counted in an array, beyond it in a map. */
const DENSE_TUPLES = 1 << 16;

/**
 * How many tokens have each tuple of categories (one per copy), the tuple written as a number in
 * base `base`, copy 0 its most significant digit (exact up to five copies of 1351 categories).
 */
function tupleCounts(
  tokens: number,
  categories: readonly Uint16Array[],
  base: number,
): Iterable<[number, number]> {
  const size = base ** categories.length;
  if (size <= DENSE_TUPLES) {
    const counts = new Float64Array(size);
    for (let k = 0; k < tokens; k++) {
      let tuple = 0;
      for (const copy of categories) tuple = tuple * base + copy[k];
      counts[tuple]++;
    }
    const found: Array<[number, number]> = [];
    counts.forEach((count, tuple) => count > 0 && found.push([tuple, count]));
    return found;
  }
  const counts = new Map<number, number>();
  for (let k = 0; k < tokens; k++) {
    let tuple = 0;
    for (const copy of categories) tuple = tuple * base + copy[k];
    counts.set(tuple, (counts.get(tuple) ?? 0) + 1);
  }
  return counts;
}

/**
 * The text's length and the copies' entities counted in code points, the characters of the
 * unitizing α (an emoji is one, not the two UTF-16 units JavaScript counts).
 */
function inCodePoints(text: string, copies: ReadonlyArray<readonly Entity[]>) {
  const offsets = codePointIndex(text);
  if (offsets.length === text.length) return { length: text.length, copies };
  const { toCodePoint } = offsets;
  return {
    length: offsets.length,
    copies: copies.map((entities) =>
      entities.map((entity) => ({
        ...entity,
        start: toCodePoint(entity.start),
        end: toCodePoint(entity.end),
      })),
    ),
  };
}

/** Every pair [i, j], i < j, in the order (0,1), (0,2), …, (1,2), …. */
function pairsOf(copies: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < copies; i++) for (let j = i + 1; j < copies; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * Streams documents in and gives the figures of each and, at the end, of the corpus:
 *
 *   const tally = new AgreementTally(['anna', 'ben', 'cleo']);
 *   for (const [path, text, copies] of documents) show(tally.add(path, text, copies));
 *   const report = tally.report();
 *
 * Every copy of a document is a list of entities (sorted, flat, as BracketDocument.entities) over
 * the same plain text; check the texts agree first (see textMismatch). Nothing of a document is
 * kept past add but its sums and its figures.
 */
export class AgreementTally {
  private readonly corpus: Tallies;
  private readonly documents: DocumentAgreement[] = [];
  /** Category numbers: 0 is O, then labels in the order first met. */
  private readonly categoryNumbers = new Map<string, number>([[OUTSIDE, 0]]);

  constructor(readonly annotators: readonly string[]) {
    if (annotators.length < 2) throw new Error('agreement needs at least two copies');
    this.corpus = new Tallies(annotators.length);
  }

  /** Adds one document: copies[k] is annotator k's entities over text. Returns its figures. */
  add(path: string, text: string, copies: ReadonlyArray<readonly Entity[]>): DocumentAgreement {
    if (copies.length !== this.annotators.length)
      throw new Error(`expected ${this.annotators.length} copies of ${path}, got ${copies.length}`);
    const tallies = new Tallies(copies.length);
    const tokens = tokenSpansOf(text);
    const categories = copies.map((entities) =>
      tokenCategories(tokens, entities, (label) => this.categoryOf(label)),
    );
    // Tokens grouped by the categories the copies give them (most tokens share a few such
    // tuples), each tuple then counted once with its number of tokens.
    const base = this.categoryNumbers.size;
    const tuples = tupleCounts(tokens.count, categories, base);
    const pairs = pairsOf(copies.length);
    const given = new Array<number>(copies.length);
    const counts = new Float64Array(base);
    for (const [tuple, tokenCount] of tuples) {
      counts.fill(0);
      for (
        let copy = copies.length - 1, rest = tuple;
        copy >= 0;
        copy--, rest = Math.floor(rest / base)
      ) {
        given[copy] = rest % base;
        counts[given[copy]]++;
      }
      tallies.categories.addItem(counts, tokenCount);
      pairs.forEach(([i, j], p) => tallies.confusions[p].add(given[i], given[j], tokenCount));
    }
    pairs.forEach(([i, j], p) => (tallies.scores[p] = countEntities(copies[i], copies[j])));
    copies.forEach((entities, copy) => tallies.countEntities(copy, entities));
    const characters = inCodePoints(text, copies);
    tallies.unitizing.addDocument(characters.length, characters.copies);
    this.corpus.addAll(tallies);
    const figures = { path, ...this.figures(tallies) };
    this.documents.push(figures);
    return figures;
  }

  /** The corpus figures so far, per label and per document, with warnings. */
  report(): AgreementReport {
    const overall = this.figures(this.corpus);
    const labels: Record<string, AgreementFigures> = {};
    for (const label of [...this.corpus.labelEntities.keys()].sort()) {
      labels[label] = this.labelFigures(label);
    }
    const report: AgreementReport = {
      annotators: [...this.annotators],
      ...overall,
      labels,
      documents: this.documents,
      warnings: [],
    };
    report.warnings = agreementWarnings(report, this.categoryShares());
    return report;
  }

  private categoryOf(label: string): number {
    let category = this.categoryNumbers.get(label);
    if (category === undefined)
      this.categoryNumbers.set(label, (category = this.categoryNumbers.size));
    return category;
  }

  /** Each category's share of all token ratings, by name. */
  private categoryShares(): Map<string, number> {
    const totals = this.corpus.categories.categoryTotals();
    const all = this.corpus.categories.ratings;
    const shares = new Map<string, number>();
    for (const [name, category] of this.categoryNumbers) {
      if (all > 0) shares.set(name, (totals[category] ?? 0) / all);
    }
    return shares;
  }

  private figures(tallies: Tallies): AgreementFigures {
    const scores = tallies.scores.map((counts) => scoresFromCounts(counts));
    return {
      items: tallies.items,
      entities: [...tallies.entities],
      pairs: pairsOf(tallies.copies).map(([i, j], p) => ({
        a: this.annotators[i],
        b: this.annotators[j],
        cohenKappa: tallies.confusions[p].cohenKappa(),
        gwetAC1: tallies.confusions[p].gwetAC1(),
        ...spanScores(scores[p]),
      })),
      fleissKappa: tallies.categories.fleissKappa(),
      krippendorffAlpha: tallies.categories.krippendorffAlpha(),
      unitizingAlpha: tallies.unitizing.alpha(),
      gwetAC1: tallies.categories.gwetAC1(),
    };
  }

  private labelFigures(label: string): AgreementFigures {
    const { corpus } = this;
    const category = this.categoryOf(label);
    const binary = corpus.categories.binary(category);
    return {
      items: corpus.items,
      entities: [...(corpus.labelEntities.get(label) ?? [])],
      pairs: pairsOf(corpus.copies).map(([i, j], p) => {
        const confusion = corpus.confusions[p].binary(category);
        const scores = scoresFromCounts(corpus.scores[p]);
        return {
          a: this.annotators[i],
          b: this.annotators[j],
          cohenKappa: confusion.cohenKappa(),
          gwetAC1: confusion.gwetAC1(),
          ...spanScores(perLabel(scores, label)),
        };
      }),
      fleissKappa: binary.fleissKappa(),
      krippendorffAlpha: binary.krippendorffAlpha(),
      unitizingAlpha: corpus.unitizing.categoryAlpha(label),
      gwetAC1: binary.gwetAC1(),
    };
  }
}

type Scores = ReturnType<typeof scoresFromCounts>;

/** One label's scores in the shape of the overall ones (empty where the pair never used it). */
function perLabel(scores: Scores, label: string): Scores {
  const result = {} as Scores;
  for (const scheme of SCORE_SCHEMES) {
    const score = scores[scheme].labels[label] ?? scoresFromCounts(mergeCounts([])).strict;
    result[scheme] = { ...score, labels: {} };
  }
  return result;
}

/**
 * Precision, recall and F1 of each scheme, flat (strictF1, exactPrecision, …); null where neither
 * copy holds an entity: there is nothing to score (where one holds some, 0 is total disagreement).
 */
function spanScores(scores: Scores) {
  const { strict, exact, partial, type } = scores;
  const scored = strict.possible + strict.actual > 0;
  const given = (value: number): Figure => (scored ? value : null);
  return {
    strictPrecision: given(strict.precision),
    strictRecall: given(strict.recall),
    strictF1: given(strict.f1),
    exactPrecision: given(exact.precision),
    exactRecall: given(exact.recall),
    exactF1: given(exact.f1),
    partialPrecision: given(partial.precision),
    partialRecall: given(partial.recall),
    partialF1: given(partial.f1),
    typePrecision: given(type.precision),
    typeRecall: given(type.recall),
    typeF1: given(type.f1),
  };
}
