// Status that stays true (unsaved, reviewed) and edits set aside by "Take theirs" that can be restored.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { createApi } from './api';
import { KOSOVO, SOCIETY, tempCorpus } from './fixtures/temp-corpus';
import { documentStateFolder } from './state-folder';
import { createWorkspace, type Workspace } from './workspace';

const opened: Workspace[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

const ID = 'kosovo.txt';

async function open() {
  const made = await tempCorpus();
  folders.push(made.base);
  const reopen = async () => {
    const workspace = await createWorkspace({
      path: made.root,
      stateFolder: made.state,
      watch: false,
    });
    opened.push(workspace);
    return { workspace, api: createApi(workspace) };
  };
  return { ...made, file: path.join(made.root, ID), reopen, ...(await reopen()) };
}

const tagSociety = (nextId: number) => ({
  ops: [{ op: 'add' as const, entity: { id: nextId, ...SOCIETY, label: 'MISC' } }],
});
const status = async (api: ReturnType<typeof createApi>) =>
  (await api.getCorpus({})).documents.find((doc) => doc.id === ID)!;

describe('unsaved', () => {
  it('is false again after undoing back to the saved revision', async () => {
    const { api } = await open();
    let state = await api.openDocument({ id: ID });
    const edited = await api.applyEdit({ id: ID, revision: 0, tx: tagSociety(state.nextId) });
    await api.save({ id: ID, revision: edited.revision });
    state = await api.openDocument({ id: ID });
    const relabel = await api.applyEdit({
      id: ID,
      revision: state.revision,
      tx: { ops: [{ op: 'relabel', id: 1, label: 'PER' }] },
    });
    expect(relabel.dirty).toBe(true);
    const undone = await api.undo({ id: ID, revision: relabel.revision });
    expect(undone.dirty).toBe(false);
    expect(await status(api)).toMatchObject({ dirty: false, status: 'saved' });
    const redone = await api.redo({ id: ID, revision: undone.revision });
    expect(redone.dirty).toBe(true);
  });
});

describe('reviewed', () => {
  it('is no longer shown once the reviewed document is edited, also after reopening', async () => {
    const { api, reopen } = await open();
    const state = await api.openDocument({ id: ID });
    await api.markReviewed({ id: ID, reviewed: true });
    expect(await status(api)).toMatchObject({ status: 'reviewed' });
    await api.applyEdit({ id: ID, revision: state.revision, tx: tagSociety(state.nextId) });
    expect(await status(api)).toMatchObject({ status: 'edited' });
    await api.save({ id: ID, revision: state.revision + 1 });
    expect((await status(api)).status).not.toBe('reviewed');
    const again = await reopen();
    expect((await status(again.api)).status).toBe('saved');
  });
});

describe('"Take theirs"', () => {
  it('sets the unsaved edits aside and can lay them over theirs again, undoably', async () => {
    const { api, workspace, file } = await open();
    const state = await api.openDocument({ id: ID });
    const edited = await api.applyEdit({ id: ID, revision: 0, tx: tagSociety(state.nextId) });
    expect(edited.dirty).toBe(true);
    // Another program relabels Solana.
    await fs.writeFile(file, KOSOVO.replace('[PER Javier', '[ORG Javier'));
    await workspace.checkDisk();
    expect((await api.openDocument({ id: ID })).conflict).toBe(true);
    const theirs = await api.resolveConflict({ id: ID, choice: 'take-theirs' });
    expect(theirs.entities.map((entity) => entity.label)).toEqual([
      'LOC',
      'MISC',
      'LOC',
      'ORG',
      'ORG',
    ]);
    expect(theirs.setAside).toBe(true);
    const restored = await api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
    expect(restored.setAside).toBeUndefined();
    expect(restored.dirty).toBe(true);
    expect(restored.canUndo).toBe(true);
    const labels = restored.entities.map(
      (entity) => `${entity.label}:${restored.text.slice(entity.start, entity.end)}`,
    );
    expect(labels).toContain('MISC:society');
    expect(labels).toContain('ORG:Javier Solana');
    await api.save({ id: ID, revision: restored.revision });
    expect(await fs.readFile(file, 'utf8')).toBe(
      KOSOVO.replace('society', '[MISC society  ]').replace('[PER Javier', '[ORG Javier'),
    );
  });
});

it('lays set-aside edits over theirs where theirs changed another entity of the same line', async () => {
  const { api, workspace, file } = await open();
  const state = await api.openDocument({ id: ID });
  // Ours tags society on line 1; another program relabels Serbs, on line 1 too.
  await api.applyEdit({ id: ID, revision: state.revision, tx: tagSociety(state.nextId) });
  await fs.writeFile(file, KOSOVO.replace('[MISC Serbs', '[PER Serbs'));
  await workspace.checkDisk();
  await api.resolveConflict({ id: ID, choice: 'take-theirs' });
  const restored = await api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
  await api.save({ id: ID, revision: restored.revision });
  expect(await fs.readFile(file, 'utf8')).toBe(
    KOSOVO.replace('[MISC Serbs', '[PER Serbs').replace('society', '[MISC society  ]'),
  );
});

describe('"Restore set-aside edits" with a quick fix among them', () => {
  const GLUED = 'Integrating [LOC Kosovo  ]. into society .\nThe [PER Javier Solana  ] went .\n';

  /** Relabels Kosovo and fixes its glued close, then another program writes `theirs` and it is taken. */
  async function setAside(theirs: string) {
    const { api, workspace, file } = await open();
    await fs.writeFile(file, GLUED);
    await workspace.checkDisk();
    const state = await api.openDocument({ id: ID });
    const relabeled = await api.applyEdit({
      id: ID,
      revision: state.revision,
      tx: { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] },
    });
    const glued = GLUED.indexOf('].') + 1;
    await api.applyEdit({
      id: ID,
      revision: relabeled.revision,
      tx: { ops: [{ op: 'rewrite', offset: glued, remove: '', insert: ' ' }] },
    });
    await fs.writeFile(file, theirs);
    await workspace.checkDisk();
    await api.resolveConflict({ id: ID, choice: 'take-theirs' });
    return { api, file };
  }

  it('lays the relabel and the fix over theirs when they changed other lines', async () => {
    const theirs = `A new first line .\n${GLUED.replace('[PER Javier', '[ORG Javier')}`;
    const { api, file } = await setAside(theirs);
    const restored = await api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
    expect(restored).toMatchObject({ dirty: true, canUndo: true });
    await api.save({ id: ID, revision: restored.revision });
    expect(await fs.readFile(file, 'utf8')).toBe(
      'A new first line .\nIntegrating [ORG Kosovo  ] . into society .\nThe [ORG Javier Solana  ] went .\n',
    );
  });

  it('refuses only where theirs changed the same line, naming it', async () => {
    const { api } = await setAside(`A new first line .\n${GLUED.replace('went', 'left')}`);
    await expect(api.openDocument({ id: ID })).resolves.toMatchObject({ setAside: true });
    const later = await setAside(GLUED.replace('into', 'in'));
    await expect(
      api.resolveConflict({ id: ID, choice: 'restore-set-aside' }),
    ).resolves.toMatchObject({ dirty: true });
    await expect(
      later.api.resolveConflict({ id: ID, choice: 'restore-set-aside' }),
    ).rejects.toMatchObject({ code: 'edit-refused', message: expect.stringMatching(/line 1\b/) });
  });
});

