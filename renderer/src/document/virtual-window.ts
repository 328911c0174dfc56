// Which lines of a long document to render: the visible ones plus overscan, over estimated-then-measured heights.

/**
 * Heights of every line of a document: an estimate (wrapped rows × row height) until the line has
 * been rendered and measured. Offsets are prefix sums, rebuilt lazily from the first line whose
 * measurement changed.
 */
export class LineHeights {
  private readonly heights: Float64Array;
  private readonly tops: Float64Array;
  /** Tops from this line on are out of date. */
  private staleFrom = 0;

  constructor(count: number, estimate: (line: number) => number) {
    this.heights = new Float64Array(count);
    this.tops = new Float64Array(count + 1);
    for (let line = 0; line < count; line++) this.heights[line] = estimate(line);
  }

  get count(): number {
    return this.heights.length;
  }

  /** Records a measured height; true when it differs from what was known. */
  set(line: number, height: number): boolean {
    if (line < 0 || line >= this.heights.length || this.heights[line] === height) return false;
    this.heights[line] = height;
    this.staleFrom = Math.min(this.staleFrom, line);
    return true;
  }

  height(line: number): number {
    return this.heights[line];
  }

  /** Pixel offset of the line's top (of the end, for line = count). */
  top(line: number): number {
    if (this.staleFrom < this.heights.length) {
      for (let i = this.staleFrom; i < this.heights.length; i++)
        this.tops[i + 1] = this.tops[i] + this.heights[i];
      this.staleFrom = this.heights.length;
    }
    return this.tops[Math.max(0, Math.min(line, this.heights.length))];
  }

  get total(): number {
    return this.top(this.heights.length);
  }

  /** The line at pixel offset y (clamped to the document). */
  lineAt(y: number): number {
    let low = 0;
    let high = this.heights.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.top(mid) <= y) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }
}

/** Rows a line of `length` characters wraps into at `columns` characters per row. */
export function estimatedRows(length: number, columns: number): number {
  return Math.max(1, Math.ceil(length / Math.max(1, columns)));
}

export interface Viewport {
  scrollTop: number;
  height: number;
  /** Extra lines rendered above and below the visible ones… */
  overscan: number;
  /** …reaching at most this many pixels beyond them (a row of a long line is a screen tall). */
  margin?: number;
}

export interface LineWindow {
  /** First rendered line (0-based). */
  first: number;
  /** One past the last rendered line. */
  last: number;
  /** Pixel offset of the first rendered line. */
  top: number;
  /** Height of the whole document. */
  total: number;
}

export function lineWindow(view: Viewport, heights: LineHeights): LineWindow {
  if (heights.count === 0) return { first: 0, last: 0, top: 0, total: 0 };
  const firstVisible = heights.lineAt(Math.max(0, view.scrollTop));
  const lastVisible = heights.lineAt(Math.max(0, view.scrollTop) + Math.max(0, view.height));
  const margin = view.margin ?? Infinity;
  const first = Math.max(
    0,
    firstVisible - view.overscan,
    heights.lineAt(Math.max(0, view.scrollTop - margin)),
  );
  const last = Math.min(
    heights.count,
    lastVisible + 1 + view.overscan,
    heights.lineAt(Math.max(0, view.scrollTop) + Math.max(0, view.height) + margin) + 1,
  );
  return { first, last, top: heights.top(first), total: heights.total };
}

/** The scrollTop that brings a line fully into view with a margin, or the current one when it already is. */
export function scrollToReveal(
  view: Viewport,
  heights: LineHeights,
  line: number,
  margin = 40,
): number {
  const top = heights.top(line);
  const bottom = top + heights.height(line);
  if (top - margin < view.scrollTop) return Math.max(0, top - margin);
  if (bottom + margin > view.scrollTop + view.height) {
    return Math.max(0, Math.min(bottom + margin - view.height, heights.total - view.height));
  }
  return view.scrollTop;
}
