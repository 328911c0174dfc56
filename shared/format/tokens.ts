// Tokens are maximal runs of anything but ASCII whitespace (the one definition): snapping, stepping, listing.

/** Whether a UTF-16 code unit is whitespace that separates tokens (space, tab, line ends, form feed). */
export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

export function isTokenStart(text: string, offset: number): boolean {
  return (
    offset >= 0 &&
    offset < text.length &&
    !isSpaceCode(text.charCodeAt(offset)) &&
    (offset === 0 || isSpaceCode(text.charCodeAt(offset - 1)))
  );
}

export function isTokenEnd(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset <= text.length &&
    !isSpaceCode(text.charCodeAt(offset - 1)) &&
    (offset === text.length || isSpaceCode(text.charCodeAt(offset)))
  );
}

/**
 * Widens [start, end) to whole tokens: start moves back to its token's start, end forward to its
 * token's end; leading and trailing whitespace is dropped. Null when the span holds no token.
 */
export function snapToTokens(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  if (from >= to) {
    if (start !== end) return null;
    // A caret touching a token snaps to that token.
    if (from < text.length && !isSpaceCode(text.charCodeAt(from))) to = from + 1;
    else if (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) from = from - 1;
    else return null;
  }
  while (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) from--;
  while (to < text.length && !isSpaceCode(text.charCodeAt(to))) to++;
  return { start: from, end: to };
}

/** The start of the token after the one starting at or containing offset, or -1 at the end of the line. */
export function nextTokenStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i++;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 10) return -1;
    i++;
  }
  return i < text.length ? i : -1;
}

/** The end of the token before the one ending at offset, or -1 at the start of the line. */
export function previousTokenEnd(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i--;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) {
    if (text.charCodeAt(i - 1) === 10) return -1;
    i--;
  }
  return i > 0 ? i : -1;
}

/** The start of the token before the one starting at offset, or -1 at the start of the line. */
export function previousTokenStart(text: string, offset: number): number {
  let i = previousTokenEnd(text, offset);
  if (i === -1) return -1;
  while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The end of the token after the one ending at offset, or -1 at the end of the line. */
export function nextTokenEnd(text: string, offset: number): number {
  let i = offset > 0 ? nextTokenStart(text, offset - 1) : -1;
  if (i === -1) return -1;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Whether each byte is ASCII whitespace that separates tokens, by byte value. */
const SPACE_BYTE = new Uint8Array(256);
for (const code of [9, 10, 11, 12, 13, 32]) SPACE_BYTE[code] = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * How many tokens the UTF-8 text in bytes holds: as many as tokenSpans lists in its decoded text,
 * because every byte of a multi-byte character is 0x80 or more, never whitespace. Four bytes are
 * looked at in one step (a fast path for corpus statistics).
 */
export function countTokensInUtf8(bytes: Uint8Array): number {
  let count = 0;
  let afterSpace = 1;
  let i = 0;
  const countByte = (byte: number) => {
    const space = SPACE_BYTE[byte];
    count += afterSpace & (space ^ 1);
    afterSpace = space;
  };
  // Byte by byte up to a 4-byte boundary (the whole text on a big-endian machine).
  const head = LITTLE_ENDIAN
    ? Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3)
    : bytes.length;
  for (; i < head; i++) countByte(bytes[i]);
  const wordCount = (bytes.length - i) >> 2;
  const words =
    wordCount > 0
      ? new Int32Array(bytes.buffer, bytes.byteOffset + i, wordCount)
      : new Int32Array(0);
  // In each word, the top bit of each byte says "this byte is whitespace" once computed.
  let spaceBefore = afterSpace << 7; // the previous byte's flag, where byte 0's flag sits
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    // Bytes equal to 0x20: bytes of word ^ 0x20202020 that are zero (exact, no borrow between bytes).
    const xored = word ^ 0x20202020;
    const blanks = ~(((xored & 0x7f7f7f7f) + 0x7f7f7f7f) | xored);
    // Bytes 9 to 13: at least 9 and not at least 14, among bytes under 0x80.
    const low = word & 0x7f7f7f7f;
    const controls = (low + 0x77777777) & ~(low + 0x72727272) & ~word;
    const spaces = (blanks | controls) & 0x80808080;
    // A token starts at a byte that is not whitespace where the byte before it is.
    const starts = ~spaces & 0x80808080 & ((spaces << 8) | spaceBefore);
    count += Math.imul(starts >>> 7, 0x01010101) >>> 24;
    spaceBefore = (spaces >>> 24) & 0x80;
  }
  i += words.length * 4;
  afterSpace = spaceBefore >> 7;
  for (; i < bytes.length; i++) countByte(bytes[i]);
  return count;
}

/** Whether text[start, end) holds a token (anything but whitespace). */
export function hasToken(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** Every [start, end) of text's tokens, in order. */
export function tokenSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpaceCode(text.charCodeAt(i));
    if (space && start !== -1) {
      spans.push([start, i]);
      start = -1;
    } else if (!space && start === -1) start = i;
  }
  return spans;
}
