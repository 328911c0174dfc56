// The host tells the workspace when an editor's event stream closes: the document it showed may close.
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it, vi } from 'vitest';
import { createApi } from '../workspace/api';
import { tempCorpus } from '../workspace/fixtures/temp-corpus';
import { createWorkspace } from '../workspace/workspace';
import { createToken } from './guard';
import { createHost } from './server';

const RENDERER = fileURLToPath(new URL('./fixtures/renderer/', import.meta.url));
const cleanups: Array<() => Promise<unknown> | unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('keeps the document an editor shows open until its event stream closes', async () => {
  const made = await tempCorpus();
  cleanups.push(() => fs.rm(made.base, { recursive: true, force: true }));
  const workspace = await createWorkspace({
    path: made.root,
    stateFolder: made.state,
    watch: false,
    keepCleanSessions: 0,
  });
  cleanups.push(() => workspace.close());
  const token = createToken();
  const host = createHost({
    api: createApi(workspace),
    subscribe: (listener) => workspace.onEvent(listener),
    clientGone: (client) => workspace.forget(client),
    token,
    rendererFolder: RENDERER,
  });
  const base = `http://127.0.0.1:${await host.listen(0, '127.0.0.1')}`;
  cleanups.push(() => host.close());
  const call = (method: string, body: unknown) =>
    fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  const stream = new AbortController();
  const events = await fetch(`${base}/api/events?token=${token}&client=editor-1`, {
    signal: stream.signal,
  });
  expect(events.status).toBe(200);
  expect((await call('showDocument', { client: 'editor-1', id: 'kosovo.txt' })).status).toBe(200);
  expect((await call('openSource', { id: 'kosovo.txt' })).status).toBe(200);
  expect((await call('openSource', { id: 'news/berlin.txt' })).status).toBe(200);
  expect(workspace.openDocuments()).toEqual(['kosovo.txt']);

  stream.abort();
  await vi.waitFor(() => expect(workspace.openDocuments()).toEqual([]));
});
