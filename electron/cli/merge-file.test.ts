import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { mergeDocuments } from '../../shared/review/merge';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');
const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-merge-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** git's own merge of three texts (`git merge-file -p`): the result and how many conflicts. */
function gitMerge(base: string, ours: string, theirs: string) {
  const [b, o, t] = ['base', 'ours', 'theirs'].map((name) => path.join(folder, name));
  writeFileSync(b, base);
  writeFileSync(o, ours);
  writeFileSync(t, theirs);
  const run = spawnSync(
    'git',
    ['merge-file', '-p', '-L', 'ours', '-L', 'base', '-L', 'theirs', o, b, t],
    {
      encoding: 'utf8',
    },
  );
  return { text: run.stdout, conflicts: run.status };
}

/** Edits of a list of lines: change, insert or delete at a position; new lines are never seen before. */
const edits = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom('change', 'insert', 'delete') }),
  { maxLength: 4 },
);

function edit(lines: readonly string[], steps: { at: number; kind: string }[], side: string) {
  const out = [...lines];
  steps.forEach(({ at, kind }, k) => {
    const where = at % (out.length + 1);
    if (kind === 'insert') out.splice(where, 0, `${side} added ${k}`);
    else if (where < out.length && kind === 'change') out[where] += ` (${side})`;
    else if (where < out.length) out.splice(where, 1);
  });
  return out;
}

describe('text merges by line as git merges it', () => {
  it('gives exactly what git merge-file gives for texts of distinct lines', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), edits, edits, (size, mine, yours) => {
        const base = Array.from({ length: size }, (_, k) => `line ${k} of the text`);
        const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
        const [b, o, t] = [base, edit(base, mine, 'ours'), edit(base, yours, 'theirs')].map(text);
        const merged = mergeDocuments(parse(b), parse(o), parse(t));
        expect(merged).toEqual(gitMerge(b, o, t));
      }),
      { numRuns: 100 },
    );
  });
  it('joins conflicts across a change both sides made alike, as across unchanged lines', () => {
    // Both delete line 2 (or relabel its entity alike); git counts such lines as unchanged ones,
    // so three lie between the two conflicts and they join.
    const lines = (...text: string[]) => text.map((line) => `${line}\n`).join('');
    for (const [line2, same] of [
      ['line 2', ''],
      ['line [PER 2  ]', 'line [ORG 2  ]\n'],
    ]) {
      const base = lines('line 0', line2, 'line 3', 'line 4');
      const ours = `${lines('ours added', 'line 0')}${same}${lines('line 3')}`;
      const theirs = `${lines('theirs added', 'line 0')}${same}${lines('line 3', 'line 4 (theirs)')}`;
      const git = gitMerge(base, ours, theirs);
      expect(git.conflicts).toBe(1);
      expect(mergeDocuments(parse(base), parse(ours), parse(theirs))).toEqual(git);
    }
  });
});

describe('lines whose plain text repeats, with other entities', () => {
  it.each([
    [
      'each side deletes another of two lines that read alike',
      'The [ORG UN  ] met .\nThe [LOC UN  ] met .\nend\n',
      'The [LOC UN  ] met .\nend\n',
      'The [ORG UN  ] met .\nend\n',
    ],
    [
      'a base holding both sides of an earlier conflict (a criss-cross merge)',
      '<<<<<<< ours\nL1 [LOC UN  ] met .\n=======\nL1 [MISC UN  ] met .\n>>>>>>> theirs\nL2 [PER John  ] ran .\n',
      'L1 [LOC UN  ] met .\nL2 [PER John  ] ran .\n',
      'L1 [MISC UN  ] met .\nL2 [PER John  ] ran .\n',
    ],
  ])(
    'conflicts where git merge-file does (%s), never taking one side silently',
    (_name, base, ours, theirs) => {
      const git = gitMerge(base, ours, theirs);
      expect(git.conflicts).toBeGreaterThan(0);
      const merged = mergeDocuments(parse(base), parse(ours), parse(theirs));
      expect(merged.conflicts).toBeGreaterThan(0);
      expect(merged.text).toContain('[LOC UN  ]');
      expect(merged.text).toContain(theirs.includes('MISC') ? '[MISC UN  ]' : '[ORG UN  ]');
    },
  );
});

