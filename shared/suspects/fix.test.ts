import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { applyTransaction } from '../model/operations';
import { fixTransaction, missingEntitiesFixed } from './fix';
import type { Suspect, SuspectFix } from './suspect';

const source = 'Talks in [LOC Quint  ] capitals and New York City today .\n';

/** A suspect over the first occurrence of text in source's plain text. */
function suspectAt(text: string, label: string | null, suggestion: SuspectFix): Suspect {
  const doc = parse(source);
  const start = doc.text.indexOf(text);
  return {
    path: 'a.txt',
    line: 1,
    column: 1,
    endColumn: 1,
    start,
    end: start + text.length,
    text,
    sentence: doc.text.trimEnd(),
    sentenceStart: 0,
    kind: 'wrong-label',
    label,
    suggestion,
    score: 1,
    reasons: [],
  };
}

function applied(suspect: Suspect): string {
  const doc = parse(source);
  const fix = fixTransaction(doc, suspect);
  if (!('tx' in fix)) throw new Error(fix.problem);
  return serialize(applyTransaction(doc, fix.tx).doc);
}

describe('fixTransaction', () => {
  it('applies each kind of suggestion as one edit', () => {
    expect(applied(suspectAt('Quint', 'LOC', { kind: 'relabel', label: 'ORG' }))).toBe(
      'Talks in [ORG Quint  ] capitals and New York City today .\n',
    );
    expect(applied(suspectAt('Quint', 'LOC', { kind: 'remove' }))).toBe(
      'Talks in Quint capitals and New York City today .\n',
    );
    expect(applied(suspectAt('New York City', null, { kind: 'add', label: 'LOC' }))).toBe(
      'Talks in [LOC Quint  ] capitals and [LOC New York City  ] today .\n',
    );
    const doc = parse(source);
    const from = doc.text.indexOf('Quint');
    const to = doc.text.indexOf(' and');
    expect(
      applied(
        suspectAt('Quint', 'LOC', {
          kind: 'extent',
          from,
          to,
          text: 'Quint capitals',
          label: 'LOC',
        }),
      ),
    ).toBe('Talks in [LOC Quint capitals  ] and New York City today .\n');
  });

  it('refuses a fix once the annotation there has changed', () => {
    const suspect = suspectAt('Quint', 'PER', { kind: 'relabel', label: 'ORG' });
    expect(fixTransaction(parse(source), suspect)).toEqual({
      problem: 'the annotation there has changed: rank the corpus again',
    });
    const moved = { ...suspectAt('Quint', 'LOC', { kind: 'remove' }), start: 0, end: 5 };
    expect(fixTransaction(parse(source), moved)).toEqual({
      problem: 'the text there has changed: rank the corpus again',
    });
  });

  it('refuses to tag on a line whose markup is broken, where the entity would nest in it', () => {
    const doc = parse('Quint is fine .\n[LOC Kosovo never closes , says Quint\n');
    const start = doc.text.lastIndexOf('Quint');
    const missing: Suspect = {
      ...suspectAt('Quint', null, { kind: 'add', label: 'ORG' }),
      line: 2,
      start,
      end: start + 5,
    };
    expect(fixTransaction(doc, missing)).toEqual({
      problem: 'line 2 has broken markup: repair it first',
    });
    expect('tx' in fixTransaction(doc, { ...missing, line: 1, start: 0, end: 5 })).toBe(true);
  });

  it('refuses a fix that would tag part of a token, saying why, so Accept all takes the others', () => {
    const doc = parse('[ORG Umbrella  ]/[ORG Oslo  ] x\n');
    const slash: Suspect = {
      ...suspectAt('Quint', null, { kind: 'add', label: 'LOC' }),
      text: '/',
      start: 8,
      end: 9,
    };
    expect(fixTransaction(doc, slash)).toEqual({ problem: 'an entity must cover whole tokens' });
    const widened: Suspect = {
      ...slash,
      text: 'Oslo',
      label: 'ORG',
      start: 9,
      end: 13,
      suggestion: { kind: 'extent', from: 8, to: 13, text: '/Oslo', label: 'ORG' },
    };
    expect(fixTransaction(doc, widened)).toEqual({ problem: 'an entity must cover whole tokens' });
  });
});

describe('missingEntitiesFixed', () => {
  it('adds the missing entities it can in one edit, numbered in turn, and counts those refused with why', () => {
    const doc = parse(source);
    const york = suspectAt('New York', null, { kind: 'add', label: 'LOC' });
    const city = suspectAt('York City', null, { kind: 'add', label: 'LOC' });
    const today = suspectAt('today', null, { kind: 'add', label: 'MISC' });
    // Ranked before the file changed: its text is no longer there.
    const stale = {
      ...suspectAt('capitals', null, { kind: 'add', label: 'MISC' }),
      text: 'capital',
    };
    const { tx, fixed, refused, why } = missingEntitiesFixed(doc, [york, stale, city, today]);
    expect(fixed).toEqual([york, today]);
    expect({ refused, why }).toEqual({
      refused: 1,
      why: 'the text there has changed: rank the corpus again',
    });
    expect(serialize(applyTransaction(doc, tx).doc)).toBe(
      'Talks in [LOC Quint  ] capitals and [LOC New York  ] City [MISC today  ] .\n',
    );
    expect(missingEntitiesFixed(doc, [stale])).toMatchObject({ fixed: [], refused: 1 });
  });
});
