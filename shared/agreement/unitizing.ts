// Krippendorff's unitizing α (1995) over spans: how far raters agree on where units of each category lie.
import type { Entity } from '../format/document';
import type { Figure } from './coefficients';

/** How many stretches (units or gaps) have each length: small lengths in an array, the rest in a map. */
class LengthCounts {
  private readonly small = new Float64Array(1024);
  private readonly large = new Map<number, number>();

  add(length: number, count = 1): void {
    if (length <= 0) return;
    if (length < this.small.length) this.small[length] += count;
    else this.large.set(length, (this.large.get(length) ?? 0) + count);
  }

  addAll(other: LengthCounts): void {
    for (const [length, count] of other.entries()) this.add(length, count);
  }

  /** [length, count] of every length counted, in no particular order. */
  *entries(): Generator<[number, number]> {
    for (let length = 1; length < this.small.length; length++)
      if (this.small[length] > 0) yield [length, this.small[length]];
    yield* this.large;
  }
}

/** Per category, what observed and expected disagreement need, summed as documents stream by. */
interface CategorySums {
  /** Σ over rater pairs of δ² between their units and gaps (Krippendorff 1995). */
  observed: number;
  /** Units of the category (all raters). */
  units: number;
  /** Unit lengths (all raters). */
  unitLengths: LengthCounts;
  /** Lengths of the gaps between two units of a rater (the gaps before its first and after its last come at the end). */
  gapLengths: LengthCounts;
  /** Per rater, where its first unit of the category starts, or -1 while it has none. */
  firstStart: number[];
  /** Per rater, where its last unit of the category ends (0 while it has none). */
  lastEnd: number[];
}

/**
 * The continuum is the documents' plain texts one after another (offsets in characters: code
 * points, as AgreementTally counts them); each rater marks units on it, a unit of one category
 * never overlapping another of that category by the same rater. Disagreement is computed per
 * category as DKPro Statistics does (KrippendorffAlphaUnitizingAgreement); the α over all
 * categories is 1 − ΣD_o / ΣD_e.
 */
export class UnitizingTally {
  private readonly categories = new Map<string, CategorySums>();
  /** The continuum's length so far. */
  private length = 0;

  constructor(readonly raters: number) {}

  /**
   * Adds one document of `length` to the continuum: units[r] rater r's entities on it, each sorted
   * by start and flat (as a BracketDocument's are).
   */
  addDocument(length: number, units: ReadonlyArray<readonly Entity[]>): void {
    const offset = this.length;
    for (let r = 0; r < this.raters; r++) {
      for (const unit of units[r]) {
        const sums = this.sums(unit.label);
        const start = offset + unit.start;
        if (sums.firstStart[r] === -1) sums.firstStart[r] = start;
        else sums.gapLengths.add(start - sums.lastEnd[r]);
        sums.unitLengths.add(unit.end - unit.start);
        sums.lastEnd[r] = offset + unit.end;
        sums.units++;
      }
      for (let other = r + 1; other < this.raters; other++) this.observe(units[r], units[other]);
    }
    this.length += length;
  }

  /**
   * Adds the δ² between two raters' units (each sorted, flat) to each category's observed
   * disagreement: overlapping units of one category give the squared differences of their starts
   * and of their ends; a unit that overlaps none of the other rater's units of its category lies
   * in a gap and gives its squared length.
   */
  private observe(first: readonly Entity[], second: readonly Entity[]): void {
    const firstAlone = new Uint8Array(first.length).fill(1);
    const secondAlone = new Uint8Array(second.length).fill(1);
    let j = 0;
    for (let i = 0; i < first.length; i++) {
      const unit = first[i];
      while (j < second.length && second[j].end <= unit.start) j++;
      for (let k = j; k < second.length && second[k].start < unit.end; k++) {
        const other = second[k];
        if (other.label !== unit.label) continue;
        this.sums(unit.label).observed +=
          (unit.start - other.start) ** 2 + (unit.end - other.end) ** 2;
        firstAlone[i] = 0;
        secondAlone[k] = 0;
      }
    }
    for (const [units, alone] of [
      [first, firstAlone],
      [second, secondAlone],
    ] as const) {
      for (let i = 0; i < units.length; i++) {
        if (alone[i]) this.sums(units[i].label).observed += (units[i].end - units[i].start) ** 2;
      }
    }
  }

