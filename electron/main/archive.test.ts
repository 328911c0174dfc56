// The corpus archive over IPC: the editor asks, the shell streams the zip to the file the user picks.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { zip } from '../../shared/archive/zip';
import { createApi, createArchiveExport, workspaceTasks } from '../workspace/api';
import { tempFolder } from '../workspace/fixtures/temp-corpus';
import { createWorkspace } from '../workspace/workspace';
import { answerArchive, type IpcTarget } from './ipc';

const editor = { id: 1 } as unknown as WebContents;
const mainFrame = { url: 'app://emend/index.html', parent: null };
const fromEditor = { sender: editor, senderFrame: mainFrame } as never;
const options = { format: 'conll' };

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A corpus of the given documents opened as the shell opens one; saving answers the path `saveAs`. */
async function openedCorpus(documents: Record<string, string>, saveAs: string | null) {
  const base = await tempFolder();
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  const root = path.join(base, 'corpus');
  await fs.mkdir(root);
  for (const [name, text] of Object.entries(documents)) {
    await fs.writeFile(path.join(root, name), text);
  }
  // The app's state (the corpus's lock) apart from base, which holds only what the archive writes.
  const state = await tempFolder();
  cleanups.push(() => fs.rm(state, { recursive: true, force: true }));
  const workspace = await createWorkspace({ path: root, stateFolder: state });
  cleanups.push(() => workspace.close());
  const tasks = workspaceTasks(workspace);
  const api = createApi(workspace, tasks);
  const asked: string[] = [];
  const target: IpcTarget = {
    api: () => api,
    contents: () => editor,
    archive: () => createArchiveExport(workspace, tasks),
    chooseArchivePath: async (name) => {
      asked.push(name);
      return saveAs && path.join(base, saveAs);
    },
  };
  return { base, api, target, asked };
}

const line = (k: number) =>
  `Doc ${k} : [PER Javier Solana  ] went to [LOC Pristina  ] for the [ORG EU  ] .\n`;
const corpusOf = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, k) => [`doc-${k}.txt`, line(k).repeat(50)]));

describe('the corpus archive over IPC', () => {
  it('writes the zip the in-memory export makes to the file picked, atomically, and answers what it holds', async () => {
    const { base, api, target, asked } = await openedCorpus(corpusOf(3), 'out/gold.zip');
    await fs.mkdir(path.join(base, 'out'));
    const reply = await answerArchive(fromEditor, { options }, 'gold conll.zip', target);

    const exported = await api.exportCorpus({ options } as never);
    expect(reply).toEqual({ ok: true, value: { files: 3, warnings: exported.warnings } });
    expect(asked).toEqual(['gold_conll.zip']);
    const written = await fs.readFile(path.join(base, 'out', 'gold.zip'));
    expect(written.equals(Buffer.from(zip(exported.files)))).toBe(true);
    // No temp file is left beside it.
    expect(await fs.readdir(path.join(base, 'out'))).toEqual(['gold.zip']);
  });

  it('answers the refusal of a corpus with an annotation error and writes nothing', async () => {
    const documents = { ...corpusOf(2), 'broken.txt': 'An [PER open entity .\n' };
    const { base, target } = await openedCorpus(documents, 'gold.zip');
    const reply = await answerArchive(fromEditor, { options }, 'gold.zip', target);
    expect(reply).toMatchObject({ ok: false, error: { code: 'refused-file' } });
    expect(!reply.ok && reply.error.message).toMatch(/^nothing exported: broken\.txt:1:/);
    expect(await fs.readdir(base)).toEqual(['corpus']);
  });

  it('answers "cancelled" and writes nothing when the user cancels the save dialog', async () => {
    const { base, target } = await openedCorpus(corpusOf(1), null);
    const reply = await answerArchive(fromEditor, { options }, 'gold.zip', target);
    expect(reply).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await fs.readdir(base)).toEqual(['corpus']);
  });

  it.each([
    ['another window', { sender: { id: 2 }, senderFrame: mainFrame }, { options }, 'gold.zip'],
    [
      'a remote page',
      { sender: editor, senderFrame: { url: 'https://evil.example/', parent: null } },
      { options },
      'gold.zip',
    ],
    ['a request that is not an object', fromEditor, 'conll', 'gold.zip'],
    ['a request with unknown options', fromEditor, { options: { format: 'pdf' } }, 'gold.zip'],
    ['a missing archive name', fromEditor, { options }, undefined],
  ])('refuses %s without asking where to save', async (_name, event, request, name) => {
    const { base, target, asked } = await openedCorpus(corpusOf(1), 'gold.zip');
    const reply = await answerArchive(event as never, request, name, target);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(asked).toEqual([]);
    expect(await fs.readdir(base)).toEqual(['corpus']);
  });
});
