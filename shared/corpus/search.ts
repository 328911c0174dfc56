// Corpus search in one document: plain text on whole tokens (case-sensitive or not) or a regex, filtered by label and tagging.
import type { BracketDocument } from '../format/document';
import {
  isTokenEnd,
  isTokenStart,
  previousTokenEnd,
  snapToTokens,
  SPACE_CLASS,
  TAG_AHEAD,
  TAG_BEHIND,
} from '../format/tokens';
import { filePositions } from '../review/positions';
import { hitAt, type CorpusHit } from './hits';

/** Which hits to keep: any, those an entity covers exactly, or those no entity touches. */
export type TaggedFilter = 'any' | 'tagged' | 'untagged';
export const TAGGED_FILTERS: readonly TaggedFilter[] = ['any', 'tagged', 'untagged'];

export interface SearchQuery {
  /** The text to find, or a regular expression (JavaScript syntax) when regex is set. */
  pattern: string;
  regex: boolean;
  caseSensitive: boolean;
  /** Keep only hits an entity with this label covers exactly (null: any label or none). */
  label: string | null;
  tagged: TaggedFilter;
}

/** Most hits one search returns; more are counted as truncated. */
export const MAX_HITS = 10_000;

/** Text as a regular expression source matching just that text. */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where a hit may end, asked of the regex itself so that it gives up a longer match for a shorter
 * one that ends on a token boundary (`KFOR( \w+)?` finds `KFOR` before `troops,`): where a token
 * ends by the one rule (tokens.ts), after a character that is not white space and before white
 * space, the text's end or a tag, or after a tag (`foo<unk>bar` is one token, `DELL</pre>` two).
 */
const MAY_END = `(?<!${SPACE_CLASS})(?:(?=${SPACE_CLASS}|$|${TAG_AHEAD})|(?<=${TAG_BEHIND}))`;

/**
 * A query's pattern as source and flags: the text escaped, or the regex as typed, where ^ and $
 * are a line's start and end (a hit is on one line).
 */
function patternParts(query: SearchQuery): { source: string; flags: string } {
  const source = query.regex ? query.pattern : literalPattern(query.pattern);
  return { source, flags: `mu${query.caseSensitive ? '' : 'i'}` };
}

/** A query's pattern as a global regex, or an Error whose message says what is wrong. */
export function queryPattern(query: SearchQuery): RegExp | Error {
  if (query.pattern === '') return new Error('type something to search for');
  const { source, flags } = patternParts(query);
  try {
    new RegExp(source, flags); // the query's own syntax, judged alone
    return new RegExp(`(?:${source})${MAY_END}`, `g${flags}`);
  } catch (error) {
    return new Error(`not a valid regular expression: ${(error as Error).message}`);
  }
}

/**
 * The hits of pattern in doc: matches that start and end on token boundaries (a hit is always whole
 * tokens, so apply-to-all can tag it), kept by the query's label and tagging filters. Stops after
 * limit hits.
 */
export function searchDocument(
  path: string,
  doc: BracketDocument,
  pattern: RegExp,
  query: SearchQuery,
  limit = MAX_HITS,
): CorpusHit[] {
  return query.label !== null || query.tagged === 'tagged'
    ? entityHits(path, doc, query, limit)
    : textHits(path, doc, pattern, query, limit);
}

/**
 * Hits only an entity can be (a label asked for, or tagged ones): the entities whose whole text the
 * pattern matches. Found entity by entity, so a longer match around one never hides it.
 */
function entityHits(
  path: string,
  doc: BracketDocument,
  query: SearchQuery,
  limit: number,
): CorpusHit[] {
  const { source, flags } = patternParts(query);
  const whole = new RegExp(`^(?:${source})$`, flags);
  const position = filePositions(doc);
  const hits: CorpusHit[] = [];
  for (const entity of doc.entities) {
    if (hits.length >= limit) break;
    if (query.label !== null && entity.label !== query.label) continue;
    if (whole.test(doc.text.slice(entity.start, entity.end)))
      hits.push(hitAt(path, doc, entity.start, entity.end, position));
  }
  return hits;
}

/** Hits anywhere in the text: the longest token-aligned match at each place, on one line. */
function textHits(
  path: string,
  doc: BracketDocument,
  pattern: RegExp,
  query: SearchQuery,
  limit: number,
): CorpusHit[] {
  const hits: CorpusHit[] = [];
  const position = filePositions(doc);
  const { text } = doc;
  // A regex may end inside a token where its case-blind tag test differs from the rule (endInToken).
  const { source, flags } = patternParts(query);
  const endingAt = query.regex ? new RegExp(`(?:${source})$`, `y${flags}`) : null;
  /** The search goes on a character past start: a whole one, never inside a surrogate pair (the regex is Unicode). */
  const past = (start: number) => start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && hits.length < limit; match = pattern.exec(text)) {
    const start = match.index;
    const end = hitEnd(text, start, start + match[0].length, endingAt);
    if (end === -1) {
      pattern.lastIndex = past(start);
      continue;
    }
    pattern.lastIndex = end;
    const hit = hitAt(path, doc, start, end, position);
    if (query.tagged === 'untagged' && hit.overlaps) continue;
    hits.push(hit);
  }
  return hits;
}

/**
 * Where the hit at the match [start, stop) ends, or -1 when there is none: whole tokens on one line
 * (an entity is never empty, never cut inside a token, never two lines). A match the regex ended
 * inside a token takes the token end the regex reaches there (endInToken), when it is given.
 */
function hitEnd(text: string, start: number, stop: number, endingAt: RegExp | null): number {
  if (stop === start || !isTokenStart(text, start) || text.slice(start, stop).includes('\n'))
    return -1;
  if (isTokenEnd(text, stop)) return stop;
  return endingAt ? endInToken(text, start, stop, endingAt) : -1;
}

/** How many token ends before a match's end endInToken tries at most: a match's own tokens. */
const ENDS_TRIED = 64;

/**
 * For a match the regex ended inside a token (case-blind, it reads a capitalised placeholder such as
 * `<PER-1>` as a custom element's tag, as the tag rule does not): the end of that token, else the
 * nearest token end before it, where the regex matches from start; -1 when none does. endingAt is
 * the regex then the text's end. Only ends within the match's reach are tried, never along the line.
 */
function endInToken(text: string, start: number, stop: number, endingAt: RegExp): number {
  const matchesUpTo = (end: number) => {
    endingAt.lastIndex = start;
    return endingAt.test(text.slice(0, end));
  };
  const token = snapToTokens(text, stop - 1, stop);
  if (token === null) return -1;
  if (matchesUpTo(token.end)) return token.end;
  let end = previousTokenEnd(text, token.end);
  for (let tried = 0; end > start && tried < ENDS_TRIED; tried++) {
    if (matchesUpTo(end)) return end;
    end = previousTokenEnd(text, end);
  }
  return -1;
}
