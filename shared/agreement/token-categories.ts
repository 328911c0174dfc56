// Each token's category in one copy of a document: the label of the entity covering it, else O.
import type { Entity } from '../format/document';
import { isSpaceCode } from '../format/tokens';

/** The category of tokens outside every entity. */
export const OUTSIDE = 'O';

/** Where the tokens of a text lie: token k is [starts[k], ends[k]) (see shared/format/tokens.ts). */
export interface TokenSpans {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** Whether each code up to 32 separates tokens (see isSpaceCode): a table for the hot loop. */
const SPACE = new Uint8Array(33).map((_value, code) => (isSpaceCode(code) ? 1 : 0));

export function tokenSpansOf(text: string): TokenSpans {
  const length = text.length;
  let count = 0;
  let inToken = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const space = code <= 32 && SPACE[code] === 1;
    if (!space && !inToken) count++;
    inToken = !space;
  }
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let k = 0;
  inToken = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const space = code <= 32 && SPACE[code] === 1;
    if (space === inToken) {
      if (inToken) ends[k++] = i;
      else starts[k] = i;
      inToken = !space;
    }
  }
  if (inToken) ends[k] = length;
  return { starts, ends, count };
}

/**
 * The category number of each token in one copy: 0 (O) outside entities, else categoryOf(label) of
 * the first entity overlapping the token. Entities sorted by start and flat.
 */
export function tokenCategories(
  tokens: TokenSpans,
  entities: readonly Entity[],
  categoryOf: (label: string) => number,
): Uint16Array {
  const categories = new Uint16Array(tokens.count);
  let k = 0;
  for (const entity of entities) {
    while (k < tokens.count && tokens.ends[k] <= entity.start) k++;
    const category = categoryOf(entity.label);
    for (; k < tokens.count && tokens.starts[k] < entity.end; k++) {
      if (categories[k] === 0) categories[k] = category;
    }
    // A token the entity ends inside may also meet the next entity: step back onto it.
    if (k > 0 && tokens.ends[k - 1] > entity.end) k--;
  }
  return categories;
}
