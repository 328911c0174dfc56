// Keeps a suspect's suggested span off HTML markup: an entity it would make must not start, end or hold a tag.
import { tagAround, tagStartsAt } from '../format/tokens';
import type { TokenSuspect } from './evidence';

/** Whether the token starting at offset of text is markup: an HTML tag, or a piece of one split at its spaces. */
export function isMarkupToken(text: string, offset: number): boolean {
  return tagStartsAt(text, offset) || tagAround(text, offset) !== null;
}

/**
 * The suspect with the span its fix would tag (an add's, an extent's) trimmed of markup tokens at
 * its edges; null when nothing else is left or markup stays inside (the entity would hold it).
 * Suspects whose fix tags nothing new are kept as they are.
 */
export function offMarkup(
  found: TokenSuspect,
  isMarkup: (token: number) => boolean,
): TokenSuspect | null {
  const { fix } = found;
  if (fix.kind !== 'add' && fix.kind !== 'extent') return found;
  let [from, to] = fix.kind === 'add' ? [found.from, found.to] : [fix.from, fix.to];
  while (from < to && isMarkup(from)) from++;
  while (to > from && isMarkup(to - 1)) to--;
  for (let token = from; token < to; token++) if (isMarkup(token)) return null;
  if (from === to) return null;
  return fix.kind === 'add' ? { ...found, from, to } : { ...found, fix: { ...fix, from, to } };
}
