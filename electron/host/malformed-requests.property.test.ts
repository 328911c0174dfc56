// Property: a malformed body sent to any API call is refused with a request error: in-process, over IPC and through `emend serve`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiErrorCode } from '../../shared/api/contract';
import { REQUEST_SCHEMAS } from '../../shared/api/requests';
import { editorIpc } from '../main/fixtures/editor-ipc';
import { createApi } from '../workspace/api';
import { tempCorpus } from '../workspace/fixtures/temp-corpus';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { malformedBodies } from './fixtures/malformed-bodies';
import { startServe, type ServeProcess } from './fixtures/serve-process';

/** What a refused request answers: the request is wrong, too large, or names a path outside. */
const REQUEST_ERRORS: readonly ApiErrorCode[] = ['invalid-request', 'too-large', 'path-outside'];

/** Every file of a folder and its bytes, to show a refused request wrote nothing. */
async function filesOf(folder: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const texts = await Promise.all(
    files.map((entry) => fs.readFile(path.join(entry.parentPath, entry.name), 'utf8')),
  );
  return Object.fromEntries(
    files.map((entry, index) => [path.join(entry.parentPath, entry.name), texts[index]]),
  );
}

/** The refusal's code and message, or what the call answered instead. */
function expectRefused(method: string, answer: { code?: unknown; message?: unknown }): void {
  const where = `${method}: ${JSON.stringify(answer).slice(0, 300)}`;
  expect(REQUEST_ERRORS, where).toContain(answer.code);
  expect(answer.message, where).toMatch(/^[^\n]+$/);
}

/** A method and a malformed body for it, over every method. */
const sample = () =>
  fc.oneof(
    ...API_METHODS.map((method) =>
      fc.tuple(fc.constant(method), malformedBodies(REQUEST_SCHEMAS[method])),
    ),
  );

describe('malformed requests', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let workspace: Workspace;
  let before: Record<string, string>;

  beforeAll(async () => {
    corpus = await tempCorpus();
    workspace = await createWorkspace({
      path: corpus.root,
      stateFolder: corpus.state,
      watch: false,
    });
    before = await filesOf(corpus.root);
  });

  afterAll(async () => {
    workspace.close();
    await fs.rm(corpus.base, { recursive: true, force: true });
  });

  it.each(API_METHODS)('%s refuses every malformed body with a request error', async (method) => {
    const api = createApi(workspace);
    const call = api[method] as (request: unknown) => Promise<unknown>;
    await fc.assert(
      fc.asyncProperty(malformedBodies(REQUEST_SCHEMAS[method]), async (body) => {
        const answer = await call(body).then(
          (value): { code?: unknown; message?: unknown } => ({ message: JSON.stringify(value) }),
          (error: { code?: unknown; message?: unknown }) => error,
        );
        expectRefused(method, answer);
      }),
      { numRuns: 40 },
    );
    expect(await filesOf(corpus.root)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a sample of malformed bodies to every method over IPC with a request error', async () => {
    const call = editorIpc(createApi(workspace));
    await fc.assert(
      fc.asyncProperty(sample(), async ([method, body]) => {
        const reply = await call(method)!(body);
        expect(reply.ok, JSON.stringify(reply)).toBe(false);
        if (!reply.ok) expectRefused(method, reply.error);
      }),
      { numRuns: 120 },
    );
    expect(await filesOf(corpus.root)).toEqual(before);
  });

  describe('through `emend serve`', () => {
    let served: ServeProcess;
    let servedCorpus: Awaited<ReturnType<typeof tempCorpus>>;

    beforeAll(async () => {
      servedCorpus = await tempCorpus();
      served = await startServe(servedCorpus.root, servedCorpus.state);
    });

    afterAll(async () => {
      await served.stop();
      await fs.rm(servedCorpus.base, { recursive: true, force: true });
    });

    it('answers a sample of malformed bodies to every method with a request error', async () => {
      const untouched = await filesOf(servedCorpus.root);
      // What it said on starting (the fixture's binary file, named) and nothing more.
      const said = served.errors();
      await fc.assert(
        fc.asyncProperty(sample(), async ([method, body]) => {
          const { status, body: answer } = await served.call(method, body);
          expectRefused(method, answer);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: 120 },
      );
      expect(await filesOf(servedCorpus.root)).toEqual(untouched);
      expect(served.errors()).toBe(said);
    });
  });
});
