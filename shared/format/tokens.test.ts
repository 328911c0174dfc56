import { describe, expect, it } from 'vitest';
import {
  countTokens,
  nextTokenEnd,
  nextTokenStart,
  previousTokenEnd,
  previousTokenStart,
  snapToTokens,
  tokenSpans,
} from './tokens';

const text = 'Integrating Kosovo Serbs into\nKosovo society .';

describe('tokens', () => {
  it('snaps a partial selection to whole tokens', () => {
    expect(snapToTokens(text, 14, 21)).toEqual({ start: 12, end: 24 }); // "sovo Ser" → "Kosovo Serbs"
    expect(snapToTokens(text, 11, 19)).toEqual({ start: 12, end: 18 }); // leading/trailing spaces dropped
    expect(snapToTokens(text, 21, 14)).toEqual({ start: 12, end: 24 }); // a backwards drag
  });

  it('snaps a caret to the token it touches and refuses blank spans', () => {
    expect(snapToTokens(text, 15, 15)).toEqual({ start: 12, end: 18 });
    expect(snapToTokens(text, 18, 18)).toEqual({ start: 12, end: 18 });
    expect(snapToTokens('a   b', 2, 3)).toBeNull();
    expect(snapToTokens('', 0, 0)).toBeNull();
  });

  it('steps over tokens without leaving the line', () => {
    expect(nextTokenStart(text, 12)).toBe(19);
    expect(nextTokenStart(text, 25)).toBe(-1); // "into" is the last token of line 1
    expect(previousTokenEnd(text, 19)).toBe(18);
    expect(previousTokenEnd(text, 30)).toBe(-1); // first token of line 2
    expect(previousTokenStart(text, 19)).toBe(12);
    expect(nextTokenEnd(text, 18)).toBe(24);
    expect(nextTokenEnd(text, 29)).toBe(-1);
  });

  it('counts the tokens it would list', () => {
    for (const sample of [text, '', '   ', 'a', ' a ', 'a\tb\r\n\nc', '[x]  y\fz\v']) {
      expect(countTokens(sample)).toBe(tokenSpans(sample).length);
    }
  });
});
