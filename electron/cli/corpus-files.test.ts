import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../workspace/file-error';
import type { CliIO } from './io';
import { openCorpus } from './corpus-files';
import { runCli, tempCorpus, terminalIO } from './testing';

/** An io that keeps what is written to stderr. */
function stderrIO(): { io: CliIO; err: string[] } {
  const err: string[] = [];
  return { io: { out: () => {}, err: (text) => void err.push(text), color: false }, err };
}

describe('the streaming corpus', () => {
  const root = tempCorpus({
    'a.txt': '[LOC Kosovo  ] .\n',
    'b.txt': new Uint8Array([0x00, 0x01, 0xff]),
    'sub/c.txt': 'plain\n',
  });

  it('lists the documents first, then reads and parses them one at a time, skipping unreadable ones', async () => {
    const corpus = await openCorpus([root]);
    expect(corpus.files.map((file) => file.relative)).toEqual(['a.txt', 'b.txt', 'sub/c.txt']);
    expect(corpus.folders).toBe(true);
    const seen: string[] = [];
    await corpus.forEach(({ relative, doc }) => {
      seen.push(`${relative}: ${doc.entities.length}`);
      expect(corpus.unreadable).toHaveLength(seen.length === 1 ? 0 : 1);
    });
    expect(seen).toEqual(['a.txt: 1', 'sub/c.txt: 0']);
    expect(corpus.unreadable.map((error) => error.path)).toEqual([path.join(root, 'b.txt')]);
  });

  it('throws the FileError of an unreadable file when strict', async () => {
    const corpus = await openCorpus([root]);
    await expect(corpus.forEach(() => {}, { strict: true })).rejects.toThrow(FileError);
  });

  it('shows files done / total and throughput where stderr is a terminal, then clears the line', async () => {
    const { io, progressLines: lines } = terminalIO();
    const corpus = await openCorpus([root], { io, command: 'stats' });
    await corpus.forEach(() => {});
    expect(lines.at(-2)).toMatch(/^stats: 3\/3 files, [\d.]+ MB, [\d.]+ MB\/s$/);
    expect(lines.at(-1)).toBe('');
  });

  it('lists a missing path as unreadable, after the documents found, or throws its FileError when strict', async () => {
    const missing = path.join(root, 'missing.txt');
    const corpus = await openCorpus([missing, path.join(root, 'a.txt')]);
    expect(corpus.files.map((file) => file.relative)).toEqual(['a.txt']);
    const seen: string[] = [];
    await corpus.forEach(({ relative }) => void seen.push(relative));
    expect(seen).toEqual(['a.txt']);
    expect(corpus.unreadable.map((error) => error.message)).toEqual([
      `${missing}: no such file or folder`,
    ]);
    const strict = await openCorpus([path.join(root, 'a.txt'), missing]);
    await expect(strict.forEach(() => seen.push('read'), { strict: true })).rejects.toThrow(
      `${missing}: no such file or folder`,
    );
    await expect(strict.forEachResult('stats', () => {}, { strict: true })).rejects.toThrow(
      FileError,
    );
    expect(seen).toEqual(['a.txt']);
  });
});

describe('symbolic links in a named folder', () => {
  it('are followed out of the folder to files and folders; a loop, a broken link, a link within the folder or a document reached twice is skipped in one line each', async () => {
    const root = tempCorpus({
      'pool/a.txt': '[PER Ann  ] x\n',
      'pool/sub/deep.txt': '[LOC Rome  ] y\n',
      'corpus/b.txt': 'plain\n',
      'corpus/.git/c.txt': 'hidden\n',
    });
    const corpusFolder = path.join(root, 'corpus');
    const link = (target: string, name: string) =>
      symlinkSync(target, path.join(corpusFolder, name));
    link('../pool/a.txt', 'a.txt');
    link('../pool', 'again');
    link('b.txt', 'dup.txt');
    link('nowhere.txt', 'gone.txt');
    link('../pool', 'linked');
    link('.', 'loop');
    link('..', 'up');
    link('.git', 'visible');
    link('../pool', '.dot');
    const { io, err } = stderrIO();
    const corpus = await openCorpus([corpusFolder], { io, command: 'stats' });
    expect(corpus.files).toEqual(
      ['a.txt', 'again/sub/deep.txt', 'b.txt'].map((relative) => ({
        path: path.join(corpusFolder, relative),
        relative,
      })),
    );
    const at = (relative: string) => path.join(corpusFolder, relative);
    expect(err.join('')).toBe(
      `emend stats: warning: ${at('again/a.txt')}: the same file as ${at('a.txt')}; skipped\n` +
        `emend stats: warning: ${at('dup.txt')}: a symbolic link to ${at('b.txt')} inside the folder named; skipped\n` +
        `emend stats: warning: ${at('gone.txt')}: a symbolic link that cannot be followed (no such file or folder); skipped\n` +
        `emend stats: warning: ${at('linked')}: the same folder as ${at('again')}; skipped\n` +
        `emend stats: warning: ${at('loop')}: a symbolic link to a folder that holds it (a loop); skipped\n` +
        `emend stats: warning: ${at('up')}: a symbolic link to a folder that holds it (a loop); skipped\n` +
        `emend stats: warning: ${at('visible')}: a symbolic link to ${at('.git')} inside the folder named; skipped\n`,
    );
  });

  it('a link in a linked folder back to the folder named is a loop', async () => {
    const root = tempCorpus({ 'pool/a.txt': 'a\n', 'corpus/b.txt': 'b\n' });
    symlinkSync('../pool', path.join(root, 'corpus/pool'));
    symlinkSync('../corpus', path.join(root, 'pool/back'));
    const { io, err } = stderrIO();
    const corpus = await openCorpus([path.join(root, 'corpus')], { io });
    expect(corpus.files.map((file) => file.relative)).toEqual(['b.txt', 'pool/a.txt']);
    expect(err).toEqual([
      `emend: warning: ${path.join(root, 'corpus/pool/back')}: a symbolic link to a folder that holds it (a loop); skipped\n`,
    ]);
  });
});