it('restores edits an earlier version set aside (entities removed and added over one text)', async () => {
  const { root, state, file, reopen } = await open();
  const folder = documentStateFolder(root, state, ID);
  await fs.mkdir(folder, { recursive: true });
  const earlier = { text: parse(KOSOVO).text, removed: [], added: [{ ...SOCIETY, label: 'MISC' }] };
  await fs.writeFile(path.join(folder, 'set-aside.json'), JSON.stringify(earlier));
  const { api } = await reopen();
  expect(await api.openDocument({ id: ID })).toMatchObject({ setAside: true });
  const restored = await api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
  await api.save({ id: ID, revision: restored.revision });
  expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO.replace('society', '[MISC society  ]'));
});

it('sets unsaved edits aside, to restore, when the file changed while Emend was closed', async () => {
  const { api, workspace, file, reopen } = await open();
  const state = await api.openDocument({ id: ID });
  await api.applyEdit({ id: ID, revision: state.revision, tx: tagSociety(state.nextId) });
  // Closed with the edit journaled and unsaved (a crash, a kill); the file changes meanwhile.
  workspace.close();
  await fs.writeFile(file, KOSOVO.replace('[MISC Serbs', '[PER Serbs'));
  const later = await reopen();
  const opened = await later.api.openDocument({ id: ID });
  expect(opened).toMatchObject({ setAside: true, dirty: false });
  const restored = await later.api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
  await later.api.save({ id: ID, revision: restored.revision });
  expect(await fs.readFile(file, 'utf8')).toBe(
    KOSOVO.replace('[MISC Serbs', '[PER Serbs').replace('society', '[MISC society  ]'),
  );
});

it('sets aside edits made after a save, over the file as saved, when it changed while Emend was closed', async () => {
  const { api, workspace, file, reopen } = await open();
  const state = await api.openDocument({ id: ID });
  const tagged = await api.applyEdit({
    id: ID,
    revision: state.revision,
    tx: tagSociety(state.nextId),
  });
  await api.save({ id: ID, revision: tagged.revision });
  const relabeled = await api.applyEdit({
    id: ID,
    revision: tagged.revision,
    tx: { ops: [{ op: 'relabel', id: state.nextId, label: 'ORG' }] },
  });
  expect(relabeled.dirty).toBe(true);
  workspace.close();
  const saved = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, saved.replace('[MISC Serbs', '[PER Serbs'));
  const later = await reopen();
  expect(await later.api.openDocument({ id: ID })).toMatchObject({ setAside: true });
  const restored = await later.api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
  await later.api.save({ id: ID, revision: restored.revision });
  expect(await fs.readFile(file, 'utf8')).toBe(
    KOSOVO.replace('[MISC Serbs', '[PER Serbs').replace('society', '[ORG society  ]'),
  );
});
