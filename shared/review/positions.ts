// Where a plain-text offset of a document sits in its bracket file: line and column, markup counted.
import type { BracketDocument } from '../format/document';
import { codePointLength, lineIndexAt, lineStarts, type Position } from '../format/position';
import { openMarker } from '../format/serialize';

/** How many ascending values are below limit (or at most limit when inclusive). */
function countBelow(values: ArrayLike<number>, limit: number, inclusive: boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] < limit || (inclusive && values[mid] === limit)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A function giving the 1-based line and column (in code points, as diagnostics count them) in the
 * bracket file of a plain-text offset: the plain line is the file line, and the column adds the
 * open and close markers written before the offset on that line.
 */
export function filePositions(doc: BracketDocument): (offset: number) => Position {
  const starts = lineStarts(doc.text);
  const count = doc.entities.length;
  const entityStarts = new Int32Array(count);
  const entityEnds = new Int32Array(count);
  // opens[k] / closes[k]: code points of the open / close markers of the first k entities.
  const opens = new Int32Array(count + 1);
  const closes = new Int32Array(count + 1);
  const openLengths = new Map<string, number>();
  doc.entities.forEach((entity, k) => {
    entityStarts[k] = entity.start;
    entityEnds[k] = entity.end;
    let open = openLengths.get(entity.label);
    if (open === undefined)
      openLengths.set(entity.label, (open = codePointLength(openMarker(entity.label))));
    opens[k + 1] = opens[k] + open;
    closes[k + 1] = closes[k] + (entity.close ?? doc.closeStyle).length;
  });
  /** Marker code points written before plain offset. */
  const markupBefore = (offset: number) =>
    opens[countBelow(entityStarts, offset, false)] + closes[countBelow(entityEnds, offset, true)];
  // The last offset asked and its plain column: a later offset on its line counts on from there,
  // so ascending offsets on one long line cost one walk over it.
  let last = { offset: 0, line: 0, column: 0 };
  return (offset) => {
    const line = lineIndexAt(starts, offset);
    const from =
      line === last.line && offset >= last.offset
        ? last
        : { offset: starts[line], line, column: 0 };
    last = { offset, line, column: from.column + codePointLength(doc.text, from.offset, offset) };
    return {
      line: line + 1,
      column: last.column + 1 + markupBefore(offset) - markupBefore(starts[line]),
    };
  };
}
