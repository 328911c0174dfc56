// Saving through `emend serve` and the CLI: read-only files stay untouched, owner, group and links are kept or named.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/testing';
import { KOSOVO, SOCIETY, tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const isRoot = process.getuid?.() === 0;
const TAGGED = KOSOVO.replace('society', '[MISC society  ]');

/** A temp folder with kosovo.txt (and the given extra files); removed after the test. */
async function folderWithKosovo(): Promise<{ folder: string; file: string; state: string }> {
  const folder = await tempFolder();
  cleanups.push(() => fs.rm(folder, { recursive: true, force: true }));
  const corpus = path.join(folder, 'corpus');
  await fs.mkdir(corpus);
  const file = path.join(corpus, 'kosovo.txt');
  await fs.writeFile(file, KOSOVO);
  return { folder, file, state: path.join(folder, 'state') };
}

async function serve(target: string, state: string): Promise<ServeProcess> {
  const server = await startServe(target, state);
  cleanups.push(() => server.stop());
  return server;
}

/** Tags "society" as MISC in the editor and asks to save; returns the save's answer. */
async function editAndSave(server: ServeProcess, id = 'kosovo.txt') {
  const opened = await server.call('openDocument', { id });
  expect(opened.status).toBe(200);
  const edited = await server.call('applyEdit', {
    id,
    revision: opened.body.revision,
    tx: {
      ops: [{ op: 'add', entity: { id: opened.body.nextId, ...SOCIETY, label: 'MISC' } }],
    },
  });
  expect(edited.status).toBe(200);
  return server.call('save', { id, revision: edited.body.revision });
}

describe('a read-only file (mode 0444)', () => {
  it('is not overwritten by an editor save, which answers save-failed and keeps the edit', async () => {
    const { file, state } = await folderWithKosovo();
    await fs.chmod(file, 0o444);
    const server = await serve(path.dirname(file), state);
    const saved = await editAndSave(server);
    expect(saved.status).toBe(500);
    expect(saved.body.code).toBe('save-failed');
    expect(saved.body.message).toMatch(/kosovo\.txt.*read-only/);
    expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o444);
    const reopened = await server.call('openDocument', { id: 'kosovo.txt' });
    expect(reopened.body.dirty).toBe(true);
  });

  it('is not overwritten by `emend tag`, which exits 2 naming it', async () => {
    const { file } = await folderWithKosovo();
    await fs.chmod(file, 0o444);
    const run = await runCli(['tag', '--text', 'society', '--label', 'MISC', file]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/kosovo\.txt.*read-only/);
    expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
  });
});

describe('a file with an owner, a group and links', () => {
  it.skipIf(!isRoot)(
    'keeps its owner, group and mode when saved (needs root to give a file away)',
    async () => {
      const { file, state } = await folderWithKosovo();
      await fs.chown(file, 65534, 65534);
      await fs.chmod(file, 0o640);
      const server = await serve(path.dirname(file), state);
      const saved = await editAndSave(server);
      expect(saved.status).toBe(200);
      expect(await fs.readFile(file, 'utf8')).toBe(TAGGED);
      const stat = await fs.stat(file);
      expect({ uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o777 }).toEqual({
        uid: 65534,
        gid: 65534,
        mode: 0o640,
      });
    },
  );

  it('says that a save gives a hard-linked file a copy of its own', async () => {
    const { folder, file, state } = await folderWithKosovo();
    const other = path.join(folder, 'other-name.txt');
    await fs.link(file, other);
    const server = await serve(path.dirname(file), state);
    const saved = await editAndSave(server);
    expect(saved.status).toBe(200);
    expect(saved.body.notice).toMatch(
      /kosovo\.txt had 2 hard links.*other links keep the old text/,
    );
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED);
    expect(await fs.readFile(other, 'utf8')).toBe(KOSOVO);
  });

  it('writes through a symbolic link with `emend tag`, keeping the link', async () => {
    const { folder, file } = await folderWithKosovo();
    const link = path.join(folder, 'link.txt');
    await fs.symlink(file, link);
    const run = await runCli(['tag', '--text', 'society', '--label', 'MISC', link]);
    expect(run.code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED);
  });

  it('refuses `export --out` that is a symbolic link to the input folder, inputs untouched', async () => {
    const { folder, file } = await folderWithKosovo();
    const out = path.join(folder, 'out');
    await fs.symlink(path.dirname(file), out);
    const run = await runCli([
      'export',
      '--format',
      'brackets',
      '--normalize',
      '--out',
      out,
      path.dirname(file),
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is an input/);
    expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
  });
});

describe('leftovers of a save that was killed', () => {
  it('are removed when the corpus is opened; other dot files stay', async () => {
    const { file, state } = await folderWithKosovo();
    const corpus = path.dirname(file);
    const leftover = path.join(corpus, '.kosovo.txt.0123456789ab.emend-tmp');
    await fs.writeFile(leftover, KOSOVO.slice(0, 20));
    await fs.writeFile(path.join(corpus, '.keep.emend-tmp.txt'), 'mine\n');
    const server = await serve(corpus, state);
    expect((await server.call('getCorpus', {})).status).toBe(200);
    const names = await fs.readdir(corpus);
    expect(names).not.toContain('.kosovo.txt.0123456789ab.emend-tmp');
    expect(names).toEqual(expect.arrayContaining(['.keep.emend-tmp.txt', 'kosovo.txt']));
  });
});
