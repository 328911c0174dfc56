// Where a corpus keeps its journals through `emend serve`: never outside the corpus, and a read-only corpus still opens.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KOSOVO, SOCIETY, tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ID = 'kosovo.txt';
const TAGGED = KOSOVO.replace('society', '[MISC society  ]');

async function setUp() {
  const base = await tempFolder();
  cleanups.push(async () => {
    await fs.chmod(path.join(base, 'corpus'), 0o755).catch(() => undefined);
    await fs.rm(base, { recursive: true, force: true });
  });
  const corpus = path.join(base, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, ID), KOSOVO);
  const state = path.join(base, 'state');
  const start = async (): Promise<ServeProcess> => {
    const server = await startServe(corpus, state);
    cleanups.push(() => server.stop());
    return server;
  };
  return { base, corpus, state, start };
}

async function tagSociety(server: ServeProcess) {
  const opened = await server.call('openDocument', { id: ID });
  expect(opened.status).toBe(200);
  const edited = await server.call('applyEdit', {
    id: ID,
    revision: opened.body.revision,
    tx: { ops: [{ op: 'add', entity: { id: opened.body.nextId, ...SOCIETY, label: 'MISC' } }] },
  });
  expect(edited.status).toBe(200);
  return edited.body.revision as number;
}

describe('a read-only corpus folder', () => {
  it('opens with a notice, keeps edits in the state folder, refuses to save, writes nothing in it', async () => {
    const { corpus, state, start } = await setUp();
    await fs.chmod(corpus, 0o555);
    let server = await start();
    const info = await server.call('getCorpus', {});
    expect(info.status).toBe(200);
    expect(info.body.notice).toMatch(/read-only.*edits are kept.*cannot be saved/);
    const revision = await tagSociety(server);
    const saved = await server.call('save', { id: ID, revision });
    expect(saved.status).toBe(500);
    expect(saved.body.code).toBe('save-failed');
    expect(saved.body.message).toMatch(/read-only/);
    expect(await fs.readdir(corpus)).toEqual([ID]);
    expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(KOSOVO);
    expect(JSON.stringify(await fs.readdir(state, { recursive: true }))).toMatch(/journal\.jsonl/);
    await server.stop('SIGKILL');
    server = await start();
    const reopened = await server.call('openDocument', { id: ID });
    expect(reopened.body.recoveredEdits).toBe(1);
  });
});

describe('a corpus folder whose write permission changes', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'made writable after %s, finds the edits kept in the state folder and saves them into the corpus',
    async (signal) => {
      const { corpus, start } = await setUp();
      await fs.chmod(corpus, 0o555);
      let server = await start();
      await tagSociety(server);
      await server.stop(signal);
      await fs.chmod(corpus, 0o755);
      server = await start();
      const reopened = await server.call('openDocument', { id: ID });
      expect(reopened.body).toMatchObject({ recoveredEdits: 1, dirty: true });
      const saved = await server.call('save', { id: ID, revision: reopened.body.revision });
      expect(saved.status).toBe(200);
      expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(TAGGED);
      await server.stop('SIGKILL');
      server = await start();
      expect((await server.call('openDocument', { id: ID })).body).toMatchObject({ dirty: false });
    },
  );

  it('made read-only, finds the edits journaled in the corpus, and they follow it back', async () => {
    const { corpus, state, start } = await setUp();
    let server = await start();
    await tagSociety(server);
    await server.stop('SIGKILL');
    await fs.chmod(corpus, 0o555);
    server = await start();
    const readOnly = await server.call('openDocument', { id: ID });
    expect(readOnly.body).toMatchObject({ recoveredEdits: 1, dirty: true });
    await server.stop('SIGKILL');
    await fs.chmod(corpus, 0o755);
    server = await start();
    const writable = await server.call('openDocument', { id: ID });
    expect(writable.body).toMatchObject({ recoveredEdits: 1, dirty: true });
    expect((await server.call('save', { id: ID, revision: writable.body.revision })).status).toBe(
      200,
    );
    expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(TAGGED);
    expect(JSON.stringify(await fs.readdir(state, { recursive: true }))).not.toMatch(/journal/);
  });
});

describe('a .emend folder that is a symbolic link out of the corpus', () => {
  it('is not used: journals go to the state folder, nothing is written through the link', async () => {
    const { base, corpus, state, start } = await setUp();
    const outside = path.join(base, 'outside');
    await fs.mkdir(outside);
    await fs.symlink(outside, path.join(corpus, '.emend'));
    let server = await start();
    const info = await server.call('getCorpus', {});
    expect(info.body.notice).toMatch(/\.emend.*outside/);
    await tagSociety(server);
    expect(await fs.readdir(outside)).toEqual([]);
    expect(JSON.stringify(await fs.readdir(state, { recursive: true }))).toMatch(/journal\.jsonl/);
    await server.stop('SIGKILL');
    server = await start();
    expect((await server.call('openDocument', { id: ID })).body.recoveredEdits).toBe(1);
    expect(await fs.readdir(outside)).toEqual([]);
  });
});
