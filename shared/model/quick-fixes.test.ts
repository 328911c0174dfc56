import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ODD_PIECES, sourceOf } from '../format/fixtures/random-sources';
import type { BracketDocument, DiagnosticCode } from '../format/document';
import { conflictBlocks } from '../format/merge-conflicts';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { validate } from '../format/validate';
import { applyTransaction } from './operations';
import { quickFixes, type QuickFix } from './quick-fixes';

function fixesFor(
  source: string,
  code: DiagnosticCode,
): { doc: BracketDocument; fixes: QuickFix[] } {
  const doc = parse(source);
  const problem = validate(doc).find((diagnostic) => diagnostic.code === code);
  expect(problem, `${code} in ${source}`).toBeDefined();
  return { doc, fixes: quickFixes(doc, problem!) };
}

/** Applies a fix, checks the file it writes, and that undo gives back the original bytes. */
function applyFix(doc: BracketDocument, fix: QuickFix, expected: string): BracketDocument {
  if (fix.action.kind !== 'edit') throw new Error('not an edit');
  const applied = applyTransaction(doc, fix.action.tx);
  expect(serialize(applied.doc)).toBe(expected);
  expect(serialize(applyTransaction(applied.doc, applied.inverse).doc)).toBe(serialize(doc));
  return applied.doc;
}

