// Find in the document: every match of a query in the whole plain text, not only the rendered lines.
import { literalPattern } from '../../../shared/corpus/search';
import type { Span } from './dom-selection';

/**
 * Most matches listed (a count above it is shown as "100000+"): past it, matches cannot be reached
 * with Enter. A hundred thousand is a few MB and a few ms on a 20 MB document; a query of one
 * common letter on a huge one is cut there.
 */
export const MAX_MATCHES = 100_000;

/**
 * query as a pattern of itself that folds what a case-blind regular expression does not: a dotted
 * or dotless i (Turkish İ ı) is any i, and ß or ẞ is ss (their lower or upper case is two letters).
 */
function foldedPattern(query: string): string {
  return literalPattern(query)
    .replace(/[ßẞ]|ss/giu, '(?:ß|ss)')
    .replace(/[iİı]/gi, '[iİı]');
}

/**
 * Every case-insensitive match of query in text, in order, none overlapping (none for an empty
 * query). Case is folded letter by letter (a letter whose lower case is longer, as Turkish İ, does
 * not turn the search into one that heeds case).
 */
export function findAll(text: string, query: string): Span[] {
  if (query === '') return [];
  const pattern = new RegExp(foldedPattern(query), 'giu');
  const matches: Span[] = [];
  for (
    let match = pattern.exec(text);
    match !== null && matches.length < MAX_MATCHES;
    match = pattern.exec(text)
  ) {
    matches.push({ start: match.index, end: match.index + match[0].length });
  }
  return matches;
}

/** The index of the first match at or after offset, wrapping to the first. */
export function matchFrom(matches: readonly Span[], offset: number): number {
  if (matches.length === 0) return -1;
  const index = matches.findIndex((match) => match.start >= offset);
  return index === -1 ? 0 : index;
}
