import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { tagOperations } from './corrections';
import { main } from './main';
import { runCli, tempCorpus } from './testing';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');

const CABLE =
  "KFOR is drawing down ( in six months [ORG NATO  ] could take a decision ) .\r\nwhile we still have a KFOR presence . <a href='#p'>¶</a>3 .  \r\n[PER Quint  ] met [PER Quint  ] , and KFORS . \r\n";

describe('emend tag / relabel / untag', () => {
  it('tags untagged occurrences on whole tokens only, leaving every other byte alone', async () => {
    const root = tempCorpus({ 'a.txt': `\uFEFF${CABLE}` });
    chmodSync(path.join(root, 'a.txt'), 0o640);
    const result = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', root]);
    expect(result).toMatchObject({ code: 0, err: '2 changes in 1 file\n' });
    const written = readFileSync(path.join(root, 'a.txt'), 'utf8');
    expect(written).toBe(
      `\uFEFF${CABLE.replace('KFOR is', '[ORG KFOR  ] is').replace('a KFOR presence', 'a [ORG KFOR  ] presence')}`,
    );
    expect(statSync(path.join(root, 'a.txt')).mode & 0o777).toBe(0o640);
    expect(readdirSync(root)).toEqual(['a.txt']); // no temp file left behind
  });

  it('plans tags only while they fit the room a document has to grow, never listing more', () => {
    const doc = parse('x y x z x\n');
    // Each tag adds "[PER " and "  ]": three need 24 bytes; planned, they are checked to need 21.
    expect(tagOperations(doc, 'x', 'PER', 21)?.map((op) => op.op)).toEqual(['add', 'add', 'add']);
    expect(tagOperations(doc, 'x', 'PER', 20)).toBeNull();
  });

  it('relabels by text and label, and untags by label', async () => {
    const root = tempCorpus({ 'docs/a.txt': CABLE, 'docs/b.txt': 'no entities here\n' });
    const relabel = await runCli([
      'relabel',
      '--text',
      'Quint',
      '--from',
      'PER',
      '--to',
      'ORG',
      root,
    ]);
    expect(relabel.err).toBe('2 changes in 1 file\n');
    expect(readFileSync(path.join(root, 'docs/a.txt'), 'utf8')).toBe(
      CABLE.replaceAll('[PER Quint  ]', '[ORG Quint  ]'),
    );
    const untag = await runCli(['untag', '--label', 'ORG', path.join(root, 'docs')]);
    expect(untag.err).toBe('3 changes in 1 file\n');
    expect(readFileSync(path.join(root, 'docs/a.txt'), 'utf8')).toBe(
      CABLE.replace('[ORG NATO  ]', 'NATO').replaceAll('[PER Quint  ]', 'Quint'),
    );
    expect(readFileSync(path.join(root, 'docs/b.txt'), 'utf8')).toBe('no entities here\n');
  });

  it('relabels odd entities and skips, naming file:line, a removal that would read differently', async () => {
    const root = tempCorpus({
      'a.txt': 'first\n[PER a[1]b  ] and [PER \u00a0Ann  ]\n',
      // Untagged, John would join `[a` and the two-space close into an entity `[aJohn y  ]`.
      'b.txt': 'x [a[PER John  ] y  ] and [PER Mary  ]\n',
    });
    const relabel = await runCli(['relabel', '--from', 'PER', '--to', 'ORG', root]);
    expect(relabel).toMatchObject({ code: 0, err: '4 changes in 2 files\n' });
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe(
      'first\n[ORG a[1]b  ] and [ORG \u00a0Ann  ]\n',
    );
    const untag = await runCli(['untag', '--label', 'ORG', root]);
    expect(untag.err).not.toMatch(/unexpected/);
    expect(untag.err).toMatch(/b\.txt:1: warning: skipped: .*line 1, column 3/);
    expect(untag.code).toBe(1);
    expect(untag.err).toMatch(/\n3 changes in 2 files, 1 skipped\n$/);
    expect(untag.out).toBe('');
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('first\na[1]b and \u00a0Ann\n');
    expect(readFileSync(path.join(root, 'b.txt'), 'utf8')).toBe('x [a[ORG John  ] y  ] and Mary\n');
  });

  it('skips, naming file:line, a tag on a line whose markup is broken (it would nest in it)', async () => {
    const source = '[LOC Kosovo never closes\nKosovo is fine .\n';
    const root = tempCorpus({ 'a.txt': source });
    const tag = await runCli(['tag', '--text', 'Kosovo', '--label', 'LOC', root]);
    expect(tag.err).toMatch(
      /a\.txt:1: warning: skipped: its line has broken markup: repair it first/,
    );
    expect(tag.code).toBe(1);
    expect(tag.err).toMatch(/\n1 change in 1 file, 1 skipped\n$/);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe(
      '[LOC Kosovo never closes\n[LOC Kosovo  ] is fine .\n',
    );
  });

  it('warns once of a label outside the label set, where the run changes a file', async () => {
    const root = tempCorpus({
      'a.txt': 'KFOR here .\n',
      'b.txt': 'nothing .\n',
      'c.txt': 'KFOR .\n',
    });
    const result = await runCli(['tag', '--text', 'KFOR', '--label', 'UNIT', root]);
    expect(result.code).toBe(0);
    expect(result.err).toBe(
      `emend tag: warning: ${path.join(root, 'a.txt')}: label UNIT is not in the label set (PER, LOC, ORG, MISC)\n2 changes in 2 files\n`,
    );
  });

  it('says what it wrote on stderr: an output that cannot be written (a full disk) leaves its exit status true', () => {
    const root = tempCorpus({ 'a.txt': 'KFOR here .\n' });
    const full = openSync('/dev/full', 'w');
    const run = spawnSync(
      process.execPath,
      [BIN, 'tag', '--text', 'KFOR', '--label', 'ORG', root],
      {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      },
    );
    closeSync(full);
    expect({ status: run.status, err: run.stderr }).toEqual({
      status: 0,
      err: '1 change in 1 file\n',
    });
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('[ORG KFOR  ] here .\n');
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const root = tempCorpus({ 'a.txt': CABLE });
    const result = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', '--dry-run', root]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('@@ -1,3 +1,3 @@');
    expect(result.out).toContain('-KFOR is drawing down');
    expect(result.out).toContain('+[ORG KFOR  ] is drawing down');
    expect(result.err).toBe('2 changes in 1 file (dry run, nothing written)\n');
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe(CABLE);
  });

  it('--dry-run refuses, as the run would, a file it could not write (exit 2)', async () => {
    const root = tempCorpus({ 'a.txt': CABLE });
    const file = path.join(root, 'a.txt');
    chmodSync(file, 0o444);
    const result = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', '--dry-run', root]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`emend tag: ${file}: is read-only (mode 0444)`);
    expect(result.err).toContain('the run would write nothing');
    // No patch that a pipe into `git apply` could take for the run's.
    expect(result.out).toBe('');
    chmodSync(file, 0o644);
  });

  it('--dry-run diffs apply with git apply, a last line without a line feed included', async () => {
    const root = tempCorpus({ 'a.txt': 'x [PER Ann  ] .\ny [PER Bob  ]' });
    const result = await runCli(['relabel', '--from', 'PER', '--to', 'ORG', '--dry-run', root]);
    expect(result.out).toContain('+y [ORG Bob  ]\n\\ No newline at end of file\n');
    const patch = path.join(root, 'changes.diff');
    writeFileSync(patch, result.out);
    execFileSync('git', ['apply', patch], { cwd: '/' });
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('x [ORG Ann  ] .\ny [ORG Bob  ]');
  });

  it('--dry-run diffs of a file whose name holds a space apply with patch and git apply', async () => {
    const hasPatch = spawnSync('patch', ['--version']).status === 0;
    for (const apply of [...(hasPatch ? [['patch', '-p1', '-s', '-i']] : []), ['git', 'apply']]) {
      const root = tempCorpus({ 'sp ace.txt': 'KFOR is here .\n' });
      const result = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', '--dry-run', root]);
      const patch = path.join(root, 'changes.diff');
      writeFileSync(patch, result.out);
      execFileSync(apply[0], [...apply.slice(1), patch], { cwd: '/' });
      expect(readFileSync(path.join(root, 'sp ace.txt'), 'utf8')).toBe('[ORG KFOR  ] is here .\n');
    }
  });

  it('--dry-run shows a file’s control characters escaped on a terminal, byte for byte in a pipe', async () => {
    const root = tempCorpus({ 'a.txt': 'x [ORG \u001b]0;HACKED\u0007Evil  ] .\n' });
    const args = ['untag', '--label', 'ORG', '--dry-run', root];
    let shown = '';
    await main(args, {
      out: (text) => void (shown += text),
      err: () => {},
      color: false,
      terminal: true,
    });
    expect(shown).toContain('-x [ORG \\u001b]0;HACKED\\u0007Evil  ] .\n');
    expect(shown).not.toContain('\u001b');
    expect((await runCli(args)).out).toContain('-x [ORG \u001b]0;HACKED\u0007Evil  ] .\n');
  });

  it('refuses bad input with one line naming the file and saying nothing was written, exit 2', async () => {
    const root = tempCorpus({
      'a.txt': CABLE,
      'z-binary.txt': new Uint8Array([0x4b, 0x46, 0x00, 0x01]),
    });
    const binary = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', root]);
    expect(binary.code).toBe(2);
    expect(binary.err).toBe(
      `emend tag: ${path.join(root, 'z-binary.txt')}: binary file (NUL byte on line 1), not a text document; nothing written\n`,
    );
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe(CABLE);

    const latin1 = tempCorpus({
      'a.txt': CABLE,
      'b.txt': new Uint8Array([0x61, 0x0a, 0x4b, 0xf6, 0x6c, 0x6e]),
    });
    const invalid = await runCli(['untag', '--label', 'ORG', latin1]);
    expect(invalid).toMatchObject({
      code: 2,
      err: `emend untag: ${path.join(latin1, 'b.txt')}: not valid UTF-8 (line 2, byte 4 of the file); nothing written\n`,
    });
    expect(readFileSync(path.join(latin1, 'a.txt'), 'utf8')).toBe(CABLE);

    const missing = await runCli(['untag', '--label', 'ORG', path.join(root, 'nope.txt')]);
    expect(missing).toMatchObject({
      code: 2,
      err: `emend untag: ${path.join(root, 'nope.txt')}: no such file or folder; nothing written\n`,
    });
    // Several: each named, not the first alone.
    const both = await runCli(['tag', '--text', 'KFOR', '--label', 'ORG', root, latin1]);
    expect(both).toMatchObject({
      code: 2,
      err:
        'emend tag: 2 paths could not be read:\n' +
        `  ${path.join(root, 'z-binary.txt')}: binary file (NUL byte on line 1), not a text document\n` +
        `  ${path.join(latin1, 'b.txt')}: not valid UTF-8 (line 2, byte 4 of the file)\n` +
        'emend tag: nothing written\n',
    });
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe(CABLE);
  });

  it.skipIf(!existsSync('/proc/version'))(
    'refuses a file that cannot be written, before writing anything',
    async () => {
      const result = await runCli(['tag', '--text', 'Linux', '--label', 'ORG', '/proc/version']);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^emend tag: \/proc\/version: (is read-only|cannot be written)/);
      expect(result.err.split('\n')).toHaveLength(2);
    },
  );

  it('rejects wrong flags as usage errors (exit 2) and refuses to untag everything', async () => {
    expect((await runCli(['tag', '--label', 'ORG', '.'])).code).toBe(2);
    expect((await runCli(['tag', '--text', 'a\nb', '--label', 'ORG', '.'])).err).toContain(
      '--text cannot be an entity',
    );
    // An entity ends at its last token: a text ending in a tab is refused as one ending in a space.
    for (const text of ['Ann ', 'Ann\t']) {
      expect(await runCli(['tag', '--text', text, '--label', 'PER', '.'])).toMatchObject({
        code: 2,
        err: expect.stringContaining('--text cannot be an entity: its text ends with whitespace'),
      });
    }
    expect((await runCli(['relabel', '--from', 'PER', '--to', 'bad label', '.'])).code).toBe(2);
    const all = await runCli(['untag', '.']);
    expect(all).toMatchObject({ code: 2 });
    expect(all.err).toContain('untag never removes every entity');
    expect((await runCli(['tag', '--bogus'])).err).toContain('unknown flag --bogus');
  });
});