describe.skipIf(process.platform !== 'linux')('a file name that is not valid UTF-8', () => {
  it('is listed as unreadable, its bytes escaped, or its FileError thrown when strict', async () => {
    const root = tempCorpus({ 'ok.txt': 'x\n' });
    const named = (bytes: number[]) => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(bytes)]);
    writeFileSync(named([0x62, 0xff, 0x2e, 0x74, 0x78, 0x74]), 'x\n');
    writeFileSync(named([0x6e, 0x6f, 0x74, 0xe9]), 'not a document\n');
    mkdirSync(named([0x64, 0x69, 0x72, 0xe2, 0x82]));
    const corpus = await openCorpus([root]);
    expect(corpus.files.map((file) => file.relative)).toEqual(['ok.txt']);
    await corpus.forEach(() => {});
    expect(corpus.unreadable.map((error) => error.message)).toEqual([
      `${path.join(root, 'b\\xff.txt')}: the file name is not valid UTF-8; rename it`,
      `${path.join(root, 'dir\\xe2\\x82')}: the folder name is not valid UTF-8; rename it`,
    ]);
    await expect((await openCorpus([root])).forEach(() => {}, { strict: true })).rejects.toThrow(
      'the file name is not valid UTF-8',
    );
    // Named on the command line, its bytes arrive as U+FFFD: it is said why no file has that name.
    const byName = await runCli(['validate', path.join(root, 'b\uFFFD.txt')]);
    expect(byName.code).toBe(2);
    expect(byName.err).toContain(
      'holds bytes that are not UTF-8, which Emend cannot open; rename it',
    );
  });
});

describe('a file name with a control character', () => {
  const names = ['a\u202eexe.txt', 'evil\nfake.txt:9:9: error spoofed.txt', 'n\u001b[2Jame.txt'];
  const root = tempCorpus({
    'ok.txt': 'x\n',
    ...Object.fromEntries(names.map((name) => [name, 'x\n'])),
  });
  const refused = 'the file name holds a control or bidi control character; rename it';

  it('is listed as unreadable, the character escaped in every report, so none prints it raw', async () => {
    const corpus = await openCorpus([root]);
    expect(corpus.files.map((file) => file.relative)).toEqual(['ok.txt']);
    const run = await runCli(['validate', root]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      '1 file: 0 errors, 0 warnings\n' +
        'emend validate: 3 paths could not be read:\n' +
        `  ${path.join(root, 'a\\u202eexe.txt')}: ${refused}\n` +
        `  ${path.join(root, 'evil\\u000afake.txt:9:9: error spoofed.txt')}: ${refused}\n` +
        `  ${path.join(root, 'n\\u001b[2Jame.txt')}: ${refused}\n`,
    );
  });

  it('leaves out of diff and agree only the documents so named, on either side', async () => {
    const bad = names[0];
    const [before, after] = ['a', 'b'].map((side) =>
      tempCorpus({ 'x.txt': `[${side === 'a' ? 'PER' : 'ORG'} Ann  ] .\n`, [bad]: 'x\n' }),
    );
    const diff = await runCli(['diff', '--json', before, after]);
    expect(diff.code).toBe(2);
    const json = JSON.parse(diff.out);
    expect(json.changes).toMatchObject([{ path: 'x.txt', kind: 'relabeled' }]);
    expect(json.unreadable).toEqual([
      { path: path.join(before, bad), reason: refused },
      { path: path.join(after, bad), reason: refused },
    ]);
    const listed = await runCli(['diff', before, after]);
    expect(listed.out).toMatch(/; 1 document not compared \(unreadable\)\n$/);
    const agree = await runCli(['agree', before, after]);
    expect(agree.code).toBe(2);
    expect(agree.out).toContain('1 document');
    expect(agree.err).toContain(`${path.join(after, 'a\\u202eexe.txt')}: ${refused}`);
    // adjudicate writes: it refuses, nothing written.
    const out = path.join(tempCorpus({}), 'gold');
    const adjudicate = await runCli(['adjudicate', '--out', out, before, after]);
    expect(adjudicate.code).toBe(2);
    expect(adjudicate.err).toContain(refused);
    expect(existsSync(out)).toBe(false);
  });

  it('is listed in --json under its real name, which a script can open', async () => {
    const unreadable = names.map((name) => ({ path: path.join(root, name), reason: refused }));
    for (const command of ['validate', 'stats', 'check']) {
      const run = await runCli([command, '--json', root]);
      expect({ command, unreadable: JSON.parse(run.out).unreadable }).toEqual({
        command,
        unreadable,
      });
    }
    expect(existsSync(unreadable[1].path)).toBe(true);
  });
});

