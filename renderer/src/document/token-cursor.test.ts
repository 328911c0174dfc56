import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../shared/view/line-index';
import { documentEdge, lineEdge, stepLines, stepToken, tokenFrom, union } from './token-cursor';

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
    const down = stepLines(lines, three, 1, 1);
    expect(word(down)).toBe('five');
    expect(word(stepLines(lines, down, 1, 1))).toBe('six');
    expect(word(stepLines(lines, down, -1, 1))).toBe('two'); // "five" sits under the "w" of "two"
    expect(word(stepLines(lines, tokenFrom(text, 0)!, -1, 1))).toBe('one');
  });

  it('moves a page of lines at once, near the same column, to the last line at most', () => {
    const many = Array.from({ length: 50 }, (_, k) => `word${k} more${k}`).join('\n');
    const lines = new LineIndex(many);
    const at = (token: string) => ({
      start: many.indexOf(token),
      end: many.indexOf(token) + token.length,
    });
    const say = (span: { start: number; end: number }) => many.slice(span.start, span.end);
    expect(say(stepLines(lines, at('word3 '), 1, 20))).toBe('word23');
    expect(say(stepLines(lines, at('more23'), -1, 20))).toBe('more3');
    expect(say(stepLines(lines, at('word45'), 1, 20))).toBe('word49');
    expect(say(stepLines(lines, at('word2'), -1, 20))).toBe('word0');
    // Lines without a token are passed over, as by one line.
    expect(word(stepLines(new LineIndex(text), tokenFrom(text, 0)!, 1, 2))).toBe('four');
  });

  it("goes to the first or last token of the cursor's line, and of the document", () => {
    const lines = new LineIndex(text);
    const four = { start: text.indexOf('four'), end: text.indexOf('four') + 4 };
    expect(word(lineEdge(lines, four, 1))).toBe('five');
    expect(
      word(lineEdge(lines, { start: text.indexOf('five'), end: text.indexOf('five') + 4 }, -1)),
    ).toBe('four');
    expect(word(documentEdge(text, 1)!)).toBe('six');
    expect(word(documentEdge(text, -1)!)).toBe('one');
    expect(documentEdge('   ', 1)).toBeNull();
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
