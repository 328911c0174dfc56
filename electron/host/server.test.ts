import { promises as fs } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiEvent, type EmendApi } from '../../shared/api/contract';
import { createApi } from '../workspace/api';
import { KOSOVO, SOCIETY, tempCorpus } from '../workspace/fixtures/temp-corpus';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { createToken } from './guard';
import { createHost, type Host } from './server';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/content-security-policy';
import { NOT_BUILT_MESSAGE } from './static-files';

const RENDERER = fileURLToPath(new URL('./fixtures/renderer/', import.meta.url));
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(
  rendererFolder = RENDERER,
  maxBodyBytes?: number,
  firstScreen = true,
  /** The API the host serves, made from the workspace's (a call replaced, to watch it). */
  served: (api: EmendApi) => EmendApi = (api) => api,
) {
  const made = await tempCorpus();
  cleanups.push(() => fs.rm(made.base, { recursive: true, force: true }));
  const workspace: Workspace = await createWorkspace({
    path: made.root,
    stateFolder: made.state,
    watch: false,
  });
  cleanups.push(() => workspace.close());
  const token = createToken();
  const host: Host = createHost({
    api: served(createApi(workspace)),
    ...(firstScreen ? { firstScreen: () => workspace.firstScreenSource() } : {}),
    subscribe: (listener) => workspace.onEvent(listener),
    token,
    rendererFolder,
    maxBodyBytes,
  });
  const port = await host.listen(0, '127.0.0.1');
  cleanups.push(() => host.close());
  const base = `http://127.0.0.1:${port}`;
  const call = (
    method: string,
    body: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) =>
    fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
      signal,
    });
  return { ...made, base, port, token, call };
}

