import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapFinder } from './overlaps';

interface Span {
  from: number;
  to: number;
}

const bySpanStart = (a: Span, b: Span) => a.from - b.from;
/** Spans of 0 to 5 units over [0, 40), by start. */
const spans = (shortest = 0) =>
  fc
    .array(fc.tuple(fc.nat(39), fc.integer({ min: shortest, max: 5 })), { maxLength: 30 })
    .map((pairs) => pairs.map(([from, length]) => ({ from, to: from + length })).sort(bySpanStart));

/** The items overlapping each span asked, in order, as the finder gives them and as filtering all finds them. */
function bothWays(items: readonly Span[], asked: readonly Span[]) {
  const find = overlapFinder(
    items,
    (item) => item.from,
    (item) => item.to,
  );
  return {
    found: asked.map(({ from, to }) => items.slice(...find(from, to))),
    filtered: asked.map(({ from, to }) => items.filter((item) => item.from < to && item.to > from)),
  };
}

describe('the items of a sorted list overlapping each span of a series', () => {
  it('are those that filtering the whole list finds, for items apart (tokens)', () => {
    const tokens = fc
      .array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 })), { maxLength: 30 })
      .map((steps) => {
        let at = 0;
        return steps.map(([gap, length]) => ({ from: (at += gap), to: (at += length) }));
      });
    fc.assert(
      fc.property(tokens, spans(), (items, asked) => {
        const { found, filtered } = bothWays(items, asked);
        expect(found).toEqual(filtered);
      }),
    );
  });

  it('are those that filtering the whole list finds, for marks within the regions asked', () => {
    fc.assert(
      fc.property(spans(1), (marks) => {
        const regions: Span[] = [];
        for (const { from, to } of marks) {
          const last = regions.at(-1);
          if (last && from < last.to) last.to = Math.max(last.to, to);
          else regions.push({ from, to });
        }
        const { found, filtered } = bothWays(marks, regions);
        expect(found).toEqual(filtered);
      }),
    );
  });
});
