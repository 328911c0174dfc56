// Chance-corrected agreement on categories: Cohen's κ per pair, Fleiss' κ, Krippendorff's nominal α, Gwet's AC1.

/** A figure that the data cannot give (no items, or chance agreement already perfect) is null. */
export type Figure = number | null;

/** (observed − chance) / (1 − chance), or null where chance is already perfect. */
function chanceCorrected(observed: number, chance: number): Figure {
  if (!Number.isFinite(observed) || !Number.isFinite(chance) || chance >= 1 - 1e-12) return null;
  return (observed - chance) / (1 - chance);
}

/**
 * How two raters' categories coincide over items: counts[a][b] items the first put in category a
 * and the second in b. Categories are small integers; the table grows as larger ones are added.
 */
export class Confusion {
  private size = 0;
  private counts = new Float64Array(0);
  items = 0;

  /** Counts one item (or weight items) rated a by the first rater and b by the second. */
  add(a: number, b: number, weight = 1): void {
    if (a >= this.size || b >= this.size) this.grow(Math.max(a, b) + 1);
    this.counts[a * this.size + b] += weight;
    this.items += weight;
  }

  /** Adds another table into this one (documents into a corpus). */
  addAll(other: Confusion): void {
    for (let a = 0; a < other.size; a++) {
      for (let b = 0; b < other.size; b++) {
        const count = other.count(a, b);
        if (count !== 0) this.add(a, b, count);
      }
    }
  }

  count(a: number, b: number): number {
    return a < this.size && b < this.size ? this.counts[a * this.size + b] : 0;
  }

  /** The number of categories the table spans. */
  get categories(): number {
    return this.size;
  }

  /** The same items with every category but `category` merged into one (0: not it, 1: it). */
  binary(category: number): Confusion {
    const result = new Confusion();
    for (let a = 0; a < this.size; a++) {
      for (let b = 0; b < this.size; b++) {
        const count = this.count(a, b);
        if (count !== 0) result.add(a === category ? 1 : 0, b === category ? 1 : 0, count);
      }
    }
    return result;
  }

  /** Cohen's κ (1960): observed agreement corrected by each rater's own category shares. */
  cohenKappa(): Figure {
    if (this.items === 0) return null;
    let agreed = 0;
    let chance = 0;
    for (let c = 0; c < this.size; c++) {
      agreed += this.count(c, c);
      chance += this.rowTotal(c) * this.columnTotal(c);
    }
    return chanceCorrected(agreed / this.items, chance / (this.items * this.items));
  }

  /** Gwet's AC1 for two raters: chance from the pooled shares of the categories used. */
  gwetAC1(): Figure {
    if (this.items === 0) return null;
    let agreed = 0;
    let spread = 0;
    let used = 0;
    for (let c = 0; c < this.size; c++) {
      agreed += this.count(c, c);
      const share = (this.rowTotal(c) + this.columnTotal(c)) / (2 * this.items);
      if (share > 0) used++;
      spread += share * (1 - share);
    }
    if (used < 2) return null;
    return chanceCorrected(agreed / this.items, spread / (used - 1));
  }

  private rowTotal(a: number): number {
    let total = 0;
    for (let b = 0; b < this.size; b++) total += this.counts[a * this.size + b];
    return total;
  }

  private columnTotal(b: number): number {
    let total = 0;
    for (let a = 0; a < this.size; a++) total += this.counts[a * this.size + b];
    return total;
  }

  private grow(size: number): void {
    const next = new Float64Array(size * size);
    for (let a = 0; a < this.size; a++) {
      next.set(this.counts.subarray(a * this.size, (a + 1) * this.size), a * size);
    }
    this.size = size;
    this.counts = next;
  }
}

/**
 * Items rated by several raters, kept as the sums that Fleiss' κ, Krippendorff's α (nominal) and
 * Gwet's AC1 need, so documents add up one at a time. An item is the count of raters who put it in
 * each category; raters may be missing on some items (Krippendorff's α allows that).
 */
export class CategoryTally {
  /** Items with at least two ratings (the pairable ones). */
  items = 0;
  /** Items of any number of ratings. */
  allItems = 0;
  /** Ratings on pairable items. */
  ratings = 0;
  /** Per category: its ratings on pairable items. */
  private totals: number[] = [];
  /** Per category: Σ over items of n(n − 1) / (m − 1), n its ratings and m the item's. */
  private coincidences: number[] = [];
  /** Per category: Σ over items of n(n − 1) / (m(m − 1)) (the share of rater pairs agreeing on it). */
  private pairShares: number[] = [];
  /** Per category: Σ over items of n / m. */
  private shares: number[] = [];
  /** Per category: Σ over items of n². */
  private squares: number[] = [];
  /** The number of raters when every item had the same, else -1 (0 before any item). */
  private raters = 0;

  /** Adds one item (or `items` alike): counts[c] raters put it in category c. */
  addItem(counts: ArrayLike<number>, items = 1): void {
    let m = 0;
    for (let c = 0; c < counts.length; c++) m += counts[c];
    this.allItems += items;
    if (m < 2) return;
    this.raters = this.raters === 0 || this.raters === m ? m : -1;
    this.items += items;
    this.ratings += m * items;
    for (let c = 0; c < counts.length; c++) {
      const n = counts[c];
      if (n === 0) continue;
      this.bump(
        c,
        n * items,
        (items * n * (n - 1)) / (m - 1),
        (items * n * (n - 1)) / (m * (m - 1)),
        (items * n) / m,
        items * n * n,
      );
    }
  }

