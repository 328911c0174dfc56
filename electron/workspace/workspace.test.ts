// The workspace on a real corpus folder through its API: opening, editing, saving, baselines, settings, links and paths.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FOLDER_GONE,
  type ApiEvent,
  type DocumentSummary,
  type EmendApi,
} from '../../shared/api/contract';
import { createApi } from './api';
import { documentStateFolder } from './state-folder';
import type { SaveFileSystem } from './atomic-write';
import { KOSOVO, SOCIETY, tempCorpus, tempFolder } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace, type WorkspaceOptions } from './workspace';

const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function corpus() {
  const made = await tempCorpus();
  folders.push(made.base);
  return made;
}

async function open(root: string, state: string, extra: Partial<WorkspaceOptions> = {}) {
  const workspace = await createWorkspace({
    path: root,
    stateFolder: state,
    watch: false,
    ...extra,
  });
  opened.push(workspace);
  return { workspace, api: createApi(workspace) };
}

const addSociety = (id = 6) => ({
  ops: [{ op: 'add' as const, entity: { id, ...SOCIETY, label: 'MISC' } }],
});
const TAGGED_SOCIETY = KOSOVO.replace('society', '[MISC society  ]');

async function edit(api: EmendApi, id: string) {
  const state = await api.openDocument({ id });
  return api.applyEdit({ id, revision: state.revision, tx: addSociety(state.nextId) });
}

describe('opening a corpus', () => {
  it('lists every bracket file, skipping dot folders and node_modules, and refuses binary files by name', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const info = await api.getCorpus({});
    expect(info.root).toBe(root);
    expect(info.documents.map((doc) => doc.id)).toEqual([
      'kosovo.txt',
      'news/berlin.txt',
      'news/broken.txt',
    ]);
    const broken = info.documents.find((doc) => doc.id === 'news/broken.txt')!;
    expect(broken.refused).toMatch(/binary/);
    await expect(api.openDocument({ id: 'news/broken.txt' })).rejects.toMatchObject({
      code: 'refused-file',
    });
    const kosovo = await api.openDocument({ id: 'kosovo.txt' });
    expect(kosovo.entities.map((entity) => entity.label)).toEqual([
      'LOC',
      'MISC',
      'LOC',
      'ORG',
      'PER',
    ]);
    expect(kosovo).toMatchObject({ revision: 0, dirty: false, canUndo: false });
  });

  it('uses the labels of FOLDER/.emend/settings.json and saves updated settings there', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const settings = { labels: [{ name: 'person', color: '#112233', key: 'p' }] };
    expect(await api.updateSettings({ settings })).toEqual(settings);
    const saved = JSON.parse(await fs.readFile(path.join(root, '.emend', 'settings.json'), 'utf8'));
    expect(saved).toEqual(settings);
    await expect(
      api.updateSettings({ settings: { labels: [{ name: '1bad', color: 'red', key: '' }] } }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    const again = await open(root, state);
    expect((await again.api.getCorpus({})).settings).toEqual(settings);
  });

  it('reads a settings.json an editor saved with a byte order mark', async () => {
    const { root, state } = await corpus();
    const settings = { labels: [{ name: 'person', color: '#112233', key: 'p' }] };
    await fs.mkdir(path.join(root, '.emend'), { recursive: true });
    await fs.writeFile(
      path.join(root, '.emend', 'settings.json'),
      `\uFEFF${JSON.stringify(settings)}\n`,
    );
    const { api } = await open(root, state);
    expect((await api.getCorpus({})).settings).toEqual(settings);
  });
});

describe('diagnostics follow the document as it is now', () => {
  it('drops an unknown-label warning once the entity is relabeled and saved, in the state and the corpus counts', async () => {
    const { root, state } = await corpus();
    await fs.writeFile(path.join(root, 'paris.txt'), 'We met in [GPE Paris  ] .\n');
    const { api } = await open(root, state);
    const summary = async () =>
      (await api.getCorpus({})).documents.find((doc) => doc.id === 'paris.txt')!;
    expect(await summary()).toMatchObject({ warnings: 1, entities: 1 });
    const opened = await api.openDocument({ id: 'paris.txt' });
    expect(opened.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['unknown-label']);
    const edited = await api.applyEdit({
      id: 'paris.txt',
      revision: opened.revision,
      tx: { ops: [{ op: 'relabel', id: 1, label: 'LOC' }] },
    });
    expect((await api.openDocument({ id: 'paris.txt' })).diagnostics).toEqual([]);
    await api.save({ id: 'paris.txt', revision: edited.revision });
    expect(await summary()).toMatchObject({ warnings: 0, entities: 1 });
  });

  it('counts follow a quick fix at once, before any save', async () => {
    const { root, state } = await corpus();
    await fs.writeFile(path.join(root, 'force.txt'), 'A [LOC Kosovo Force . B\n');
    const { api } = await open(root, state);
    const summary = async () =>
      (await api.getCorpus({})).documents.find((doc) => doc.id === 'force.txt')!;
    expect(await summary()).toMatchObject({ errors: 1, entities: 0 });
    const opened = await api.openDocument({ id: 'force.txt' });
    await api.applyEdit({
      id: 'force.txt',
      revision: opened.revision,
      tx: { ops: [{ op: 'rewrite', offset: 19, remove: '', insert: '  ]' }] },
    });
    expect(await summary()).toMatchObject({ errors: 0, warnings: 0, entities: 1, dirty: true });
    expect((await api.openDocument({ id: 'force.txt' })).diagnostics).toEqual([]);
  });

  it('gives open and unopened documents the new labels after a settings change', async () => {
    const { root, state } = await corpus();
    await fs.writeFile(path.join(root, 'paris.txt'), 'We met in [GPE Paris  ] .\n');
    await fs.writeFile(path.join(root, 'rome.txt'), 'and in [GPE Rome  ] .\n');
    const { api } = await open(root, state);
    await api.openDocument({ id: 'paris.txt' });
    const labels = ['PER', 'LOC', 'ORG', 'MISC', 'GPE'].map((name, index) => ({
      name,
      color: '#112233',
      key: String(index + 1),
    }));
    await api.updateSettings({ settings: { labels } });
    const paris = await api.openDocument({ id: 'paris.txt' });
    expect(paris.labels).toContain('GPE');
    expect(paris.diagnostics).toEqual([]);
    const documents = (await api.getCorpus({})).documents;
    expect(documents.find((doc) => doc.id === 'paris.txt')).toMatchObject({ warnings: 0 });
    expect(documents.find((doc) => doc.id === 'rome.txt')).toMatchObject({ warnings: 0 });
  });
});

