// A line's pieces and entities as a tree of elements, which the editor builds as DOM nodes and the host writes as escaped HTML (its first screen).
import { append } from '../long-lists';
import { invisibleCharacter } from './invisible-characters';
import { endsRightToLeft } from './line-direction';
import type { Part, Piece } from './line-parts';
import type { EntityMark } from './review-marks';

/** One element of a line: its text is always text, never parsed as HTML. */
export interface LineElement {
  tag: 'span' | 'mark' | 's';
  className: string;
  /** data-* attributes, by their dataset name. */
  data: Record<string, string>;
  title?: string;
  text?: string;
  children?: LineElement[];
}

/** A chip before a run: the label of an entity removed there, or of one likely missing there. */
function chip(tag: 's' | 'span', className: string, label: string, text: string, title: string) {
  return { tag, className, data: { label }, title, text };
}

function pieceElements(piece: Piece): LineElement[] {
  const elements: LineElement[] = [];
  if (piece.ghost) {
    elements.push(chip('s', 'ghost-chip', piece.ghost, piece.ghost, `removed ${piece.ghost}`));
  }
  if (piece.suggestion) {
    const title = `Likely missing: ${piece.suggestion} (select it, then A accepts, D rejects)`;
    elements.push(chip('span', 'suggestion-chip', piece.suggestion, `+${piece.suggestion}`, title));
  }
  const classes = [piece.severity && `problem-${piece.severity}`, piece.review];
  if (piece.selected) classes.push('selected');
  if (piece.markup) classes.push('markup');
  if (piece.suggested) classes.push('suggested');
  const run: LineElement = {
    tag: 'span',
    className: classes.filter(Boolean).join(' '),
    data: { start: String(piece.start) },
    text: piece.text,
  };
  if (piece.suggested) run.data.label = piece.suggested;
  if (piece.problems) run.title = piece.problems;
  if (piece.invisible) {
    // The character stays the run's text (offsets, selection and copying are unchanged); CSS
    // draws the glyph before it.
    const { glyph, name } = invisibleCharacter(piece.text);
    run.className = run.className ? `${run.className} invisible` : 'invisible';
    run.data.glyph = glyph;
    run.title = run.title ? `${run.title}\n${name}` : name;
  }
  elements.push(run);
  return elements;
}

function entityTitle(label: string, change: EntityMark | undefined): string {
  if (change?.oldLabel) return `${label} (was ${change.oldLabel})`;
  return change ? `${label} (${change.kind})` : label;
}

/**
 * The line's parts as elements: text runs as spans holding their document offset, entities as marks
 * (labelled by CSS from data-label, so the elements' text is exactly the line's plain text, chips apart).
 */
export function lineElements(
  parts: readonly Part[],
  selectedId: number | null,
  changes: ReadonlyMap<number, EntityMark> | null,
): LineElement[] {
  const elements: LineElement[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      for (const piece of part.pieces) append(elements, pieceElements(piece));
      continue;
    }
    const { id, label } = part.entity;
    const change = changes?.get(id);
    const mark: LineElement = {
      tag: 'mark',
      className: id === selectedId ? 'entity selected-entity' : 'entity',
      data: { id: String(id), label },
      title: entityTitle(label, change),
      children: [],
    };
    if (change) mark.data.review = change.kind;
    // Its end's room (CSS) is drawn where a right-to-left run ends, not at the line's far side.
    if (endsRightToLeft(part.pieces.map((piece) => piece.text).join('')))
      mark.data.direction = 'rtl';
    if (change?.oldLabel) {
      mark.children!.push({
        tag: 's',
        className: 'old-chip',
        data: { label: change.oldLabel },
        text: change.oldLabel,
      });
    }
    for (const piece of part.pieces) append(mark.children!, pieceElements(piece));
    elements.push(mark);
  }
  return elements;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or an attribute value as HTML that shows it literally. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

function attribute(name: string, value: string): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

/** An element as HTML: every text and attribute escaped, so the document's markup shows as text. */
export function elementHtml(element: LineElement): string {
  let attributes = element.className ? attribute('class', element.className) : '';
  for (const [name, value] of Object.entries(element.data)) {
    attributes += attribute(`data-${name}`, value);
  }
  if (element.title !== undefined) attributes += attribute('title', element.title);
  const inner = escapeHtml(element.text ?? '') + (element.children ?? []).map(elementHtml).join('');
  return `<${element.tag}${attributes}>${inner}</${element.tag}>`;
}
