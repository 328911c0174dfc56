import { describe, expect, it } from 'vitest';
import type { Entity } from '../format/document';
import { diagnose } from '../format/parse';
import {
  adjudicate,
  majorityOf,
  markupErrorBefore,
  mismatchPlace,
  textMismatch,
} from './adjudicate';

const e = (start: number, end: number, label: string): Entity => ({ start, end, label });

describe('adjudicate', () => {
  it('keeps what all copies hold and what a majority holds; drops the minority that overlaps it', () => {
    // "John Smith met Anna in Paris": all agree on Anna; two of three say [PER John Smith].
    const anna = e(15, 19, 'PER');
    const result = adjudicate([
      [e(0, 10, 'PER'), anna],
      [e(0, 4, 'PER'), anna],
      [e(0, 10, 'PER'), anna],
    ]);
    expect(result.entities).toEqual([e(0, 10, 'PER'), anna]);
    expect(result.unanimous).toBe(1);
    expect(result.places).toHaveLength(1);
    const [place] = result.places;
    expect(place).toMatchObject({ start: 0, end: 10, unsettled: [] });
    expect(place.versions).toEqual([[e(0, 10, 'PER')], [e(0, 4, 'PER')], [e(0, 10, 'PER')]]);
    expect(place.kept).toEqual([{ ...e(0, 10, 'PER'), copies: [0, 2] }]);
    expect(place.dropped).toEqual([{ ...e(0, 4, 'PER'), copies: [1] }]);
  });

  it('where no version has a majority, keeps the first copy’s markup and lists the place as unsettled', () => {
    const result = adjudicate([[e(23, 28, 'LOC')], [e(23, 28, 'ORG')], []]);
    expect(result.entities).toEqual([e(23, 28, 'LOC')]);
    expect(result.places[0].unsettled).toEqual([{ start: 23, end: 28 }]);
    expect(result.places[0].versions).toEqual([[e(23, 28, 'LOC')], [e(23, 28, 'ORG')], []]);
    expect(result.places[0].dropped).toEqual([{ ...e(23, 28, 'ORG'), copies: [1] }]);
  });

  it('an unsettled place where the first copy marks nothing stays without an entity', () => {
    const result = adjudicate([[], [e(0, 4, 'LOC')], [e(0, 4, 'ORG')]]);
    expect(result.entities).toEqual([]);
    expect(result.places[0].unsettled).toEqual([{ start: 0, end: 4 }]);
  });

  it('an entity that only a minority marks, where the others mark nothing, is dropped', () => {
    const result = adjudicate([[e(0, 4, 'PER')], [], []]);
    expect(result.entities).toEqual([]);
    expect(result.places[0].unsettled).toEqual([]);
    expect(result.places[0].dropped).toEqual([{ ...e(0, 4, 'PER'), copies: [0] }]);
  });

  it('a minority entity is unsettled where a copy marks its words inside an entity the vote dropped', () => {
    // "Shares of Acme Bank rose": [Acme] [Bank] / [Acme Bank] / [Acme] Bank. Two copies mark
    // "Bank" (one as part of the dropped [Acme Bank]); only one marks nothing there.
    const acme = e(10, 14, 'ORG');
    const result = adjudicate([[acme, e(15, 19, 'ORG')], [e(10, 19, 'ORG')], [acme]]);
    expect(result.entities).toEqual([acme, e(15, 19, 'ORG')]);
    expect(result.places[0].unsettled).toEqual([{ start: 15, end: 19 }]);
    // "P Q R": [P Q] / [P] [Q R] / P [Q R]: [Q R] wins, and P is marked by two copies of three.
    const qr = e(2, 5, 'X');
    const again = adjudicate([[e(0, 3, 'X')], [e(0, 1, 'X'), qr], [qr]]);
    expect(again.entities).toEqual([qr]);
    expect(again.places[0].unsettled).toEqual([{ start: 0, end: 1 }]);
  });

  it('--min asks for more votes: 2 of 3 is no longer enough', () => {
    const copies = [[e(0, 4, 'PER')], [e(0, 4, 'PER')], [e(0, 4, 'LOC')]];
    expect(adjudicate(copies).entities).toEqual([e(0, 4, 'PER')]);
    const strict = adjudicate(copies, 3);
    expect(strict.entities).toEqual([e(0, 4, 'PER')]);
    expect(strict.places[0].unsettled).toEqual([{ start: 0, end: 4 }]);
    expect(() => adjudicate(copies, 1)).toThrow(RangeError);
    expect(() => adjudicate(copies, 4)).toThrow(RangeError);
  });

  it('two copies: a majority is both, so every difference is unsettled', () => {
    expect(majorityOf(2)).toBe(2);
    const result = adjudicate([[e(0, 4, 'PER')], [e(0, 6, 'PER')]]);
    expect(result.entities).toEqual([e(0, 4, 'PER')]);
    expect(result.places[0].unsettled).toEqual([{ start: 0, end: 6 }]);
  });

  it('a place holds a majority entity and, beside it, an unsettled stretch of minority entities', () => {
    // Copy 0: [PER John] [LOC Smith]; copy 1: [PER John] [ORG Smith]; copy 2: [PER John Smith].
    const result = adjudicate([
      [e(0, 4, 'PER'), e(5, 10, 'LOC')],
      [e(0, 4, 'PER'), e(5, 10, 'ORG')],
      [e(0, 10, 'PER')],
    ]);
    // John Smith overlaps the majority's John: dropped. Smith: LOC, ORG or nothing, no majority.
    expect(result.entities).toEqual([e(0, 4, 'PER'), e(5, 10, 'LOC')]);
    expect(result.places).toHaveLength(1);
    expect(result.places[0].unsettled).toEqual([{ start: 5, end: 10 }]);
  });
});

