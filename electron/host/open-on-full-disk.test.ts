// Opening a corpus whose documents have journaled edits on a real full tmpfs: it opens, nothing is lost, saves wait for room.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from './fixtures/small-disk';
import { createApi } from '../workspace/api';
import { KOSOVO, SOCIETY, tempFolder } from '../workspace/fixtures/temp-corpus';
import { createWorkspace } from '../workspace/workspace';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ID = 'kosovo.txt';
const TAGGED_SOCIETY = KOSOVO.replace('society', '[MISC society  ]');
const NEW_LINE = 'A [PER new  ] line .\n';
/** The app's state folder of the test (off the small disk); the corpus's own state is in its .emend. */
let appState = '';

/** A corpus of kosovo.txt on a 64 KB tmpfs. */
async function corpusOnSmallDisk(): Promise<{ disk: SmallDisk; root: string; file: string }> {
  const base = await tempFolder();
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  const disk = await mountSmallDisk(base, '64k');
  cleanups.push(() => disk.unmount());
  const root = path.join(disk.folder, 'corpus');
  await fs.mkdir(root);
  const file = path.join(root, ID);
  await fs.writeFile(file, KOSOVO);
  appState = path.join(base, 'app-state');
  return { disk, root, file };
}

async function open(root: string) {
  const workspace = await createWorkspace({ path: root, stateFolder: appState, watch: false });
  cleanups.push(() => workspace.close());
  return createApi(workspace);
}

/** Tags "society" MISC and closes the corpus: the edit is journaled, not saved. */
async function editAndClose(root: string) {
  const api = await open(root);
  const state = await api.openDocument({ id: ID });
  const tx = {
    ops: [{ op: 'add' as const, entity: { id: state.nextId, ...SOCIETY, label: 'MISC' } }],
  };
  await api.applyEdit({ id: ID, revision: state.revision, tx });
}

describe.skipIf(smallDiskUnavailable() !== null)(
  `opening on a full disk (${smallDiskUnavailable() ?? 'real tmpfs'})`,
  () => {
    it('opens with the recovered edits, refuses the save, and saves them once there is room', async () => {
      const { disk, root, file } = await corpusOnSmallDisk();
      await editAndClose(root);
      const free = await disk.fill();
      for (let round = 0; round < 2; round++) {
        const api = await open(root);
        const state = await api.openDocument({ id: ID });
        expect(state).toMatchObject({ recoveredEdits: 1, dirty: true });
        expect(state.entities.map((entity) => entity.label)).toContain('MISC');
        await expect(api.save({ id: ID, revision: state.revision })).rejects.toMatchObject({
          code: 'save-failed',
          message: expect.stringMatching(/kosovo\.txt.*disk is full/),
        });
        expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
      }
      await free();
      const api = await open(root);
      const state = await api.openDocument({ id: ID });
      expect(state.recoveredEdits).toBe(1);
      await api.save({ id: ID, revision: state.revision });
      expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
    });

    it('opens a corpus made writable with the edits kept while it was read-only, when there is no room to move them in', async () => {
      const { disk, root, file } = await corpusOnSmallDisk();
      await fs.chmod(root, 0o555);
      cleanups.push(() => fs.chmod(root, 0o755));
      await editAndClose(root);
      await fs.chmod(root, 0o755);
      const free = await disk.fill();
      const api = await open(root);
      const state = await api.openDocument({ id: ID });
      expect(state.recoveredEdits).toBe(1);
      await expect(api.save({ id: ID, revision: state.revision })).rejects.toMatchObject({
        code: 'save-failed',
      });
      expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
      await free();
      await api.save({ id: ID, revision: state.revision });
      expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
    });

    it('opens a document changed while closed with its edits set aside, restored once there is room', async () => {
      const { disk, root, file } = await corpusOnSmallDisk();
      await editAndClose(root);
      await fs.appendFile(file, NEW_LINE);
      const free = await disk.fill();
      const api = await open(root);
      expect(await api.openDocument({ id: ID })).toMatchObject({ setAside: true, dirty: false });
      await expect(
        api.resolveConflict({ id: ID, choice: 'restore-set-aside' }),
      ).rejects.toMatchObject({ code: 'save-failed' });
      await free();
      const restored = await api.resolveConflict({ id: ID, choice: 'restore-set-aside' });
      await api.save({ id: ID, revision: restored.revision });
      expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY + NEW_LINE);
    });
  },
);
