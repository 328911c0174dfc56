import { describe, expect, it } from 'vitest';
import type { Suspect } from '../../../../shared/suspects/suspect';
import { describeSuggestion, snippetOf } from './suspect-text';

const SENTENCE = 'Ambassadors of the Bank of Kosovo met in Pristina .';
/** "Kosovo" at plain offset 127, its sentence starting at 100. */
const suspect = (overrides: Partial<Suspect>): Suspect => ({
  path: 'a.txt',
  line: 3,
  column: 28,
  endColumn: 34,
  start: 127,
  end: 133,
  text: 'Kosovo',
  sentence: SENTENCE,
  sentenceStart: 100,
  kind: 'wrong-label',
  label: 'LOC',
  suggestion: { kind: 'relabel', label: 'ORG' },
  score: 0.9,
  reasons: [],
  ...overrides,
});

describe('a suspect in words', () => {
  it('marks the span in its sentence', () => {
    expect(snippetOf(suspect({}))).toEqual({
      before: 'Ambassadors of the Bank of ',
      text: 'Kosovo',
      after: ' met in Pristina .',
    });
  });

  it('marks the span where it is, not where its text first occurs in the sentence', () => {
    const twice = suspect({
      sentence: 'we went quiet and then we tried .',
      sentenceStart: 500,
      start: 523,
      end: 525,
      text: 'we',
    });
    expect(snippetOf(twice)).toEqual({
      before: 'we went quiet and then ',
      text: 'we',
      after: ' tried .',
    });
  });

  it('says each kind of fix', () => {
    expect(describeSuggestion(suspect({}))).toBe('LOC → ORG');
    expect(describeSuggestion(suspect({ suggestion: { kind: 'remove' } }))).toBe('Remove LOC');
    expect(
      describeSuggestion(suspect({ label: null, suggestion: { kind: 'add', label: 'LOC' } })),
    ).toBe('Tag LOC');
    expect(
      describeSuggestion(
        suspect({
          suggestion: { kind: 'extent', from: 119, to: 133, text: 'Bank of Kosovo', label: 'ORG' },
        }),
      ),
    ).toBe('ORG over “Bank of Kosovo”');
  });
});