describe('quick fixes', () => {
  it('merge conflict: keep ours, theirs, both or the base, each as one edit, however long', () => {
    const long = `${'word '.repeat(120)}😀 [LOC Rome  ] .`;
    const source =
      'A [PER Ann  ] .\r\n<<<<<<< ours\r\nB [LOC Rome  ] .\r\n||||||| base\r\nB Rome .\r\n' +
      `=======\r\n${long}\r\n>>>>>>> theirs\r\nC .\r\n`;
    const { doc, fixes } = fixesFor(source, 'merge-conflict');
    expect(validate(doc)[0].message).toBe(
      'unresolved merge conflict (7 lines, from <<<<<<< to >>>>>>>): keep one side, or both',
    );
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Keep ours (1 line)',
      'Keep theirs (1 line)',
      'Keep both, ours first',
      'Keep the base (1 line)',
    ]);
    const top = 'A [PER Ann  ] .\r\n';
    const ours = applyFix(doc, fixes[0], `${top}B [LOC Rome  ] .\r\nC .\r\n`);
    expect(validate(ours)).toEqual([]);
    applyFix(doc, fixes[1], `${top}${long}\r\nC .\r\n`);
    applyFix(doc, fixes[2], `${top}B [LOC Rome  ] .\r\n${long}\r\nC .\r\n`);
    applyFix(doc, fixes[3], `${top}B Rome .\r\nC .\r\n`);
    // The preview is the block, and what the fix leaves of it.
    expect(fixes[0].before.split('\n')).toHaveLength(7);
    expect(fixes[0].after).toBe('B [LOC Rome  ] .');
    expect(fixes[0].before).not.toContain('\r');
  });

  it('merge conflict: markers longer than seven (git conflict-marker-size), all of one size', () => {
    const source =
      'A .\n<<<<<<<<<< ours\nB [LOC Rome  ] .\n==========\nB [ORG Rome  ] .\n>>>>>>>>>> theirs\n';
    const { doc, fixes } = fixesFor(source, 'merge-conflict');
    applyFix(doc, fixes[1], 'A .\nB [ORG Rome  ] .\n');
    // A separator of another size is text: the named markers then close no block, and are strays.
    const mixed = 'A .\n<<<<<<<<<< ours\nx\n=======\ny\n>>>>>>>>>> theirs\n';
    expect(validate(parse(mixed)).map(({ code, line }) => `${code}:${line}`)).toEqual([
      'conflict-marker:2',
      'conflict-marker:6',
    ]);
  });

  it("merge conflict: one nested in another with longer markers (a recursive merge's base) is inside the outer block", () => {
    const source =
      'A .\n<<<<<<< HEAD\nB [LOC Rome  ] .\n||||||| merged common ancestors\n' +
      '<<<<<<<<< Temporary merge branch 1\nB Rome .\n=========\nB [ORG Rome  ] .\n' +
      '>>>>>>>>> Temporary merge branch 2\n=======\nB [PER Rome  ] .\n>>>>>>> theirs\nC .\n';
    const { doc, fixes } = fixesFor(source, 'merge-conflict');
    expect(validate(doc).map(({ code, line, message }) => `${code}:${line}:${message}`)).toEqual([
      'merge-conflict:2:unresolved merge conflict (11 lines, from <<<<<<< to >>>>>>>): keep one side, or both',
    ]);
    applyFix(doc, fixes[0], 'A .\nB [LOC Rome  ] .\nC .\n');
    // The base kept, its own conflict is the one left.
    const base = applyFix(
      doc,
      fixes[3],
      'A .\n<<<<<<<<< Temporary merge branch 1\nB Rome .\n=========\nB [ORG Rome  ] .\n' +
        '>>>>>>>>> Temporary merge branch 2\nC .\n',
    );
    expect(validate(base).map(({ code, line }) => `${code}:${line}`)).toEqual(['merge-conflict:2']);
    // An outer block left incomplete: the complete one inside it is still a conflict, the outer
    // start a stray marker.
    const open = source.replace('=======\nB [PER Rome  ] .\n>>>>>>> theirs\n', '');
    expect(validate(parse(open)).map(({ code, line }) => `${code}:${line}`)).toEqual([
      'conflict-marker:2',
      'merge-conflict:5',
    ]);
    // Two blocks left open, one inside the other, each around a complete one: both complete ones
    // are conflicts, in the order they come.
    const twice =
      '<<<<<<< a\n<<<<<<<<< b\nx\n=========\ny\n>>>>>>>>> c\n<<<<<<<<<<< d\n' +
      '<<<<<<<<<<<<< e\nz\n=============\nw\n>>>>>>>>>>>>> f\n';
    expect(conflictBlocks(twice).map(({ start }) => twice.slice(start).split('\n', 1)[0])).toEqual([
      '<<<<<<<<< b',
      '<<<<<<<<<<<<< e',
    ]);
  });

  it('merge conflict: a named marker outside a complete block is a warning, its line removed', () => {
    // Half resolved: the separator and the end were deleted, the start left behind.
    const source = 'A .\r\n<<<<<<< HEAD\r\nB [LOC Rome  ] .\r\n';
    const { doc, fixes } = fixesFor(source, 'conflict-marker');
    expect(validate(doc)).toMatchObject([
      {
        line: 2,
        severity: 'warning',
        message:
          'a merge conflict marker outside a complete conflict (one half resolved?): remove the line',
      },
    ]);
    expect(fixes.map((fix) => fix.title)).toEqual(['Remove the marker line']);
    expect(validate(applyFix(doc, fixes[0], 'A .\r\nB [LOC Rome  ] .\r\n'))).toEqual([]);
    // A line of ======= alone, or markers without a name, may be the text's own: no problem.
    for (const text of ['=======\nx\n', '<<<<<<<\nx\n', 'x >>>>>>> y\n'])
      expect(validate(parse(text))).toEqual([]);
  });

  it('unclosed entity: close after each token, the capitalized run first, or make the bracket literal', () => {
    const source = 'Here [LOC Kosovo Force never closes\nNext [PER Ann  ] line .\n';
    const { doc, fixes } = fixesFor(source, 'unclosed-entity');
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Close it after “Kosovo Force”',
      'Close it after “Kosovo”',
      'Close it after “Kosovo Force never”',
      'Close it after “Kosovo Force never closes”',
      'Make the bracket literal text',
    ]);
    const closed = applyFix(
      doc,
      fixes[1],
      'Here [LOC Kosovo  ] Force never closes\nNext [PER Ann  ] line .\n',
    );
    expect(fixes[1].before).toBe('Here [LOC Kosovo Force never closes');
    expect(fixes[1].after).toBe('Here [LOC Kosovo  ] Force never closes');
    expect(validate(closed)).toEqual([]);
    expect(closed.entities.map((entity) => closed.text.slice(entity.start, entity.end))).toEqual([
      'Kosovo',
      'Ann',
    ]);
    // The fix names the entity it closes, to select it after.
    expect(closed.entities[0].start).toBe(fixes[1].selects);
    applyFix(doc, fixes[3], 'Here [LOC Kosovo Force never closes  ]\nNext [PER Ann  ] line .\n');
    const literal = applyFix(
      doc,
      fixes[4],
      'Here [ LOC Kosovo Force never closes\nNext [PER Ann  ] line .\n',
    );
    expect(validate(literal).map((diagnostic) => diagnostic.severity)).toEqual(['info']);
  });

  it('nested entity: close the outer one before the inner, unwrap the inner, or make the bracket literal', () => {
    const { doc, fixes } = fixesFor(
      'Later [PER Jane Doe of the [ORG ICO  ] joined .\n',
      'nested-entity',
    );
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Close it after “Jane Doe”',
      'Close it after “Jane”',
      'Close it after “Jane Doe of”',
      'Close it after “Jane Doe of the”',
      'Unwrap the inner [ORG (its close then ends PER)',
      'Make the bracket literal text',
    ]);
    const closed = applyFix(doc, fixes[0], 'Later [PER Jane Doe  ] of the [ORG ICO  ] joined .\n');
    expect(
      closed.entities.map(({ label, start, end }) => [label, closed.text.slice(start, end)]),
    ).toEqual([
      ['PER', 'Jane Doe'],
      ['ORG', 'ICO'],
    ]);
    applyFix(doc, fixes[4], 'Later [PER Jane Doe of the ICO  ] joined .\n');
    applyFix(doc, fixes[5], 'Later [ PER Jane Doe of the [ORG ICO  ] joined .\n');
  });

  it('entity over a line break and empty entity have fixes too', () => {
    const spans = fixesFor('A [PER John\nSmith  ] b\n', 'entity-spans-lines');
    expect(spans.fixes.map((fix) => fix.title)).toEqual([
      'Close it after “John”',
      'Make the bracket literal text',
    ]);
    // The close on the next line was this entity's: it goes too, and the preview shows both lines.
    applyFix(spans.doc, spans.fixes[0], 'A [PER John  ]\nSmith b\n');
    expect({ before: spans.fixes[0].before, after: spans.fixes[0].after }).toEqual({
      before: 'A [PER John\nSmith  ] b',
      after: 'A [PER John  ]\nSmith b',
    });
    applyFix(spans.doc, spans.fixes[1], 'A [ PER John\nSmith b\n');
    // Broken right after its label: nothing to close it after on its line.
    const bare = fixesFor('A [PER\nJohn Smith  ] b\n', 'entity-spans-lines');
    expect(bare.fixes.map((fix) => fix.title)).toEqual(['Make the bracket literal text']);
    applyFix(bare.doc, bare.fixes[0], 'A [ PER\nJohn Smith b\n');
    const empty = fixesFor('An [PER  ] here\n', 'empty-entity');
    expect(empty.fixes.map((fix) => fix.title)).toEqual(['Remove the empty entity']);
    applyFix(empty.doc, empty.fixes[0], 'An here\n');
  });

  it('a file whose text starts with U+FEFF after its byte order mark gets its fixes in place', () => {
    // The first U+FEFF is the BOM, the second is text: the fixes must not read it as a BOM too.
    const source = '\uFEFF\uFEFF[Zoë </pre>  ] .\n';
    const unknown = fixesFor(source, 'unknown-label');
    expect(unknown.fixes.map((fix) => fix.title)).toContain('Add Zoë to the label set');
    applyFix(unknown.doc, unknown.fixes[1], '\uFEFF\uFEFF[PER </pre>  ] .\n');
    const markup = fixesFor(source, 'markup-in-entity');
    expect(markup.fixes.map((fix) => fix.title)).toEqual(['Remove the entity, keeping its text']);
    applyFix(markup.doc, markup.fixes[0], '\uFEFF\uFEFF</pre> .\n');
  });

  it('every problem of the markup has at least one fix', () => {
    fc.assert(
      fc.property(sourceOf(ODD_PIECES, 30), (source) => {
        const doc = parse(source);
        for (const problem of validate(doc)) {
          // Lone carriage returns end a file's lines: they are converted outside Emend.
          if (problem.severity === 'info' || problem.code === 'lone-carriage-returns') continue;
          expect(
            quickFixes(doc, problem).length,
            `${problem.code} in ${JSON.stringify(source)}`,
          ).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('glued close: inserts the space', () => {
    const { doc, fixes } = fixesFor('A [LOC Kosovo  ]. B\n', 'glued-close');
    expect(fixes.map((fix) => fix.title)).toEqual(['Insert a space after the close marker']);
    expect(validate(applyFix(doc, fixes[0], 'A [LOC Kosovo  ] . B\n'))).toEqual([]);
  });

  it('glued open: inserts the space, so the entity no longer cuts a token', () => {
    const { doc, fixes } = fixesFor('Goldsmith[PER Ann  ] x\n', 'glued-open');
    expect(fixes.map((fix) => fix.title)).toEqual(['Insert a space before the open marker']);
    expect(validate(applyFix(doc, fixes[0], 'Goldsmith [PER Ann  ] x\n'))).toEqual([]);
    // After a space, a tag or a close (a glued close, reported as such), an open is not glued.
    const codes = (source: string) => validate(parse(source)).map(({ code }) => code);
    expect(codes('</b>[PER Ann  ] x\n')).toEqual([]);
    expect(codes('[PER Ann  ][LOC Rome  ]\n')).toEqual(['glued-close']);
  });

  it('mixed close style: normalizes this one, or every one in the file', () => {
    const source = '[LOC A  ] [LOC B ] [LOC C  ] [PER D ] [ORG E  ]\n';
    const { doc, fixes } = fixesFor(source, 'mixed-close-style');
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Write this close as "  ]"',
      'Write all 2 differing closes as "  ]"',
    ]);
    applyFix(doc, fixes[0], '[LOC A  ] [LOC B  ] [LOC C  ] [PER D ] [ORG E  ]\n');
    const all = applyFix(doc, fixes[1], '[LOC A  ] [LOC B  ] [LOC C  ] [PER D  ] [ORG E  ]\n');
    expect(validate(all)).toEqual([]);
  });

  it('unknown label: adds it to the label set, or relabels it as a known one', () => {
    const { doc, fixes } = fixesFor('A [GPE Paris  ] office .\n', 'unknown-label');
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Add GPE to the label set',
      'Relabel as PER',
      'Relabel as LOC',
      'Relabel as ORG',
      'Relabel as MISC',
    ]);
    expect(fixes[0].action).toEqual({ kind: 'add-labels', labels: ['GPE'] });
    expect(fixes[2].after).toBe('A [LOC Paris  ] office .');
    applyFix(doc, fixes[2], 'A [LOC Paris  ] office .\n');
  });

  it('unknown labels, several in a document: one fix adds them all, in the order they come', () => {
    const source =
      '[person Ann  ] at [location Rome  ] and [person Bob  ] of [corporation X  ] .\n';
    const { fixes } = fixesFor(source, 'unknown-label');
    expect(fixes.map((fix) => fix.title).slice(0, 2)).toEqual([
      'Add person to the label set',
      'Add all 3 labels this document uses that the set lacks: person, location, corporation',
    ]);
    expect(fixes[1].action).toEqual({
      kind: 'add-labels',
      labels: ['person', 'location', 'corporation'],
    });
  });

  it('unknown label differing from a known one only in case: relabels it as that one, never adds it', () => {
    // A label set holds no two labels differing only in case: the Labels panel refuses `per` beside PER.
    const { doc, fixes } = fixesFor('[per Ann  ] met [PER Bob  ] .\n', 'unknown-label');
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Relabel as PER',
      'Relabel as LOC',
      'Relabel as ORG',
      'Relabel as MISC',
    ]);
    expect(validate(applyFix(doc, fixes[0], '[PER Ann  ] met [PER Bob  ] .\n'))).toEqual([]);
  });

  it('unknown label on an entity with a tab before its close: relabeling it writes the file’s close', () => {
    const { doc, fixes } = fixesFor('A [GPE a\t  ] office .\n', 'unknown-label');
    expect(fixes[2].after).toBe('A [LOC a  ] office .');
    applyFix(doc, fixes[2], 'A [LOC a  ] office .\n');
  });

  it('stray close: removes it', () => {
    const { doc, fixes } = fixesFor('a stray  ] here .\n', 'stray-close');
    expect(fixes.map((fix) => fix.title)).toEqual(['Remove the stray close marker']);
    expect(validate(applyFix(doc, fixes[0], 'a stray here .\n'))).toEqual([]);
  });

  it('markup in an entity: takes the tags at its edges out, or removes the entity', () => {
    const { doc, fixes } = fixesFor('Ambassador [PER DELL</pre></code>  ]\n', 'markup-in-entity');
    expect(fixes.map((fix) => fix.title)).toEqual([
      'Keep only “DELL” in the entity',
      'Remove the entity, keeping its text',
    ]);
    // A close followed by a tag is not glued: the fixed file has no problem left.
    const trimmed = applyFix(doc, fixes[0], 'Ambassador [PER DELL  ]</pre></code>\n');
    expect(validate(trimmed)).toEqual([]);
    applyFix(doc, fixes[1], 'Ambassador DELL</pre></code>\n');
    const link = fixesFor("[PER <a href='x'>Dell</a>  ] .\n", 'markup-in-entity');
    applyFix(link.doc, link.fixes[0], "<a href='x'>[PER Dell  ]</a> .\n");
  });

  it('takes edits since opening into account, and offers nothing once the problem is gone', () => {
    const doc = parse('[ORG Big Org  ] text [LOC Kosovo  ]. end\n');
    const problem = validate(doc).find((diagnostic) => diagnostic.code === 'glued-close')!;
    const relabeled = applyTransaction(doc, {
      ops: [{ op: 'relabel', id: 1, label: 'MISC' }],
    }).doc;
    const [fix] = quickFixes(relabeled, problem);
    const fixed = applyFix(relabeled, fix, '[MISC Big Org  ] text [LOC Kosovo  ] . end\n');
    expect(quickFixes(fixed, problem)).toEqual([]);
  });
});
