// Commands that write stop before writing anything: a failure on the last file leaves every file as it was and says so.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputBatch, writeAllOrNothing } from './outputs';
import { runCli, tempCorpus } from './testing';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');

/** A file larger than the size limit the command runs under: the write of its new version fails (EFBIG). */
const LARGE = '[PER Ann  ] met KFOR .\n'.repeat(3000);
const SMALL = '[PER Bo  ] met KFOR .\n';
const CORPUS = { 'a.txt': SMALL, 'm.txt': SMALL, 'z.txt': LARGE };

/** Runs emend as a process that may write files of at most 16 KB (`ulimit -f 16`). */
function emendWithSmallFileLimit(args: readonly string[]) {
  const run = spawnSync(
    'bash',
    ['-c', 'ulimit -f 16 && exec "$@"', 'emend', process.execPath, BIN, ...args],
    {
      encoding: 'utf8',
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Every file under folder (dot files too), relative path → text. */
function snapshot(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return [path.relative(folder, full), readFileSync(full, 'utf8')];
      }),
  );
}

describe('a write that fails on the last file writes nothing', () => {
  it.each([
    ['tag', ['tag', '--text', 'KFOR', '--label', 'ORG']],
    ['relabel', ['relabel', '--from', 'PER', '--to', 'ORG']],
    ['untag', ['untag', '--label', 'PER']],
  ])(
    '%s in place: every file as it was, no temp file left, exit 2 naming the file',
    (_name, args) => {
      const root = tempCorpus(CORPUS);
      const before = snapshot(root);
      const run = emendWithSmallFileLimit([...args, root]);
      expect(run.code).toBe(2);
      expect(snapshot(root)).toEqual(before);
      expect(run.err).toMatch(
        new RegExp(
          `^emend ${args[0]}: ${path.join(root, 'z.txt')}: cannot be written \\(EFBIG\\); nothing written\\n$`,
        ),
      );
    },
  );

  it('export --out: no output and no folder made', () => {
    const root = tempCorpus({
      'corpus/a.txt': SMALL,
      'corpus/m/m.txt': SMALL,
      'corpus/z.txt': LARGE,
    });
    const out = path.join(root, 'out');
    const run = emendWithSmallFileLimit([
      'export',
      '--format',
      'brat',
      '--out',
      out,
      path.join(root, 'corpus'),
    ]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(run.err).toContain('; nothing written\n');
  });

  it('export --out where an output folder is a file: the outputs before it are not written either', () => {
    const root = tempCorpus({
      'corpus/a.txt': SMALL,
      'corpus/m.txt': SMALL,
      'corpus/s/x.txt': SMALL,
      'corpus/z.txt': SMALL,
      'out/s': 'a file',
    });
    const out = path.join(root, 'out');
    const run = emendWithSmallFileLimit([
      'export',
      '--format',
      'conll',
      '--out',
      out,
      path.join(root, 'corpus'),
    ]);
    expect(run.code).toBe(2);
    expect(snapshot(out)).toEqual({ s: 'a file' });
    expect(run.err).toBe(
      `emend export: ${path.join(out, 's/x.conll')}: cannot make its folder (a file is where a folder of its path should be); nothing written\n`,
    );
    // --out itself a file, the corpus with a folder: the same message, not a failure of the check.
    const file = path.join(root, 'out', 's');
    const intoFile = emendWithSmallFileLimit([
      'export',
      '--format',
      'conll',
      '--out',
      file,
      path.join(root, 'corpus'),
    ]);
    expect(intoFile.code).toBe(2);
    expect(intoFile.err).toBe(
      `emend export: ${path.join(file, 'a.conll')}: cannot make its folder (a file is where a folder of its path should be); nothing written\n`,
    );
  });

  it('import --out: none of the files', () => {
    const conll = (lines: number) => 'Ann B-PER\nmet O\n. O\n\n'.repeat(lines);
    const root = tempCorpus({ 'a.conll': conll(1), 'm.conll': conll(1), 'z.conll': conll(2000) });
    const out = path.join(root, 'out');
    const run = emendWithSmallFileLimit([
      'import',
      '--from',
      'conll',
      '--out',
      out,
      ...['a', 'm', 'z'].map((name) => path.join(root, `${name}.conll`)),
    ]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(run.err).toContain('; nothing written\n');
  });

  it('adjudicate --out: none of the files', () => {
    const root = tempCorpus({
      ...Object.fromEntries(Object.entries(CORPUS).map(([name, text]) => [`ann/${name}`, text])),
      ...Object.fromEntries(Object.entries(CORPUS).map(([name, text]) => [`bo/${name}`, text])),
    });
    const out = path.join(root, 'gold');
    const run = emendWithSmallFileLimit([
      'adjudicate',
      '--out',
      out,
      path.join(root, 'ann'),
      path.join(root, 'bo'),
    ]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(run.err).toContain('; nothing written\n');
  });
});

describe('putting staged files in place', () => {
  it('puts back every file put in place when a rename fails after every file was staged: nothing written', async () => {
    const root = tempCorpus({ 'a.txt': 'a as it was\n' });
    const batch = new OutputBatch();
    for (const name of ['a.txt', 'b.txt', 'm.txt', 'z.txt'])
      await batch.stage(path.join(root, name), `${name}\n`);
    // m.txt's place is taken by a folder with a file in it after staging: its rename fails.
    mkdirSync(path.join(root, 'm.txt'));
    writeFileSync(path.join(root, 'm.txt/keep'), 'kept');
    let err = '';
    const io = { out: () => undefined, err: (text: string) => void (err += text), color: false };
    await expect(batch.commit(io, 'tag')).rejects.toThrow(/m\.txt/);
    expect(err).toBe(
      `emend tag: ${path.join(root, 'm.txt')} could not be put in place; the 2 put in place before it were put back\n`,
    );
    // a.txt holds its old bytes again, b.txt (new) is gone, and no temp file is left.
    expect(snapshot(root)).toEqual({ 'a.txt': 'a as it was\n', 'm.txt/keep': 'kept' });
    rmSync(root, { recursive: true, force: true });
  });
});

describe('a file another program wrote while the command ran', () => {
  it('is not written over: nothing is written, the file named, no temp file left', async () => {
    const root = tempCorpus({ 'a.txt': SMALL, 'b.txt': SMALL });
    const [a, b] = ['a.txt', 'b.txt'].map((name) => path.join(root, name));
    let err = '';
    const io = { out: () => undefined, err: (text: string) => void (err += text), color: false };
    await expect(
      writeAllOrNothing(io, 'tag', async (batch) => {
        await batch.stage(a, 'ours a\n', SMALL);
        await batch.stage(b, 'ours b\n', SMALL);
        writeFileSync(b, 'theirs\n');
      }),
    ).rejects.toThrow(
      `${b}: changed on disk since it was read (another program wrote it); nothing written`,
    );
    expect(snapshot(root)).toEqual({ 'a.txt': SMALL, 'b.txt': 'theirs\n' });
    expect(err).toBe('');
    rmSync(root, { recursive: true, force: true });
  });

  it('a document that would outgrow what Emend reads is refused before anything is written', async () => {
    const root = tempCorpus({ 'a.txt': SMALL });
    const batch = new OutputBatch();
    const huge = 'x'.repeat(128 * 1024 * 1024 + 1);
    await expect(batch.stage(path.join(root, 'a.txt'), huge, SMALL)).rejects.toThrow(
      /a\.txt: would be 128\.0 MB, over the 128\.0 MB Emend reads/,
    );
    // Outputs that are not documents (an export) may be as large as they are.
    await batch.stage(path.join(root, 'a.conll'), huge);
    await batch.discard();
    expect(snapshot(root)).toEqual({ 'a.txt': SMALL });
    rmSync(root, { recursive: true, force: true });
  });
});

describe('a document in --out that exists already', () => {
  it('is never replaced without --force: import, export and adjudicate refuse, naming it', async () => {
    const root = tempCorpus({
      'a.conll': 'Ann\tB-PER\n',
      'copies/one/a.txt': '[PER Ann  ] met Bo .\n',
      'copies/two/a.txt': '[PER Ann  ] met Bo .\n',
      'out/a.txt': 'my corrected file\n',
    });
    const out = path.join(root, 'out');
    const runs = [
      ['import', '--from', 'conll', '--out', out, path.join(root, 'a.conll')],
      ['export', '--format', 'brackets', '--out', out, path.join(root, 'copies/one')],
      ['adjudicate', '--out', out, path.join(root, 'copies/one'), path.join(root, 'copies/two')],
    ];
    for (const args of runs) {
      const refused = await runCli(args);
      expect(refused.code, args[0]).toBe(2);
      expect(refused.err).toContain(
        `1 document in --out exists already (${path.join(out, 'a.txt')}): pass --force to replace it`,
      );
      expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('my corrected file\n');
    }
    // Other formats' outputs are made from the documents and are replaced as before.
    const conll = ['export', '--format', 'conll', '--out', out, path.join(root, 'copies/one')];
    expect((await runCli(conll)).code).toBe(0);
    expect((await runCli(conll)).code).toBe(0);
    const forced = await runCli([...runs[0], '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('[PER Ann  ]\n');
  });
});

describe('a command interrupted while it stages its files', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: every file as it was, no temp file left, the process ended by the signal',
    async (signal) => {
      const root = tempCorpus(
        Object.fromEntries(
          Array.from({ length: 100 }, (_, k) => [`d${k}.txt`, SMALL.repeat(3000)]),
        ),
      );
      const before = snapshot(root);
      const child = spawn(process.execPath, [BIN, 'tag', '--text', 'KFOR', '--label', 'ORG', root]);
      const watcher = watch(root, (_event, name) => {
        if (name?.endsWith('.emend-tmp')) child.kill(signal);
      });
      const [code, endedBy] = await once(child, 'exit');
      watcher.close();
      expect({ code, endedBy }).toEqual({ code: null, endedBy: signal });
      expect(snapshot(root)).toEqual(before);
      rmSync(root, { recursive: true, force: true });
    },
  );
});
