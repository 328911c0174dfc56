import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { lineParts, type LineContent } from './line-parts';
import { lineSegments, sameSegment } from './line-segments';

/** One line of `count` entities, and its content with the selection at [start, end). */
function longLine(count: number, selection: { start: number; end: number } | null = null) {
  const doc = parse(`${'word [LOC Rome  ] '.repeat(count)}end\n`);
  const line: LineContent = {
    start: 0,
    text: doc.text.slice(0, doc.text.indexOf('\n')),
    entities: doc.entities,
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
});
