// Steps the keyboard cursor by the rows a long line wraps into, as drawn: ↑, ↓ and the page keys within one line.
import type { LineIndex } from '../../../shared/view/line-index';
import type { Span } from './dom-selection';
import { tokenFrom } from './token-cursor';

/** A line's text pieces as drawn (see dom-selection's contract), in order, each with its text node. */
interface Piece {
  start: number;
  text: Text;
}

/** The pieces drawn of the line from `start` to `end` (a long line's blocks off screen are not). */
function drawnPieces(view: HTMLElement, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  for (const row of view.querySelectorAll<HTMLElement>('.line[data-offset]')) {
    const from = Number(row.dataset.offset);
    if (from < start || from > end) continue;
    for (const element of row.querySelectorAll<HTMLElement>('[data-start]')) {
      const text = element.firstChild;
      if (text instanceof Text && text.length > 0)
        pieces.push({ start: Number(element.dataset.start), text });
    }
  }
  return pieces;
}

/** The drawn rectangles of the text at [start, end) of one piece, or none where it is not drawn. */
function rectsOf(pieces: readonly Piece[], start: number, end: number): DOMRect[] {
  const piece = pieces.findLast((candidate) => candidate.start <= start);
  if (!piece || start - piece.start >= piece.text.length) return [];
  const range = document.createRange();
  range.setStart(piece.text, start - piece.start);
  range.setEnd(piece.text, Math.min(end, piece.start + piece.text.length) - piece.start);
  return [...range.getClientRects()].filter((rect) => rect.height > 0);
}

/** The vertical middle of the character at `offset` as drawn, or null where it is not drawn. */
function middleOf(pieces: readonly Piece[], offset: number): number | null {
  const [rect] = rectsOf(pieces, offset, offset + 1);
  return rect ? rect.top + rect.height / 2 : null;
}

/**
 * The token `rows` rows below (1) or above (-1) the span in its line as drawn, the nearest to the
 * span's middle across; past the line's last (or first) row drawn, that row. Null when the span is
 * on that row already, or is not drawn: the cursor then steps by lines of the text.
 */
export function tokenRowsAway(
  view: HTMLElement,
  lines: LineIndex,
  span: Span,
  direction: 1 | -1,
  rows: number,
  rowHeight: number,
): Span | null {
  const line = lines.lineOf(span.start);
  const pieces = drawnPieces(view, lines.start(line), lines.end(line));
  if (pieces.length === 0) return null;
  const spanRects = rectsOf(pieces, span.start, span.end);
  const edge = direction > 0 ? spanRects.at(-1) : spanRects[0];
  if (!edge) return null;
  const last = pieces[pieces.length - 1];
  const first = pieces[0].start;
  const end = last.start + last.text.length;
  const [top, bottom] = [middleOf(pieces, first), middleOf(pieces, end - 1)];
  if (top === null || bottom === null) return null;
  const from = edge.top + edge.height / 2;
  const wanted = Math.min(bottom, Math.max(top, from + direction * rows * rowHeight));
  if (Math.abs(wanted - from) < rowHeight / 2) return null;

  // The first character drawn on the wanted row: the rows go down as the offsets grow.
  let [low, high] = [first, end];
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((middleOf(pieces, middle) ?? -Infinity) > wanted - rowHeight / 2) high = middle;
    else low = middle + 1;
  }
  // Its tokens, the one nearest the span's middle across.
  const x = edge.left + edge.width / 2;
  let best: { token: Span; distance: number } | null = null;
  for (let token = tokenFrom(lines.text, low); token && token.start < end;) {
    const [rect] = rectsOf(pieces, token.start, token.end);
    if (!rect || rect.top + rect.height / 2 > wanted + rowHeight / 2) break;
    const distance = Math.max(rect.left - x, x - rect.right, 0);
    if (!best || distance < best.distance) best = { token, distance };
    token = tokenFrom(lines.text, token.end);
  }
  return best?.token ?? null;
}
