// Offsets to 1-based lines and columns (columns in Unicode code points), and a line-start index.

export interface Position {
  line: number;
  column: number;
}

/** The offset where each line starts; line n (1-based) starts at starts[n - 1]. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Where each line starts (as lineStarts counts lines), the length last: 0-based line k is [bounds[k], bounds[k + 1]). */
export function lineBounds(text: string): number[] {
  const bounds = lineStarts(text);
  bounds.push(text.length);
  return bounds;
}

/** The 0-based index of the line holding offset. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where the line holding `offset` ends: at its line feed, or the text's end. */
export function lineEndFrom(text: string, offset: number): number {
  const feed = text.indexOf('\n', offset);
  return feed === -1 ? text.length : feed;
}

/** Where 0-based line `line` ends: at its line feed, the text's end for the last line. */
export function lineEndAt(starts: readonly number[], textLength: number, line: number): number {
  return line + 1 < starts.length ? starts[line + 1] - 1 : textLength;
}

/** Steps a line cursor takes forward before it searches instead. */
const STEPS_BEFORE_SEARCH = 8;

/**
 * lineIndexAt for offsets that mostly come in ascending order and close together: each steps on
 * from the line of the offset before, and searches only when that is behind it or far away.
 */
export function lineCursor(starts: readonly number[]): (offset: number) => number {
  let line = 0;
  return (offset) => {
    if (starts[line] > offset) return (line = lineIndexAt(starts, offset));
    for (let steps = 0; line + 1 < starts.length && starts[line + 1] <= offset; steps++) {
      if (steps === STEPS_BEFORE_SEARCH) return (line = lineIndexAt(starts, offset));
      line++;
    }
    return line;
  };
}

/** Code points in text[from, to): a surrogate pair counts once. */
export function codePointLength(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    count++;
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
  }
  return count;
}

export function positionAt(text: string, starts: readonly number[], offset: number): Position {
  const index = lineIndexAt(starts, offset);
  return { line: index + 1, column: codePointLength(text, starts[index], offset) + 1 };
}

/** Positions of ascending offsets, found in one forward walk over the text. */
export function locateOffsets(text: string, ascending: readonly number[]): Position[] {
  const positions: Position[] = [];
  let line = 1;
  let feed = text.indexOf('\n');
  let counted = 0; // offset up to which the current line's columns are counted
  let column = 1;
  for (const offset of ascending) {
    while (feed !== -1 && feed < offset) {
      line++;
      counted = feed + 1;
      column = 1;
      feed = text.indexOf('\n', counted);
    }
    column += codePointLength(text, counted, offset);
    counted = offset;
    positions.push({ line, column });
  }
  return positions;
}

/** Said of a text whose lines end with lone carriage returns (see endsLinesWithReturns). */
export const LONE_RETURNS =
  'its lines end with lone carriage returns (classic Mac OS), so it reads as one line; convert its line ends to LF first';

/**
 * Whether a text's lines end with lone carriage returns (a file of classic Mac OS): it has no line
 * feed, and more than one carriage return or one at its end (one inside a line is a character).
 */
export function endsLinesWithReturns(text: string): boolean {
  if (text.includes('\n')) return false;
  const first = text.indexOf('\r');
  if (first === -1) return false;
  return first === text.length - 1 || text.indexOf('\r', first + 1) !== -1;
}
