// A document cut the way the suspect model reads it: each line a sentence of whitespace tokens, cut at entity edges as the exports cut them, each with its IOB2 tag.
import { cutAtEntityEdges } from '../convert/conll';
import type { BracketDocument } from '../format/document';
import { tokenSpans } from '../format/tokens';
import { tokenFinder } from './overlaps';

export interface TaggedSentence {
  /** Offset of the line's first character in the document's plain text. */
  offset: number;
  text: string;
  /**
   * [start, end) of each token, in UTF-16 units from the line's start: the line's whitespace tokens,
   * cut where an entity starts or ends inside one (`[ORG Acme  ]/[LOC Oslo  ]`: Acme, /, Oslo).
   */
  tokens: Array<[number, number]>;
  /** For each token: null outside entities, else its entity's label and whether it begins it. */
  labels: Array<string | null>;
  begins: boolean[];
}

/** The lines of doc holding at least one token, each with its tokens tagged from doc's entities. */
export function taggedSentences(doc: BracketDocument): TaggedSentence[] {
  const { text, entities } = doc;
  const sentences: TaggedSentence[] = [];
  let next = 0; // the first entity not yet wholly before the current line
  for (let offset = 0; offset <= text.length;) {
    const feed = text.indexOf('\n', offset);
    const end = feed === -1 ? text.length : feed;
    const line = text.slice(offset, end);
    while (next < entities.length && entities[next].end <= offset) next++;
    const here: Array<{ start: number; end: number; label: string }> = [];
    for (let k = next; k < entities.length && entities[k].start < end; k++)
      here.push({
        ...entities[k],
        start: entities[k].start - offset,
        end: entities[k].end - offset,
      });
    const tokens = cutAtEntityEdges(tokenSpans(line), here);
    if (tokens.length > 0) {
      const labels: Array<string | null> = tokens.map(() => null);
      const begins = tokens.map(() => false);
      const tokensOf = tokenFinder(tokens);
      for (const entity of here) {
        const [from, to] = tokensOf(entity.start, entity.end);
        for (let i = from; i < to; i++) {
          labels[i] = entity.label;
          begins[i] = i === from;
        }
      }
      sentences.push({ offset, text: line, tokens, labels, begins });
    }
    if (feed === -1) break;
    offset = feed + 1;
  }
  return sentences;
}
