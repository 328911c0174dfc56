// The append-only journal of a document's edits (JSON lines), so unsaved work survives a crash.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { History } from '../../shared/model/history';
import type { Transaction } from '../../shared/model/operations';
import { LinkedStateError, readStateText, stateFilePlace, writeStateText } from './state-file';

/**
 * Where a document stands on disk: the hash of the file text, the session ids of its entities in
 * file order (absent when they are the numbering parse gives) and the next free id.
 */
export interface DiskAnchor {
  hash: string;
  ids?: number[];
  nextId: number;
  revision: number;
}

export type JournalRecord =
  | ({ type: 'base'; history: History; time: number } & DiskAnchor)
  | {
      type: 'apply';
      revision: number;
      tx: Transaction;
      inverse: Transaction;
      time: number;
      group?: string;
    }
  | { type: 'undo'; revision: number; time: number }
  | { type: 'redo'; revision: number; time: number }
  | ({ type: 'save'; time: number } & DiskAnchor);

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads a journal's records, skipping a line that is not a whole record (a write torn by a crash or
 * a full disk: it was never acknowledged, and replay checks that the revisions around it follow on).
 */
export async function readJournal<Record extends { type: string } = JournalRecord>(
  file: string,
): Promise<Record[] | null> {
  let raw: string | undefined;
  try {
    raw = await readStateText(file);
  } catch (error) {
    // A journal reached through a link is not read: the document's first edit, which would write
    // to it, is refused naming the link (see stateFilePlace).
    if (error instanceof LinkedStateError) return null;
    throw error;
  }
  if (raw === undefined) return null;
  const records: Record[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (
      typeof record !== 'object' ||
      record === null ||
      typeof (record as { type?: unknown }).type !== 'string'
    ) {
      continue;
    }
    records.push(record as Record);
  }
  return records;
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 10;
}

/**
 * Writes a journal: appends durably (fsync per record) and restarts atomically. It keeps the records
 * it wrote since it last restarted, to write them again should the file be removed behind its back.
 */
export class Journal<Record extends { type: string } = JournalRecord> {
  private written: Record[] = [];

  constructor(readonly file: string) {}

  /**
   * Writes the journal again whole when its file is gone (`git clean -X` of the state folder, which
   * an ignore file lists): the records written since it last restarted. True when it was gone.
   */
  async restoreIfRemoved(): Promise<boolean> {
    if (this.written.length === 0) return false;
    try {
      await fs.stat(this.file);
      return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await this.restart([...this.written]);
    return true;
  }

  /**
   * Appends one record durably. A failed append (a full disk) is cut back off, so the journal is as
   * it was; should even that fail, the next record starts on a fresh line.
   */
  async append(record: Record): Promise<void> {
    await stateFilePlace(this.file);
    const handle = await fs.open(this.file, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      const line = `${JSON.stringify(record)}\n`;
      const text = size > 0 && !(await endsWithNewline(handle, size)) ? `\n${line}` : line;
      try {
        await handle.appendFile(text, 'utf8');
        await handle.datasync();
      } catch (error) {
        await handle.truncate(size).catch(() => undefined);
        throw error;
      }
    } finally {
      await handle.close();
    }
    this.written.push(record);
  }

  /** Replaces the whole journal with these records in one atomic step. */
  async restart(records: readonly Record[]): Promise<void> {
    await writeStateText(
      this.file,
      records.map((record) => `${JSON.stringify(record)}\n`).join(''),
    );
    this.written = [...records];
  }

  /** Moves an unusable journal aside (kept for inspection, never deleted) and returns where. */
  async setAside(reason: string): Promise<string> {
    const aside = `${this.file}.${Date.now()}.${reason}`;
    await fs.rename(this.file, aside);
    this.written = [];
    return aside;
  }
}
