// A line's pieces and entities as DOM nodes, every text set as text (never parsed as HTML): what DocumentLine shows.
import type { Part, Piece } from './line-parts';
import type { EntityMark } from './review-marks';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

/** A chip before a run: the label of an entity removed there, or of one likely missing there. */
function chip(tag: 's' | 'span', className: string, label: string, text: string, title: string) {
  const node = element(tag, className, text);
  node.dataset.label = label;
  node.title = title;
  return node;
}

function appendPiece(into: Node, piece: Piece): void {
  if (piece.ghost) {
    into.appendChild(chip('s', 'ghost-chip', piece.ghost, piece.ghost, `removed ${piece.ghost}`));
  }
  if (piece.suggestion) {
    const title = `Likely missing: ${piece.suggestion} (select it, then A accepts, D rejects)`;
    into.appendChild(
      chip('span', 'suggestion-chip', piece.suggestion, `+${piece.suggestion}`, title),
    );
  }
  const classes = [piece.severity && `problem-${piece.severity}`, piece.review];
  if (piece.selected) classes.push('selected');
  if (piece.markup) classes.push('markup');
  if (piece.suggested) classes.push('suggested');
  const run = element('span', classes.filter(Boolean).join(' '), piece.text);
  run.dataset.start = String(piece.start);
  if (piece.suggested) run.dataset.label = piece.suggested;
  if (piece.problems) run.title = piece.problems;
  into.appendChild(run);
}

function entityTitle(label: string, change: EntityMark | undefined): string {
  if (change?.oldLabel) return `${label} (was ${change.oldLabel})`;
  return change ? `${label} (${change.kind})` : label;
}

/**
 * The line's parts as nodes: text runs as spans holding their document offset, entities as marks
 * (labelled by CSS from data-label, so the nodes' text is exactly the line's plain text, chips apart).
 */
export function lineNodes(
  parts: readonly Part[],
  selectedId: number | null,
  changes: ReadonlyMap<number, EntityMark> | null,
): DocumentFragment {
  const content = document.createDocumentFragment();
  for (const part of parts) {
    if (part.kind === 'text') {
      for (const piece of part.pieces) appendPiece(content, piece);
      continue;
    }
    const { id, label } = part.entity;
    const change = changes?.get(id);
    const mark = element('mark', 'entity', '');
    if (id === selectedId) mark.classList.add('selected-entity');
    mark.dataset.id = String(id);
    mark.dataset.label = label;
    if (change) mark.dataset.review = change.kind;
    mark.title = entityTitle(label, change);
    if (change?.oldLabel) {
      const old = element('s', 'old-chip', change.oldLabel);
      old.dataset.label = change.oldLabel;
      mark.appendChild(old);
    }
    for (const piece of part.pieces) appendPiece(mark, piece);
    content.appendChild(mark);
  }
  return content;
}

/** Marks the selected entity among a line's entities (and unmarks the one that was). */
export function markSelected(line: Element, selectedId: number | null): void {
  for (const mark of line.querySelectorAll<HTMLElement>('mark.entity')) {
    mark.classList.toggle('selected-entity', Number(mark.dataset.id) === selectedId);
  }
}
