import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveSummary } from '../../shared/api/archive';
import { checkRequest } from '../../shared/api/requests';
import { writeCorpusArchive } from './corpus-export';
import { consistencyCorpora } from './fixtures/consistency-corpus';
import { Tasks } from './tasks';
import { tempCorpus } from './fixtures/temp-corpus';
import { createWorkspace } from './workspace';

const openCorpus = consistencyCorpora();

describe('the corpus as a zip archive', () => {
  it('reports its two passes as one progress, never going back, to its end', async () => {
    const { workspace } = await openCorpus();
    const progress: Array<{ done: number; total: number }> = [];
    const tasks = new Tasks((event) => {
      if (event.type === 'progress') progress.push({ done: event.done, total: event.total });
    });
    const options = checkRequest('exportCorpus', { options: { format: 'conll' } }).options;
    const sink = { start: () => {}, write: () => {}, flush: async () => {} };
    await writeCorpusArchive(workspace, tasks, options, undefined, 'zip', sink);
    const total = 2 * workspace.readableIds().length;
    expect(progress.at(-1)).toEqual({ done: total, total });
    const done = progress.map((event) => event.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('is written one document at a time, after its summary: each document is in the archive before the next is read', async () => {
    const { api, workspace, base } = await openCorpus();
    const events: string[] = [];
    const currentText = workspace.currentText.bind(workspace);
    workspace.currentText = (id) => {
      events.push(`read ${id}`);
      return currentText(id);
    };
    const chunks: Uint8Array[] = [];
    const summaries: ArchiveSummary[] = [];
    const options = checkRequest('exportCorpus', { options: { format: 'conll' } }).options;
    await writeCorpusArchive(workspace, new Tasks(() => {}), options, undefined, undefined, {
      start: (summary) => {
        summaries.push(summary);
        events.push('start');
      },
      write: (bytes) => {
        chunks.push(bytes);
        events.push('write');
      },
      flush: async () => {},
    });
    // The first pass checks every document and writes nothing; the second writes each as it reads it.
    const ids = workspace.readableIds();
    const firstWrite = events.indexOf('write');
    expect(events.slice(0, firstWrite)).toEqual([
      ...ids.map((id) => `read ${id}`),
      'start',
      `read ${ids[0]}`,
    ]);
    const writing = events.slice(firstWrite);
    for (let k = 1; k < writing.length; k++) {
      expect(writing[k - 1].startsWith('read') && writing[k].startsWith('read')).toBe(false);
    }

    const archive = path.join(base, 'export.zip');
    await fs.writeFile(archive, Buffer.concat(chunks));
    execFileSync('unzip', ['-q', archive, '-d', path.join(base, 'out')]);
    const { files, warnings } = await api.exportCorpus({ options });
    expect(summaries).toEqual([{ files: files.length, warnings }]);
    for (const file of files) {
      expect(await fs.readFile(path.join(base, 'out', file.name), 'utf8')).toBe(file.content);
    }
  });

  it('is refused, nothing written, where two documents would take one name in it', async () => {
    // A backslash is written ＼ in a zip: a name holding ＼ already would meet it.
    const { root, state } = await tempCorpus();
    await fs.writeFile(path.join(root, 'back\\slash.txt'), 'Ann [PER Smith  ] .\n');
    await fs.writeFile(path.join(root, 'back\uff3cslash.txt'), 'Bo [PER Jones  ] .\n');
    const workspace = await createWorkspace({ path: root, stateFolder: state, watch: false });
    const options = checkRequest('exportCorpus', { options: { format: 'brackets' } }).options;
    let started = false;
    const refused = await writeCorpusArchive(
      workspace,
      new Tasks(() => {}),
      options,
      undefined,
      undefined,
      { start: () => (started = true), write: () => {}, flush: async () => {} },
    ).catch((error: Error) => error.message);
    await workspace.close();
    expect(refused).toBe(
      'nothing exported: back\\slash.txt and back\uff3cslash.txt would both be back\uff3cslash.txt in the zip: rename one',
    );
    expect(started).toBe(false);
  });
});