describe('editing', () => {
  it('refuses an edit made against a stale revision and leaves the document as it was', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const result = await edit(api, 'kosovo.txt');
    expect(result).toMatchObject({ revision: 1, dirty: true, canUndo: true, canRedo: false });
    await expect(
      api.applyEdit({ id: 'kosovo.txt', revision: 0, tx: { ops: [{ op: 'remove', id: 1 }] } }),
    ).rejects.toMatchObject({ code: 'stale-revision' });
    await expect(api.undo({ id: 'kosovo.txt', revision: 0 })).rejects.toMatchObject({
      code: 'stale-revision',
    });
    const now = await api.openDocument({ id: 'kosovo.txt' });
    expect(now.revision).toBe(1);
    expect(now.entities).toHaveLength(6);
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);
  });

  it('turns refused and malformed transactions into typed errors', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const overlap = {
      ops: [{ op: 'add' as const, entity: { id: 9, start: 12, end: 24, label: 'LOC' } }],
    };
    await expect(
      api.applyEdit({ id: 'kosovo.txt', revision: 0, tx: overlap }),
    ).rejects.toMatchObject({
      code: 'edit-refused',
      message: expect.stringMatching(/would overlap .* on line 1$/),
    });
    const bad = [
      { ops: [] },
      { ops: [{ op: 'explode' }] },
      { ops: [{ op: 'remove', id: '1' }] },
      { ops: [{ op: 'relabel', id: 1, label: 'LOC', close: ']\n[PER x' }] },
      'not a transaction',
    ];
    for (const tx of bad) {
      await expect(
        api.applyEdit({ id: 'kosovo.txt', revision: 0, tx } as never),
      ).rejects.toMatchObject({
        code: 'invalid-request',
      });
    }
    await expect(
      api.applyEdit({ id: 'kosovo.txt', revision: -1, tx: addSociety() }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect((await api.openDocument({ id: 'kosovo.txt' })).revision).toBe(0);
  });

  it('takes a close marker (spaces and `]`) in a request, so a restored entity keeps its own, and no other markup', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const { revision, nextId } = await api.openDocument({ id: 'kosovo.txt' });
    const entity = { id: nextId, ...SOCIETY, label: 'MISC' };
    await expect(
      api.applyEdit({
        id: 'kosovo.txt',
        revision,
        tx: { ops: [{ op: 'add', entity: { ...entity, close: ' ]x' } }] },
      }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    const added = await api.applyEdit({
      id: 'kosovo.txt',
      revision,
      tx: { ops: [{ op: 'add', entity: { ...entity, close: ' ]' } }] },
    });
    await api.save({ id: 'kosovo.txt', revision: added.revision });
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(
      KOSOVO.replace('society', '[MISC society ]'),
    );
  });

  it('saves atomically: exactly the edited bytes, file mode kept, the document clean', async () => {
    const { root, state } = await corpus();
    const file = path.join(root, 'kosovo.txt');
    await fs.chmod(file, 0o640);
    const { api } = await open(root, state);
    const { revision } = await edit(api, 'kosovo.txt');
    expect(await api.save({ id: 'kosovo.txt', revision })).toEqual({
      id: 'kosovo.txt',
      revision,
      dirty: false,
    });
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect((await fs.readdir(root)).filter((name) => name.includes('emend-tmp'))).toEqual([]);
    const summary = (await api.getCorpus({})).documents.find((doc) => doc.id === 'kosovo.txt');
    expect(summary).toMatchObject({ status: 'saved', dirty: false, entities: 6 });
  });

  it('saves a document whose name is 255 bytes, the longest a folder takes', async () => {
    const { root, state } = await corpus();
    const id = `${'k'.repeat(251)}.txt`;
    await fs.rename(path.join(root, 'kosovo.txt'), path.join(root, id));
    const { api } = await open(root, state);
    const { revision } = await edit(api, id);
    await api.save({ id, revision });
    expect(await fs.readFile(path.join(root, id), 'utf8')).toBe(TAGGED_SOCIETY);
    expect((await fs.readdir(root)).filter((name) => name.includes('emend-tmp'))).toEqual([]);
  });

  it('saveAll saves every document it can, and says which it could not and why', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const berlin = await api.openDocument({ id: 'news/berlin.txt' });
    await api.applyEdit({
      id: 'news/berlin.txt',
      revision: berlin.revision,
      tx: { ops: [{ op: 'relabel', id: berlin.entities[0].id, label: 'ORG' }] },
    });
    await edit(api, 'kosovo.txt');
    // Another program writes berlin.txt under its unsaved edit: that one cannot be saved.
    await fs.writeFile(path.join(root, 'news/berlin.txt'), 'Rewritten elsewhere .\n');
    const answer = await api.saveAll({});
    expect(answer.saved).toEqual(['kosovo.txt']);
    expect(answer.failed).toEqual([
      { id: 'news/berlin.txt', message: expect.stringContaining('changed on disk') },
    ]);
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(TAGGED_SOCIETY);
    expect(await fs.readFile(path.join(root, 'news/berlin.txt'), 'utf8')).toBe(
      'Rewritten elsewhere .\n',
    );
  });

  it('saves every dirty document with saveAll and marks documents reviewed', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    await edit(api, 'kosovo.txt');
    expect(await api.saveAll({})).toEqual({
      saved: ['kosovo.txt'],
      failed: [],
      recreated: [],
      notices: [],
    });
    expect(await api.markReviewed({ id: 'news/berlin.txt', reviewed: true })).toMatchObject({
      status: 'reviewed',
    });
    const again = await open(root, state);
    const docs = (await again.api.getCorpus({})).documents;
    expect(docs.map((doc) => doc.status)).toEqual(['saved', 'reviewed', 'untouched']);
  });
});

describe("each person's state in the corpus's .emend", () => {
  it('is kept out of git: .emend/.gitignore names documents/ (the settings stay shared)', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    await edit(api, 'kosovo.txt');
    await api.save({ id: 'kosovo.txt', revision: 1 });
    const ignore = await fs.readFile(path.join(root, '.emend', '.gitignore'), 'utf8');
    expect(ignore.split('\n')).toContain('documents/');
    expect(ignore).not.toContain('settings.json');
  });

  it('leaves a .gitignore the team wrote as it is', async () => {
    const { root, state } = await corpus();
    await fs.mkdir(path.join(root, '.emend'), { recursive: true });
    await fs.writeFile(path.join(root, '.emend', '.gitignore'), '# ours\n');
    const { api } = await open(root, state);
    await edit(api, 'kosovo.txt');
    await api.save({ id: 'kosovo.txt', revision: 1 });
    expect(await fs.readFile(path.join(root, '.emend', '.gitignore'), 'utf8')).toBe('# ours\n');
  });
});

describe('a document marked reviewed with unsaved edits', () => {
  it('is reviewed once saved as it was marked, and edited again after another edit', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const edited = await edit(api, 'kosovo.txt');
    expect(await api.markReviewed({ id: 'kosovo.txt', reviewed: true })).toMatchObject({
      status: 'edited',
      dirty: true,
    });
    await api.save({ id: 'kosovo.txt', revision: edited.revision });
    const saved = (await api.getCorpus({})).documents.find((doc) => doc.id === 'kosovo.txt');
    expect(saved?.status).toBe('reviewed');
  });
});

