// Maps a DOM selection in the document view to plain-text offsets, then to a whole-token span.
import { snapToTokens } from '../../../shared/format/tokens';

/*
 * The view's contract: every rendered line carries `data-offset` (its first character) and
 * `data-end`; every run of document text is an element with `data-start` holding exactly one
 * text node. Label chips and line numbers come from CSS `content`, so they are not DOM text.
 */

function pieceOf(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest<HTMLElement>('[data-start]') ?? null;
}

function lineOf(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest<HTMLElement>('[data-offset]') ?? null;
}

/** The first (or last) text piece at or inside node, in document order. */
function edgePiece(node: Node, last: boolean): HTMLElement | null {
  if (node.nodeType === Node.TEXT_NODE) return pieceOf(node);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  if (element.matches('[data-start]')) return element as HTMLElement;
  const pieces = element.querySelectorAll<HTMLElement>('[data-start]');
  return pieces.length === 0 ? null : pieces[last ? pieces.length - 1 : 0];
}

const number = (element: HTMLElement, name: string) => Number(element.dataset[name]);

/** The plain-text offset of a DOM point (node, offset) inside the view, or null outside it. */
export function offsetAtPoint(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const piece = pieceOf(node);
    if (piece) return number(piece, 'start') + Math.min(offset, node.textContent?.length ?? 0);
    const line = lineOf(node);
    return line ? number(line, 'offset') : null;
  }
  // A point between children: the start of the next piece, else the end of the previous one.
  const children = node.childNodes;
  for (let i = offset; i < children.length; i++) {
    const piece = edgePiece(children[i], false);
    if (piece) return number(piece, 'start');
  }
  for (let i = Math.min(offset, children.length) - 1; i >= 0; i--) {
    const piece = edgePiece(children[i], true);
    if (piece) return number(piece, 'start') + (piece.textContent?.length ?? 0);
  }
  const line = lineOf(node);
  if (line) return offset === 0 ? number(line, 'offset') : number(line, 'end');
  return null;
}

export interface Span {
  start: number;
  end: number;
}

/** The selection's offsets, in order, or null when either end lies outside the view. */
export function selectionOffsets(selection: Selection): Span | null {
  if (!selection.anchorNode || !selection.focusNode) return null;
  const anchor = offsetAtPoint(selection.anchorNode, selection.anchorOffset);
  const focus = offsetAtPoint(selection.focusNode, selection.focusOffset);
  if (anchor === null || focus === null) return null;
  return { start: Math.min(anchor, focus), end: Math.max(anchor, focus) };
}

/** The whole-token span a DOM selection covers in text, or null when it covers no token. */
export function selectionToSpan(selection: Selection, text: string): Span | null {
  const offsets = selectionOffsets(selection);
  return offsets && snapToTokens(text, offsets.start, offsets.end);
}

/** How far from the caret (in UTF-16 units, either side) wordAtPoint looks for the word drawn under the point. */
const NEAR_CARET = 256;

/**
 * The plain-text span of the word drawn under the point, or null where none is: blank space around
 * the text (below its last line, past a line's end, between two entities), where the browser puts
 * the caret at the nearest word all the same. The words near the caret are measured across their
 * whole drawn width (at a right-to-left run's edge the caret can fall at the run's other end, a
 * word away from the letter clicked) and their line's whole height (a click a little above or below
 * the letters).
 */
export function wordAtPoint(view: HTMLElement, x: number, y: number): Span | null {
  const caret = document.caretPositionFromPoint(x, y);
  const node = caret?.offsetNode;
  if (!caret || !node || node.nodeType !== Node.TEXT_NODE || !view.contains(node)) return null;
  const text = node.textContent ?? '';
  const line = node.parentElement?.closest<HTMLElement>('[data-offset]');
  const lineHeight = line ? parseFloat(getComputedStyle(line).lineHeight) : NaN;
  let checkedTo = -1;
  const from = Math.max(0, caret.offset - NEAR_CARET);
  const to = Math.min(text.length - 1, caret.offset + NEAR_CARET);
  for (let near = from; near <= to; near++) {
    if (near <= checkedTo || /\s/.test(text[near])) continue;
    let start = near;
    let end = near + 1;
    while (start > 0 && !/\s/.test(text[start - 1])) start--;
    while (end < text.length && !/\s/.test(text[end])) end++;
    checkedTo = end;
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    for (const box of range.getClientRects()) {
      const above = Number.isFinite(lineHeight) ? Math.max(0, (lineHeight - box.height) / 2) : 0;
      const under =
        x >= box.left - 1 &&
        x <= box.right + 1 &&
        y >= box.top - above - 1 &&
        y <= box.bottom + above + 1;
      if (!under) continue;
      const first = offsetAtPoint(node, start);
      const last = offsetAtPoint(node, end);
      return first === null || last === null ? null : { start: first, end: last };
    }
  }
  return null;
}
