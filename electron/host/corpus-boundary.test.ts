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

describe('odd but legal file names', () => {
  const NAMES = ['..txt', '...txt', '..a.txt', 'a:b.txt', 'back\\slash.txt'];

  it('are documents: listed, opened, searched, checked and exported; traversal stays refused', async () => {
    const { base, root, state } = await tempCorpus();
    cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
    await fs.writeFile(path.join(base, 'secret.txt'), `${KEY}`);
    for (const name of NAMES) await fs.writeFile(path.join(root, name), `In [LOC Oddtown  ] .\n`);
    const server = await serve(root, state);
    const listed = await server.call('getCorpus', {});
    const ids = (listed.body.documents as Array<{ id: string }>).map((document) => document.id);
    expect(ids).toEqual(expect.arrayContaining(NAMES));
    for (const id of NAMES) {
      const opened = await server.call('openDocument', { id });
      expect(opened.status, id).toBe(200);
      expect(opened.body.text, id).toBe('In Oddtown .\n');
    }
    const query = { pattern: 'Oddtown', regex: false, caseSensitive: true, label: null };
    const search = await server.call('searchCorpus', { query: { ...query, tagged: 'any' } });
    expect(search.status).toBe(200);
    expect(new Set((search.body.hits as Array<{ path: string }>).map((hit) => hit.path))).toEqual(
      new Set(NAMES),
    );
    expect((await server.call('checkCorpus', {})).status).toBe(200);
    const exported = await server.call('exportCorpus', {
      options: {
        format: 'brackets',
        scheme: 'iob2',
        docstart: false,
        unit: 'document',
        normalize: false,
        stripHtml: false,
      },
    });
    expect(exported.status).toBe(200);
    for (const id of [
      '../secret.txt',
      '..',
      'news/../../secret.txt',
      '/etc/passwd',
      './kosovo.txt',
    ]) {
      const answer = await server.call('openDocument', { id });
      expect(answer.status, id).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain('PRIVATE KEY');
    }
  });
});