describe('a document named twice across the paths given', () => {
  const samples = path.resolve(import.meta.dirname, '../../samples');
  const harbour = path.join(samples, 'harbour-report.txt');

  it('is read once by every corpus command, the second way to it skipped with a warning', async () => {
    const root = tempCorpus({});
    const linked = path.join(root, 'linked');
    symlinkSync(samples, linked);
    const commands = [
      ['stats'],
      ['stats', '--json'],
      ['validate'],
      ['check'],
      ['suspects', '--folds', '2'],
      ['tag', '--dry-run', '--text', 'Jordan', '--label', 'PER'],
    ];
    const others = ['lab-bulletin.txt', 'summit-notes.txt'].map((name) => path.join(samples, name));
    const cases = [
      { paths: [samples, samples], alone: [samples], second: samples, reason: 'listed already' },
      { paths: [samples, harbour], alone: [samples], second: harbour, reason: 'listed already' },
      {
        paths: [harbour, samples],
        alone: [harbour, ...others],
        second: harbour,
        reason: 'listed already',
      },
      {
        paths: [samples, linked],
        alone: [samples],
        second: linked,
        reason: `the same folder as ${samples}`,
      },
    ];
    for (const command of commands) {
      const named = command[0] === 'tag' ? 'emend' : `emend ${command[0]}`;
      for (const { paths, alone, second, reason } of cases) {
        const once = await runCli([...command, ...alone]);
        const twice = await runCli([...command, ...paths]);
        expect({ command, paths, ...twice }).toEqual({
          command,
          paths,
          ...once,
          err: `${named}: warning: ${second}: ${reason}; skipped\n${once.err}`,
        });
      }
    }
  }, 120_000);

  it('is exported once, under its place in the folder named first', async () => {
    const root = tempCorpus({
      'c/a.txt': '[PER Ann  ] met [PER Ann  ] .\n',
      'c/sub/b.txt': '[LOC Rome  ] y\n',
    });
    const out = path.join(root, 'out');
    const sub = path.join(root, 'c/sub');
    const run = await runCli([
      'export',
      '--format',
      'conll',
      '--out',
      out,
      path.join(root, 'c'),
      sub,
    ]);
    expect(run).toEqual({
      code: 0,
      out: '',
      err: `emend export: warning: ${sub}: listed already; skipped\nwrote 2 files to ${out}\n`,
    });
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(['a.conll', 'sub', 'sub/b.conll']);
  });
});

describe('a folder named that holds no document', () => {
  const root = tempCorpus({
    'good/a.txt': '[PER Ann  ] x\n',
    'nodoc/a.bio': 'Ann\tB-PER\n',
    'nodoc/b.conll': 'Ann\tB-PER\n',
    'nodoc/sub/notes.md': '# notes\n',
    'nodoc/.git/hidden.txt': 'x\n',
  });
  mkdirSync(path.join(root, 'empty'));
  const [good, nodoc, empty] = ['good', 'nodoc', 'empty'].map((name) => path.join(root, name));
  const noDocument = `${nodoc}: holds no .txt document, only 3 other files`;

  it('is refused as a missing path is, by every corpus command: named on stderr, exit 2', async () => {
    for (const command of ['validate', 'stats', 'check', 'suspects']) {
      const run = await runCli([command, nodoc]);
      expect({ command, code: run.code }).toEqual({ command, code: 2 });
      expect(run.err).toContain(noDocument);
    }
    const empties = await runCli(['validate', empty]);
    expect(empties.code).toBe(2);
    expect(empties.err).toContain(`${empty}: holds no .txt document\n`);
  });

  it('is listed as unreadable in --json, after the documents of the other paths', async () => {
    const run = await runCli(['stats', '--json', good, nodoc]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.out)).toMatchObject({
      files: 1,
      unreadable: [{ path: nodoc, reason: 'holds no .txt document, only 3 other files' }],
    });
  });

  it('makes export write nothing', async () => {
    const out = path.join(root, 'out');
    const run = await runCli(['export', '--format', 'conll', '--out', out, good, nodoc]);
    expect(run).toEqual({ code: 2, out: '', err: `emend export: ${noDocument}\n` });
    expect(existsSync(out)).toBe(false);
  });
});
