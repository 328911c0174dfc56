// Token tag schemes (IOB1, IOB2, BIOES): writing tags for entities and reading them back by conlleval's rules.

export type TagScheme = 'iob1' | 'iob2' | 'bioes';
export const TAG_SCHEMES: readonly TagScheme[] = ['iob1', 'iob2', 'bioes'];

/** An entity over a sentence's tokens: tokens [start, end) by index. */
export interface TokenChunk {
  start: number;
  end: number;
  label: string;
}

type Prefix = 'B' | 'I' | 'E' | 'S' | 'O';

/** A tag's prefix and type (`B-creative-work` → B, creative-work), or null if it is not a tag. */
export function splitTag(tag: string): { prefix: Prefix; type: string } | null {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const prefix = tag[0];
  if (tag[1] !== '-' || tag.length < 3 || !'BIES'.includes(prefix)) return null;
  return { prefix: prefix as Prefix, type: tag.slice(2) };
}

/** Tags for count tokens holding chunks (sorted, not overlapping). */
export function encodeTags(
  count: number,
  chunks: readonly TokenChunk[],
  scheme: TagScheme,
): string[] {
  const tags: string[] = new Array(count).fill('O');
  let previous: TokenChunk | null = null;
  for (const chunk of chunks) {
    const single = chunk.end - chunk.start === 1;
    for (let i = chunk.start; i < chunk.end; i++) {
      let prefix: Prefix = 'I';
      if (scheme === 'iob2') prefix = i === chunk.start ? 'B' : 'I';
      else if (scheme === 'bioes') {
        if (single) prefix = 'S';
        else if (i === chunk.start) prefix = 'B';
        else if (i === chunk.end - 1) prefix = 'E';
      } else if (
        i === chunk.start &&
        previous &&
        previous.end === chunk.start &&
        previous.label === chunk.label
      ) {
        prefix = 'B';
      }
      tags[i] = `${prefix}-${chunk.label}`;
    }
    previous = chunk;
  }
  return tags;
}

function endsChunk(previous: Prefix, prefix: Prefix, previousType: string, type: string): boolean {
  if (previous === 'E' || previous === 'S') return true;
  if (
    (previous === 'B' || previous === 'I') &&
    (prefix === 'B' || prefix === 'S' || prefix === 'O')
  ) {
    return true;
  }
  return previous !== 'O' && previousType !== type;
}

function startsChunk(
  previous: Prefix,
  prefix: Prefix,
  previousType: string,
  type: string,
): boolean {
  if (prefix === 'B' || prefix === 'S') return true;
  if (
    (prefix === 'I' || prefix === 'E') &&
    (previous === 'O' || previous === 'E' || previous === 'S')
  ) {
    return true;
  }
  return prefix !== 'O' && previousType !== type;
}

/**
 * The chunks of a sentence's tags, decoded by conlleval's start/end-of-chunk rules (with S and E as
 * seqeval adds them). Lenient on purpose: IOB1, IOB2 and BIOES all decode without losing an entity.
 * Tags must already be valid (see splitTag).
 */
export function decodeTags(tags: readonly string[]): TokenChunk[] {
  const chunks: TokenChunk[] = [];
  let open: TokenChunk | null = null;
  let previous: Prefix = 'O';
  let previousType = '';
  tags.forEach((tag, index) => {
    const { prefix, type } = splitTag(tag) ?? { prefix: 'O' as Prefix, type: '' };
    if (open && endsChunk(previous, prefix, previousType, type)) {
      open.end = index;
      chunks.push(open);
      open = null;
    }
    if (startsChunk(previous, prefix, previousType, type))
      open = { start: index, end: index, label: type };
    previous = prefix;
    previousType = type;
  });
  if (open) {
    (open as TokenChunk).end = tags.length;
    chunks.push(open);
  }
  return chunks;
}

/** The index of the first tag that the scheme would write differently, or -1 when all follow it. */
export function firstSchemeViolation(tags: readonly string[], scheme: TagScheme): number {
  const expected = encodeTags(tags.length, decodeTags(tags), scheme);
  return expected.findIndex((tag, index) => tag !== tags[index]);
}

/**
 * Tells the scheme of tagged sentences: BIOES when S- or E- tags occur; otherwise IOB1 where more
 * entities open with I- (as in CoNLL-2003's own files) than with B- after O or another type (as in
 * IOB2), a slip or two of the other kind or not; else IOB2.
 */
export function detectScheme(sentences: readonly (readonly string[])[]): TagScheme {
  let openedByI = 0;
  let openedByB = 0;
  for (const tags of sentences) {
    if (tags.some((tag) => tag.startsWith('S-') || tag.startsWith('E-'))) return 'bioes';
    tags.forEach((tag, index) => {
      const previous = index > 0 ? tags[index - 1] : 'O';
      // An entity opens here unless the tag goes on one of the same type.
      const opens = previous === 'O' || previous.slice(2) !== tag.slice(2);
      if (opens && tag.startsWith('I-')) openedByI++;
      else if (opens && tag.startsWith('B-')) openedByB++;
    });
  }
  return openedByI > openedByB ? 'iob1' : 'iob2';
}
