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

/** The token on the nearest line above or below that has one, near the same column. */
export function stepLine(lines: LineIndex, span: Span, direction: 1 | -1): Span {
  const column = span.start - lines.start(lines.lineOf(span.start));
  for (
    let line = lines.lineOf(span.start) + direction;
    line >= 0 && line < lines.count;
    line += direction
  ) {
    const start = lines.start(line);
    const end = lines.end(line);
    if (start === end) continue;
    const at = Math.min(start + column, end - 1);
    const candidates = [
      snapToTokens(lines.text, at, at),
      tokenFrom(lines.text, at),
      tokenBefore(lines.text, at),
    ];
    const token = candidates.find((found) => found && found.start >= start && found.end <= end);
    if (token) return token;
  }
  return span;
}

/** The smallest span covering both. */
export function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
