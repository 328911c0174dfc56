import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { alignTexts } from './align';
import { diffDocuments } from './diff';

const fixture = (name: string) =>
  parse(readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8'));

describe('diffDocuments', () => {
  it('lists added, removed, relabeled and resized entities with file line and column', () => {
    const { changes, textEdits, scores } = diffDocuments(
      fixture('before.txt'),
      fixture('after.txt'),
    );
    expect(
      changes.map(({ kind, line, column, before, after }) => [
        kind,
        line,
        column,
        before?.text,
        after?.text,
        before?.label,
        after?.label,
      ]),
    ).toEqual([
      ['relabeled', 1, 13, 'Kosovo', 'Kosovo', 'LOC', 'ORG'],
      ['resized', 2, 1, 'John Smith', 'John', 'PER', 'PER'],
      ['removed', 2, 24, 'Bank of Kosovo', undefined, 'ORG', undefined],
      ['added', 2, 39, undefined, 'today', undefined, 'LOC'],
    ]);
    // "Kosvo" → "Kosovo" and " today" are text edits; the LOC entity over the typo still matches.
    expect(
      textEdits.map(({ line, column, before, after }) => [line, column, before.text, after.text]),
    ).toEqual([
      [1, 56, '', 'o'],
      [2, 38, '', ' today'],
    ]);
    expect([scores.strict.precision, scores.strict.recall]).toEqual([0.4, 0.4]);
    expect([
      scores.partial.correct,
      scores.partial.partial,
      scores.partial.missed,
      scores.partial.spurious,
    ]).toEqual([3, 1, 1, 1]);
  });

  it('finds nothing between identical documents', () => {
    const doc = fixture('before.txt');
    const diff = diffDocuments(doc, fixture('before.txt'));
    expect(diff.changes).toEqual([]);
    expect(diff.textEdits).toEqual([]);
    expect(diff.scores.strict.f1).toBe(1);
  });

  it('counts columns in code points, markup included, on both sides of emoji', () => {
    const before = parse('😀 [PER Zoë  ] 🇨🇭 [LOC Zürich  ]\n');
    const after = parse('😀 [PER Zoë  ] 🇨🇭 [ORG Zürich  ]\n');
    expect(diffDocuments(before, after).changes[0]).toMatchObject({
      kind: 'relabeled',
      line: 1,
      column: 18,
    });
  });

  it('an entity inside inserted text is added, one inside deleted text removed', () => {
    const before = parse('a [PER Bob  ] b\n');
    const after = parse('a b [LOC Rome  ] c\n');
    const kinds = diffDocuments(before, after).changes.map((change) => change.kind);
    expect(kinds).toEqual(['removed', 'added']);
  });
});

describe('alignTexts', () => {
  const apply = (before: string, after: string) => {
    let result = '';
    let at = 0;
    for (const hunk of alignTexts(before, after)) {
      result += before.slice(at, hunk.beforeStart) + after.slice(hunk.afterStart, hunk.afterEnd);
      at = hunk.beforeEnd;
    }
    return result + before.slice(at);
  };
  const lcs = (a: string, b: string) => {
    const row = new Array(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = 0;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
        diagonal = above;
      }
    }
    return row[b.length];
  };

  it('produces hunks that turn before into after', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n'), maxLength: 30 });
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(apply(before, after)).toBe(after);
      }),
    );
  });

  it('edits as few characters as possible within a line', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 30 });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edited = alignTexts(before, after).reduce(
          (sum, hunk) => sum + hunk.beforeEnd - hunk.beforeStart + hunk.afterEnd - hunk.afterStart,
          0,
        );
        const optimum: number = before.length + after.length - 2 * lcs(before, after);
        expect(edited).toBe(optimum);
      }),
    );
  });

  it('never splits an emoji', () => {
    expect(alignTexts('a 😀 b', 'a 😁 b')).toEqual([
      { beforeStart: 2, beforeEnd: 4, afterStart: 2, afterEnd: 4 },
    ]);
  });

  it('keeps the hunks of a large file with a few edits on the edited lines', () => {
    const lines = Array.from(
      { length: 60000 },
      (_, i) => `line ${i} of the corpus with some tokens .`,
    );
    const edited = [...lines];
    edited[100] = 'an inserted line';
    edited.splice(30000, 1);
    edited[50000] = edited[50000].replace('corpus', 'corpora');
    const before = lines.join('\n');
    const after = edited.join('\n');
    expect(apply(before, after)).toBe(after);
    // Hunks stay on the three edited lines.
    const lineOf = (offset: number) => after.slice(0, offset).split('\n').length;
    const editedLines = new Set(alignTexts(before, after).map((hunk) => lineOf(hunk.afterStart)));
    expect([...editedLines]).toEqual([101, 30001, 50001]);
  });
});
