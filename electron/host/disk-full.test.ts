// A full disk through `emend serve` on a real small tmpfs: edits are refused or kept, never lost; saves say save-failed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KOSOVO, tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';
import { mountSmallDisk, smallDiskUnavailable } from './fixtures/small-disk';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LABELS = ['PER', 'ORG', 'MISC', 'LOC'];
const ID = 'kosovo.txt';

/** A corpus on a 512 KB tmpfs, served by a real `emend serve`. */
async function servedOnSmallDisk() {
  const base = await tempFolder();
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  let disk;
  try {
    disk = await mountSmallDisk(base, '512k');
  } catch (error) {
    throw new Error(`mounting a tmpfs failed (run as root with mount rights): ${error}`, {
      cause: error,
    });
  }
  cleanups.push(() => disk.unmount());
  const corpus = path.join(disk.folder, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, ID), KOSOVO);
  const state = path.join(base, 'state');
  const start = async () => {
    const server = await startServe(corpus, state);
    cleanups.push(() => server.stop());
    return server;
  };
  return { disk, corpus, start };
}

/** Relabels the first entity; returns the label when acknowledged, null when refused. */
async function relabel(server: ServeProcess, revision: number, label: string) {
  const first = (await server.call('openDocument', { id: ID })).body as {
    entities: Array<{ id: number }>;
  };
  return server.call('applyEdit', {
    id: ID,
    revision,
    tx: { ops: [{ op: 'relabel', id: first.entities[0].id, label }] },
  });
}

describe.skipIf(smallDiskUnavailable() !== null)(
  `a full disk (${smallDiskUnavailable() ?? 'real tmpfs'})`,
  () => {
    it('refuses the edit that cannot be journaled and loses none that were acknowledged', async () => {
      const { disk, start } = await servedOnSmallDisk();
      let server = await start();
      let revision = (await server.call('openDocument', { id: ID })).body.revision as number;
      const acknowledged: string[] = [];
      const edit = async (label: string) => {
        const answer = await relabel(server, revision, label);
        if (answer.status === 200) {
          revision = answer.body.revision as number;
          acknowledged.push(label);
        }
        return answer;
      };
      await edit('PER');
      const free = await disk.fill();
      let refused = 0;
      for (let i = 0; i < 60 && refused < 3; i++) {
        const answer = await edit(LABELS[i % LABELS.length]);
        if (answer.status !== 200) {
          refused++;
          expect(answer.body.code).toBe('save-failed');
          expect(answer.body.message).toMatch(/kosovo\.txt.*journal.*disk is full/);
        }
      }
      expect(refused).toBe(3);
      await free();
      for (const label of ['ORG', 'MISC', 'PER']) expect((await edit(label)).status).toBe(200);
      await server.stop('SIGKILL');
      server = await start();
      const reopened = await server.call('openDocument', { id: ID });
      expect(reopened.body.recoveredEdits).toBe(acknowledged.length);
      expect(reopened.body.revision).toBe(revision);
      const entities = reopened.body.entities as Array<{ label: string }>;
      expect(entities[0].label).toBe(acknowledged.at(-1));
      const stateFiles = await fs.readdir(path.join(disk.folder, 'corpus', '.emend', 'documents'), {
        recursive: true,
      });
      expect(stateFiles.filter((name) => name.includes('unmatched'))).toEqual([]);
    });

    it('starts on a full disk with a document whose edits are journaled, showing them, its save refused', async () => {
      const { disk, corpus, start } = await servedOnSmallDisk();
      let server = await start();
      const opened = await server.call('openDocument', { id: ID });
      expect((await relabel(server, opened.body.revision as number, 'MISC')).status).toBe(200);
      await server.stop('SIGKILL');
      await disk.fill();
      server = await start();
      const reopened = await server.call('openDocument', { id: ID });
      expect(reopened.body.recoveredEdits).toBe(1);
      const saved = await server.call('save', { id: ID, revision: reopened.body.revision });
      expect(saved.body.code).toBe('save-failed');
      expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(KOSOVO);
    });

    it('answers save-failed to a save on a full disk, the file untouched, and saves once there is room', async () => {
      const { disk, corpus, start } = await servedOnSmallDisk();
      const server = await start();
      const opened = await server.call('openDocument', { id: ID });
      const edited = await relabel(server, opened.body.revision as number, 'MISC');
      expect(edited.status).toBe(200);
      const free = await disk.fill();
      // Fill the journal's last page too, so the save cannot even journal itself.
      let revision = edited.body.revision as number;
      for (let i = 0; i < 60; i++) {
        const answer = await relabel(server, revision, LABELS[i % LABELS.length]);
        if (answer.status !== 200) break;
        revision = answer.body.revision as number;
      }
      const refused = await server.call('save', { id: ID, revision });
      expect(refused.status).toBe(500);
      expect(refused.body.code).toBe('save-failed');
      expect(refused.body.message).toMatch(/kosovo\.txt.*disk is full/);
      expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(KOSOVO);
      await free();
      const saved = await server.call('save', { id: ID, revision });
      expect(saved.status).toBe(200);
      const label = (await server.call('openDocument', { id: ID })).body.entities as Array<{
        label: string;
      }>;
      expect(await fs.readFile(path.join(corpus, ID), 'utf8')).toBe(
        KOSOVO.replace('[LOC Kosovo  ] [MISC', `[${label[0].label} Kosovo  ] [MISC`),
      );
    });
  },
);
