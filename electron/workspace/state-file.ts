// A corpus's settings and state files (labels, journals, baselines, dismissed suspects, adjudication notes): read whole, written atomically, never read or written through a link.
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

/** A state file reached through a symbolic link, which is not read (see readStateBytes). */
export class LinkedStateError extends SettingsError {
  constructor(link: string) {
    super(
      link,
      `is a symbolic link: Emend reads no state through links in ${SETTINGS_FOLDER} (remove it)`,
    );
    this.name = 'LinkedStateError';
  }
}

/**
 * A state file's bytes, or undefined when there is no file yet. Refused with a SettingsError naming
 * it when it is reached through a link (as writes are, see linkOnTheWay: a link in a clone's
 * `.emend` could show any file the user can read, in Review or in a message quoting it), is not a
 * regular file (a pipe would never end) or cannot be read.
 */
export async function readStateBytes(file: string): Promise<Buffer | undefined> {
  const link = await linkOnTheWay(file);
  if (link) throw new LinkedStateError(link);
  try {
    if (!(await fs.stat(file)).isFile()) throw new SettingsError(file, 'is not a regular file');
    return await fs.readFile(file);
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new SettingsError(file, `cannot be read (${code ?? message})`);
  }
}

/** A state file's text (see readStateBytes), or undefined when there is no file yet. */
export async function readStateText(file: string): Promise<string | undefined> {
  return (await readStateBytes(file))?.toString('utf8');
}

/**
 * The file's JSON, or undefined when there is no file yet. A file that cannot be read (see
 * readStateBytes) or is not JSON is refused with a SettingsError naming it, so that it is never
 * written over.
 */
export async function readStateFile(file: string): Promise<unknown> {
  const raw = await readStateText(file);
  if (raw === undefined) return undefined;
  try {
    // A byte order mark, which some editors write before JSON, is not part of it.
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SettingsError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

/** The text a state file holds for value: its JSON, indented, with a final line end. */
export const stateFileText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes value as the file's JSON (see writeStateText). */
export async function writeStateFile(file: string, value: unknown): Promise<void> {
  await writeStateText(file, stateFileText(value));
}

/** Writes a state file's text atomically (see stateFilePlace). */
export async function writeStateText(file: string, text: string): Promise<void> {
  await stateFilePlace(file);
  await writeFileAtomic(file, text);
}

/** Readies a state file to be written: refused when reached through a link (see linkOnTheWay), else its folder made if need be. */
export async function stateFilePlace(file: string): Promise<void> {
  const link = await linkOnTheWay(file);
  if (link) {
    throw new FileError(
      'not-writable',
      link,
      `is a symbolic link: Emend writes no state through links in ${SETTINGS_FOLDER} (remove it)`,
    );
  }
  const made = await fs.mkdir(path.dirname(file), { recursive: true });
  if (made !== undefined) await ignorePersonalState(file, made);
}

/** What `.emend/.gitignore` holds: each person's state of documents, not the shared settings. */
const PERSONAL_STATE = `# Emend: each person's unsaved edits, history and baselines of documents (the settings are shared)
documents/
`;

/**
 * Keeps each person's state out of git when `.emend/documents` was just made (`made`: the first
 * folder mkdir made for file): writes `.emend/.gitignore` unless one is there (or anything, a link
 * included, is).
 */
async function ignorePersonalState(file: string, made: string): Promise<void> {
  let settings = path.dirname(file);
  while (path.basename(settings) !== SETTINGS_FOLDER) {
    if (path.dirname(settings) === settings) return; // not in a corpus's .emend
    settings = path.dirname(settings);
  }
  const documents = path.join(settings, 'documents');
  if (documents !== made && !documents.startsWith(made + path.sep)) return;
  await fs
    .writeFile(path.join(settings, '.gitignore'), PERSONAL_STATE, { flag: 'wx' })
    .catch(() => {
      // There is one already (the team's, or a link): it is left as it is.
    });
}

/**
 * The symbolic link a state file is reached through, if any: the file itself, or a folder between
 * it and the `.emend` folder it is in. A corpus comes from anyone (a clone); a link in its `.emend`
 * could lead a journal or the settings over any file the user can write, or read any file out.
 */
async function linkOnTheWay(file: string): Promise<string | null> {
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
    if (stat?.isSymbolicLink()) return place;
  }
  return null;
}