describe('the journal', () => {
  it('restores unsaved edits after a crash with undo and redo intact, and says so', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    await edit(first.api, 'kosovo.txt'); // rev 1: add society
    await first.api.applyEdit({
      id: 'kosovo.txt',
      revision: 1,
      tx: { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] },
    });
    await first.api.applyEdit({
      id: 'kosovo.txt',
      revision: 2,
      tx: { ops: [{ op: 'remove', id: 5 }] },
    });
    await first.api.undo({ id: 'kosovo.txt', revision: 3 }); // the removal is undone, redo possible
    const before = await first.api.openDocument({ id: 'kosovo.txt' });
    // No save, no close: the process "dies" here.

    const second = await open(root, state);
    expect((await second.api.getCorpus({})).documents[0]).toMatchObject({
      dirty: true,
      status: 'edited',
    });
    const restored = await second.api.openDocument({ id: 'kosovo.txt' });
    expect(restored).toMatchObject({
      revision: 4,
      dirty: true,
      canUndo: true,
      canRedo: true,
      recoveredEdits: 2, // two edits stand between the file on disk and the document
    });
    expect(restored.entities).toEqual(before.entities);
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);

    const redone = await second.api.redo({ id: 'kosovo.txt', revision: 4 });
    expect(redone.applied).toEqual({ ops: [{ op: 'remove', id: 5 }] });
    await second.api.undo({ id: 'kosovo.txt', revision: 5 });
    await second.api.undo({ id: 'kosovo.txt', revision: 6 });
    await second.api.undo({ id: 'kosovo.txt', revision: 7 });
    const original = await second.api.openDocument({ id: 'kosovo.txt' });
    expect(original.canUndo).toBe(false);
    await second.api.save({ id: 'kosovo.txt', revision: 8 });
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);
  });

  it('writes the journal again when its files are removed behind its back, so no acknowledged edit is lost', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    const { revision } = await edit(first.api, 'kosovo.txt');
    await first.api.applyEdit({
      id: 'kosovo.txt',
      revision,
      tx: { ops: [{ op: 'relabel', id: 6, label: 'LOC' }] },
    });
    // `git clean -X` removes the state folder's ignored files: every journal and disk copy.
    const documents = path.join(root, '.emend', 'documents');
    expect((await fs.readdir(documents)).length).toBeGreaterThan(0);
    await fs.rm(documents, { recursive: true });
    await first.api.applyEdit({
      id: 'kosovo.txt',
      revision: revision + 1,
      tx: { ops: [{ op: 'relabel', id: 6, label: 'ORG' }] },
    });
    const before = await first.api.openDocument({ id: 'kosovo.txt' });
    // No save: the process "dies" here.
    const second = await open(root, state);
    const restored = await second.api.openDocument({ id: 'kosovo.txt' });
    expect(restored).toMatchObject({ revision: 3, recoveredEdits: 3, dirty: true });
    expect(restored.entities).toEqual(before.entities);
  });

  it('keeps history across a save and a restart, with edits made after the save recovered', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    await edit(first.api, 'kosovo.txt');
    await first.api.save({ id: 'kosovo.txt', revision: 1 });
    await first.api.applyEdit({
      id: 'kosovo.txt',
      revision: 1,
      tx: { ops: [{ op: 'relabel', id: 6, label: 'LOC' }] },
    });

    const second = await open(root, state);
    const restored = await second.api.openDocument({ id: 'kosovo.txt' });
    expect(restored).toMatchObject({ revision: 2, recoveredEdits: 1, dirty: true });
    expect(restored.entities.find((entity) => entity.id === 6)?.label).toBe('LOC');
    await second.api.undo({ id: 'kosovo.txt', revision: 2 });
    const undone = await second.api.undo({ id: 'kosovo.txt', revision: 3 }); // the edit made before the save
    expect(undone.applied).toEqual({ ops: [{ op: 'remove', id: 6 }] });
    await second.api.save({ id: 'kosovo.txt', revision: 4 });
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);
  });

  it('sets aside a journal that does not belong to the file on disk instead of applying it', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    await edit(first.api, 'kosovo.txt');
    await fs.writeFile(path.join(root, 'kosovo.txt'), 'Rewritten by [PER someone  ] else .\n');
    const second = await open(root, state);
    const doc = await second.api.openDocument({ id: 'kosovo.txt' });
    expect(doc.text).toBe('Rewritten by someone else .\n');
    expect(doc.recoveredEdits).toBeUndefined();
    const kept = await fs.readdir(path.dirname((await findJournal(root))[0]));
    expect(kept.some((name) => name.endsWith('.unmatched'))).toBe(true);
  });
});

async function findJournal(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(path.join(root, '.emend', 'documents'))) {
    const folder = path.join(root, '.emend', 'documents', entry);
    for (const name of await fs.readdir(folder))
      if (name.startsWith('journal')) found.push(path.join(folder, name));
  }
  return found;
}

describe("the first document's text for the host's first screen", () => {
  it('is the text the scan read, then the journaled edits a restart recovered, with their ids', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    expect(first.workspace.firstScreenSource()).toEqual({
      source: KOSOVO,
      labels: ['PER', 'LOC', 'ORG', 'MISC'],
    });
    await edit(first.api, 'kosovo.txt');
    // No save: the edit is only in the journal when the process "dies".
    const second = await open(root, state);
    const restored = await second.api.openSource({});
    expect(second.workspace.firstScreenSource()).toMatchObject({
      source: TAGGED_SOCIETY,
      ids: restored.ids,
    });
  });

  it('is none in a corpus with no document that opens', async () => {
    const folder = await tempFolder();
    folders.push(folder);
    await fs.writeFile(path.join(folder, 'binary.txt'), Buffer.from([0, 1, 2, 0]));
    const { workspace } = await open(folder, path.join(folder, '.state'));
    expect(workspace.firstScreenSource()).toBeNull();
  });
});

describe('a failing save', () => {
  const failing = (code: string, at: 'open' | 'rename'): SaveFileSystem => ({
    open: (async (...args: Parameters<typeof fs.open>) => {
      if (at === 'open') throw Object.assign(new Error(code), { code });
      return fs.open(...args);
    }) as typeof fs.open,
    rename: (async (...args: Parameters<typeof fs.rename>) => {
      if (at === 'rename') throw Object.assign(new Error(code), { code });
      return fs.rename(...args);
    }) as typeof fs.rename,
  });

  it.each([
    [
      'ENOSPC',
      'rename',
      /^kosovo\.txt: the disk is full \(ENOSPC\)\. Nothing was written; your edits are kept\.$/,
    ],
    [
      'EROFS',
      'open',
      /^kosovo\.txt: on a read-only file system \(EROFS\)\. Nothing was written; your edits are kept\.$/,
    ],
  ] as const)(
    '%s at %s: original intact, document still dirty, edits still in the journal',
    async (code, at, message) => {
      const { root, state } = await corpus();
      const file = path.join(root, 'kosovo.txt');
      const { api } = await open(root, state, { fileSystem: failing(code, at) });
      const { revision } = await edit(api, 'kosovo.txt');
      await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
        code: 'save-failed',
        message: expect.stringMatching(message),
      });
      expect(await fs.readFile(file, 'utf8')).toBe(KOSOVO);
      expect((await fs.readdir(root)).filter((name) => name.includes('emend-tmp'))).toEqual([]);
      expect(await api.openDocument({ id: 'kosovo.txt' })).toMatchObject({
        dirty: true,
        revision: 1,
      });

      const restarted = await open(root, state);
      expect(await restarted.api.openDocument({ id: 'kosovo.txt' })).toMatchObject({
        recoveredEdits: 1,
        dirty: true,
      });
      await restarted.api.save({ id: 'kosovo.txt', revision: 1 });
      expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'in a read-only folder (not as root, who may write anyway)',
    async () => {
      const { root, state } = await corpus();
      const news = path.join(root, 'news');
      const { api } = await open(root, state);
      await edit(api, 'news/berlin.txt');
      await fs.chmod(news, 0o555);
      try {
        await expect(api.save({ id: 'news/berlin.txt', revision: 1 })).rejects.toMatchObject({
          code: 'save-failed',
        });
        expect(await api.openDocument({ id: 'news/berlin.txt' })).toMatchObject({ dirty: true });
      } finally {
        await fs.chmod(news, 0o755);
      }
    },
  );
});

