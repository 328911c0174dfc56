import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { mergeDocuments } from '../../shared/review/merge';

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
});
