// An external tagger's predictions as the suspect ranking reads them: by line text, with per-token tag probabilities when a JSONL record carries them.
import { forEachJsonLine } from '../convert/json-lines';
import { ConvertError } from '../convert/messages';
import { detached } from '../format/detached';
import type { Entity } from '../format/document';
import { tokenSpans } from '../format/tokens';
import { plural } from '../plural';
import type { PredictedLine, Predictions } from './suspect';

/** Tag probabilities of one token: IOB2 tag → probability. */
export type TokenProbabilities = Readonly<Record<string, number>>;

/** Predictions gathered from any number of predicted documents, found by the text of a line. */
export class PredictionIndex implements Predictions {
  private readonly lines = new Map<string, PredictedLine>();

  /**
   * Adds a predicted document: its plain text, entities, and optionally the tag probabilities of
   * each whitespace token of the text, in order, one per token (see checkTokenCount).
   */
  add(text: string, entities: readonly Entity[], tokens?: readonly TokenProbabilities[]): void {
    let tokenIndex = 0;
    let next = 0;
    const sorted = [...entities].sort((a, b) => a.start - b.start);
    for (let offset = 0; offset <= text.length;) {
      const feed = text.indexOf('\n', offset);
      const end = feed === -1 ? text.length : feed;
      const line = detached(text.slice(offset, end).replace(/\r$/u, ''));
      const count = tokenSpans(line).length;
      while (next < sorted.length && sorted[next].end <= offset) next++;
      const here: Entity[] = [];
      for (let k = next; k < sorted.length && sorted[k].start < end; k++)
        here.push({ ...sorted[k], start: sorted[k].start - offset, end: sorted[k].end - offset });
      if (count > 0 && !this.lines.has(line))
        this.lines.set(line, {
          entities: here,
          tokens: tokens?.slice(tokenIndex, tokenIndex + count),
        });
      tokenIndex += count;
      if (feed === -1) break;
      offset = feed + 1;
    }
  }

  /** The predicted lines a corpus line was found as (see forLine). */
  private readonly found = new Set<string>();

  get size(): number {
    return this.lines.size;
  }

  /** How many predicted lines a line of the corpus has been found as so far. */
  get matched(): number {
    return this.found.size;
  }

  forLine(text: string): PredictedLine | undefined {
    const line = this.lines.get(text);
    if (line) this.found.add(text);
    return line;
  }
}

/**
 * The per-token probabilities of each record of a JSONL file, by its 1-based line: the optional
 * field "token_probabilities", one {tag: probability} object per whitespace token of "text".
 * Throws ConvertError naming the line when the field is there but malformed.
 */
export function tokenProbabilitiesByLine(source: string): Map<number, TokenProbabilities[]> {
  const found = new Map<number, TokenProbabilities[]>();
  forEachJsonLine(source, (value, line) => {
    const field = (value as { token_probabilities?: unknown } | null)?.token_probabilities;
    if (field === undefined) return;
    const valid =
      Array.isArray(field) &&
      field.every(
        (token) =>
          typeof token === 'object' &&
          token !== null &&
          Object.values(token).every((p) => typeof p === 'number' && p >= 0 && p <= 1),
      );
    if (!valid)
      throw new ConvertError(
        line,
        '"token_probabilities" must be a list of {tag: probability} objects, one per token',
      );
    found.set(line, field as TokenProbabilities[]);
  });
  return found;
}

/**
 * Throws ConvertError naming the record's line unless its token probabilities hold one object per
 * whitespace token of its text.
 */
export function checkTokenCount(
  text: string,
  tokens: readonly TokenProbabilities[],
  line: number,
): void {
  const count = tokenSpans(text).length;
  if (tokens.length !== count)
    throw new ConvertError(
      line,
      `"token_probabilities" has ${plural(tokens.length, 'object')} but "text" has ${plural(count, 'whitespace token')}: give one object per token`,
    );
}
