// A corpus's settings and state files (labels, journals, dismissed suspects, adjudication notes): read whole, written atomically, never through a link.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { FileError } from './file-error';

/** The folder of a corpus that holds its settings and its documents' state. */
export const SETTINGS_FOLDER = '.emend';

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
    // A pipe or a device (through a link) would never end: only a regular file is read.
    if (!(await fs.stat(file)).isFile()) throw new SettingsError(file, 'is not a regular file');
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new SettingsError(file, `cannot be read (${code ?? message})`);
  }
  try {
    // A byte order mark, which some editors write before JSON, is not part of it.
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SettingsError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

/** Writes value as the file's JSON (see writeStateText). */
export async function writeStateFile(file: string, value: unknown): Promise<void> {
  await writeStateText(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a state file's text atomically (see stateFilePlace). */
export async function writeStateText(file: string, text: string): Promise<void> {
  await stateFilePlace(file);
  await writeFileAtomic(file, text);
}

/** Readies a state file to be written: refused when reached through a link (see refuseLinks), else its folder made if need be. */
export async function stateFilePlace(file: string): Promise<void> {
  await refuseLinks(file);
  await fs.mkdir(path.dirname(file), { recursive: true });
}

/**
 * Refuses a state file reached through a symbolic link: the file itself, or a folder between it
 * and the `.emend` folder it is in. A corpus comes from anyone (a clone); a link in its `.emend`
 * could lead a journal or the settings over any file the user can write.
 */
async function refuseLinks(file: string): Promise<void> {
  const chain = [file];
  for (let folder = path.dirname(file); path.basename(folder) !== SETTINGS_FOLDER;) {
    const parent = path.dirname(folder);
    if (parent === folder) {
      chain.length = 1; // Not in a corpus's .emend (the app's own state folder): the file only.
      break;
    }
    chain.push(folder);
    folder = parent;
  }
  for (const place of chain) {
    const stat = await fs.lstat(place).catch(() => null);
    if (stat?.isSymbolicLink()) {
      throw new FileError(
        'not-writable',
        place,
        `is a symbolic link: Emend writes no state through links in ${SETTINGS_FOLDER} (remove it)`,
      );
    }
  }
}