describe('emend merge-file with conflicts left', () => {
  it('says how many, and the line of the first in the file it wrote (exit 1)', () => {
    const base = 'one\nthe [PER Ann  ] met .\nthree\n';
    const [b, o, t] = ['mb', 'mo', 'mt'].map((name) => path.join(folder, name));
    writeFileSync(b, base);
    writeFileSync(o, base.replace('PER', 'ORG'));
    writeFileSync(t, base.replace('PER', 'LOC'));
    const run = spawnSync(process.execPath, [BIN, 'merge-file', '--path=news.txt', b, o, t], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'emend merge-file: news.txt: 1 conflict left between markers, the first at line 2\n',
    );
    expect(readFileSync(o, 'utf8').split('\n')[1]).toBe('<<<<<<< ours');
  });
});

describe('a file with a byte order mark', () => {
  it('puts a conflict on its first line after the marker line, as git merge-file does', () => {
    const base = '\uFEFFA [PER x  ] .\nB\n';
    const ours = base.replace('PER', 'ORG');
    const theirs = base.replace('PER', 'LOC');
    const git = gitMerge(base, ours, theirs);
    expect(git.text.startsWith('<<<<<<< ours\n')).toBe(true);
    expect(mergeDocuments(parse(base), parse(ours), parse(theirs))).toEqual(git);
  });
});

describe('a close marker changed on one side', () => {
  const BASE = [
    'In [LOC Paris ] it rained .', // a one-space close in a two-space file (mixed-close-style)
    'line two',
    'line three',
    'line four',
    'There [PER Ann  ] spoke .',
    '',
  ].join('\n');
  const FIXED = BASE.replace('[LOC Paris ]', '[LOC Paris  ]');
  const RELABELED = BASE.replace('[PER Ann  ]', '[ORG Ann  ]');

  it('keeps their close-marker fix next to our relabel, as git merge-file does', () => {
    const expected = FIXED.replace('[PER Ann  ]', '[ORG Ann  ]');
    expect(gitMerge(BASE, RELABELED, FIXED)).toEqual({ text: expected, conflicts: 0 });
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((name) =>
      path.join(folder, `close-${name}.txt`),
    );
    writeFileSync(base, BASE);
    writeFileSync(ours, RELABELED);
    writeFileSync(theirs, FIXED);
    const run = spawnSync(process.execPath, [BIN, 'merge-file', base, ours, theirs], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(readFileSync(ours, 'utf8')).toBe(expected);
  });

  it('keeps a close-marker fix on the line where the other side relabels an entity', () => {
    const base = 'In [LOC Paris ] met [PER Ann  ] .\n';
    const fixed = 'In [LOC Paris  ] met [PER Ann  ] .\n';
    const relabeled = 'In [LOC Paris ] met [ORG Ann  ] .\n';
    for (const [ours, theirs] of [
      [fixed, relabeled],
      [relabeled, fixed],
    ]) {
      expect(mergeDocuments(parse(base), parse(ours), parse(theirs))).toEqual({
        text: 'In [LOC Paris  ] met [ORG Ann  ] .\n',
        conflicts: 0,
      });
    }
  });

  it('merges a fix of one entity with a relabel of the same entity', () => {
    const base = 'In [LOC Paris ] it rained .\n';
    const merged = mergeDocuments(
      parse(base),
      parse('In [LOC Paris  ] it rained .\n'),
      parse('In [GPE Paris ] it rained .\n', { labels: ['GPE', 'LOC'] }),
    );
    expect(merged).toEqual({ text: 'In [GPE Paris  ] it rained .\n', conflicts: 0 });
  });

  it('merges close-marker changes to different entities of one line, and the same change once', () => {
    const base = 'In [LOC Paris ] met [PER Ann  ] .\n';
    const both = 'In [LOC Paris  ] met [PER Ann ] .\n';
    const merged = mergeDocuments(
      parse(base),
      parse('In [LOC Paris  ] met [PER Ann  ] .\n'),
      parse('In [LOC Paris ] met [PER Ann ] .\n'),
    );
    expect(merged).toEqual({ text: both, conflicts: 0 });
    expect(mergeDocuments(parse(base), parse(both), parse(both))).toEqual({
      text: both,
      conflicts: 0,
    });
  });
});
