// Corpus search in one document: plain text on whole tokens (case-sensitive or not) or a regex, filtered by label and tagging.
import type { BracketDocument } from '../format/document';
import { isTokenEnd, isTokenStart } from '../format/tokens';
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

/** A query's pattern as a global regex, or an Error whose message says what is wrong. */
export function queryPattern(query: SearchQuery): RegExp | Error {
  if (query.pattern === '') return new Error('type something to search for');
  const source = query.regex ? query.pattern : literalPattern(query.pattern);
  try {
    return new RegExp(source, `gu${query.caseSensitive ? '' : 'i'}`);
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
  const hits: CorpusHit[] = [];
  const position = filePositions(doc);
  const { text } = doc;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && hits.length < limit; match = pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      pattern.lastIndex = end + 1;
      continue;
    }
    if (!isTokenStart(text, start) || !isTokenEnd(text, end)) {
      pattern.lastIndex = start + 1;
      continue;
    }
    const hit = hitAt(path, doc, start, end, position);
    if (query.tagged === 'tagged' && hit.label === null) continue;
    if (query.tagged === 'untagged' && hit.overlaps) continue;
    if (query.label !== null && hit.label !== query.label) continue;
    hits.push(hit);
  }
  return hits;
}
