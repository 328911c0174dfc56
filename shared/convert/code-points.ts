// Converts offsets between JavaScript's UTF-16 units and the Unicode code points Python tools count.

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
