// Finding the documents of a folder (sorted, dot folders and node_modules skipped), whether a file exists and when it changed.
import { append } from '../../shared/long-lists';
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { ioError } from './file-error';

/** Extensions of bracket files when a folder is opened. */
export const DOCUMENT_EXTENSIONS = ['.txt'];

/** What a folder walk lists, in words: `.txt document`. */
export const DOCUMENT_KIND = `${DOCUMENT_EXTENSIONS.join(' or ')} document`;

/** Whether a file is a bracket document by its name (what a folder walk lists). */
export const isDocumentPath = (file: string) =>
  DOCUMENT_EXTENSIONS.some((extension) => file.endsWith(extension));

/** What a folder's entry is, as a walk sees it. */
export type EntryKind = 'file' | 'folder' | 'other';

/**
 * Whether a folder walk takes an entry of this name and kind: a folder but dot folders and
 * node_modules, a file of the kind it lists (by default a document).
 */
export function isListed(
  name: string,
  kind: EntryKind,
  isWanted: (file: string) => boolean = isDocumentPath,
): boolean {
  if (kind === 'folder') return !name.startsWith('.') && name !== 'node_modules';
  return kind === 'file' && isWanted(name);
}

/** A file with a document's name that a walk leaves out, and what it is. */
export interface LeftOut {
  path: string;
  /** `a symbolic link`, `a pipe`, `a socket`, `a device`. */
  is: string;
}

/**
 * Expands files and folders into document paths: folders recursively (sorted; dot folders and
 * node_modules skipped; only DOCUMENT_EXTENSIONS), files as given. Throws FileError for a missing
 * path. A folder's entry with a document's name that is not a regular file (a link, a pipe) is not
 * taken; it is pushed to leftOut, when given.
 */
export async function collectDocuments(
  paths: readonly string[],
  leftOut: LeftOut[] = [],
): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      throw ioError(error, given, 'read');
    }
    if (stat.isDirectory()) append(found, await walkFolder(given, leftOut));
    else found.push(given);
  }
  return found;
}

/** What an entry that is neither a file nor a folder is, in words. */
function otherKind(entry: Dirent): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a pipe';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

async function walkFolder(folder: string, leftOut: LeftOut[]): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw ioError(error, folder, 'read');
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const kind = entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
    const full = path.join(folder, entry.name);
    if (kind === 'other' && isDocumentPath(entry.name))
      leftOut.push({ path: full, is: otherKind(entry) });
    if (!isListed(entry.name, kind)) continue;
    if (kind === 'folder') append(found, await walkFolder(full, leftOut));
    else found.push(full);
  }
  return found;
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * What tells that a file changed: its size and modification time (undefined when it cannot be
 * looked at). Taken before reading it, so that a change while it is read shows at the next look.
 */
export async function fileStamp(file: string): Promise<string | undefined> {
  try {
    const { size, mtimeMs } = await fs.stat(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}
