// Read-only files and folders, and files replaced or deleted while open, through `emend serve`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentSource } from '../shared/api/contract';
import { check, documentText, makePlace, waitUntil, type Served } from './harness';

export interface FileChangeFigures {
  cases: number;
}

async function relabelFirst(server: Served, id: string, label: string): Promise<number> {
  const source = (await server.call('openSource', { id })).body as unknown as DocumentSource;
  const answer = await server.call('applyEdit', {
    id,
    revision: source.revision,
    tx: { ops: [{ op: 'relabel', id: 1, label }] },
  });
  check(answer.status === 200, `the edit of ${id} was refused: ${answer.body.message}`);
  return answer.body.revision as number;
}

export async function fileChanges(): Promise<FileChangeFigures> {
  const original = documentText(20);
  const place = await makePlace({
    'locked.txt': original,
    'replaced.txt': original,
    'deleted.txt': original,
    'ro/inside.txt': original,
  });
  let cases = 0;
  try {
    const locked = path.join(place.corpus, 'locked.txt');
    await fs.chmod(locked, 0o444);
    const readOnly = path.join(place.corpus, 'ro');
    await fs.chmod(readOnly, 0o555);
    let server = await place.serve();

    // A read-only file: the save is refused, the file untouched, the edit kept.
    let revision = await relabelFirst(server, 'locked.txt', 'PER');
    const refused = await server.call('save', { id: 'locked.txt', revision });
    check(refused.body.code === 'save-failed', `saving a 0444 file answered ${refused.status}`);
    check((await fs.readFile(locked, 'utf8')) === original, 'a read-only file was overwritten');
    cases++;

    // A read-only folder: the same, and nothing is created in it.
    revision = await relabelFirst(server, 'ro/inside.txt', 'PER');
    const refusedInFolder = await server.call('save', { id: 'ro/inside.txt', revision });
    check(
      refusedInFolder.body.code === 'save-failed',
      'a save into a read-only folder was not refused',
    );
    check(
      JSON.stringify(await fs.readdir(readOnly)) === '["inside.txt"]',
      'a file was created in a read-only folder',
    );
    cases++;

    // Replaced under unsaved edits: a conflict; take theirs sets the edits aside, restore brings them back.
    const replaced = path.join(place.corpus, 'replaced.txt');
    await relabelFirst(server, 'replaced.txt', 'MISC');
    const temp = path.join(place.base, 'replacement.txt');
    await fs.writeFile(temp, original.replace('[PER Javier', '[ORG Javier'));
    await fs.rename(temp, replaced);
    await waitUntil(
      async () =>
        ((await server.call('openSource', { id: 'replaced.txt' })).body.conflict as boolean) ===
        true,
      'a file replaced under unsaved edits did not raise a conflict',
    );
    const theirs = await server.call('resolveConflict', {
      id: 'replaced.txt',
      choice: 'take-theirs',
    });
    check(theirs.body.setAside === true, 'take-theirs did not set the unsaved edit aside');
    const restored = await server.call('resolveConflict', {
      id: 'replaced.txt',
      choice: 'restore-set-aside',
    });
    check(restored.status === 200, `restoring the set-aside edit failed: ${restored.body.message}`);
    const saved = await server.call('save', {
      id: 'replaced.txt',
      revision: restored.body.revision,
    });
    check(saved.status === 200, 'the restored document could not be saved');
    const text = await fs.readFile(replaced, 'utf8');
    check(
      text.startsWith('Line 0 : [MISC Kosovo  ]') && text.includes('[ORG Javier'),
      'the restored save lost one side',
    );
    cases++;

    // Deleted while open with unsaved edits: the edits stay; a save writes them back.
    const deleted = path.join(place.corpus, 'deleted.txt');
    revision = await relabelFirst(server, 'deleted.txt', 'ORG');
    await fs.rm(deleted);
    const kept = await server.call('openSource', { id: 'deleted.txt' });
    check(kept.status === 200, 'a deleted document with unsaved edits could not be shown');
    const rewritten = await server.call('save', { id: 'deleted.txt', revision });
    check(
      rewritten.status === 200 ||
        rewritten.body.code === 'save-failed' ||
        rewritten.body.code === 'conflict',
      `saving a deleted file answered ${rewritten.status} ${rewritten.body.code}`,
    );
    await server.stop('SIGKILL');
    server = await place.serve();
    const corpus = await server.call('getCorpus', {});
    check(corpus.status === 200, 'the corpus did not open after a document was deleted');
    cases++;
    await server.stop();
    await place.checkOutside();
    return { cases };
  } finally {
    await place.remove();
  }
}
