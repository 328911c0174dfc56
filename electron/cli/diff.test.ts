import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diffCommand } from './diff';
import type { CliIO } from './io';
import { runCli, tempCorpus, terminalIO } from './testing';

const fixtures = path.resolve(import.meta.dirname, '../../shared/review/fixtures');
const folderFixtures = path.resolve(import.meta.dirname, 'fixtures/diff-folders');
const root = path.resolve(import.meta.dirname, '../..');

describe('emend diff', () => {
  it('prints changes, text edits and scores, and exits 1 when annotations differ', async () => {
    const run = await runCli([
      'diff',
      path.join(fixtures, 'before.txt'),
      path.join(fixtures, 'after.txt'),
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('  1:13     relabeled  "Kosovo" LOC → ORG\n');
    expect(run.out).toContain('  2:1      resized    [PER "John Smith"] → [PER "John"]\n');
    expect(run.out).toContain('  1:56     text       "" → "o"\n');
    expect(run.out).toContain(
      '  strict            0.400    0.400    0.400    2    2    0    1    1\n',
    );
    expect(run.out).toContain(
      '4 changes: 1 added, 1 removed, 1 relabeled, 1 resized; 2 text edits\n',
    );
  });

  it('prints no score (–) where neither version holds an entity; --json gives 0, as conlleval does', async () => {
    const root = tempCorpus({ 'a.txt': 'No entity here .\n', 'b.txt': 'No entity here .\n' });
    const [a, b] = ['a.txt', 'b.txt'].map((name) => path.join(root, name));
    const run = await runCli(['diff', a, b]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      '  strict                –        –        –    0    0    0    0    0\n',
    );
    expect(run.out).toContain('same annotations (neither holds an entity: no score)\n');
    const json = JSON.parse((await runCli(['diff', '--json', a, b])).out);
    expect(json.scores.strict).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('--json gives the documented shape, offsets in code points', async () => {
    const files = tempCorpus({ 'a.txt': '😀 [LOC Zürich  ]\n', 'b.txt': '😀 [ORG Zürich  ]\n' });
    const run = await runCli([
      'diff',
      '--json',
      path.join(files, 'a.txt'),
      path.join(files, 'b.txt'),
    ]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out);
    expect(json.changes).toEqual([
      {
        kind: 'relabeled',
        line: 1,
        column: 3,
        before: { start: 2, end: 8, label: 'LOC', text: 'Zürich' },
        after: { start: 2, end: 8, label: 'ORG', text: 'Zürich' },
      },
    ]);
    expect(Object.keys(json.scores)).toEqual(['strict', 'exact', 'partial', 'type']);
    expect(json.scores.exact).toMatchObject({ precision: 1, recall: 1, f1: 1, correct: 1 });
    expect(json.scores.strict.labels.LOC).toMatchObject({ missed: 1, recall: 0 });
  });

  it('lists a byte order mark added or removed as a text edit on line 1, in the listing and --json', async () => {
    const text = 'Hello [PER John  ] .\nAnd [LOC Paris  ] here .\n';
    const root = tempCorpus({
      'lf.txt': text,
      'bom.txt': `\uFEFF${text}`,
      'more.txt': `\uFEFF${text}x\n`,
    });
    const [lf, bom] = ['lf.txt', 'bom.txt'].map((name) => path.join(root, name));
    const added = await runCli(['diff', lf, bom]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('  1:1      text       "" → "\\ufeff"\n');
    expect(added.out).toContain('same annotations; 1 text edit\n');
    const removed = JSON.parse((await runCli(['diff', '--json', bom, lf])).out);
    expect(removed.textEdits).toEqual([
      {
        line: 1,
        column: 1,
        before: { start: 0, end: 0, text: '\uFEFF' },
        after: { start: 0, end: 0, text: '' },
      },
    ]);
    // Parsed whole (another line count) or line by line, the edit is the same.
    const longer = JSON.parse(
      (await runCli(['diff', '--json', lf, path.join(root, 'more.txt')])).out,
    );
    expect(longer.textEdits[0]).toEqual({
      line: 1,
      column: 1,
      before: { start: 0, end: 0, text: '' },
      after: { start: 0, end: 0, text: '\uFEFF' },
    });
  });

  it('counts a U+FEFF that starts a line after the first as text, not as a byte order mark', async () => {
    const root = tempCorpus({
      'a.txt': 'a .\n\uFEFFb [PER Xy  ] .\n',
      'b.txt': 'a .\n\uFEFFb [ORG Xy  ] .\n',
      'c.txt': '\uFEFF\uFEFFb [ORG Xy  ] .\n',
      'd.txt': '\uFEFF\uFEFFb [PER Xy  ] .\nmore .\n',
    });
    const [a, b, c, d] = ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((name) => path.join(root, name));
    const relabeled = (json: string) => JSON.parse(json).changes[0];
    expect(relabeled((await runCli(['diff', '--json', a, b])).out)).toMatchObject({
      line: 2,
      column: 4,
      before: { start: 7, end: 9 },
      after: { start: 7, end: 9 },
    });
    // A text U+FEFF after the byte order mark, in versions parsed whole (other line counts).
    expect(relabeled((await runCli(['diff', '--json', d, c])).out)).toMatchObject({
      line: 1,
      column: 4,
      before: { start: 3, end: 5 },
      after: { start: 3, end: 5 },
    });
  });

  it('--report json holds the same changes, text edits and scores as --json', async () => {
    const pair = [path.join(fixtures, 'before.txt'), path.join(fixtures, 'after.txt')];
    const json = JSON.parse((await runCli(['diff', '--json', ...pair])).out);
    const run = await runCli(['diff', '--report', 'json', ...pair]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out);
    expect(report.documents).toHaveLength(1);
    expect(report.documents[0].changes).toEqual(json.changes);
    expect(report.documents[0].textEdits).toEqual(json.textEdits);
    expect(report.documents[0].scores).toEqual(json.scores);
    expect(report.scores).toEqual(json.scores);
    expect(report.totals).toEqual({ added: 1, removed: 1, relabeled: 1, resized: 1, textEdits: 2 });
  });

  it('--report md prints a Markdown report; another format is a usage error', async () => {
    const files = tempCorpus({
      'a/x.txt': '[PER Ann  ] met Bob\n',
      'b/x.txt': '[ORG Ann  ] met Bob\n',
      'a/y.txt': '[LOC Rome  ]\n',
      'b/y.txt': '[LOC Rome  ]\n',
    });
    const run = await runCli([
      'diff',
      '--report',
      'md',
      path.join(files, 'a'),
      path.join(files, 'b'),
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('1 of 2 documents changed; 1 change: 1 relabeled.');
    expect(run.out).toContain('| `x.txt` | 1 change: 1 relabeled | 0.000 |');
    expect(run.out).toContain('| `y.txt` | no changes | 1.000 |');
    const wrong = await runCli([
      'diff',
      '--report',
      'html',
      path.join(files, 'a'),
      path.join(files, 'b'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--report takes md or json');
  });

  it('refuses --json with --report, in either order: they are alternatives', async () => {
    const files = tempCorpus({ 'a.txt': '[PER Ann  ]\n', 'b.txt': '[ORG Ann  ]\n' });
    const [before, after] = [path.join(files, 'a.txt'), path.join(files, 'b.txt')];
    for (const flags of [
      ['--json', '--report', 'md'],
      ['--report', 'json', '--json'],
    ]) {
      const run = await runCli(['diff', ...flags, before, after]);
      expect(run).toEqual({
        code: 2,
        out: '',
        err: 'emend diff: give --json or --report, not both\nRun `emend diff --help` for its usage.\n',
      });
    }
  });

  it('matches folders by relative path and exits 0 when they agree', async () => {
    const files = tempCorpus({ 'a/x.txt': '[PER Ann  ]\n', 'b/x.txt': '[PER Ann  ]\n' });
    const same = await runCli(['diff', path.join(files, 'a'), path.join(files, 'b')]);
    expect(same.code).toBe(0);
    expect(same.out).toContain('same annotations');
    mkdirSync(path.join(files, 'b/more'));
    copyFileSync(path.join(files, 'a/x.txt'), path.join(files, 'b/more/y.txt'));
    const extra = await runCli(['diff', path.join(files, 'a'), path.join(files, 'b')]);
    expect(extra.code).toBe(1);
    expect(extra.out).toContain(`only in AFTER: ${path.join('more', 'y.txt')}`);
    // The summary does not call versions the same when a document is on one side only.
    expect(extra.out).toMatch(
      /\nsame annotations in the documents both have; 1 document only in AFTER\n$/,
    );
  });

  it('prints the same bytes for two folders in every mode as when it held the whole corpus', async () => {
    // expected/ was written by the implementation that loaded every pair before printing.
    const before = path.join(folderFixtures, 'before');
    const after = path.join(folderFixtures, 'after');
    const modes: [string[], string][] = [
      [[], 'human.txt'],
      [['--json'], 'json.txt'],
      [['--report', 'md'], 'report-md.txt'],
      [['--report', 'json'], 'report-json.txt'],
    ];
    for (const [flags, expected] of modes) {
      const run = await runCli(['diff', ...flags, before, after]);
      expect(run.code).toBe(1);
      expect(run.err).toBe('');
      const recorded = readFileSync(path.join(folderFixtures, 'expected', expected), 'utf8');
      expect(run.out).toBe(recorded.replaceAll('$BEFORE', before));
    }
  });

  it('compares the readable pairs of two folders, then lists the unreadable files and exits 2', async () => {
    const files = tempCorpus({
      'a/x.txt': '[PER Ann  ] met Bob\n',
      'b/x.txt': '[ORG Ann  ] met Bob\n',
      'a/y.txt': '[LOC Rome  ]\n',
      'b/y.txt': new Uint8Array([0x41, 0x00]),
      'a/z.txt': '[LOC Oslo  ]\n',
      'b/z.txt': '[LOC Oslo  ] .\n',
    });
    for (const flags of [[], ['--json']]) {
      const run = await runCli(['diff', ...flags, path.join(files, 'a'), path.join(files, 'b')]);
      expect(run.code).toBe(2);
      expect(run.err).toBe(
        `emend diff: ${path.join(files, 'b/y.txt')}: binary file (NUL byte on line 1), not a text document\n`,
      );
      if (flags.length === 0) {
        expect(run.out).toContain('x.txt\n  1:1      relabeled  "Ann" PER → ORG\n');
        expect(run.out).toContain('z.txt\n  1:13     text       "" → " ."\n');
        expect(run.out).toContain(
          '1 change: 0 added, 0 removed, 1 relabeled, 0 resized; 1 text edit; 1 document not compared (unreadable)',
        );
      } else {
        const json = JSON.parse(run.out);
        expect(json.changes.map((change: { path: string }) => change.path)).toEqual(['x.txt']);
        expect(json.textEdits.map((edit: { path: string }) => edit.path)).toEqual(['z.txt']);
        expect(json.scores.strict).toMatchObject({ correct: 1, incorrect: 1 });
        expect(json.unreadable).toEqual([
          {
            path: path.join(files, 'b/y.txt'),
            reason: 'binary file (NUL byte on line 1), not a text document',
          },
        ]);
      }
    }
  });

  it('counts a document unreadable in both folders once, listing both of its files', async () => {
    const files = tempCorpus({
      'a/x.txt': '[PER Ann  ]\n',
      'b/x.txt': '[PER Ann  ]\n',
      'a/y.txt': new Uint8Array([0x41, 0x00]),
      'b/y.txt': new Uint8Array([0x41, 0x00]),
    });
    const run = await runCli(['diff', path.join(files, 'a'), path.join(files, 'b')]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/; 1 document not compared \(unreadable\)\n$/);
    expect(run.err).toContain('emend diff: 2 paths could not be read:\n');
  });

  it('does not call folders whose only document is unreadable the same; the report names it too', async () => {
    const files = tempCorpus({
      'a/y.txt': new Uint8Array([0x5b, 0x50, 0x45, 0x52, 0x20, 0x41, 0x20, 0x20, 0x5d, 0x20, 0xff]),
      'b/y.txt': '[LOC A  ] x\n',
    });
    const [before, after] = [path.join(files, 'a'), path.join(files, 'b')];
    const listing = await runCli(['diff', before, after]);
    expect(listing.code).toBe(2);
    expect(listing.out).not.toContain('same annotations');
    expect(listing.out).toMatch(
      /\nno document compared; 1 document not compared \(unreadable\)\n$/,
    );
    const unreadable = [
      { path: path.join(files, 'a/y.txt'), reason: expect.stringMatching(/UTF-8/) },
    ];
    for (const flags of [['--json'], ['--report', 'json']]) {
      const run = await runCli(['diff', ...flags, before, after]);
      expect(run.code).toBe(2);
      expect(JSON.parse(run.out).unreadable).toEqual(unreadable);
    }
    const markdown = await runCli(['diff', '--report', 'md', before, after]);
    expect(markdown.out).toContain(
      `Not compared (unreadable): \`${path.join(files, 'a/y.txt')}\`: not valid UTF-8`,
    );
  });

  it('prints each pair as soon as it is compared, before reading the next', async () => {
    for (const flags of [[], ['--json']]) {
      const events: string[] = [];
      const io: CliIO = {
        out: (text) => events.push(text),
        err: () => {},
        color: false,
        progress: (line) => events.push(`progress: ${line}`),
      };
      const pairs = [path.join(folderFixtures, 'before'), path.join(folderFixtures, 'after')];
      await diffCommand.run([...flags, ...pairs], io);
      const firstProgress = events.findIndex((event) => event.startsWith('progress: diff: 1/3'));
      const first = events.findIndex((event) => event.includes('news.txt'));
      const second = events.findIndex((event) => event.includes('sub/long.txt'));
      expect(first).toBeGreaterThan(-1);
      expect(first).toBeLessThan(firstProgress);
      expect(second).toBeGreaterThan(firstProgress);
    }
  });

  it("names a version's markup errors on the lines that differ, where a change may be misread", async () => {
    const files = tempCorpus({
      'a.txt': 'The [PER Ann  ] met [LOC Paris  ] .\n[ORG X  ] ok\n',
      'b.txt': 'The [PER Ann  ] met [LOC Paris\n[ORG X  ] ok\n',
    });
    const run = await runCli(['diff', path.join(files, 'a.txt'), path.join(files, 'b.txt')]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `${path.join(files, 'b.txt')}:1:21: error unclosed-entity: entity [LOC is not closed on its line\n`,
    );
    expect(run.out).toContain('removed    [LOC "Paris"]');
  });

  it('stops with the reason when one of two named files cannot be read', async () => {
    const files = tempCorpus({ 'a.txt': '[PER Ann  ]\n', 'b.txt': new Uint8Array([0x41, 0x00]) });
    const run = await runCli(['diff', path.join(files, 'a.txt'), path.join(files, 'b.txt')]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe(
      `emend diff: ${path.join(files, 'b.txt')}: binary file (NUL byte on line 1), not a text document\n`,
    );
  });

  it('shows pairs done / total and throughput where stderr is a terminal, then clears the line', async () => {
    const { io, progressLines: lines } = terminalIO();
    const code = await diffCommand.run(
      [path.join(folderFixtures, 'before'), path.join(folderFixtures, 'after')],
      io,
    );
    expect(code).toBe(1);
    expect(lines.at(-2)).toMatch(/^diff: 3\/3 files, [\d.]+ MB, [\d.]+ MB\/s$/);
    expect(lines.at(-1)).toBe('');
  });

  it('keeps a space between score columns when a count has five digits or more', async () => {
    const files = tempCorpus({ 'a.txt': `${'[PER Ann  ] '.repeat(12345)}\n` });
    const run = await runCli(['diff', path.join(files, 'a.txt'), path.join(files, 'a.txt')]);
    expect(run.out).toContain(
      '  strict            1.000    1.000    1.000 12345    0    0    0    0\n',
    );
  });

  it('exits 2 on a missing file or a file paired with a folder', async () => {
    const files = tempCorpus({ 'a.txt': 'x\n' });
    expect(
      (await runCli(['diff', path.join(files, 'a.txt'), path.join(files, 'nope.txt')])).code,
    ).toBe(2);
    expect((await runCli(['diff', path.join(files, 'a.txt'), files])).code).toBe(2);
  });

  it('runs as a real process with diff(1) exit codes', async () => {
    const emend = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['bin/emend.js', ...args], { cwd: root });
    const same = path.join(fixtures, 'before.txt');
    const result = await emend('diff', same, same);
    expect(result.stdout).toContain('same annotations');
    expect(result.stderr).toBe(''); // no progress line where stderr is not a terminal
    const folder = path.join(folderFixtures, 'before');
    const folders = await emend('diff', folder, folder);
    expect(folders.stdout).toContain('same annotations');
    expect(folders.stderr).toBe('');
    const failed = await emend('diff', same, path.join(fixtures, 'after.txt')).catch(
      (error) => error,
    );
    expect(failed.code).toBe(1);
  });
});
