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

/** How many tokens text holds, counted by scanning its code units (no allocation per token). */
export function countTokens(text: string): number {
  let count = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (!space && !inToken) count++;
    inToken = !space;
  }
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