describe('links in a corpus’s .emend (a clone from anyone may hold them)', () => {
  it('never writes a journal or the settings through them, nor into a linked folder', async () => {
    const { base, root, state } = await corpus();
    const victim = path.join(base, 'victim.txt');
    await fs.writeFile(victim, 'IMPORTANT USER DATA\n');
    // The journal of kosovo.txt, its folder name being predictable, and the settings: links out.
    const journalFolder = documentStateFolder(root, state, 'kosovo.txt');
    await fs.mkdir(journalFolder, { recursive: true });
    await fs.symlink(victim, path.join(journalFolder, 'journal.jsonl'));
    const { api } = await open(root, state);
    const refused =
      /the edit was not made because its journal cannot be written \(is a symbolic link/;
    await expect(edit(api, 'kosovo.txt')).rejects.toThrow(refused);
    expect(await fs.readFile(victim, 'utf8')).toBe('IMPORTANT USER DATA\n');
    // A link for a folder on the way is refused too.
    await fs.rm(path.join(root, '.emend', 'documents'), { recursive: true });
    await fs.mkdir(path.join(base, 'elsewhere'));
    await fs.symlink(path.join(base, 'elsewhere'), path.join(root, '.emend', 'documents'));
    await expect(edit(api, 'kosovo.txt')).rejects.toThrow(refused);
    expect(await fs.readdir(path.join(base, 'elsewhere'))).toEqual([]);
  });
});

describe('a save that cannot first keep the file as first opened', () => {
  it('says it was not saved and why, in the words of the failure, naming the document', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const { revision } = await edit(api, 'kosovo.txt');
    // Where the first opened bytes go, a folder: the write fails as a full disk would.
    await fs.mkdir(path.join(documentStateFolder(root, state, 'kosovo.txt'), 'baseline.txt'));
    await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
      code: 'save-failed',
      message: expect.stringMatching(
        /^kosovo\.txt: not saved: is a folder, not a file \(Emend keeps the file as first opened, for review, before it first writes over it\)\. Nothing was written; your edits are kept\.$/,
      ),
    });
    expect(await fs.readFile(path.join(root, 'kosovo.txt'), 'utf8')).toBe(KOSOVO);
  });
});

describe('links in a corpus’s .emend, read', () => {
  it('shows no file outside through a linked baseline, and opens no corpus with linked settings', async () => {
    const { base, root, state } = await corpus();
    const secret = path.join(base, 'secret.txt');
    await fs.writeFile(secret, 'TOP SECRET outside\n');
    const folder = documentStateFolder(root, state, 'kosovo.txt');
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'meta.json'), '{"baselineHash":"deadbeef"}');
    await fs.symlink(secret, path.join(folder, 'baseline.txt'));
    const { api } = await open(root, state);
    const link = /baseline\.txt: is a symbolic link: Emend reads no state through links in \.emend/;
    await expect(api.getBaseline({ id: 'kosovo.txt' })).rejects.toThrow(link);
    // Settings a file outside holds: the corpus is not opened with them, nor is the file quoted.
    const theirs = path.join(base, 'their-settings.json');
    await fs.writeFile(
      theirs,
      '{ "labels": [{ "name": "SECRET", "color": "#aa0000", "key": "1" }] }\n',
    );
    await fs.symlink(theirs, path.join(root, '.emend', 'settings.json'));
    const opening = open(root, state);
    await expect(opening).rejects.toThrow(/settings\.json: is a symbolic link/);
    await expect(opening).rejects.not.toThrow(/SECRET/);
  });
});

describe('a lone file beside an .emend link leading out of its folder', () => {
  it('neither reads nor writes the settings it leads to', async () => {
    const { base, state } = await corpus();
    const victim = path.join(base, 'victim');
    await fs.mkdir(victim);
    const theirs = '{ "labels": [{ "name": "SECRET", "color": "#aa0000", "key": "1" }] }\n';
    await fs.writeFile(path.join(victim, 'settings.json'), theirs);
    const lone = path.join(base, 'lone');
    await fs.mkdir(lone);
    await fs.writeFile(path.join(lone, 'x.txt'), '[PER Ann  ] met Bo .\n');
    await fs.symlink(victim, path.join(lone, '.emend'));
    const { api } = await open(path.join(lone, 'x.txt'), state);
    const { settings } = await api.getCorpus({});
    expect(settings.labels.map((label) => label.name)).not.toContain('SECRET');
    await api.updateSettings({
      settings: { labels: [{ name: 'GPE', color: '#0072b2', key: '1' }] },
    });
    expect(await fs.readFile(path.join(victim, 'settings.json'), 'utf8')).toBe(theirs);
  });
});

describe('files the corpus list leaves out', () => {
  it('are named in the corpus notice: a link and a pipe with a document name', async () => {
    const { base, root, state } = await corpus();
    await fs.writeFile(path.join(base, 'elsewhere.txt'), '[PER Ann  ]\n');
    await fs.symlink(path.join(base, 'elsewhere.txt'), path.join(root, 'linked.txt'));
    execFileSync('mkfifo', [path.join(root, 'news', 'pipe.txt')]);
    const { api } = await open(root, state);
    const info = await api.getCorpus({});
    expect(info.documents.map(({ id }) => id)).not.toContain('linked.txt');
    expect(info.notice).toBe(
      '2 files are not listed (Emend lists regular files only): linked.txt is a symbolic link, news/pipe.txt is a pipe',
    );
  });

  it('are named again as the folder changes', async () => {
    const { root, state } = await corpus();
    const { api, workspace } = await open(root, state);
    expect((await api.getCorpus({})).notice).toBeUndefined();
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    await workspace.relistFolder();
    expect((await api.getCorpus({})).notice).toBe(
      '1 file is not listed (Emend lists regular files only): pipe.txt is a pipe',
    );
  });
});