/** A raw request with a Host header of our choosing (fetch does not let tests set it). */
function rawGet(port: number, pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { port, host: '127.0.0.1', path: pathname, headers: { Host: host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const COPIES = [
  { kind: 'folder', path: '../ann' },
  { kind: 'folder', path: '../bo' },
];

describe('the API over HTTP', () => {
  it('answers every call of the contract (none missing, none drifting)', async () => {
    const { call, root } = await serve();
    // Two annotators' copies beside the corpus.
    for (const copy of ['ann', 'bo'])
      await fs.cp(root, path.join(path.dirname(root), copy), { recursive: true });
    const requests: Record<(typeof API_METHODS)[number], unknown> = {
      getCorpus: {},
      openDocument: { id: 'kosovo.txt' },
      openSource: {},
      applyEdit: {
        id: 'kosovo.txt',
        revision: 0,
        tx: { ops: [{ op: 'add', entity: { id: 6, ...SOCIETY, label: 'MISC' } }] },
      },
      undo: { id: 'kosovo.txt', revision: 1 },
      redo: { id: 'kosovo.txt', revision: 2 },
      save: { id: 'kosovo.txt', revision: 3 },
      saveAll: {},
      markReviewed: { id: 'kosovo.txt', reviewed: true },
      resolveConflict: { id: 'kosovo.txt', choice: 'keep-mine' },
      updateSettings: { settings: { labels: [{ name: 'LOC', color: '#000000', key: 'l' }] } },
      getBaseline: { id: 'kosovo.txt' },
      reviewCorpus: {},
      getGitLog: { id: 'kosovo.txt' },
      getHistory: { id: 'kosovo.txt' },
      searchCorpus: { query: { pattern: 'Kosovo' } },
      checkCorpus: {},
      applyToAll: {
        action: { kind: 'untag' },
        hits: [{ path: 'kosovo.txt', start: 0, end: 3, text: 'not', line: 1, column: 1 }],
      },
      undoApplyToAll: { documents: [{ id: 'kosovo.txt', revision: 99 }] },
      exportCorpus: { options: { format: 'conll' }, ids: ['kosovo.txt'] },
      getAgreement: { copies: COPIES },
      getCopyVersions: { id: 'kosovo.txt', copies: COPIES },
      keepAdjudication: { id: 'kosovo.txt', copies: COPIES, none: [{ start: 0, end: 3 }] },
      findSuspects: {},
      dismissSuspect: { key: '0'.repeat(24) },
      restoreSuspect: { key: '0'.repeat(24) },
      cancelTask: { task: 'none-running' },
      showDocument: { client: 'editor-1', id: 'kosovo.txt' },
    };
    const statuses: Record<string, number> = {};
    for (const method of API_METHODS)
      statuses[method] = (await call(method, requests[method])).status;
    // resolveConflict without a conflict, and dismissing or restoring a suspect never listed, are typed refusals, not missing routes.
    expect(statuses).toEqual({
      ...Object.fromEntries(API_METHODS.map((m) => [m, 200])),
      resolveConflict: 400,
      dismissSuspect: 404,
      restoreSuspect: 404,
    });
  });

  it('carries typed errors with fitting statuses', async () => {
    const { base, call, token } = await serve();
    const stale = await call('applyEdit', {
      id: 'kosovo.txt',
      revision: 7,
      tx: { ops: [{ op: 'remove', id: 1 }] },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      code: 'stale-revision',
      message: expect.stringContaining('kosovo.txt'),
    });
    const escape = await call('openDocument', { id: '../../etc/passwd' });
    expect([escape.status, (await escape.json()).code]).toEqual([403, 'path-outside']);
    const missing = await call('noSuchCall', {});
    expect([missing.status, (await missing.json()).code]).toEqual([404, 'not-found']);
    const notJson = await fetch(`${base}/api/getCorpus`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{oops',
    });
    expect([notJson.status, (await notJson.json()).code]).toEqual([400, 'invalid-request']);
    // An entity id so large that the document's next one would not be a safe number is refused:
    // taken, it would leave the document unable to take another entity.
    const huge = await call('applyEdit', {
      id: 'kosovo.txt',
      revision: 0,
      tx: {
        ops: [{ op: 'add', entity: { id: 2 ** 53 - 1, start: 0, end: 6, label: 'LOC' } }],
      },
    });
    expect([huge.status, (await huge.json()).message]).toEqual([
      400,
      expect.stringContaining('a whole number at most 2147483647'),
    ]);
  });

  it('refuses requests without the token (401) and bodies over the limit (413)', async () => {
    const { base, call, token } = await serve(RENDERER, 1024);
    expect((await fetch(`${base}/api/getCorpus`, { method: 'POST', body: '{}' })).status).toBe(401);
    const wrong = await call('getCorpus', {}, { Authorization: 'Bearer wrong' });
    expect(wrong.status).toBe(401);
    // A page left open across a restart of the host holds the old token: it is told what to do.
    expect((await wrong.json()).message).toBe(
      'this page holds no valid token for this host: `emend serve` makes a new one each time it starts; open the URL it printed',
    );
    expect(
      (await fetch(`${base}/api/getCorpus?token=${token}`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
    const big = await call('applyEdit', {
      id: 'kosovo.txt',
      revision: 0,
      tx: { ops: [], pad: 'x'.repeat(4096) },
    });
    expect([big.status, (await big.json()).code]).toEqual([413, 'too-large']);
    const allowed = await call('getCorpus', {});
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();
    expect(allowed.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a Host header that is not a loopback name (403), against DNS rebinding', async () => {
    const { port } = await serve();
    expect(await rawGet(port, '/', 'evil.example.com')).toBe(403);
    expect(await rawGet(port, '/', `evil.example.com:${port}`)).toBe(403);
    expect(await rawGet(port, '/', `localhost:${port}`)).toBe(200);
    expect(await rawGet(port, '/', `127.0.0.1:${port}`)).toBe(200);
    expect(await rawGet(port, '/', `[::1]:${port}`)).toBe(200);
    // Any loopback address `emend serve --host` takes (a literal address: no name to rebind).
    expect(await rawGet(port, '/', `127.0.0.2:${port}`)).toBe(200);
    expect(await rawGet(port, '/', `127.0.0.1.evil.example.com:${port}`)).toBe(403);
  });

  it('cancels a long call whose page went away before its answer (a tab closed mid-ranking)', async () => {
    const cancelled: string[] = [];
    let reached = () => {};
    const running = new Promise<void>((resolve) => (reached = resolve));
    let asked = () => {};
    const waiting = new Promise<void>((resolve) => (asked = resolve));
    const { call } = await serve(RENDERER, undefined, true, (api) => ({
      ...api,
      // A ranking that runs until cancelled.
      findSuspects: () => {
        reached();
        return new Promise<never>(() => {});
      },
      // A slow call that takes no task.
      getCorpus: () => {
        asked();
        return new Promise<never>(() => {});
      },
      cancelTask: async ({ task }) => {
        cancelled.push(task);
        return { cancelled: true };
      },
    }));
    const leaving = new AbortController();
    const ranking = call('findSuspects', { task: 'rank-1' }, {}, leaving.signal).catch(
      () => 'gone',
    );
    await running;
    // Another call naming the same task, gone before its answer, cancels nothing of another's.
    const other = new AbortController();
    const hijack = call('getCorpus', { task: 'rank-1' }, {}, other.signal).catch(() => 'gone');
    await waiting;
    other.abort();
    await hijack;
    leaving.abort();
    expect(await ranking).toBe('gone');
    await expect.poll(() => cancelled).toEqual(['rank-1']);
  });

  it('pushes workspace events over Server-Sent Events to a client with the token', async () => {
    const { base, call, token } = await serve();
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const stream = await fetch(`${base}/api/events?token=${token}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    await call('applyEdit', {
      id: 'kosovo.txt',
      revision: 0,
      tx: { ops: [{ op: 'remove', id: 1 }] },
    });
    let text = '';
    while (!text.includes('document-edited'))
      text += new TextDecoder().decode((await reader.read()).value);
    const data = text.split('\n').find((line) => line.startsWith('data: '))!;
    const event = JSON.parse(data.slice('data: '.length)) as ApiEvent;
    expect(event).toMatchObject({
      type: 'document-edited',
      result: { id: 'kosovo.txt', revision: 1 },
    });
  });
});

describe('the editor files', () => {
  it('serves the built editor with a strict CSP and nosniff, and no file outside it', async () => {
    const { base, port } = await serve();
    const page = await fetch(`${base}/?token=abc`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('/assets/app.js');
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets',
    ]) {
      const status = await rawGet(port, attempt, `127.0.0.1:${port}`);
      expect([400, 404], attempt).toContain(status);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it("sends the first document's first screen inside the page, only with the token", async () => {
    const { base, token } = await serve();
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    // The head (and so the editor's scripts) comes first, the first screen at the start of the body.
    expect(html.indexOf('/assets/app.js')).toBeLessThan(html.indexOf('<div id="first-screen"'));
    expect(html).toContain('<span data-start="12">Kosovo</span>');
    expect(html).toContain(`/api/label-colors.css?token=${token}`);
    for (const url of [`${base}/?token=wrong`, `${base}/`, `${base}/index.html`]) {
      const plain = await (await fetch(url)).text();
      expect(plain, url).toContain('/assets/app.js');
      expect(plain, url).not.toContain('Kosovo');
    }
  });

  it('gives the page its token in the page only: no cookie (browsers send one to every port)', async () => {
    const { base, token } = await serve();
    const first = await fetch(`${base}/?token=${token}`);
    expect(first.headers.get('set-cookie')).toBeNull();
    expect(await first.text()).toContain(`<meta name="emend-token" content="${token}">`);
    // Without the token, the page is the editor's code alone: no token, no text of the corpus.
    const bare = await (await fetch(`${base}/?document=notes.txt`)).text();
    expect(bare).not.toContain('emend-token');
    expect(bare).not.toContain('Kosovo');
  });

  it('sends the page in the theme of the theme cookie, and without a first screen where there is none', async () => {
    const { base, token } = await serve(RENDERER, undefined, false);
    const html = await (
      await fetch(`${base}/?token=${token}`, { headers: { Cookie: 'a=b; emend-theme=dark' } })
    ).text();
    expect(html).toContain('<html data-theme="dark">');
    expect(html).toContain('/assets/app.js');
    expect(html).not.toContain('first-screen');
    const forged = await (
      await fetch(`${base}/?token=${token}`, { headers: { Cookie: 'emend-theme="><script>' } })
    ).text();
    expect(forged).toContain('<html>');
  });

  it("serves the corpus's label colours for the first screen, only with the token", async () => {
    const { base, token } = await serve();
    const css = await fetch(`${base}/api/label-colors.css?token=${token}`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toMatch(/\[data-label="PER"\] \{ --label-color: #[0-9a-fA-F]{6};/);
    expect((await fetch(`${base}/api/label-colors.css?token=wrong`)).status).toBe(401);
  });

  it('says to run `npm run build` when the editor is not built', async () => {
    const { base, root, token } = await serve(path.join('/nonexistent', 'renderer'));
    for (const url of [`${base}/`, `${base}/?token=${token}`]) {
      const page = await fetch(url);
      expect(page.status).toBe(503);
      expect(await page.text()).toBe(NOT_BUILT_MESSAGE);
    }
    expect(NOT_BUILT_MESSAGE).toContain('npm run build');
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);
  });
});
