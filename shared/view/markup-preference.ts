// Whether HTML markup is dimmed: by default when the document has markup; a choice made is kept per corpus.

import { hasTag } from '../format/tokens';

const keyOf = (corpus: string) => `emend.dim-markup.${corpus}`;

/** Whether the text holds an HTML tag. */
export function hasMarkup(text: string): boolean {
  return hasTag(text);
}

/** The corpus's remembered choice, else whether this text has markup. */
export function dimMarkupFor(corpus: string, text: string, storage: Storage | null): boolean {
  const chosen = storage?.getItem(keyOf(corpus));
  return chosen === 'true' || (chosen !== 'false' && hasMarkup(text));
}

export function rememberDimMarkup(corpus: string, dim: boolean, storage: Storage | null): void {
  try {
    storage?.setItem(keyOf(corpus), String(dim));
  } catch {
    // Storage full or refused: the choice holds for this session only.
  }
}

/** The window's local storage where there is one (not in every test environment). */
export function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
