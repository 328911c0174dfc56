// The keyboard cursor: a whole token that arrow keys move by token and by line, across line breaks.
import { isSpaceCode, snapToTokens } from '../../../shared/format/tokens';
import type { Span } from './dom-selection';
import type { LineIndex } from '../../../shared/view/line-index';

const isSpace = (text: string, offset: number) => isSpaceCode(text.charCodeAt(offset));

/** The first token at or after offset, or null when only whitespace follows. */
export function tokenFrom(text: string, offset: number): Span | null {
  let i = offset;
  while (i < text.length && isSpace(text, i)) i++;
  return i < text.length ? snapToTokens(text, i, i) : null;
}

/** The last token ending at or before offset, or null when only whitespace precedes. */
export function tokenBefore(text: string, offset: number): Span | null {
  let i = offset;
  while (i > 0 && isSpace(text, i - 1)) i--;
  return i > 0 ? snapToTokens(text, i - 1, i - 1) : null;
}

/** The token after (direction 1) or before (-1) the span; the span itself at either end of the text. */
export function stepToken(text: string, span: Span, direction: 1 | -1): Span {
  const next = direction > 0 ? tokenFrom(text, span.end) : tokenBefore(text, span.start);
  return next ?? span;
}

/** The token of a line at or nearest `column`, or null for a line without one. */
function tokenNear(lines: LineIndex, line: number, column: number): Span | null {
  const start = lines.start(line);
  const end = lines.end(line);
  if (start === end) return null;
  const at = Math.min(start + column, end - 1);
  const candidates = [
    snapToTokens(lines.text, at, at),
    tokenFrom(lines.text, at),
    tokenBefore(lines.text, at),
  ];
  return candidates.find((found) => found && found.start >= start && found.end <= end) ?? null;
}

/**
 * The token `count` lines above or below the span's, near the same column: on the first line from
 * there (going on the same way, else coming back) that has one; the span itself when none has.
 */
export function stepLines(lines: LineIndex, span: Span, direction: 1 | -1, count: number): Span {
  const from = lines.lineOf(span.start);
  const column = span.start - lines.start(from);
  const target = Math.max(0, Math.min(lines.count - 1, from + direction * count));
  for (let line = target; line !== from && line >= 0 && line < lines.count; line += direction) {
    const token = tokenNear(lines, line, column);
    if (token) return token;
  }
  for (let line = target; line !== from; line -= direction) {
    const token = tokenNear(lines, line, column);
    if (token) return token;
  }
  return span;
}

/** The first (-1) or last (1) token of the span's line. */
export function lineEdge(lines: LineIndex, span: Span, direction: 1 | -1): Span {
  const line = lines.lineOf(span.start);
  const edge =
    direction > 0
      ? tokenBefore(lines.text, lines.end(line))
      : tokenFrom(lines.text, lines.start(line));
  return edge ?? span;
}

/** The first (-1) or last (1) token of the text, or null when it has none. */
export function documentEdge(text: string, direction: 1 | -1): Span | null {
  return direction > 0 ? tokenBefore(text, text.length) : tokenFrom(text, 0);
}

/** The smallest span covering both. */
export function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
