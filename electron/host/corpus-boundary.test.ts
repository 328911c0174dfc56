// Only documents of the opened corpus can be read through `emend serve`; a lone file's corpus is that file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCorpus, tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(target: string, state: string): Promise<ServeProcess> {
  const server = await startServe(target, state);
  cleanups.push(() => server.stop());
  return server;
}

const KEY = '-----BEGIN OPENSSH PRIVATE KEY----- secret\n';

describe('a baseline from another file', () => {
  it('of a lone file can be no other file of its folder', async () => {
    const home = await tempFolder();
    cleanups.push(() => fs.rm(home, { recursive: true, force: true }));
    await fs.mkdir(path.join(home, '.ssh'));
    await fs.writeFile(path.join(home, '.ssh', 'id_ed25519'), KEY);
    await fs.writeFile(path.join(home, 'other.txt'), 'An [PER other  ] file .\n');
    await fs.writeFile(path.join(home, 'notes.txt'), 'My [LOC notes  ] .\n');
    const server = await serve(path.join(home, 'notes.txt'), path.join(home, 'state'));
    for (const id of ['.ssh/id_ed25519', 'other.txt']) {
      const answer = await server.call('getBaseline', {
        id: 'notes.txt',
        source: { kind: 'file', id },
      });
      expect(answer.status, id).not.toBe(200);
      expect(answer.body.code, id).toBe('not-found');
      expect(JSON.stringify(answer.body)).not.toContain('secret');
      expect(JSON.stringify(answer.body)).not.toContain('[PER other');
    }
    const itself = await server.call('getBaseline', {
      id: 'notes.txt',
      source: { kind: 'file', id: 'notes.txt' },
    });
    expect(itself).toMatchObject({ status: 200, body: { text: 'My [LOC notes  ] .\n' } });
  });

  it('of a corpus document is another document of the corpus, never a non-document', async () => {
    const { base, root, state } = await tempCorpus();
    cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
    await fs.mkdir(path.join(root, '.git'));
    await fs.writeFile(path.join(root, '.git', 'config'), '[core] secret\n');
    const server = await serve(root, state);
    for (const id of ['notes.md', '.git/config', 'node_modules/pkg/skip.txt']) {
      const answer = await server.call('getBaseline', {
        id: 'kosovo.txt',
        source: { kind: 'file', id },
      });
      expect(answer.status, id).toBe(404);
      expect(answer.body.message, id).toMatch(/not a document of/);
      expect(JSON.stringify(answer.body)).not.toContain('secret');
    }
    const other = await server.call('getBaseline', {
      id: 'kosovo.txt',
      source: { kind: 'file', id: 'news/berlin.txt' },
    });
    expect(other.status).toBe(200);
    expect(other.body.text).toContain('Berlin');
  });
});
