// Converts offsets between JavaScript's UTF-16 units and the Unicode code points Python tools count.
import { isTokenEnd, isTokenStart } from '../format/tokens';

/** Whether a UTF-16 unit is the low (second) half of a surrogate pair: no cut goes before it. */
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Offset conversion for one text, precomputed so each lookup is a binary search. */
export interface CodePointIndex {
  /** Code point offset of a UTF-16 offset (one inside a surrogate pair counts as the pair's start). */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code point offset, or -1 when it lies outside the text. */
  toUtf16(codePoint: number): number;
  /** Length of the text in code points. */
  readonly length: number;
}

export function codePointIndex(text: string): CodePointIndex {
  // UTF-16 offsets of the code points that take two units: every later offset shifts by one.
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (isLowSurrogate(low)) {
        pairs.push(i);
        i++;
      }
    }
  }
  const length = text.length - pairs.length;
  /** How many pairs start before the UTF-16 offset limit. */
  const pairsBefore = (limit: number) => {
    let low = 0;
    let high = pairs.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[mid] < limit) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return {
    length,
    toCodePoint(utf16) {
      const before = pairsBefore(utf16);
      const inside = before > 0 && pairs[before - 1] === utf16 - 1 ? 1 : 0;
      return utf16 - before + inside;
    },
    toUtf16(codePoint) {
      if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > length) return -1;
      // The k-th pair sits at code point pairs[k] - k; count the pairs strictly before codePoint.
      let low = 0;
      let high = pairs.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (pairs[mid] - mid < codePoint) low = mid + 1;
        else high = mid;
      }
      return codePoint + low;
    },
  };
}

/** Said of a record whose offsets look counted in UTF-16 units (see countedInUtf16). */
export const UTF16_OFFSETS =
  'its offsets cut words as code points, but not as UTF-16 units (as JavaScript counts): were they written by such a tool? Convert them to code points';

/**
 * Whether entities read from offsets in code points look as if the offsets were UTF-16 units (as
 * tools in JavaScript count): read as code points some cut words, read as UTF-16 units none do.
 * Only a text with characters beyond the BMP (an emoji, say) can tell the two apart.
 */
export function countedInUtf16(
  text: string,
  entities: ReadonlyArray<{ start: number; end: number }>,
  index: CodePointIndex,
): boolean {
  if (index.length === text.length || entities.length === 0) return false;
  const cutsWords = (start: number, end: number) =>
    !isTokenStart(text, start) || !isTokenEnd(text, end);
  if (!entities.some(({ start, end }) => cutsWords(start, end))) return false;
  return entities.every(({ start, end }) => {
    const [from, to] = [index.toCodePoint(start), index.toCodePoint(end)];
    return to <= text.length && from < to && !cutsWords(from, to);
  });
}
