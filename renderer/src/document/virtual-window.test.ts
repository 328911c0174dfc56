import { describe, expect, it } from 'vitest';
import {
  estimatedRows,
  LineHeights,
  lineWindow,
  scrollToReveal,
  type Viewport,
} from './virtual-window';

const view: Viewport = { scrollTop: 0, height: 280, overscan: 5 };
const uniform = (count: number) => new LineHeights(count, () => 28);

describe('lineWindow', () => {
  it('renders the visible lines plus overscan below at the top', () => {
    expect(lineWindow(view, uniform(1000))).toEqual({ first: 0, last: 16, top: 0, total: 28_000 });
  });

  it('renders overscan on both sides in the middle', () => {
    const window = lineWindow({ ...view, scrollTop: 28 * 500 + 10 }, uniform(1000));
    expect(window).toMatchObject({ first: 495, last: 516, top: 495 * 28 });
  });

  it('stops at the last line when scrolled to the end', () => {
    const window = lineWindow({ ...view, scrollTop: 28_000 - 280 }, uniform(1000));
    expect(window.last).toBe(1000);
    expect(window.first).toBe(990 - 5);
  });

  it('copes with a short document and an empty one', () => {
    expect(lineWindow(view, uniform(3))).toEqual({ first: 0, last: 3, top: 0, total: 84 });
    expect(lineWindow(view, uniform(0))).toEqual({ first: 0, last: 0, top: 0, total: 0 });
  });

  it('follows wrapped lines: estimated first, then measured', () => {
    const lengths = [10, 250, 10, 10, 10];
    const heights = new LineHeights(5, (line) => 28 * estimatedRows(lengths[line], 100));
    expect(heights.total).toBe(28 * 7);
    expect(lineWindow({ scrollTop: 28 * 3, height: 20, overscan: 0 }, heights)).toMatchObject({
      first: 1,
      last: 2,
    });
    // Rendered, line 1 took four rows (label chips widen it): everything below moves down.
    expect(heights.set(1, 28 * 4)).toBe(true);
    expect(heights.set(1, 28 * 4)).toBe(false);
    expect(heights.top(2)).toBe(28 * 5);
    expect(lineWindow({ scrollTop: 28 * 5, height: 28, overscan: 0 }, heights)).toMatchObject({
      first: 2,
      top: 28 * 5,
    });
    // Two more measurements, the later one further down: offsets follow both.
    expect(heights.set(0, 28 * 2)).toBe(true);
    expect(heights.set(3, 28 * 3)).toBe(true);
    expect(heights.top(3)).toBe(28 * (2 + 4 + 1));
    expect(heights.total).toBe(28 * (2 + 4 + 1 + 3 + 1));
  });

  it('keeps the DOM small for a document of a million lines', () => {
    const window = lineWindow({ ...view, scrollTop: 28 * 700_000 }, uniform(1_000_000));
    expect(window.last - window.first).toBeLessThanOrEqual(22);
  });

  it('renders no more overscan than the margin reaches: a few tall rows of a long line', () => {
    const tall = new LineHeights(100, () => 600);
    expect(
      lineWindow({ scrollTop: 600 * 50, height: 600, overscan: 20, margin: 4_000 }, tall),
    ).toMatchObject({ first: 43, last: 58 });
    // Lines of a few text rows keep their 20 lines of overscan within the margin.
    const short = new LineHeights(1000, () => 150);
    expect(
      lineWindow({ scrollTop: 150 * 500, height: 600, overscan: 20, margin: 4_000 }, short),
    ).toMatchObject({ first: 480, last: 525 });
  });
});

describe('scrollToReveal', () => {
  it('leaves the scroll alone when the line is in view', () => {
    expect(scrollToReveal({ ...view, scrollTop: 280 }, uniform(1000), 14)).toBe(280);
  });

  it('scrolls up or down to bring a line in with a margin', () => {
    expect(scrollToReveal({ ...view, scrollTop: 2800 }, uniform(1000), 50, 56)).toBe(48 * 28);
    expect(scrollToReveal(view, uniform(1000), 100, 56)).toBe(103 * 28 - 280);
    expect(scrollToReveal(view, uniform(1000), 999, 56)).toBe(28_000 - 280);
  });
});
