// Find in the document: every match of a query in the whole plain text, not only the rendered lines.
import type { Span } from './dom-selection';

/**
 * Most matches listed (a count above it is shown as "100000+"): past it, matches cannot be reached
 * with Enter. A hundred thousand is a few MB and a few ms on a 20 MB document; a query of one
 * common letter on a huge one is cut there.
 */
export const MAX_MATCHES = 100_000;

/** Every case-insensitive match of query in text, in order, none overlapping (none for an empty query). */
export function findAll(text: string, query: string): Span[] {
  if (query === '') return [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  // Lower-casing keeps lengths for almost all text; where it does not, search the text as it is.
  const [inText, wanted] =
    haystack.length === text.length && needle.length === query.length
      ? [haystack, needle]
      : [text, query];
  const matches: Span[] = [];
  for (
    let at = inText.indexOf(wanted);
    at !== -1 && matches.length < MAX_MATCHES;
    at = inText.indexOf(wanted, at + wanted.length)
  ) {
    matches.push({ start: at, end: at + wanted.length });
  }
  return matches;
}

/** The index of the first match at or after offset, wrapping to the first. */
export function matchFrom(matches: readonly Span[], offset: number): number {
  if (matches.length === 0) return -1;
  const index = matches.findIndex((match) => match.start >= offset);
  return index === -1 ? 0 : index;
}
