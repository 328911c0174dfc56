import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../shared/view/line-index';
import { stepLine, stepToken, tokenFrom, union } from './token-cursor';

const text = 'one two  three\n\n   \nfour five\nsix';
const word = (span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('token cursor', () => {
  it('steps token by token across line breaks and blank lines', () => {
    let span = tokenFrom(text, 0)!;
    const seen = [word(span)];
    for (let i = 0; i < 6; i++) seen.push(word((span = stepToken(text, span, 1))));
    expect(seen).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'six']);
    const back = [];
    for (let i = 0; i < 6; i++) back.push(word((span = stepToken(text, span, -1))));
    expect(back).toEqual(['five', 'four', 'three', 'two', 'one', 'one']);
  });

  it('moves by line to the token near the same column, skipping lines without tokens', () => {
    const lines = new LineIndex(text);
    const three = { start: text.indexOf('three'), end: text.indexOf('three') + 5 };
    const down = stepLine(lines, three, 1);
    expect(word(down)).toBe('five');
    expect(word(stepLine(lines, down, 1))).toBe('six');
    expect(word(stepLine(lines, down, -1))).toBe('two'); // "five" sits under the "w" of "two"
    expect(word(stepLine(lines, tokenFrom(text, 0)!, -1))).toBe('one');
  });

  it('extends a selection as the union of anchor and focus', () => {
    expect(union({ start: 8, end: 12 }, { start: 0, end: 3 })).toEqual({ start: 0, end: 12 });
  });

  it('steps over a token holding a non-breaking space as one token, as export and stats count it', () => {
    const text = 'a New\u00a0York b';
    expect(tokenFrom(text, 1)).toEqual({ start: 2, end: 10 });
    expect(stepToken(text, { start: 2, end: 10 }, 1)).toEqual({ start: 11, end: 12 });
    expect(stepToken(text, { start: 11, end: 12 }, -1)).toEqual({ start: 2, end: 10 });
    // A lone NBSP between spaces is a token of its own, not a gap.
    expect(stepToken('a \u00a0 b', { start: 0, end: 1 }, 1)).toEqual({ start: 2, end: 3 });
  });
});