describe('textMismatch', () => {
  it('names the first copy that differs and the line of the first difference', () => {
    expect(textMismatch(['a\nb\nc', 'a\nb\nc', 'a\nb\nc'])).toBeNull();
    expect(textMismatch(['a\nb\nc', 'a\nb\nc', 'a\nB\nc'])).toMatchObject({ copy: 2, line: 2 });
    expect(textMismatch(['a\nb', 'a\nb\nmore'])).toEqual({
      copy: 1,
      line: 2,
      only: null,
    });
  });

  it('tells a copy that differs only in its line endings (an editor that wrote CRLF)', () => {
    const mismatch = textMismatch(['a\nb\n', 'a\nb\n', 'a\r\nb\r\n'])!;
    expect(mismatch).toEqual({ copy: 2, line: 1, only: 'line-endings' });
    expect(mismatchPlace(mismatch)).toBe(
      'at line 1 (only the line endings differ, CRLF and LF: convert one of them)',
    );
    expect(mismatchPlace(textMismatch(['a\nb', 'a\r\nc'])!)).toBe('at line 1');
  });

  it('tells a copy whose line endings and final newline alone differ (CRLF, no last break)', () => {
    const mismatch = textMismatch(['a\nb\n', 'a\r\nb'])!;
    expect(mismatch.only).toBe('line-endings-and-final-newline');
    expect(mismatchPlace(mismatch)).toBe(
      'at line 1 (only the line endings and the final newline differ: convert one of them, and end both with a line break or neither)',
    );
  });
});

describe('markupErrorBefore', () => {
  it('finds the first markup error on or before the line where the texts part, not a warning', () => {
    const diagnostics = diagnose('[FOO Ann  ] met\nBob\n[PER Cleo\n[PER Dan\n');
    // Line 1's unknown label is a warning: it does not change the plain text.
    expect(markupErrorBefore(diagnostics, 2)).toBeUndefined();
    expect(markupErrorBefore(diagnostics, 4)).toMatchObject({
      line: 3,
      column: 1,
      code: 'unclosed-entity',
    });
  });
});
