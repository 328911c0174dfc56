import { describe, expect, it } from 'vitest';
import type { TokenSuspect } from './evidence';
import { isMarkupToken, offMarkup } from './markup-edges';

const TEXT = "Ask <a href='x' title='a b'>Dell</a> now <br> ok";
/** The sentence's tokens: split at spaces and at tag edges. */
const TOKENS = ['Ask', '<a', "href='x'", "title='a", "b'>", 'Dell', '</a>', 'now', '<br>', 'ok'];
const starts = TOKENS.map((token, k) => TEXT.indexOf(token, k === 0 ? 0 : undefined));
const isMarkup = (token: number) => isMarkupToken(TEXT, starts[token]);
const suspect = (found: Partial<TokenSuspect>): TokenSuspect => ({
  from: 0,
  to: 1,
  label: -1,
  fix: { kind: 'add', label: 0 },
  score: 0.5,
  reasons: [],
  ...found,
});

describe("a suspect's fix kept off markup", () => {
  it('tells tags and the pieces of a tag split at its spaces from words', () => {
    expect(TOKENS.map((_token, k) => isMarkup(k))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('trims markup from the edges of the span it would tag', () => {
    expect(offMarkup(suspect({ from: 4, to: 7 }), isMarkup)).toMatchObject({ from: 5, to: 6 });
    const extent = suspect({
      from: 5,
      to: 6,
      label: 0,
      fix: { kind: 'extent', from: 7, to: 9, label: 1 },
    });
    expect(offMarkup(extent, isMarkup)?.fix).toEqual({ kind: 'extent', from: 7, to: 8, label: 1 });
  });

  it('drops a fix that would tag only markup, or hold it inside', () => {
    expect(offMarkup(suspect({ from: 2, to: 3 }), isMarkup)).toBeNull();
    expect(offMarkup(suspect({ from: 7, to: 10 }), isMarkup)).toBeNull();
  });

  it('keeps a suspect whose fix tags nothing new as it is', () => {
    const relabel = suspect({ from: 2, to: 3, label: 0, fix: { kind: 'relabel', label: 1 } });
    expect(offMarkup(relabel, isMarkup)).toBe(relabel);
  });
});
