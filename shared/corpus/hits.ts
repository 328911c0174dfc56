// A place in a corpus document that search finds or a fix targets: span, file position and context.
import type { BracketDocument } from '../format/document';
import type { Position } from '../format/position';
import { tagAtEdge } from '../format/tokens';
import { entitiesOverlapping } from '../model/gestures';

/** A span of one document's plain text, with where it sits in the file and the line around it. */
export interface CorpusHit {
  /** The document: its id in a workspace, its path in the CLI. */
  path: string;
  /** [start, end) in UTF-16 units of the document's plain text. */
  start: number;
  end: number;
  /** The text of the span when it was found (an apply-to-all skips the hit if it changed). */
  text: string;
  /** The label of the entity covering exactly this span, or null. */
  label: string | null;
  /** Whether some entity overlaps the span (it may be tagged inside a longer entity). */
  overlaps: boolean;
  /** The HTML tag the span starts or ends inside, when it does: no entity may, so tagging skips it. */
  inTag?: string;
  /** 1-based line and column (code points, markup counted) in the bracket file. */
  line: number;
  column: number;
  /** The plain text just before and after the span, on its line. */
  before: string;
  after: string;
}

/**
 * One document's tagged hits in order, read one at a time: a corpus report keeps them in whatever
 * form is smallest (the CLI packs them) and makes objects only of the hits its findings list.
 */
export interface TaggedHits {
  readonly length: number;
  text(k: number): string;
  label(k: number): string | null;
  hit(k: number): CorpusHit;
}

/** Tagged hits held as objects. */
export function hitList(hits: readonly CorpusHit[]): TaggedHits {
  return {
    length: hits.length,
    text: (k) => hits[k].text,
    label: (k) => hits[k].label,
    hit: (k) => hits[k],
  };
}

/** Characters of context kept on each side of a hit. */
export const CONTEXT_CHARS = 40;

/**
 * The hit for [start, end) of doc; position maps a plain offset to its file line and column. Without
 * context (for reports that print none) before and after are left empty.
 */
export function hitAt(
  path: string,
  doc: BracketDocument,
  start: number,
  end: number,
  position: (offset: number) => Position,
  context = true,
): CorpusHit {
  const { text } = doc;
  const overlapping = entitiesOverlapping(doc.entities, start, end);
  const exact = overlapping.find((entity) => entity.start === start && entity.end === end);
  let before = '';
  let after = '';
  if (context) {
    // The context is looked for only in the characters it may take, so hits on a long line cost
    // nothing more than hits on a short one.
    const near = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
    before = near.slice(near.lastIndexOf('\n') + 1);
    const next = text.slice(end, end + CONTEXT_CHARS);
    const feed = next.indexOf('\n');
    after = (feed === -1 ? next : next.slice(0, feed)).replace(/\r$/, '');
  }
  const tag = tagAtEdge(text, start, end);
  return {
    path,
    start,
    end,
    text: text.slice(start, end),
    label: exact?.label ?? null,
    overlaps: overlapping.length > 0,
    ...(tag && { inTag: text.slice(...tag) }),
    ...position(start),
    before,
    after,
  };
}