describe('paths', () => {
  it('refuses ids that leave the corpus: .., absolute, NUL; a backslash is part of a name', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    for (const id of [
      '../corpus/kosovo.txt',
      'news/../kosovo.txt',
      '/etc/passwd',
      'kosovo.txt\0',
      './kosovo.txt',
    ]) {
      await expect(api.openDocument({ id })).rejects.toMatchObject({ code: 'path-outside' });
    }
    // Not the folder news: a file of that name, which there is not.
    await expect(api.openDocument({ id: 'news\\berlin.txt' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.openDocument({ id: 'missing.txt' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.openDocument({ id: 42 } as never)).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });

  it('refuses a document whose folder became a symbolic link to somewhere else', async () => {
    const { base, root, state } = await corpus();
    const { api } = await open(root, state);
    const outside = path.join(base, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'berlin.txt'), 'secret [PER data  ] .\n');
    await fs.rm(path.join(root, 'news'), { recursive: true });
    await fs.symlink(outside, path.join(root, 'news'));
    await expect(api.openDocument({ id: 'news/berlin.txt' })).rejects.toMatchObject({
      code: 'path-outside',
    });
    await expect(
      api.getBaseline({ id: 'kosovo.txt', source: { kind: 'file', id: 'news/berlin.txt' } }),
    ).rejects.toMatchObject({ code: 'path-outside' });
  });
});

describe('baselines', () => {
  it('keeps the file as first opened across saves and restarts', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    await edit(first.api, 'kosovo.txt');
    await first.api.save({ id: 'kosovo.txt', revision: 1 });
    const second = await open(root, state);
    const baseline = await second.api.getBaseline({ id: 'kosovo.txt' });
    expect(baseline).toEqual({ id: 'kosovo.txt', source: { kind: 'first-opened' }, text: KOSOVO });
    expect(
      (await second.api.getBaseline({ id: 'kosovo.txt', source: { kind: 'disk' } })).text,
    ).toBe(TAGGED_SOCIETY);
    const other = await second.api.getBaseline({
      id: 'kosovo.txt',
      source: { kind: 'file', id: 'news/berlin.txt' },
    });
    expect(other.text).toMatch(/^Reuters/);
  });

  it('reads a git revision of the file without a shell, refusing option-like revisions', async () => {
    const { root, state } = await corpus();
    const git = (...args: string[]) =>
      import('node:child_process').then(({ execFileSync }) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root }),
      );
    await git('init', '-q');
    await git('add', 'kosovo.txt');
    await git('commit', '-qm', 'first');
    await fs.writeFile(path.join(root, 'kosovo.txt'), TAGGED_SOCIETY);
    const { api } = await open(root, state);
    expect(
      (await api.getBaseline({ id: 'kosovo.txt', source: { kind: 'git', revision: 'HEAD' } })).text,
    ).toBe(KOSOVO);
    await expect(
      api.getBaseline({ id: 'kosovo.txt', source: { kind: 'git', revision: '--output=/tmp/x' } }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    // The name as typed in the refusal.
    await expect(
      api.getBaseline({ id: 'kosovo.txt', source: { kind: 'git', revision: 'a\\b' } }),
    ).rejects.toMatchObject({ message: '"a\\b" is not a git revision name' });
    // Any branch name git takes is taken, as by the command line (a range or a space is not a name).
    for (const branch of ['fix+labels', 'anné', 'x<b>']) {
      await git('branch', branch);
      const source = { kind: 'git', revision: branch } as const;
      expect((await api.getBaseline({ id: 'kosovo.txt', source })).text).toBe(KOSOVO);
    }
    for (const revision of ['HEAD..HEAD', 'HEAD HEAD', '', 'HEAD:kosovo.txt', '^HEAD'])
      await expect(
        api.getBaseline({ id: 'kosovo.txt', source: { kind: 'git', revision } }),
      ).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(
      api.getBaseline({ id: 'news/berlin.txt', source: { kind: 'git', revision: 'HEAD' } }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/berlin\.txt/) });
  });

  it('follows a document renamed since the revision, as emend diff does, and lists its commits across the rename', async () => {
    const { root, state } = await corpus();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    const berlin = await fs.readFile(path.join(root, 'news', 'berlin.txt'), 'utf8');
    git('init', '-q');
    git('add', 'kosovo.txt', 'news/berlin.txt');
    git('commit', '-qm', 'base');
    git('mv', 'news/berlin.txt', 'news/bonn.txt');
    git('commit', '-qm', 'rename');
    await fs.appendFile(path.join(root, 'news', 'bonn.txt'), 'More .\n');
    git('commit', '-qam', 'typo');
    const { api } = await open(root, state);
    const source = { kind: 'git', revision: 'HEAD~2' } as const;
    const baseline = await api.getBaseline({ id: 'news/bonn.txt', source });
    expect(baseline.text).toBe(berlin);
    // The name it had there is told, for the review to say what it compared with.
    expect(baseline.renamedFrom).toBe('news/berlin.txt');
    const unrenamed = await api.getBaseline({ id: 'kosovo.txt', source });
    expect(unrenamed.renamedFrom).toBeUndefined();
    const { commits } = await api.getGitLog({ id: 'news/bonn.txt' });
    expect(commits.map((commit) => commit.subject)).toEqual(['typo', 'rename', 'base']);
    // A document that did not exist then, under any name, is still not found.
    await fs.writeFile(path.join(root, 'news', 'new.txt'), '[PER Ann  ]\n');
    git('add', 'news/new.txt');
    git('commit', '-qm', 'new');
    await expect(
      (await open(root, state)).api.getBaseline({ id: 'news/new.txt', source }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/new\.txt/) });
  });
  it('says on open that a document cannot be saved as its file is (read-only), and not of another', async () => {
    const { root, state } = await corpus();
    await fs.chmod(path.join(root, 'kosovo.txt'), 0o444);
    const { api } = await open(root, state);
    const readOnly = 'is read-only (mode 0444); make it writable to save';
    expect((await api.openSource({ id: 'kosovo.txt' })).readOnly).toBe(readOnly);
    expect((await api.openDocument({ id: 'kosovo.txt' })).readOnly).toBe(readOnly);
    expect((await api.openSource({ id: 'news/berlin.txt' })).readOnly).toBeUndefined();
    await fs.chmod(path.join(root, 'kosovo.txt'), 0o644);
    expect((await api.openSource({ id: 'kosovo.txt' })).readOnly).toBeUndefined();
  });

  it('keeps the bytes first opened when another program replaces them, without writing on open', async () => {
    const { root, state } = await corpus();
    const { api, workspace } = await open(root, state);
    await api.openSource({ id: 'kosovo.txt' });
    const kept = async () =>
      (await fs.readdir(path.join(root, '.emend'), { recursive: true }).catch(() => [])).filter(
        (name) => name.endsWith('baseline.txt'),
      );
    expect(await kept()).toEqual([]);
    await fs.writeFile(path.join(root, 'kosovo.txt'), TAGGED_SOCIETY);
    await workspace.checkDisk();
    expect(await kept()).toHaveLength(1);
    expect((await api.getBaseline({ id: 'kosovo.txt' })).text).toBe(KOSOVO);
  });
});

describe('the compact open', () => {
  it('sends the first readable document as its bytes, with the session ids once they differ from parse', async () => {
    const { root, state } = await corpus();
    const { api } = await open(root, state);
    const first = await api.openSource({});
    expect(first).toMatchObject({ id: 'kosovo.txt', revision: 0, source: KOSOVO, nextId: 6 });
    expect(first.ids).toBeUndefined();
    await api.applyEdit({ id: 'kosovo.txt', revision: 0, tx: { ops: [{ op: 'remove', id: 1 }] } });
    await api.applyEdit({ id: 'kosovo.txt', revision: 1, tx: addSociety() });
    const edited = await api.openSource({ id: 'kosovo.txt' });
    expect(edited).toMatchObject({
      revision: 2,
      source: TAGGED_SOCIETY.replace('[LOC Kosovo  ] [MISC', 'Kosovo [MISC'),
      ids: [2, 3, 6, 4, 5],
      nextId: 7,
      dirty: true,
    });
    expect(edited.history.done).toHaveLength(2);
  });
});