  /** Adds another tally into this one (documents into a corpus). */
  addAll(other: CategoryTally): void {
    if (other.items === 0) {
      this.allItems += other.allItems;
      return;
    }
    this.raters = this.raters === 0 || this.raters === other.raters ? other.raters : -1;
    this.items += other.items;
    this.allItems += other.allItems;
    this.ratings += other.ratings;
    for (let c = 0; c < other.totals.length; c++) {
      this.bump(
        c,
        other.totals[c],
        other.coincidences[c],
        other.pairShares[c],
        other.shares[c],
        other.squares[c],
      );
    }
  }

  /**
   * The same items with every category but `category` merged into one (0: not it, 1: it). Exact
   * when every item has the same number of raters (as tokens of copies of one text do).
   */
  binary(category: number): CategoryTally {
    const result = new CategoryTally();
    const m = this.raters;
    if (this.items === 0 || m < 2) return result;
    const n = this.items;
    const total = this.totals[category] ?? 0;
    const square = this.squares[category] ?? 0;
    // Σ (m − k)² and Σ (m − k)(m − k − 1) over items, k the item's count of the category.
    const otherSquares = n * m * m - 2 * m * total + square;
    const otherPairs = otherSquares - (n * m - total);
    result.raters = m;
    result.items = n;
    result.allItems = this.allItems;
    result.ratings = this.ratings;
    result.bump(
      0,
      n * m - total,
      otherPairs / (m - 1),
      otherPairs / (m * (m - 1)),
      n - total / m,
      otherSquares,
    );
    result.bump(
      1,
      total,
      this.coincidences[category] ?? 0,
      this.pairShares[category] ?? 0,
      this.shares[category] ?? 0,
      square,
    );
    return result;
  }

  /** Fleiss' κ (1971); null unless every item had the same number of raters. */
  fleissKappa(): Figure {
    const m = this.raters;
    if (this.items === 0 || m < 2) return null;
    const observed = sum(this.pairShares) / this.items;
    let chance = 0;
    for (const total of this.totals) chance += (total / this.ratings) ** 2;
    return chanceCorrected(observed, chance);
  }

  /** Krippendorff's α with the nominal distance, from the coincidences of pairable values. */
  krippendorffAlpha(): Figure {
    const n = this.ratings;
    if (n < 2) return null;
    const observedAgreement = sum(this.coincidences) / n;
    let expectedAgreement = 0;
    for (const total of this.totals) expectedAgreement += total * (total - 1);
    expectedAgreement /= n * (n - 1);
    if (expectedAgreement >= 1 - 1e-12) return null;
    return 1 - (1 - observedAgreement) / (1 - expectedAgreement);
  }

  /** Gwet's AC1 (2008) for several raters, chance from the categories used. */
  gwetAC1(): Figure {
    if (this.items === 0) return null;
    const used = this.totals.filter((total) => total > 0).length;
    if (used < 2) return null;
    const observed = sum(this.pairShares) / this.items;
    let spread = 0;
    for (const share of this.shares) {
      const p = share / this.items;
      spread += p * (1 - p);
    }
    return chanceCorrected(observed, spread / (used - 1));
  }

  /** How many ratings (on pairable items) each category has. */
  categoryTotals(): readonly number[] {
    return this.totals;
  }

  private bump(
    c: number,
    total: number,
    coincidence: number,
    pairShare: number,
    share: number,
    square: number,
  ): void {
    while (this.totals.length <= c) {
      this.totals.push(0);
      this.coincidences.push(0);
      this.pairShares.push(0);
      this.shares.push(0);
      this.squares.push(0);
    }
    this.totals[c] += total;
    this.coincidences[c] += coincidence;
    this.pairShares[c] += pairShare;
    this.shares[c] += share;
    this.squares[c] += square;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Cohen's κ of two raters' category sequences (any values compared by identity). */
export function cohenKappa<T>(first: readonly T[], second: readonly T[]): Figure {
  const confusion = new Confusion();
  const index = indexer<T>();
  first.forEach((value, k) => confusion.add(index(value), index(second[k])));
  return confusion.cohenKappa();
}

/**
 * A tally of units rated by several raters: units[u][r] rater r's value on unit u, null where that
 * rater gave none (Krippendorff's reliability data matrix, transposed to units).
 */
export function tallyUnits<T>(units: ReadonlyArray<ReadonlyArray<T | null>>): CategoryTally {
  const tally = new CategoryTally();
  const index = indexer<T>();
  for (const unit of units) {
    const counts: number[] = [];
    for (const value of unit) {
      if (value === null) continue;
      const c = index(value);
      while (counts.length <= c) counts.push(0);
      counts[c]++;
    }
    tally.addItem(counts);
  }
  return tally;
}

/** Numbers each distinct value in the order first seen. */
function indexer<T>(): (value: T) => number {
  const seen = new Map<T, number>();
  return (value) => {
    let c = seen.get(value);
    if (c === undefined) seen.set(value, (c = seen.size));
    return c;
  };
}
