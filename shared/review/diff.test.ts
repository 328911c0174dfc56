import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { alignTexts, diffSequences, stretchRuns } from './align';
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

  it('pairs an entity merged from two with the first it overlaps, as nervaluate scores it', () => {
    const { changes, scores } = diffDocuments(
      parse('[PER Ann  ] x [LOC Rome  ] .\n'),
      parse('[PER Ann x Rome  ] .\n'),
    );
    // Ann grew to take in Rome, which is gone: not Rome resized and relabeled, Ann gone.
    expect(changes.map(({ kind, before, after }) => [kind, before?.text, after?.text])).toEqual([
      ['resized', 'Ann', 'Ann x Rome'],
      ['removed', 'Rome', undefined],
    ]);
    // nervaluate: the prediction overlaps PER Ann first, with its label (type COR); LOC Rome is missed.
    const { correct, incorrect, missed, spurious } = scores.type;
    expect({ correct, incorrect, missed, spurious }).toEqual({
      correct: 1,
      incorrect: 0,
      missed: 1,
      spurious: 0,
    });
  });

  it('places a removal in AFTER too, where its words are, lines added above it or markup gone before it', () => {
    const at = (before: string, after: string) =>
      diffDocuments(parse(before), parse(after)).changes.map(({ kind, line, column }) => [
        kind,
        line,
        column,
      ]);
    expect(at('[PER Ann  ] met [LOC Bo  ] .\n', 'Ann met Bo .\n')).toEqual([
      ['removed', 1, 1],
      ['removed', 1, 9],
    ]);
    expect(at('one [LOC B  ] two\n', 'new\nlines\none B two\n')).toEqual([['removed', 3, 5]]);
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

  it('an entity at the start of a line is unchanged when the blank line before it is removed', () => {
    const before = parse('Talks in\n\n[ORG Bonn  ] ended .\n');
    const after = parse('Talks in\n[ORG Bonn  ] ended .\n');
    const diff = diffDocuments(before, after);
    expect(diff.changes).toEqual([]);
    expect(diff.scores.strict.f1).toBe(1);
  });

  it('pairs entities through the alignment however many lines changed', () => {
    // A CoNLL-like corpus with a blank line after each sentence, against the same without them:
    // thousands of line edits, and every entity still the same, but one relabeled.
    const sentences = Array.from(
      { length: 3000 },
      (_, i) => `[PER Nadim Ladki ${i}  ] joined [ORG Lazio  ] in [LOC Rome  ] .`,
    );
    const before = parse(sentences.map((line) => `${line}\n\n`).join(''));
    sentences[1500] = sentences[1500].replace('[ORG Lazio', '[MISC Lazio');
    const after = parse(sentences.map((line) => `${line}\n`).join(''));
    const diff = diffDocuments(before, after);
    expect(
      diff.changes.map(({ kind, line, before, after }) => [kind, line, before?.text, after?.label]),
    ).toEqual([['relabeled', 1501, 'Lazio', 'MISC']]);
    expect(diff.counts.overall.strict).toMatchObject({ correct: 8999, incorrect: 1 });
  });

  it('on one line of a megabyte with words inserted all along it, finds each relabel at its column', () => {
    const words = Array.from({ length: 60000 }, (_, i) => `w${i % 97} [LOC p${i}  ]`);
    const before = words.join(' ') + '\n';
    const edited = words.map((word, i) =>
      i % 100 === 0 ? word.replace('[LOC', '[ORG') : i % 7 === 0 ? `new ${word}` : word,
    );
    const after = edited.join(' ') + '\n';
    const diff = diffDocuments(parse(before), parse(after));
    expect(diff.changes).toHaveLength(600);
    const last = diff.changes[599];
    expect(last).toMatchObject({ kind: 'relabeled', line: 1, before: { text: 'p59900' } });
    expect(last.column).toBe(after.indexOf('[ORG p59900') + 1);
    const inserted = edited.filter((word) => word.startsWith('new ')).length;
    expect(diff.textEdits).toHaveLength(inserted);
    for (const edit of diff.textEdits)
      expect([edit.before.text, edit.after.text.trim()]).toEqual(['', 'new']);
  });

  it('on one long line whose words all repeat, with words replaced all along it, lists only those text edits', () => {
    // No word occurs once on either side, and too many edits for a shortest script of the line.
    let seed = 1;
    const words = Array.from(
      { length: 30000 },
      () => `w${(seed = (seed * 16807) % 2147483647) % 51}`,
    );
    const bracketed = (list: string[]) =>
      list.map((word, i) => (i % 100 === 5 ? `[PER ${word}  ]` : word)).join(' ') + '\n';
    const before = bracketed(words);
    const after = bracketed(words.map((word, i) => (i % 75 === 11 ? 'CHANGED' : word)));
    const diff = diffDocuments(parse(before), parse(after));
    expect(diff.changes).toEqual([]);
    // Each edit on a replaced word: replaced, or (as short) inserted beside a repeat of it deleted.
    const inserted = diff.textEdits.filter((edit) => edit.after.text.trim() === 'CHANGED');
    expect(inserted).toHaveLength(400);
    for (const edit of diff.textEdits) {
      expect(edit.after.text.trim()).toMatch(/^(CHANGED)?$/);
      expect(edit.before.text.trim()).toMatch(/^(w\d+)?$/);
    }
    expect(diff.counts.overall.strict).toMatchObject({ correct: 300, incorrect: 0 });
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

  it('turns one sequence into the other when a shortest script would cost too much', () => {
    const codes = fc.array(fc.constantFrom(1, 2, 3, 4, 5, 6), { maxLength: 40 });
    fc.assert(
      fc.property(codes, codes, (a, b) => {
        let result: number[] = [];
        let at = 0;
        for (const hunk of diffSequences(a, b, () => 1)) {
          result = [
            ...result,
            ...a.slice(at, hunk.beforeStart),
            ...b.slice(hunk.afterStart, hunk.afterEnd),
          ];
          at = hunk.beforeEnd;
        }
        expect([...result, ...a.slice(at)]).toEqual(b);
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

  it('aligns a large file whose every line repeats, a word added on every 200th line, line by line', () => {
    // Too many edits for a shortest script and no line occurs once: each line appears twice in a row.
    const lines = Array.from({ length: 60000 }, (_, i) => `sentence ${i >> 1} of the corpus .`);
    const edited = lines.map((line, i) => (i % 200 === 0 ? `also ${line}` : line));
    const [before, after] = [lines.join('\n'), edited.join('\n')];
    const hunks = alignTexts(before, after);
    expect(apply(before, after)).toBe(after);
    const inserted = hunks.map((hunk) => after.slice(hunk.afterStart, hunk.afterEnd)).join('');
    expect(inserted).toBe('also '.repeat(300));
    expect(hunks.every((hunk) => hunk.beforeStart === hunk.beforeEnd)).toBe(true);
  });

  it('parts texts of as many lines at eight lines equal in place, aligning each run on its own', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i % 3}`);
    const edited = [...lines];
    edited[5] = 'line 9';
    edited[30] = 'line 7';
    const [before, after] = [lines.join('\n'), edited.join('\n')];
    const runs = [lines.slice(5, 6), lines.slice(30, 31)].map((run) => run.join('\n'));
    const offsetOf = (text: string[], line: number) => text.slice(0, line).join('\n').length + 1;
    const expected = [5, 30].flatMap((line, k) =>
      alignTexts(runs[k], edited[line]).map((hunk) => ({
        beforeStart: hunk.beforeStart + offsetOf(lines, line),
        beforeEnd: hunk.beforeEnd + offsetOf(lines, line),
        afterStart: hunk.afterStart + offsetOf(edited, line),
        afterEnd: hunk.afterEnd + offsetOf(edited, line),
      })),
    );
    expect(alignTexts(before, after)).toEqual(expected);
    expect(stretchRuns([5, 12, 21, 30])).toEqual([
      [5, 12],
      [21, 21],
      [30, 30],
    ]);
  });
});
