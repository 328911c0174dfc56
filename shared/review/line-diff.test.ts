// diffSources, which parses only the lines that differ, gives what diffing both whole parses gives, on generated versions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseWithDiagnostics } from '../format/parse';
import { diffDocuments } from './diff';
import { diffSources, documentCodePoints, type SourceDiff } from './line-diff';

/** Pieces of a line: words, entities, markup broken in each way the format names, astral text. */
const PIECES = [
  'Kosovo',
  'talks',
  ',',
  '𝒳 naïve',
  '[LOC Kosovo  ]',
  '[PER Ana Dell  ]',
  '[ORG NATO ]',
  // A label outside the set closed with one space: an entity or text, as the file's style has it.
  '[Haters u can ]',
  '[MISC 𝒳  ]',
  '[GPE Paris  ]',
  '[LOC Kosovo  ].',
  '[PER unclosed',
  'stray  ]',
  '[ORG Bank of [LOC Kosovo  ]  ]',
  '[PER  ]',
  '[1]',
  '<a href=x>¶</a>',
  '[PER <b>Dell</b>  ]',
];

const line = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 8 })
  .map((pieces) => pieces.join(' '));

/** An edit of one line: relabel, untag, tag, a text edit, a U+FEFF before it, closes restyled, or the line replaced by another. */
const lineEdit = fc.oneof(
  fc.constant((text: string) => text.replace('[LOC', '[ORG')),
  fc.constant((text: string) => text.replace(/\[PER ([^\]]*?) {2}\]/, '$1')),
  fc.constant((text: string) => text.replace('talks', '[MISC talks  ]')),
  fc.constant((text: string) => `also ${text}`),
  fc.constant((text: string) => text.replace('Kosovo', 'Kosova')),
  fc.constant((text: string) => `${text}\r`),
  // A U+FEFF that starts a line: text (a byte order mark only at the file's start).
  fc.constant((text: string) => `\uFEFF${text}`),
  // Every close on the line written with one space (which may turn the file's style).
  fc.constant((text: string) => text.replaceAll('  ]', ' ]')),
  line.map((other) => () => other),
);

/**
 * A document and a revision of it: edited lines, and at times lines added, removed or split. At times
 * the document is its lines over again, so that edits fall far apart among repeated lines (where each
 * run of edited lines is aligned on its own, see alignTexts).
 */
const versions = fc
  .record({
    lines: fc
      .tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom(1, 4))
      .map(([lines, times]) => Array.from({ length: times }, () => lines).flat()),
    edits: fc.array(fc.tuple(fc.nat(), lineEdit), { maxLength: 8 }),
    // Mostly the same number of lines (what the line-by-line path handles), at times not.
    added: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, fc.array(fc.tuple(fc.nat(), line))),
    removed: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, fc.array(fc.nat())),
    split: fc.constantFrom(false, false, false, true),
    bom: fc.constantFrom('none', 'both', 'both', 'before', 'after'),
    crlf: fc.constantFrom('none', 'none', 'none', 'before', 'after'),
    lastFeed: fc.boolean(),
  })
  .map(({ lines, edits, added, removed, split, bom, crlf, lastFeed }) => {
    const revised = [...lines];
    for (const [at, edit] of edits)
      revised[at % revised.length] = edit(revised[at % revised.length]);
    for (const [at, text] of added) revised.splice(at % (revised.length + 1), 0, text);
    for (const at of removed) if (revised.length > 1) revised.splice(at % revised.length, 1);
    if (split) revised[0] = revised[0].replace(' ', '\n');
    const join = (all: string[], ending: string, side: string) =>
      (bom === 'both' || bom === side ? '\ufeff' : '') +
      all.join(ending) +
      (lastFeed ? ending : '');
    return {
      before: join(lines, crlf === 'before' ? '\r\n' : '\n', 'before'),
      after: join(revised, crlf === 'after' ? '\r\n' : '\n', 'after'),
    };
  });

/** The diff of both whole parses, and every offset its output converts to code points. */
function wholeDiff(before: string, after: string): Omit<SourceDiff, 'errors'> {
  const [was, now] = [parse(before), parse(after)];
  return { diff: diffDocuments(was, now), codePoints: documentCodePoints(was, now) };
}

