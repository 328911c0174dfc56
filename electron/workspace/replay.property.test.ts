// Property: after any sequence of edits, undos, redos and saves, a workspace reopened from disk and journal equals the live one.
import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { DocumentSource, EmendApi } from '../../shared/api/contract';
import { createApi } from './api';
import { KOSOVO, tempFolder } from './fixtures/temp-corpus';
import { createWorkspace } from './workspace';

const ID = 'kosovo.txt';
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];
const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await fs.rm(folder, { recursive: true, force: true });
});

const command = fc.record({
  kind: fc.constantFrom('relabel', 'relabel', 'remove', 'undo', 'redo', 'save'),
  pick: fc.nat(),
  label: fc.constantFrom(...LABELS),
});

async function open(root: string, state: string) {
  const workspace = await createWorkspace({ path: root, stateFolder: state, watch: false });
  return { workspace, api: createApi(workspace) };
}

/** Runs one command; a refusal (nothing to undo, no entity left) changes nothing and is fine. */
async function run(api: EmendApi, step: { kind: string; pick: number; label: string }) {
  const now = (await api.openSource({ id: ID })) as DocumentSource;
  const revision = now.revision;
  // Without ids the entities are numbered 1..n, and nextId is n + 1.
  const ids = now.ids ?? Array.from({ length: now.nextId - 1 }, (_, index) => index + 1);
  const id = ids.length > 0 ? ids[step.pick % ids.length] : 1;
  const calls: Record<string, () => Promise<unknown>> = {
    relabel: () =>
      api.applyEdit({ id: ID, revision, tx: { ops: [{ op: 'relabel', id, label: step.label }] } }),
    remove: () => api.applyEdit({ id: ID, revision, tx: { ops: [{ op: 'remove', id }] } }),
    undo: () => api.undo({ id: ID, revision }),
    redo: () => api.redo({ id: ID, revision }),
    save: () => api.save({ id: ID, revision }),
  };
  await calls[step.kind]().catch((error: { code?: string }) => {
    if (error.code !== 'edit-refused' && error.code !== 'not-found') throw error;
  });
}

it('journal replay equals the live state after random edit/undo/redo/save sequences', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 16 }), async (steps) => {
      const folder = await tempFolder();
      folders.push(folder);
      const root = path.join(folder, 'corpus');
      const state = path.join(folder, 'state');
      await fs.mkdir(root);
      await fs.writeFile(path.join(root, ID), KOSOVO);
      const live = await open(root, state);
      for (const step of steps) await run(live.api, step);
      const expected = await live.api.openSource({ id: ID });
      live.workspace.close(); // no flush, no save: as if the process were killed here
      const again = await open(root, state);
      const replayed = await again.api.openSource({ id: ID });
      again.workspace.close();
      const comparable = (source: DocumentSource) => ({
        source: source.source,
        revision: source.revision,
        dirty: source.dirty,
        nextId: source.nextId,
        ids: source.ids,
        done: source.history.done.map((entry) => entry.forward),
        undone: source.history.undone.map((entry) => entry.forward),
      });
      expect(comparable(replayed)).toEqual(comparable(expected));
    }),
    { numRuns: 30 },
  );
}, 120_000);
