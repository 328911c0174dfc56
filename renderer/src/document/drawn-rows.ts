// Steps the keyboard cursor by the rows the view draws: ↑, ↓ and the page keys, every row of a wrapped line included.
import type { Span } from './dom-selection';
import { tokenFrom } from './token-cursor';

/** A run of document text as drawn (see dom-selection's contract), with its text node. */
interface Piece {
  start: number;
  text: Text;
}

/** A row drawn: the line element it belongs to (a long line's block may wrap into several), and its middle. */
interface Row {
  element: HTMLElement;
  middle: number;
}

/** The rows drawn, top to bottom: each line element's, at the row height apart. */
function drawnRows(view: HTMLElement, rowHeight: number): Row[] {
  const rows: Row[] = [];
  for (const element of view.querySelectorAll<HTMLElement>('.line[data-offset]')) {
    const box = element.getBoundingClientRect();
    // The gap below a line is less than a row.
    const count = Math.max(1, Math.floor(box.height / rowHeight));
    for (let k = 0; k < count; k++)
      rows.push({ element, middle: box.top + k * rowHeight + rowHeight / 2 });
  }
  return rows;
}

function piecesOf(element: HTMLElement): Piece[] {
  const pieces: Piece[] = [];
  for (const run of element.querySelectorAll<HTMLElement>('[data-start]')) {
    const text = run.firstChild;
    if (text instanceof Text && text.length > 0)
      pieces.push({ start: Number(run.dataset.start), text });
  }
  return pieces;
}

/** The drawn rectangles of the text at [start, end) within one piece, or none where it is not drawn. */
function rectsOf(pieces: readonly Piece[], start: number, end: number): DOMRect[] {
  const piece = pieces.findLast((candidate) => candidate.start <= start);
  if (!piece || start - piece.start >= piece.text.length) return [];
  const range = document.createRange();
  range.setStart(piece.text, start - piece.start);
  range.setEnd(piece.text, Math.min(end, piece.start + piece.text.length) - piece.start);
  return [...range.getClientRects()].filter((rect) => rect.height > 0);
}

const middleOf = (rect: DOMRect) => rect.top + rect.height / 2;

/** The token drawn on a row nearest `x` across, or null for a row without one (an empty line). */
function tokenOnRow(text: string, row: Row, x: number, rowHeight: number): Span | null {
  const pieces = piecesOf(row.element);
  if (pieces.length === 0) return null;
  const last = pieces[pieces.length - 1];
  const end = last.start + last.text.length;
  const top = row.middle - rowHeight / 2;
  // The first character drawn on the row or below it: the rows go down as the offsets grow.
  let [low, high] = [pieces[0].start, end];
  while (low < high) {
    const middle = (low + high) >> 1;
    const [rect] = rectsOf(pieces, middle, middle + 1);
    if (rect && middleOf(rect) > top) high = middle;
    else low = middle + 1;
  }
  let best: { token: Span; distance: number } | null = null;
  for (let token = tokenFrom(text, low); token && token.start < end;) {
    const [rect] = rectsOf(pieces, token.start, token.end);
    if (!rect || middleOf(rect) > top + rowHeight) break;
    const distance = Math.max(rect.left - x, x - rect.right, 0);
    if (middleOf(rect) > top && (!best || distance < best.distance)) best = { token, distance };
    token = tokenFrom(text, token.end);
  }
  return best?.token ?? null;
}

/**
 * The token `rows` rows below (1) or above (-1) the span as the view draws them, the nearest to the
 * span's middle across; a row without a token is passed. Past the rows drawn, the last (or first) of
 * them. Null when the span is not drawn, or no other row drawn has a token: the cursor then steps
 * by lines of the text.
 */
export function tokenRowsAway(
  view: HTMLElement,
  text: string,
  span: Span,
  direction: 1 | -1,
  rows: number,
  rowHeight: number,
): Span | null {
  const all = drawnRows(view, rowHeight);
  const holding = all.find(({ element }) => {
    const from = Number(element.dataset.offset);
    return from <= span.start && span.start < Number(element.dataset.end);
  });
  if (!holding) return null;
  const spanRects = rectsOf(piecesOf(holding.element), span.start, span.end);
  const edge = direction > 0 ? spanRects.at(-1) : spanRects[0];
  if (!edge) return null;
  const at = all.findIndex((row) => Math.abs(row.middle - middleOf(edge)) < rowHeight / 2);
  if (at === -1) return null;
  const x = edge.left + edge.width / 2;
  const target = Math.min(all.length - 1, Math.max(0, at + direction * rows));
  if (target === at) return null;
  // On from the row wanted the same way, else back towards the span's.
  for (let k = target; k >= 0 && k < all.length && k !== at; k += direction) {
    const token = tokenOnRow(text, all[k], x, rowHeight);
    if (token) return token;
  }
  for (let k = target - direction; k !== at; k -= direction) {
    const token = tokenOnRow(text, all[k], x, rowHeight);
    if (token) return token;
  }
  return null;
}