/** What output takes of a diff: the diff itself and the code point offset of each side's spans. */
function printed({ diff, codePoints }: Omit<SourceDiff, 'errors'>) {
  const spans = [
    ...diff.changes.flatMap((change) => [change.before, change.after]),
    ...diff.textEdits.flatMap((edit) => [edit.before, edit.after]),
  ];
  const sides = spans.map((span, k) =>
    span === null
      ? null
      : [codePoints[k % 2 === 0 ? 'before' : 'after'](span.start), span.end - span.start],
  );
  return { diff, sides };
}

describe('diffSources', () => {
  it('gives what diffing both whole parses gives: changes, text edits, scores, code points', () => {
    fc.assert(
      fc.property(versions, ({ before, after }) => {
        expect(printed(diffSources(before, after))).toEqual(printed(wholeDiff(before, after)));
      }),
      { numRuns: 400 },
    );
  });

  it('parses only the lines that differ: a relabel on line 3 of 5 is found there, the rest counted as same', () => {
    const before = '[LOC Kosovo  ] a\nb\n[PER Ana  ] c 𝒳 [LOC Rome  ]\nd\n[ORG NATO  ]\n';
    const after = before.replace('[LOC Rome', '[ORG Rome');
    const { diff, codePoints } = diffSources(before, after);
    expect(diff.changes).toEqual([
      {
        kind: 'relabeled',
        line: 3,
        column: 17,
        before: { start: 20, end: 24, label: 'LOC', text: 'Rome' },
        after: { start: 20, end: 24, label: 'ORG', text: 'Rome' },
      },
    ]);
    expect(codePoints.after(20)).toBe(19);
    expect(diff.counts.overall.strict).toMatchObject({ correct: 3, incorrect: 1 });
  });

  it('names the markup errors on the lines that differ, on each side, as reading the whole file does', () => {
    fc.assert(
      fc.property(versions, ({ before, after }) => {
        const { errors } = diffSources(before, after);
        const changed = changedLines(before, after);
        for (const [side, source] of [
          ['before', before],
          ['after', after],
        ] as const) {
          const whole = parseWithDiagnostics(source)
            .diagnostics.filter(({ severity }) => severity === 'error')
            .filter(({ line }) => changed === null || changed.has(line));
          expect(errors[side]).toEqual(whole);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('names a stray close on a changed line far below a changed line left open, which reading them together would pair', () => {
    const before = '[LOC Paris  ] met [PER Ann\nok\n\nstray  ] [LOC Rome  ]\n';
    const after = before.replaceAll('[LOC', '[ORG');
    const { diff, errors } = diffSources(before, after);
    expect(diff.changes.map(({ kind, line }) => [kind, line])).toEqual([
      ['relabeled', 1],
      ['relabeled', 4],
    ]);
    for (const side of ['before', 'after'] as const) {
      expect(errors[side].map(({ line, code }) => [line, code])).toEqual([
        [1, 'unclosed-entity'],
        [4, 'stray-close'],
      ]);
    }
  });

  it('names an entity left open in the new version, which would read as a removal and text edits', () => {
    const { errors } = diffSources(
      'The [PER Ann  ] met [LOC Paris  ] .\nok\n',
      'The [PER Ann  ] met [LOC Paris\nok\n',
    );
    expect(errors.before).toEqual([]);
    expect(errors.after).toEqual([
      expect.objectContaining({ line: 1, column: 21, code: 'unclosed-entity' }),
    ]);
  });
});

/**
 * The 1-based lines whose source differs between two versions of as many lines, or null when the
 * numbers of lines differ (then every line counts as changed).
 */
function changedLines(before: string, after: string): Set<number> | null {
  // Lines as diffSources counts them: a text ending with a line feed has an empty last line.
  const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\n');
  const [was, now] = [lines(before), lines(after)];
  if (was.length !== now.length) return null;
  return new Set(was.flatMap((line, k) => (line === now[k] ? [] : [k + 1])));
}