describe('a lone file', () => {
  it('keeps its journal and baseline in the app state folder, not beside the file', async () => {
    const folder = await tempFolder();
    folders.push(folder);
    const file = path.join(folder, 'alone.txt');
    await fs.writeFile(file, KOSOVO);
    const state = path.join(folder, 'state');
    const first = await open(file, state);
    expect((await first.api.getCorpus({})).documents.map((doc) => doc.id)).toEqual(['alone.txt']);
    await expect(first.api.openDocument({ id: 'other.txt' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await edit(first.api, 'alone.txt');
    expect((await fs.readdir(folder)).sort()).toEqual(['alone.txt', 'state']);
    const second = await open(file, state);
    expect(await second.api.openDocument({ id: 'alone.txt' })).toMatchObject({ recoveredEdits: 1 });
  });
});

describe('one Emend per corpus', () => {
  it('refuses a corpus another running Emend holds, naming it; takes over a lock whose process ended; shares its own', async () => {
    const { root, state } = await corpus();
    const first = await open(root, state);
    const second = await open(root, state); // a second window of this process shares the lock
    const locks = path.join(state, 'locks');
    const [lock] = await fs.readdir(locks);
    expect(JSON.parse(await fs.readFile(path.join(locks, lock), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    second.workspace.close();
    expect(await fs.readdir(locks)).toEqual([lock]);
    first.workspace.close();
    expect(await fs.readdir(locks)).toEqual([]);

    // Another process holds it: the one that started this test, alive.
    const holder = { pid: process.ppid, host: os.hostname(), since: '2026-12-07T19:00:00.000Z' };
    await fs.writeFile(path.join(locks, lock), JSON.stringify(holder));
    await expect(open(root, state)).rejects.toMatchObject({
      code: 'in-use',
      message: expect.stringContaining(`is open in another Emend (process ${process.ppid}, since`),
    });
    // One whose process has ended is taken over.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    await fs.writeFile(path.join(locks, lock), JSON.stringify({ ...holder, pid: ended }));
    const third = await open(root, state);
    expect(JSON.parse(await fs.readFile(path.join(locks, lock), 'utf8')).pid).toBe(process.pid);
    third.workspace.close();
  });
});

describe('changes made by other programs', () => {
  async function watched() {
    const { root, state } = await corpus();
    const made = await open(root, state, { watch: true, watchDebounceMs: 40 });
    const events: ApiEvent[] = [];
    made.workspace.onEvent((event) => events.push(event));
    return { root, ...made, events };
  }

  // Generous: a loaded machine may notice a change late; this only stops a hang before the test timeout.
  const waitFor = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out waiting for the change to be noticed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('reloads an unmodified document and tells the editor', async () => {
    const { root, api, events } = await watched();
    await api.openDocument({ id: 'kosovo.txt' });
    await fs.writeFile(path.join(root, 'kosovo.txt'), TAGGED_SOCIETY);
    await waitFor(() => events.some((event) => event.type === 'document-reloaded'));
    const reloaded = events.find((event) => event.type === 'document-reloaded');
    expect(reloaded).toMatchObject({ state: { id: 'kosovo.txt', revision: 1, dirty: false } });
    expect((await api.openDocument({ id: 'kosovo.txt' })).entities).toHaveLength(6);
    // The old revision is stale now.
    await expect(
      api.applyEdit({ id: 'kosovo.txt', revision: 0, tx: addSociety(9) }),
    ).rejects.toMatchObject({
      code: 'stale-revision',
    });
  });

  it('refuses to save over a change another program made before any watcher told, and keeps theirs', async () => {
    const { root, state } = await corpus();
    const { api, workspace } = await open(root, state);
    const events: ApiEvent[] = [];
    workspace.onEvent((event) => events.push(event));
    const file = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    const theirs = KOSOVO.replace('[PER Javier Solana  ]', '[PER Solana  ]');
    await fs.writeFile(file, theirs);
    await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await fs.readFile(file, 'utf8')).toBe(theirs);
    expect(events).toContainEqual({ type: 'document-conflict', id: 'kosovo.txt' });
    expect(await api.openDocument({ id: 'kosovo.txt' })).toMatchObject({
      conflict: true,
      dirty: true,
    });
    expect((await fs.readdir(root)).filter((name) => name.endsWith('.emend-tmp'))).toEqual([]);
    // Keep mine is the user's choice to write over theirs.
    await api.resolveConflict({ id: 'kosovo.txt', choice: 'keep-mine' });
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
  });

  it("tells the editors when an open document's file is deleted; with unsaved edits, a save writes it again", async () => {
    const { root, api, events } = await watched();
    const file = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    await fs.rm(file);
    await waitFor(() => events.some((event) => event.type === 'document-deleted'));
    expect(events).toContainEqual({ type: 'document-deleted', id: 'kosovo.txt' });
    await api.save({ id: 'kosovo.txt', revision });
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
  });

  it('lists a file deleted or changed under unsaved edits so, in its place; Save all says what it wrote again', async () => {
    const { root, api, events } = await watched();
    const listed = async () => (await api.getCorpus({})).documents;
    const order = (await listed()).map((document) => document.id);
    expect(order.indexOf('kosovo.txt')).toBeLessThan(order.length - 1);
    await edit(api, 'kosovo.txt');
    const berlin = await api.openDocument({ id: 'news/berlin.txt' });
    const [first] = berlin.entities;
    await api.applyEdit({
      id: berlin.id,
      revision: berlin.revision,
      tx: { ops: [{ op: 'remove', id: first.id }] },
    });
    await fs.rm(path.join(root, 'kosovo.txt'));
    await fs.writeFile(path.join(root, 'news/berlin.txt'), 'theirs\n');
    await waitFor(() => events.some((event) => event.type === 'document-deleted'));
    await waitFor(() => events.some((event) => event.type === 'document-conflict'));
    const documents = await listed();
    expect(documents.map((document) => document.id)).toEqual(order);
    const of = (id: string) => documents.find((document) => document.id === id);
    expect(of('kosovo.txt')).toMatchObject({ dirty: true, onDisk: 'deleted' });
    expect(of('news/berlin.txt')).toMatchObject({ dirty: true, onDisk: 'changed' });
    const { saved, recreated } = await api.saveAll({});
    expect({ saved, recreated }).toEqual({ saved: ['kosovo.txt'], recreated: ['kosovo.txt'] });
    expect(
      (await listed()).find((document) => document.id === 'kosovo.txt')?.onDisk,
    ).toBeUndefined();
  });

  it('tells the editors when a lost file is back, and refuses a save over a folder with a clear message', async () => {
    const { root, api, events, workspace } = await watched();
    const file = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    await fs.rm(file);
    await fs.mkdir(file);
    await workspace.checkDisk();
    expect(events).toContainEqual({
      type: 'document-unreadable',
      id: 'kosovo.txt',
      why: 'is a folder, not a file',
    });
    await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
      code: 'save-failed',
      message: expect.stringMatching(/kosovo\.txt.*is a folder, not a file/),
    });
    // An editor opening it again (another document shown between) is told too.
    expect((await api.openSource({ id: 'kosovo.txt' })).fileLost).toEqual({
      unreadable: 'is a folder, not a file',
    });
    await fs.rmdir(file);
    await fs.writeFile(file, KOSOVO);
    await workspace.checkDisk();
    expect(events.at(-1)).toEqual({ type: 'document-found', id: 'kosovo.txt' });
    expect((await api.openSource({ id: 'kosovo.txt' })).fileLost).toBeUndefined();
    await api.save({ id: 'kosovo.txt', revision });
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
  });

  it("tells the editors when an open document's file, without unsaved edits, is replaced by a folder", async () => {
    const { root, api, events, workspace } = await watched();
    const file = path.join(root, 'kosovo.txt');
    await api.openDocument({ id: 'kosovo.txt' });
    await fs.rm(file);
    await fs.mkdir(file);
    await workspace.relistFolder();
    await waitFor(() => events.some((event) => event.type === 'document-unreadable'));
    expect(events).toContainEqual({
      type: 'document-unreadable',
      id: 'kosovo.txt',
      why: 'is a folder, not a file',
    });
  });

  it("tells the editors when an open document's file turns read-only while open, and writable again", async () => {
    const { root, api, events, workspace } = await watched();
    const file = path.join(root, 'kosovo.txt');
    await edit(api, 'kosovo.txt');
    const access = () => events.filter((event) => event.type === 'document-access');
    await fs.chmod(file, 0o444);
    await waitFor(() => access().length === 1);
    expect(access()).toEqual([
      {
        type: 'document-access',
        id: 'kosovo.txt',
        readOnly: 'is read-only (mode 0444); make it writable to save',
      },
    ]);
    await fs.chmod(file, 0o644);
    await waitFor(() => access().length === 2);
    expect(access()[1]).toEqual({ type: 'document-access', id: 'kosovo.txt', readOnly: null });
    // A change that leaves it as writable as it was says nothing.
    await fs.utimes(file, new Date(), new Date());
    await workspace.checkDisk();
    expect(access()).toHaveLength(2);
  });

  it('flags a conflict under unsaved edits, refuses to save over it, and resolves either way', async () => {
    const { root, api, events } = await watched();
    const file = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    const theirs = KOSOVO.replace('[PER Javier Solana  ]', '[PER Solana  ]');
    await fs.writeFile(file, theirs);
    await waitFor(() => events.some((event) => event.type === 'document-conflict'));
    expect(await api.openDocument({ id: 'kosovo.txt' })).toMatchObject({
      conflict: true,
      dirty: true,
    });
    await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await fs.readFile(file, 'utf8')).toBe(theirs);
    expect((await api.getBaseline({ id: 'kosovo.txt', source: { kind: 'disk' } })).text).toBe(
      theirs,
    );

    const mine = await api.resolveConflict({ id: 'kosovo.txt', choice: 'keep-mine' });
    expect(mine).toMatchObject({ dirty: false });
    expect(mine.conflict).toBeUndefined();
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);

    const next = await api.applyEdit({
      id: 'kosovo.txt',
      revision: mine.revision,
      tx: { ops: [{ op: 'remove', id: 6 }] },
    });
    const conflicts = () => events.filter((event) => event.type === 'document-conflict').length;
    const before = conflicts();
    await fs.writeFile(file, theirs);
    await waitFor(() => conflicts() === before + 1);
    const taken = await api.resolveConflict({ id: 'kosovo.txt', choice: 'take-theirs' });
    expect(taken).toMatchObject({
      dirty: false,
      canUndo: false,
      text: theirs.replace(/\[\w+ | {2}\]/g, ''),
    });
    expect(taken.revision).toBeGreaterThan(next.revision);
    expect(await fs.readFile(file, 'utf8')).toBe(theirs);
  });

  it("tells the editors when an open document's file turns unreadable: unsaved edits stay and a save writes them, a clean document is refused", async () => {
    const { root, api, events } = await watched();
    const unreadableEvent = (id: string) => (event: ApiEvent) =>
      event.type === 'document-unreadable' && event.id === id;
    const unreadable = (id: string) => () => events.some(unreadableEvent(id));
    const kosovo = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    await fs.writeFile(kosovo, Buffer.from('Kosovo caf\xe9 .\n', 'latin1'));
    await waitFor(unreadable('kosovo.txt'));
    expect(events).toContainEqual({
      type: 'document-unreadable',
      id: 'kosovo.txt',
      why: 'not valid UTF-8 (line 1, byte 11 of the file)',
    });
    // Marked in the corpus list, as a file changed on disk.
    const listed = (await api.getCorpus({})).documents.find((doc) => doc.id === 'kosovo.txt');
    expect(listed).toMatchObject({ dirty: true, onDisk: 'changed' });
    // What the other program wrote is not lost: kept in the document's state, and said where.
    const { notice } = await api.save({ id: 'kosovo.txt', revision });
    expect(await fs.readFile(kosovo, 'utf8')).toBe(TAGGED_SOCIETY);
    const keptIn = (said?: string) =>
      said?.match(/what another program wrote over it was kept in (\S+)$/)?.[1];
    const kept = keptIn(notice);
    expect(kept).toBeDefined();
    expect(await fs.readFile(kept!, 'latin1')).toBe('Kosovo caf\xe9 .\n');
    // Again, through Save all: said there too, and the first copy kept beside the second.
    await api.applyEdit({
      id: 'kosovo.txt',
      revision: (await api.openDocument({ id: 'kosovo.txt' })).revision,
      tx: { ops: [{ op: 'relabel', id: 4, label: 'ORG' }] },
    });
    await fs.writeFile(kosovo, Buffer.from('Pristina caf\xe9 .\n', 'latin1'));
    await waitFor(() => events.filter(unreadableEvent('kosovo.txt')).length > 1);
    const all = await api.saveAll({});
    expect(all.saved).toEqual(['kosovo.txt']);
    const second = keptIn(all.notices[0]?.notice);
    expect(second).toBeDefined();
    expect(second).not.toBe(kept);
    expect(await fs.readFile(second!, 'latin1')).toBe('Pristina caf\xe9 .\n');
    expect(await fs.readFile(kept!, 'latin1')).toBe('Kosovo caf\xe9 .\n');

    await api.openDocument({ id: 'news/berlin.txt' });
    await fs.writeFile(path.join(root, 'news', 'berlin.txt'), 'From\0 Berlin .\n');
    await waitFor(unreadable('news/berlin.txt'));
    const why = 'binary file (NUL byte on line 1), not a text document';
    const berlin = (await api.getCorpus({})).documents.find((doc) => doc.id === 'news/berlin.txt');
    expect(berlin).toMatchObject({ refused: why });
    await expect(api.openDocument({ id: 'news/berlin.txt' })).rejects.toMatchObject({
      code: 'refused-file',
    });
  });

  it('tells every editor when the list, given again, finds a refused file mended', async () => {
    const { root, state } = await corpus();
    const { api, workspace } = await open(root, state);
    const events: ApiEvent[] = [];
    workspace.onEvent((event) => events.push(event));
    const file = path.join(root, 'news', 'berlin.txt');
    await fs.writeFile(file, 'From\0 Berlin .\n');
    await expect(api.openDocument({ id: 'news/berlin.txt' })).rejects.toMatchObject({
      code: 'refused-file',
    });
    await fs.writeFile(file, 'From [LOC Berlin  ] on [PER Monday  ] .\n');
    await api.getCorpus({});
    const listed = events.findLast((event) => event.type === 'corpus-changed');
    expect(
      listed?.type === 'corpus-changed' &&
        listed.documents.find((doc) => doc.id === 'news/berlin.txt'),
    ).toMatchObject({ entities: 2, errors: 0 });
  });

  it('opens a document again once its file, refused while it was open, can be read again', async () => {
    const { root, api, events } = await watched();
    const file = path.join(root, 'kosovo.txt');
    const { revision } = await edit(api, 'kosovo.txt');
    await api.save({ id: 'kosovo.txt', revision });
    await fs.writeFile(file, 'Kosovo\0 .\n');
    await waitFor(() => events.some((event) => event.type === 'document-unreadable'));
    await expect(api.openDocument({ id: 'kosovo.txt' })).rejects.toMatchObject({
      code: 'refused-file',
    });
    await fs.writeFile(file, KOSOVO);
    const kosovo = async () =>
      (await api.getCorpus({})).documents.find((doc) => doc.id === 'kosovo.txt');
    await waitFor(async () => (await kosovo())?.refused === undefined);
    expect((await api.openDocument({ id: 'kosovo.txt' })).text).toBe(
      KOSOVO.replace(/\[\w+ | {2}\]/g, ''),
    );
  });

  it('lists a document added to the folder, and drops one removed, skipping dot folders', async () => {
    const { root, api, workspace } = await watched();
    const listed = () =>
      new Promise<string[]>((resolve) => {
        const stop = workspace.onEvent((event) => {
          if (event.type !== 'corpus-changed') return;
          stop();
          resolve(event.documents.map((doc) => doc.id));
        });
      });
    let next = listed();
    await fs.writeFile(path.join(root, '.hidden', 'another.txt'), KOSOVO);
    await fs.writeFile(path.join(root, 'news', 'added.txt'), KOSOVO);
    expect(await next).toEqual([
      'kosovo.txt',
      'news/added.txt',
      'news/berlin.txt',
      'news/broken.txt',
    ]);
    const added = (await api.getCorpus({})).documents.find((doc) => doc.id === 'news/added.txt');
    expect(added).toMatchObject({ name: 'added.txt', entities: 5, errors: 0 });
    expect((await api.openDocument({ id: 'news/added.txt' })).text).toContain('Kosovo');

    next = listed();
    await fs.rename(path.join(root, 'news', 'added.txt'), path.join(root, 'renamed.txt'));
    expect(await next).toEqual(['kosovo.txt', 'news/berlin.txt', 'news/broken.txt', 'renamed.txt']);
    next = listed();
    await fs.rm(path.join(root, 'renamed.txt'));
    expect(await next).toEqual(['kosovo.txt', 'news/berlin.txt', 'news/broken.txt']);
  });

  it('counts a document changed on disk before it was opened as the file is now', async () => {
    const { root, api, events } = await watched();
    const berlin = (documents: DocumentSummary[]) =>
      documents.find((doc) => doc.id === 'news/berlin.txt');
    expect(berlin((await api.getCorpus({})).documents)).toMatchObject({ entities: 2, errors: 0 });
    await fs.writeFile(path.join(root, 'news', 'berlin.txt'), 'From [LOC Berlin on Monday .\n');
    await waitFor(() =>
      events.some(
        (event) => event.type === 'corpus-changed' && berlin(event.documents)?.errors === 1,
      ),
    );
    expect(berlin((await api.getCorpus({})).documents)).toMatchObject({
      entities: 0,
      errors: 1,
      dirty: false,
    });
  });

  it('counts a document changed in place after another program replaced it by a rename', async () => {
    // Editors save by writing a new file and renaming it over the old one: a watch that followed
    // the old file by its inode would miss every change after that one.
    const { root, events } = await watched();
    const file = path.join(root, 'news', 'berlin.txt');
    const listedWith = (entities: number, errors: number) =>
      waitFor(() =>
        events.some(
          (event) =>
            event.type === 'corpus-changed' &&
            event.documents.some(
              (doc) =>
                doc.id === 'news/berlin.txt' && doc.entities === entities && doc.errors === errors,
            ),
        ),
      );
    await fs.writeFile(`${file}.new`, 'From [LOC Berlin on Monday .\n');
    await fs.rename(`${file}.new`, file);
    await listedWith(0, 1);
    await fs.appendFile(file, '[PER Ann  ] met [PER Bo  ] .\n');
    await listedWith(2, 1);
  });

  it('follows a folder made after the corpus was opened, and a document saved in it by a rename', async () => {
    const { root, events } = await watched();
    const listedWith = (entities: number) =>
      waitFor(() =>
        events.some(
          (event) =>
            event.type === 'corpus-changed' &&
            event.documents.some((doc) => doc.id === 'late/a.txt' && doc.entities === entities),
        ),
      );
    await fs.mkdir(path.join(root, 'late'));
    const file = path.join(root, 'late', 'a.txt');
    await fs.writeFile(file, '[PER Ann  ] .\n');
    await listedWith(1);
    await fs.writeFile(`${file}.new`, '[PER Ann  ] and [PER Bo  ] .\n');
    await fs.rename(`${file}.new`, file);
    await listedWith(2);
    await fs.appendFile(file, '[LOC Oslo  ] .\n');
    await listedWith(3);
  });

  it('neither reads nor writes through a symbolic link swapped in for an open document, and keeps the edits', async () => {
    const { root, api, events, workspace } = await watched();
    const file = path.join(root, 'kosovo.txt');
    const outside = path.join(path.dirname(root), 'outside.txt');
    await fs.writeFile(outside, 'TOP SECRET\n');
    const { revision } = await edit(api, 'kosovo.txt');
    await fs.rm(file);
    await fs.symlink(outside, file);
    await workspace.checkDisk();
    expect(events).toContainEqual({
      type: 'document-unreadable',
      id: 'kosovo.txt',
      why: 'its path now leads outside the corpus (a symbolic link)',
    });
    await expect(
      api.getBaseline({ id: 'kosovo.txt', source: { kind: 'disk' } }),
    ).rejects.toMatchObject({ code: 'path-outside' });
    await expect(api.save({ id: 'kosovo.txt', revision })).rejects.toMatchObject({
      code: 'save-failed',
      message: expect.stringMatching(/leads outside the opened folder.*your edits are kept/),
    });
    expect(await fs.readFile(outside, 'utf8')).toBe('TOP SECRET\n');
    expect((await fs.lstat(file)).isSymbolicLink()).toBe(true);
    // The link gone and the file back, the edits save as ever.
    await fs.rm(file);
    await fs.writeFile(file, KOSOVO);
    await workspace.checkDisk();
    await api.save({ id: 'kosovo.txt', revision });
    expect(await fs.readFile(file, 'utf8')).toBe(TAGGED_SOCIETY);
  });

  it("tells the editors when an open document's folder is moved away under unsaved edits; a save says so", async () => {
    const { root, api, events, workspace } = await watched();
    const opened = await api.openDocument({ id: 'news/berlin.txt' });
    const { revision } = await api.applyEdit({
      id: 'news/berlin.txt',
      revision: opened.revision,
      tx: { ops: [{ op: 'relabel', id: opened.entities[0].id, label: 'MISC' }] },
    });
    await fs.rename(path.join(root, 'news'), path.join(root, 'news-2026'));
    await workspace.relistFolder();
    // Not "deleted": a save cannot write it again until its folder is back.
    const lost = { unreadable: FOLDER_GONE };
    expect(events).toContainEqual({
      type: 'document-unreadable',
      id: 'news/berlin.txt',
      why: FOLDER_GONE,
    });
    expect((await api.openSource({ id: 'news/berlin.txt' })).fileLost).toEqual(lost);
    const listed = (await api.getCorpus({})).documents.find((doc) => doc.id === 'news/berlin.txt');
    expect(listed).toMatchObject({ dirty: true, onDisk: 'deleted' });
    await expect(api.save({ id: 'news/berlin.txt', revision })).rejects.toMatchObject({
      code: 'save-failed',
      message: expect.stringMatching(/its folder .*news is gone \(moved, renamed or removed\)/),
    });
  });

  it('does not mistake its own save for an external change', async () => {
    const { api, workspace, events } = await watched();
    const { revision } = await edit(api, 'kosovo.txt');
    await api.save({ id: 'kosovo.txt', revision });
    // Look at the saved file exactly as the watcher does after a change, instead of waiting for it.
    await workspace.checkDisk();
    expect(
      events.filter(
        (event) => event.type === 'document-reloaded' || event.type === 'document-conflict',
      ),
    ).toEqual([]);
  });
});
