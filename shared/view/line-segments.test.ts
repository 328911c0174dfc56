import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { parse } from '../format/parse';
import { lineParts, type LineContent } from './line-parts';
import { lineSegments, sameSegment } from './line-segments';

/** One line of `count` entities, and its content with the selection at [start, end). */
function longLine(
  count: number,
  selection: { start: number; end: number } | null = null,
  added: Entity | null = null,
) {
  const doc = parse(`${'word [LOC Rome  ] some more words '.repeat(count)}end\n`);
  const entities = added
    ? [...doc.entities, { ...added, id: -1 }].sort((a, b) => a.start - b.start)
    : doc.entities;
  const line: LineContent = {
    start: 0,
    text: doc.text.slice(0, doc.text.indexOf('\n')),
    entities,
    diagnostics: [],
    selection,
  };
  return lineParts(line);
}

describe('a long line in segments', () => {
  it('cuts between parts every 2,000 characters or so, losing and repeating none', () => {
    const parts = longLine(1_000);
    const segments = lineSegments(parts);
    expect(segments.length).toBeGreaterThan(4);
    expect(segments.flat()).toEqual(parts);
    expect(lineSegments(longLine(3))).toHaveLength(1);
  });

  it('tells a segment the selection moved into from those it left alone', () => {
    const before = lineSegments(longLine(1_000));
    const after = lineSegments(longLine(1_000, { start: 5_005, end: 5_009 }));
    const changed = before.map((segment, k) => !sameSegment(segment, after[k]));
    expect(changed.filter(Boolean)).toHaveLength(1);
  });

  it('redraws at most the two segments beside an added entity, wherever it is added', () => {
    const before = lineSegments(longLine(1_000));
    // Each word of the last text of a segment: tagging one moves the cut beside it at most.
    const words = before.slice(0, -1).flatMap((segment) => {
      const last = segment.findLast((part) => part.kind === 'text')!;
      return last.pieces.flatMap((piece) =>
        [...piece.text.matchAll(/\w+/g)].map((word) => ({
          start: piece.start + word.index,
          end: piece.start + word.index + word[0].length,
          label: 'ORG',
        })),
      );
    });
    expect(words.length).toBeGreaterThan(before.length);
    for (const word of words) {
      const after = lineSegments(longLine(1_000, null, word));
      expect(after.flat()).toHaveLength(before.flat().length + 2);
      const changed = after.filter((segment, k) => !before[k] || !sameSegment(segment, before[k]));
      expect(changed.length).toBeLessThanOrEqual(2);
    }
  });
});
