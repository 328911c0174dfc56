// The corpus as the suspect model trains on it: every sentence's form ids and gold tags, a few bytes a token.
import type { FeatureIndex } from './features';
import type { TaggedSentence } from './sentences';
import { beginTag, insideTag, OUTSIDE, type EncodedSentences } from './tagger';

/** Label names and their numbers; a label unseen so far is numbered on first sight. */
export class LabelSet {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(labels: readonly string[] = []) {
    for (const label of labels) this.numberOf(label);
  }

  numberOf(label: string): number {
    let number = this.numbers.get(label);
    if (number === undefined) {
      this.numbers.set(label, (number = this.names.length));
      this.names.push(label);
    }
    return number;
  }

  /** Whether the label has its number: a model trained on the set knows it. */
  knows(label: string): boolean {
    return this.numbers.has(label);
  }

  get tagCount(): number {
    return 1 + 2 * this.names.length;
  }
}

/** A sentence's form ids and gold tags. */
export function encodeSentence(
  sentence: TaggedSentence,
  index: FeatureIndex,
  labels: LabelSet,
): { types: Int32Array; tags: Uint16Array } {
  const { text, tokens } = sentence;
  const types = Int32Array.from(tokens, ([from, to]) => index.typeOf(text.slice(from, to)));
  const tags = Uint16Array.from(sentence.labels, (label, i) => {
    if (label === null) return OUTSIDE;
    const number = labels.numberOf(label);
    return sentence.begins[i] ? beginTag(number) : insideTag(number);
  });
  return { types, tags };
}

/** Sentences added one by one, then laid end to end for training. */
export class CorpusEncoding {
  private types: number[] = [];
  private tags: number[] = [];
  private readonly starts: number[] = [0];
  /** The fold of each sentence. */
  readonly folds: number[] = [];
  /** Document d holds sentences [documentStarts[d], documentStarts[d + 1]). */
  readonly documentStarts: number[] = [0];

  add(encoded: { types: Int32Array; tags: Uint16Array }, fold: number): void {
    for (const type of encoded.types) this.types.push(type);
    for (const tag of encoded.tags) this.tags.push(tag);
    this.starts.push(this.types.length);
    this.folds.push(fold);
  }

  endDocument(): void {
    this.documentStarts.push(this.folds.length);
  }

  get sentenceCount(): number {
    return this.folds.length;
  }

  /** The encoded sentences as typed arrays (the growing lists are let go). */
  finish(): EncodedSentences {
    const encoded = {
      types: Int32Array.from(this.types),
      tags: Uint16Array.from(this.tags),
      starts: Int32Array.from(this.starts),
    };
    this.types = [];
    this.tags = [];
    return encoded;
  }
}