  /** Appends another tally's continuum to this one's (a document's to the corpus so far). */
  addAll(other: UnitizingTally): void {
    const offset = this.length;
    for (const [category, more] of other.categories) {
      const sums = this.sums(category);
      sums.observed += more.observed;
      sums.units += more.units;
      sums.unitLengths.addAll(more.unitLengths);
      sums.gapLengths.addAll(more.gapLengths);
      for (let r = 0; r < this.raters; r++) {
        if (more.firstStart[r] === -1) continue;
        // The gap from this rater's last unit to its first in the appended continuum.
        if (sums.firstStart[r] === -1) sums.firstStart[r] = offset + more.firstStart[r];
        else sums.gapLengths.add(offset + more.firstStart[r] - sums.lastEnd[r]);
        sums.lastEnd[r] = offset + more.lastEnd[r];
      }
    }
    this.length += other.length;
  }

  /** The unitizing α over all categories; null without units or continuum. */
  alpha(): Figure {
    let observed = 0;
    let expected = 0;
    for (const category of this.categories.keys()) {
      const figures = this.disagreement(category);
      if (!figures) return null;
      observed += figures.observed;
      expected += figures.expected;
    }
    if (this.categories.size === 0 || expected === 0) return null;
    return 1 - observed / expected;
  }

  /** The unitizing α of one category (0 where observed and expected disagreement are equal, as DKPro). */
  categoryAlpha(category: string): Figure {
    const figures = this.disagreement(category);
    if (!figures || figures.expected === 0) return null;
    if (figures.observed === figures.expected) return 0;
    return 1 - figures.observed / figures.expected;
  }

  /** Observed and expected disagreement D_o and D_e of one category. */
  disagreement(category: string): { observed: number; expected: number } | null {
    const sums = this.categories.get(category);
    const L = this.length;
    const R = this.raters;
    if (!sums || L === 0 || R < 2) return null;
    const observed = (2 * sums.observed) / (R * (R - 1) * L * L);
    // Each rater's gaps before its first unit and after its last (the whole continuum if none).
    const gaps = new LengthCounts();
    gaps.addAll(sums.gapLengths);
    for (let r = 0; r < R; r++) {
      if (sums.firstStart[r] === -1) gaps.add(L);
      else {
        gaps.add(sums.firstStart[r]);
        gaps.add(L - sums.lastEnd[r]);
      }
    }
    const gapLengths = [...gaps.entries()].sort((a, b) => b[0] - a[0]);
    const unitLengths = [...sums.unitLengths.entries()].sort((a, b) => b[0] - a[0]);
    // For units of length l: Σ over gaps of length g ≥ l of (g − l + 1), from running sums of the
    // gaps (longest first).
    let gapCount = 0;
    let gapTotal = 0;
    let next = 0;
    let total = 0;
    let squaredLengths = 0;
    for (const [l, units] of unitLengths) {
      while (next < gapLengths.length && gapLengths[next][0] >= l) {
        const [length, n] = gapLengths[next++];
        gapCount += n;
        gapTotal += n * length;
      }
      const within = ((sums.units - 1) * (2 * l * l * l - 3 * l * l + l)) / 3;
      const fitting = l * l * (gapTotal - (l - 1) * gapCount);
      total += units * (within + fitting);
      squaredLengths += units * l * (l - 1);
    }
    const expected = ((2 / L) * total) / (R * L * (R * L - 1) - squaredLengths);
    return { observed, expected };
  }

  private sums(category: string): CategorySums {
    let sums = this.categories.get(category);
    if (!sums) {
      sums = {
        observed: 0,
        units: 0,
        unitLengths: new LengthCounts(),
        gapLengths: new LengthCounts(),
        firstStart: new Array<number>(this.raters).fill(-1),
        lastEnd: new Array<number>(this.raters).fill(0),
      };
      this.categories.set(category, sums);
    }
    return sums;
  }
}
