import { describe, expect, it } from 'vitest';
import { findAll, matchFrom } from './find';

describe('find', () => {
  it('finds every match, ignoring case, in the whole text', () => {
    const text = 'Easing fears, increasing hopes.\nline two: easing.';
    expect(findAll(text, 'easing')).toEqual([
      { start: 0, end: 6 },
      { start: 18, end: 24 },
      { start: 42, end: 48 },
    ]);
    expect(findAll(text, '')).toEqual([]);
    // Matches do not overlap, as in other editors: "aaaa" in 2,000 a's is found 500 times.
    expect(findAll('aaaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findAll('a'.repeat(2_000), 'aaaa')).toHaveLength(500);
  });

  it('ignores case in a text holding a letter whose lower case is longer (Turkish İ)', () => {
    const text = 'İstanbul and Kosovo .\nkosovo again .';
    expect(findAll(text, 'kosovo')).toEqual([
      { start: 13, end: 19 },
      { start: 22, end: 28 },
    ]);
    expect(findAll(text, 'KOSOVO')).toHaveLength(2);
    expect(findAll(text, 'stanbul')).toEqual([{ start: 1, end: 8 }]);
    // A dotted or dotless i is an i, and ß (or capital ẞ) is ss, as the browser's own find has them.
    const turkish = 'İzmir , istanbul , ISTANBUL , Straße , STRASSE , STRAẞE .';
    expect(findAll(turkish, 'izmir')).toEqual([{ start: 0, end: 5 }]);
    expect(findAll(turkish, 'İstanbul')).toHaveLength(2);
    expect(findAll(turkish, 'strasse')).toEqual([
      { start: 30, end: 36 },
      { start: 39, end: 46 },
      { start: 49, end: 55 },
    ]);
    expect(findAll(turkish, 'straße')).toHaveLength(3);
    expect(findAll(turkish, 'STRAẞE')).toHaveLength(3);
    // Characters that mean something in a pattern are looked for as typed.
    expect(findAll('a (b) [c] a.b', '(b)')).toEqual([{ start: 2, end: 5 }]);
    expect(findAll('a (b) [c] a.b', 'a.b')).toEqual([{ start: 10, end: 13 }]);
  });

  it('lists tens of thousands of matches, so one near the end of a large document is reached', () => {
    const text = 'Setubal said . '.repeat(40_000);
    const matches = findAll(text, 'setubal');
    expect(matches).toHaveLength(40_000);
    expect(matchFrom(matches, text.length - 20)).toBe(39_999);
  });

  it('starts from the first match at or after the view, wrapping around', () => {
    const matches = findAll('x a x a x', 'x');
    expect(matchFrom(matches, 3)).toBe(1);
    expect(matchFrom(matches, 9)).toBe(0);
    expect(matchFrom([], 0)).toBe(-1);
  });
});
