// One Emend process per corpus: a lock in the app's state folder, so that two processes never write one document's journal.
import { createHash } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileError } from './file-error';

/** What a lock file holds: who took it. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** The workspaces of this process holding each lock: the lock goes when the last one closes. */
const held = new Map<string, number>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user holds that number, alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(file: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await fs.readFile(file, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null; // Gone since, or torn: taken as nobody's.
  }
}

/**
 * Takes the lock of the corpus (or lone file) at `opened` for this process, or throws FileError
 * naming the process that holds it. A lock left by a process that has ended is taken over; one this
 * process holds already is shared (its workspaces run one at a time). Returns what releases it; a
 * state folder that cannot be written takes no lock (nothing is journaled there either).
 */
export async function lockCorpus(opened: string, appState: string): Promise<() => void> {
  const folder = path.join(appState, 'locks');
  const file = path.join(
    folder,
    `${createHash('sha256').update(opened).digest('hex').slice(0, 24)}.lock`,
  );
  const release = () => {
    const count = (held.get(file) ?? 1) - 1;
    if (count > 0) return void held.set(file, count);
    held.delete(file);
    try {
      rmSync(file, { force: true });
    } catch {
      // A state folder gone or read-only: the next Emend takes the lock over as one left behind.
    }
  };
  if (held.has(file)) {
    held.set(file, held.get(file)! + 1);
    return release;
  }
  const mine: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch {
    return () => undefined;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      held.set(file, 1);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
    }
    const holder = await holderOf(file);
    if (holder && (holder.host !== mine.host || isAlive(holder.pid))) {
      const where =
        holder.host === mine.host
          ? `process ${holder.pid}`
          : `process ${holder.pid} on ${holder.host}`;
      throw new FileError(
        'in-use',
        opened,
        `is open in another Emend (${where}, since ${holder.since}): close it there first, as two would write one document's unsaved edits over each other (if that Emend is gone, remove ${file})`,
      );
    }
    // Left by a process that has ended: taken over.
    await fs.rm(file, { force: true });
  }
  return () => undefined;
}
