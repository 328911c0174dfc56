import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { emptyHistory } from '../../shared/model/history';
import { KOSOVO, SOCIETY, tempFolder } from './fixtures/temp-corpus';
import { Journal, readJournal, textHash, type JournalRecord } from './journal';
import { replayJournal, ReplayError } from './replay';

let folder = '';
afterEach(async () => {
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

const base: JournalRecord = {
  type: 'base',
  hash: textHash(KOSOVO),
  nextId: 6,
  revision: 0,
  history: emptyHistory,
  time: 1,
};
const add: JournalRecord = {
  type: 'apply',
  revision: 1,
  tx: { ops: [{ op: 'add', entity: { id: 6, ...SOCIETY, label: 'MISC' } }] },
  inverse: { ops: [{ op: 'remove', id: 6 }] },
  time: 2,
};

it('stops reading a journal at a torn last line and replays what was whole', async () => {
  folder = await tempFolder();
  const journal = new Journal(path.join(folder, 'journal.jsonl'));
  await journal.restart([base]);
  await journal.append(add);
  await fs.appendFile(journal.file, '{"type":"undo","revis');
  const records = await readJournal(journal.file);
  expect(records).toEqual([base, add]);
  const replayed = replayJournal(records!, parse(KOSOVO), textHash(KOSOVO));
  expect(replayed).toMatchObject({ revision: 1, savedRevision: 0, recoveredEdits: 1 });
  expect(replayed.doc.entities.map((entity) => entity.label)).toEqual([
    'LOC',
    'MISC',
    'LOC',
    'MISC',
    'ORG',
    'PER',
  ]);
  expect(replayed.history.done).toHaveLength(1);
});

it('refuses to replay a journal over bytes it was not written for', () => {
  const other = 'Other [PER text  ] .\n';
  expect(() => replayJournal([base, add], parse(other), textHash(other))).toThrow(ReplayError);
});

it('ignores records whose revisions do not follow on', () => {
  const skipped: JournalRecord = { type: 'undo', revision: 5, time: 3 };
  const replayed = replayJournal([base, add, skipped], parse(KOSOVO), textHash(KOSOVO));
  expect(replayed.revision).toBe(1);
  expect(replayed.compacted).toHaveLength(2);
});

it('counts no recovered edits when the edits were undone back to the file on disk', () => {
  const undone: JournalRecord = { type: 'undo', revision: 2, time: 3 };
  const replayed = replayJournal([base, add, undone], parse(KOSOVO), textHash(KOSOVO));
  expect(replayed).toMatchObject({ revision: 2, recoveredEdits: 0 });
  const redone: JournalRecord = { type: 'redo', revision: 3, time: 4 };
  expect(
    replayJournal([base, add, undone, redone], parse(KOSOVO), textHash(KOSOVO)).recoveredEdits,
  ).toBe(1);
});
