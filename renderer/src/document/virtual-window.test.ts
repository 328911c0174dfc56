import { describe, expect, it } from 'vitest';
import { lineWindow, scrollToReveal, type Viewport } from './virtual-window';

const view: Viewport = { scrollTop: 0, height: 280, lineHeight: 28, lineCount: 1000, overscan: 5 };

describe('lineWindow', () => {
  it('renders the visible lines plus overscan below at the top', () => {
    expect(lineWindow(view)).toEqual({ first: 0, last: 16, top: 0, total: 28_000 });
  });

  it('renders overscan on both sides in the middle', () => {
    const window = lineWindow({ ...view, scrollTop: 28 * 500 + 10 });
    expect(window.first).toBe(495);
    expect(window.last).toBe(516);
    expect(window.top).toBe(495 * 28);
  });

  it('stops at the last line when scrolled to the end', () => {
    const window = lineWindow({ ...view, scrollTop: 28_000 - 280 });
    expect(window.last).toBe(1000);
    expect(window.first).toBe(990 - 5);
  });

  it('copes with a short document and an empty one', () => {
    expect(lineWindow({ ...view, lineCount: 3 })).toEqual({ first: 0, last: 3, top: 0, total: 84 });
    expect(lineWindow({ ...view, lineCount: 0 })).toMatchObject({ first: 0, last: 0, total: 0 });
  });

  it('keeps the DOM small for a document of a million lines', () => {
    const window = lineWindow({ ...view, lineCount: 1_000_000, scrollTop: 28 * 700_000 });
    expect(window.last - window.first).toBeLessThanOrEqual(22);
  });
});

describe('scrollToReveal', () => {
  it('leaves the scroll alone when the line is in view', () => {
    expect(scrollToReveal({ ...view, scrollTop: 280 }, 14)).toBe(280);
  });

  it('scrolls up or down to bring a line in with a margin', () => {
    expect(scrollToReveal({ ...view, scrollTop: 2800 }, 50)).toBe(48 * 28);
    expect(scrollToReveal(view, 100)).toBe(103 * 28 - 280);
    expect(scrollToReveal(view, 999)).toBe(28_000 - 280);
  });
});
