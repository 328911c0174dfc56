// The two passes of the consistency check over one document: its tagged forms, then where it matches the corpus's forms.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { forEachToken, isTokenEnd, isTokenStart, tagAtEdge, tokenSpans } from '../format/tokens';
import { entitiesOverlapping } from '../model/gestures';
import { filePositions } from '../review/positions';
import { hitAt, type CorpusHit } from './hits';

/** An entity with punctuation at an edge: trimmed to its target, or untagged when it has none. */
export interface PunctuationEdge {
  /** The entity's index in its document. */
  entity: number;
  why: string;
  target: CorpusHit | null;
}

/** The first pass over a document: each of its entities as a hit, in order, and its punctuation edges. */
export interface DocumentTags {
  path: string;
  tagged: CorpusHit[];
  edges: PunctuationEdge[];
}

/** What the second pass looks for in each document: the corpus's tagged forms. */
export interface CorpusForms {
  /** Word-like tagged forms by their first token. */
  byFirstToken: Map<string, string[]>;
  /** Token-aligned parts of longer forms tagged whole more often than the part alone: those forms, and where the part sits in them. */
  parts: Map<string, Array<{ form: string; offset: number }>>;
}

/** The second pass over a document: untagged places of tagged forms, and entities that are part of a longer form. */
export interface DocumentMatches {
  untagged: Array<{ form: string; hit: CorpusHit }>;
  parts: Array<{ entity: number; form: string; target: CorpusHit }>;
}

/** Punctuation that opens or closes a phrase: glued to an entity's edge it is rarely part of the name. */
const OPENING = /^["'(«“‘]/u;
const CLOSING = /[:;,!?"')»”’]$/u;
const PUNCTUATION_TOKEN = /^[\p{P}\p{S}]+$/u;

type Position = ReturnType<typeof filePositions>;

/** A token's first character and length (lengths from 1023 on alike), as one small number. */
const tokenShape = (text: string, start: number, end: number) =>
  (text.charCodeAt(start) << 10) | Math.min(end - start, 1023);

/** Why an entity's edge is suspicious, and the span to trim it to (null: untag it); null when it is not. */
function punctuationEdge(
  path: string,
  doc: BracketDocument,
  entity: DocumentEntity,
  position: Position,
  context: boolean,
): { why: string; target: CorpusHit | null } | null {
  const text = doc.text.slice(entity.start, entity.end);
  const tokens = tokenSpans(text);
  let first = 0;
  let last = tokens.length - 1;
  while (first <= last && PUNCTUATION_TOKEN.test(text.slice(...tokens[first]))) first++;
  while (last >= first && PUNCTUATION_TOKEN.test(text.slice(...tokens[last]))) last--;
  if (first > last) return null; // all punctuation: not a name at all, left to the annotator
  if (first > 0 || last < tokens.length - 1) {
    const start = entity.start + tokens[first][0];
    const end = entity.start + tokens[last][1];
    return {
      why: `entity ${first > 0 ? 'starts' : 'ends'} with a punctuation token`,
      target: hitAt(path, doc, start, end, position, context),
    };
  }
  if (OPENING.test(text) || CLOSING.test(text))
    return {
      why: `entity ${OPENING.test(text) ? 'starts' : 'ends'} with glued punctuation`,
      target: null,
    };
  return null;
}

/**
 * The first pass: what a document tags, and which of its entities have punctuation at an edge; without
 * context, its hits have none (see hitAt).
 */
export function tagDocument(path: string, doc: BracketDocument, context = true): DocumentTags {
  const position = filePositions(doc);
  const edges: PunctuationEdge[] = [];
  const tagged = doc.entities.map((entity, index) => {
    const edge = punctuationEdge(path, doc, entity, position, context);
    if (edge) edges.push({ entity: index, ...edge });
    return hitAt(path, doc, entity.start, entity.end, position, context);
  });
  return { path, tagged, edges };
}

/** The second pass: a document's untagged whole-token places of the corpus's forms (outside HTML tags), in one walk over its tokens, and its entities that are parts of longer forms. */
export function matchDocument(
  path: string,
  doc: BracketDocument,
  { byFirstToken, parts }: CorpusForms,
  context = true,
): DocumentMatches {
  const position = filePositions(doc);
  const { text } = doc;
  const untagged: DocumentMatches['untagged'] = [];
  // Most tokens start no form: those whose first character and length no first token has are passed
  // over without being cut out of the text.
  const shapes = new Set<number>();
  for (const first of byFirstToken.keys()) shapes.add(tokenShape(first, 0, first.length));
  forEachToken(text, (start, tokenEnd) => {
    if (!shapes.has(tokenShape(text, start, tokenEnd))) return;
    for (const form of byFirstToken.get(text.slice(start, tokenEnd)) ?? []) {
      const end = start + form.length;
      if (!text.startsWith(form, start) || !isTokenEnd(text, end)) continue;
      if (entitiesOverlapping(doc.entities, start, end).length > 0) continue;
      // Inside a tag (an attribute, a comment) no entity may be made: not a miss.
      if (tagAtEdge(text, start, end)) continue;
      untagged.push({ form, hit: hitAt(path, doc, start, end, position, context) });
    }
  });
  const partsFound: DocumentMatches['parts'] = [];
  doc.entities.forEach((entity, index) => {
    for (const { form, offset } of parts.get(text.slice(entity.start, entity.end)) ?? []) {
      const start = entity.start - offset;
      const end = start + form.length;
      if (start < 0 || text.slice(start, end) !== form) continue;
      if (!isTokenStart(text, start) || !isTokenEnd(text, end)) continue;
      partsFound.push({
        entity: index,
        form,
        target: hitAt(path, doc, start, end, position, context),
      });
      break;
    }
  });
  return { untagged, parts: partsFound };
}
