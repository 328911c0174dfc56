// Apply to all killed part way through `emend serve`: the run is recorded as it goes, so it can be undone after a restart.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const DOCUMENTS = 300;
const LINE = 'The [PER Quint  ] met in Pristina .\n';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves once the run record names at least `count` documents. */
async function recordedDocuments(record: string, count: number): Promise<void> {
  for (;;) {
    const text = await fs.readFile(record, 'utf8').catch(() => '');
    if (text.split('"type":"document"').length - 1 >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

it('an apply-to-all killed part way is undone after a restart, in every document it changed', async () => {
  const base = await tempFolder();
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  const corpus = path.join(base, 'corpus');
  await fs.mkdir(corpus);
  for (let i = 0; i < DOCUMENTS; i++) {
    await fs.writeFile(path.join(corpus, `d${String(i).padStart(3, '0')}.txt`), LINE);
  }
  const state = path.join(base, 'state');
  const start = async () => {
    const server: ServeProcess = await startServe(corpus, state);
    cleanups.push(() => server.stop('SIGKILL'));
    return server;
  };
  let server = await start();
  const query = { pattern: 'Quint', regex: false, caseSensitive: true, label: null, tagged: 'any' };
  const { hits } = (await server.call('searchCorpus', { query })).body as { hits: unknown[] };
  expect(hits).toHaveLength(DOCUMENTS);
  const run = server
    .call('applyToAll', { action: { kind: 'relabel', label: 'MISC' }, hits })
    .catch(() => null);
  await recordedDocuments(path.join(corpus, '.emend', 'apply-to-all.jsonl'), 20);
  await server.stop('SIGKILL');
  await run;

  server = await start();
  const relabeled = async () => {
    const found = await server.call('searchCorpus', { query: { ...query, label: 'MISC' } });
    return (found.body.hits as unknown[]).length;
  };
  const changed = await relabeled();
  expect(changed).toBeGreaterThan(0);
  const undone = await server.call('undoApplyToAll', {});
  expect(undone.status).toBe(200);
  expect(undone.body).toMatchObject({ skipped: [] });
  expect((undone.body.undone as string[]).length).toBe(changed);
  expect(await relabeled()).toBe(0);
});
