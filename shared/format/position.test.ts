// Line lookups: a line cursor finds the line lineIndexAt finds, whatever order offsets come in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineCursor, lineIndexAt, lineStarts } from './position';

describe('lineCursor', () => {
  it('finds the line lineIndexAt finds, for offsets ascending, descending, far apart or repeated', () => {
    const text = fc
      .array(fc.constantFrom('a', 'bc', '\n', '\n\n', 'éé'), { maxLength: 60 })
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 40 }), fc.boolean(), (src, raw, sorted) => {
        const starts = lineStarts(src);
        const offsets = raw.map((offset) => offset % (src.length + 1));
        if (sorted) offsets.sort((x, y) => x - y);
        const lineOf = lineCursor(starts);
        expect(offsets.map(lineOf)).toEqual(offsets.map((offset) => lineIndexAt(starts, offset)));
      }),
      { numRuns: 500 },
    );
  });

  it('steps far ahead through many short lines', () => {
    const starts = lineStarts('x\n'.repeat(100));
    const lineOf = lineCursor(starts);
    expect([0, 3, 40, 41, 199, 2].map(lineOf)).toEqual([0, 1, 20, 20, 99, 1]);
  });
});
