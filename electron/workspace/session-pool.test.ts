// The session pool: clean documents nobody shows are closed; a document with edits never is.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../../shared/model/operations';
import { createApi } from './api';
import { tempFolder } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace } from './workspace';

const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

const DOCUMENTS = 12;
const idOf = (index: number) => `doc-${String(index).padStart(2, '0')}.txt`;
const ids = Array.from({ length: DOCUMENTS }, (_, index) => idOf(index));

/** A corpus of twelve one-line documents, opened with at most `keep` clean unshown sessions kept. */
async function openCorpus(keep: number) {
  const base = await tempFolder();
  folders.push(base);
  const root = path.join(base, 'corpus');
  await fs.mkdir(root);
  for (const id of ids) {
    await fs.writeFile(path.join(root, id), `[PER Ana  ] met [LOC Pristina  ] in ${id} .\n`);
  }
  const workspace = await createWorkspace({
    path: root,
    stateFolder: path.join(base, 'state'),
    watch: false,
    keepCleanSessions: keep,
  });
  opened.push(workspace);
  return { workspace, api: createApi(workspace), root };
}

const relabel = (label: string): Transaction => ({
  ops: [{ op: 'relabel', id: 1, label }],
});

/** Opens every document of the corpus as corpus review does: its state, then its baseline. */
async function reviewAll(api: ReturnType<typeof createApi>): Promise<void> {
  for (const id of ids) {
    await api.openDocument({ id });
    await api.getBaseline({ id, source: { kind: 'first-opened' } });
  }
}

describe('the session pool', () => {
  it('keeps no more clean sessions than it may after every document was opened', async () => {
    const { workspace, api } = await openCorpus(2);
    await reviewAll(api);
    expect(workspace.openDocuments()).toEqual([idOf(10), idOf(11)]);

    const none = await openCorpus(0);
    await reviewAll(none.api);
    expect(none.workspace.openDocuments()).toEqual([]);
  });

  it('never closes a document with unsaved edits; its edit is there after the whole corpus was read', async () => {
    const { workspace, api, root } = await openCorpus(0);
    const edited = idOf(3);
    await api.applyEdit({ id: edited, revision: 0, tx: relabel('ORG') });
    await reviewAll(api);
    expect(workspace.openDocuments()).toEqual([edited]);

    const state = await api.openDocument({ id: edited });
    expect(state).toMatchObject({ revision: 1, dirty: true, canUndo: true });
    expect(state.entities[0].label).toBe('ORG');
    expect(await fs.readFile(path.join(root, edited), 'utf8')).toContain('[PER Ana  ]');

    // Saved, it is clean: it closes, and opening it again brings back its revision and undo.
    await api.save({ id: edited, revision: 1 });
    expect(workspace.openDocuments()).toEqual([]);
    const { documents } = await api.getCorpus({});
    expect(documents.find((summary) => summary.id === edited)).toMatchObject({
      status: 'saved',
      dirty: false,
    });
    const reopened = await api.openDocument({ id: edited });
    expect(reopened).toMatchObject({ revision: 1, dirty: false, canUndo: true });
    const undone = await api.undo({ id: edited, revision: 1 });
    expect(undone).toMatchObject({ revision: 2, dirty: true });
    await reviewAll(api);
    expect(workspace.openDocuments()).toEqual([edited]);
  });

  it('keeps the document each editor shows open, and closes it once no editor shows it', async () => {
    const { workspace, api } = await openCorpus(0);
    await api.openSource({ id: idOf(5) });
    workspace.show('editor-a', idOf(5));
    workspace.show('editor-b', idOf(7));
    await reviewAll(api);
    expect(workspace.openDocuments().sort()).toEqual([idOf(5), idOf(7)]);

    workspace.show('editor-a', idOf(7));
    expect(workspace.openDocuments()).toEqual([idOf(7)]);
    workspace.forget('editor-b');
    expect(workspace.openDocuments()).toEqual([idOf(7)]);
    workspace.show('editor-a', null);
    expect(workspace.openDocuments()).toEqual([]);
  });

  it('is told over the API which document an editor shows, and refuses a request without a client', async () => {
    const { workspace, api } = await openCorpus(0);
    await api.showDocument({ client: 'editor-a', id: idOf(2) });
    await api.openSource({ id: idOf(2) });
    await reviewAll(api);
    expect(workspace.openDocuments()).toEqual([idOf(2)]);
    await expect(api.showDocument({ id: idOf(2) } as never)).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(api.showDocument({ client: 'editor-a', id: 'nowhere.txt' })).rejects.toMatchObject(
      { code: 'not-found' },
    );
    await api.showDocument({ client: 'editor-a', id: null });
    expect(workspace.openDocuments()).toEqual([]);
  });

  it('answers apply-to-all with every document it changed, each kept open with its edit', async () => {
    const { workspace, api } = await openCorpus(0);
    const { hits } = await api.searchCorpus({
      query: {
        pattern: 'Pristina',
        regex: false,
        caseSensitive: true,
        label: null,
        tagged: 'any',
      },
    });
    const result = await api.applyToAll({ action: { kind: 'relabel', label: 'ORG' }, hits });
    expect(result.documents.map((document) => document.id)).toEqual(ids);
    expect(result.applied).toBe(DOCUMENTS);
    expect(workspace.openDocuments().sort()).toEqual(ids);
    await api.saveAll({});
    expect(workspace.openDocuments()).toEqual([]);
  });
});
