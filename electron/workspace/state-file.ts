// Small JSON files of a corpus's settings and state (labels, dismissed suspects, adjudication notes): read whole, written whole and atomically.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';

/** A settings or state file that cannot be read, is not JSON, or does not hold what it should. */
export class SettingsError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'SettingsError';
  }
}

/**
 * The file's JSON, or undefined when there is no file yet. A file that cannot be read or is not
 * JSON is refused with a SettingsError naming it, so that it is never written over.
 */
export async function readStateFile(file: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SettingsError(file, `cannot be read (${code})`);
  }
  try {
    // A byte order mark, which some editors write before JSON, is not part of it.
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SettingsError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

/** Writes value as the file's JSON (its folder made if need be), atomically. */
export async function writeStateFile(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
