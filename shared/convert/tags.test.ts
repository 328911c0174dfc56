import { describe, expect, it } from 'vitest';
import { decodeTags, detectScheme, encodeTags, firstSchemeViolation, splitTag } from './tags';

const chunks = [
  { start: 0, end: 2, label: 'PER' },
  { start: 2, end: 3, label: 'PER' },
  { start: 4, end: 5, label: 'creative-work' },
];

describe('tag schemes', () => {
  it('splits a tag at its first hyphen, as conlleval does', () => {
    expect(splitTag('B-creative-work')).toEqual({ prefix: 'B', type: 'creative-work' });
    expect(splitTag('O')).toEqual({ prefix: 'O', type: '' });
    expect(splitTag('X-PER')).toBeNull();
    expect(splitTag('B-')).toBeNull();
  });

  it('writes IOB1, IOB2 and BIOES for adjacent and single-token entities', () => {
    expect(encodeTags(5, chunks, 'iob2')).toEqual([
      'B-PER',
      'I-PER',
      'B-PER',
      'O',
      'B-creative-work',
    ]);
    expect(encodeTags(5, chunks, 'iob1')).toEqual([
      'I-PER',
      'I-PER',
      'B-PER',
      'O',
      'I-creative-work',
    ]);
    expect(encodeTags(5, chunks, 'bioes')).toEqual([
      'B-PER',
      'E-PER',
      'S-PER',
      'O',
      'S-creative-work',
    ]);
  });

  it('decodes every scheme back to the same entities', () => {
    for (const scheme of ['iob1', 'iob2', 'bioes'] as const) {
      expect(decodeTags(encodeTags(5, chunks, scheme))).toEqual(chunks);
    }
  });

  it('decodes IOB1 without losing entities that a strict IOB2 reader would drop', () => {
    // CoNLL-2003: "I-ORG O I-MISC I-MISC B-MISC": the B only after the same type.
    expect(decodeTags(['I-ORG', 'O', 'I-MISC', 'I-MISC', 'B-MISC'])).toEqual([
      { start: 0, end: 1, label: 'ORG' },
      { start: 2, end: 4, label: 'MISC' },
      { start: 4, end: 5, label: 'MISC' },
    ]);
  });

  it('follows conlleval where the tags are inconsistent: a type change starts a new entity', () => {
    expect(decodeTags(['B-PER', 'I-LOC', 'E-LOC', 'I-LOC'])).toEqual([
      { start: 0, end: 1, label: 'PER' },
      { start: 1, end: 3, label: 'LOC' },
      { start: 3, end: 4, label: 'LOC' },
    ]);
  });

  it('finds the first tag that breaks a scheme', () => {
    expect(firstSchemeViolation(['O', 'I-PER'], 'iob2')).toBe(1);
    expect(firstSchemeViolation(['O', 'B-PER'], 'iob1')).toBe(1);
    expect(firstSchemeViolation(['B-PER', 'O'], 'bioes')).toBe(0);
    expect(firstSchemeViolation(['B-PER', 'I-PER'], 'iob2')).toBe(-1);
  });

  it('tells IOB1 from IOB2 and BIOES', () => {
    expect(
      detectScheme([
        ['I-ORG', 'O'],
        ['I-PER', 'B-PER'],
      ]),
    ).toBe('iob1');
    expect(
      detectScheme([
        ['B-ORG', 'O'],
        ['B-PER', 'I-PER'],
      ]),
    ).toBe('iob2');
    expect(detectScheme([['S-ORG', 'O']])).toBe('bioes');
    expect(detectScheme([['O', 'O']])).toBe('iob2');
  });

  it('tells a file IOB1 where more entities open with I- than with B-, a stray B- opening one or not', () => {
    const iob1WithSlip = [['I-ORG', 'O', 'I-MISC'], ['I-LOC', 'B-LOC'], ['B-ORG'], ['O', 'I-PER']];
    expect(detectScheme(iob1WithSlip)).toBe('iob1');
    const iob2WithSlip = [['B-ORG', 'O', 'B-MISC'], ['B-LOC', 'I-LOC'], ['I-ORG'], ['O', 'B-PER']];
    expect(detectScheme(iob2WithSlip)).toBe('iob2');
  });
});
