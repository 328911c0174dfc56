import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { emptyHistory } from '../../shared/model/history';
import { tempFolder } from './fixtures/temp-corpus';
import { Journal, readJournal, type JournalRecord } from './journal';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

const base: JournalRecord = {
  type: 'base',
  hash: 'h',
  nextId: 1,
  revision: 0,
  history: emptyHistory,
  time: 1,
};
const undo = (revision: number): JournalRecord => ({ type: 'undo', revision, time: revision });

it('starts a record after a torn line on a line of its own, so records after a tear are read', async () => {
  const folder = await tempFolder();
  folders.push(folder);
  const file = path.join(folder, 'journal.jsonl');
  await fs.writeFile(file, `${JSON.stringify(base)}\n{"type":"apply","revis`);
  const journal = new Journal(file);
  await journal.append(undo(1));
  await journal.append(undo(2));
  expect(await readJournal(file)).toEqual([base, undo(1), undo(2)]);
});
