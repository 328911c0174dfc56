// Reading documents safely (binary, invalid UTF-8, size) and writing them atomically, for every front door.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export type FileErrorCode =
  | 'not-found'
  | 'is-folder'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'invalid-utf8'
  | 'unreadable'
  | 'not-writable'
  | 'write-failed';

/** A file problem the user can act on: names the file and says why, never a stack trace. */
export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileError';
  }
}

/** Documents larger than this are refused (a 10 MB document opens; a 1 GB log does not). */
export const MAX_DOCUMENT_BYTES = 128 * 1024 * 1024;

/** Extensions of bracket files when a folder is opened. */
export const DOCUMENT_EXTENSIONS = ['.txt'];

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a document's bytes, keeping a BOM as U+FEFF so it is written back. */
export function decodeDocument(bytes: Uint8Array, filePath: string): string {
  const byteOrder = utf16ByteOrder(bytes);
  if (byteOrder) {
    throw new FileError(
      'invalid-utf8',
      filePath,
      `UTF-16 text (${byteOrder}), not UTF-8: save it as UTF-8`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new FileError(
      'binary',
      filePath,
      `binary file (NUL byte on line ${lineOfByte(bytes, nul)}), not a text document`,
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new FileError(
      'invalid-utf8',
      filePath,
      `not valid UTF-8 (line ${lineOfByte(bytes, bad)}, byte ${bad})`,
    );
  }
}

/**
 * 'little-endian' or 'big-endian' when bytes are UTF-16: a byte order mark, or (without one) a NUL
 * in nine of ten other bytes of the first 4 KB, as Latin text in UTF-16 has. Null otherwise.
 */
function utf16ByteOrder(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 2 || bytes.indexOf(0) === -1) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  if (evenNuls === 0 && oddNuls * 10 >= pairs * 9) return 'little-endian';
  if (oddNuls === 0 && evenNuls * 10 >= pairs * 9) return 'big-endian';
  return null;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Byte offset of the first byte that breaks UTF-8 (overlongs, surrogates and truncation included). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let codePoint: number;
    if (lead >= 0xc2 && lead <= 0xdf) [need, min, codePoint] = [1, 0x80, lead & 0x1f];
    else if (lead >= 0xe0 && lead <= 0xef) [need, min, codePoint] = [2, 0x800, lead & 0x0f];
    else if (lead >= 0xf0 && lead <= 0xf4) [need, min, codePoint] = [3, 0x10000, lead & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return i;
    i += need + 1;
  }
  return -1;
}

/** Reads and decodes one document, or throws a FileError saying what is wrong with it. */
export async function readDocument(
  filePath: string,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<string> {
  return (await readDocumentWithBytes(filePath, maxBytes)).text;
}

/** As readDocument, keeping the bytes read too (their UTF-8 is the text's). */
export async function readDocumentWithBytes(
  filePath: string,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<{ text: string; bytes: Uint8Array }> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw ioError(error, filePath, 'read');
  }
  if (stat.isDirectory()) throw new FileError('is-folder', filePath, 'is a folder, not a file');
  if (!stat.isFile()) throw new FileError('not-a-file', filePath, 'is not a regular file');
  if (stat.size > maxBytes) {
    throw new FileError(
      'too-large',
      filePath,
      `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)})`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    throw ioError(error, filePath, 'read');
  }
  return { text: decodeDocument(bytes, filePath), bytes };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a write failed, in words (a full disk, a permission), for a message that names the file elsewhere. */
export function describeWriteFailure(error: Error): string {
  return ioError(error, '', 'write').reason;
}

function ioError(error: unknown, filePath: string, action: 'read' | 'write'): FileError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new FileError('not-found', filePath, 'no such file or folder');
  if (code === 'EISDIR') return new FileError('is-folder', filePath, 'is a folder, not a file');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new FileError(
      action === 'read' ? 'unreadable' : 'not-writable',
      filePath,
      `permission denied (${code})`,
    );
  }
  if (code === 'ENOSPC')
    return new FileError('write-failed', filePath, 'the disk is full (ENOSPC)');
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return action === 'read'
    ? new FileError('unreadable', filePath, `cannot be read (${detail})`)
    : new FileError('write-failed', filePath, `cannot be written (${detail})`);
}

/** The file-system calls a save makes; tests replace one to inject a failure (ENOSPC, EROFS). */
export interface SaveFileSystem {
  open: typeof fs.open;
  rename: typeof fs.rename;
}

const realFileSystem: SaveFileSystem = { open: fs.open, rename: fs.rename };

/**
 * The name of the temp file a save writes before renaming it over a file: `.<12 hex>.emend-tmp`,
 * 23 bytes whatever the file's name (a 255-byte name still saves). Earlier versions wrote
 * `.NAME.<12 hex>.emend-tmp`; their leftovers match too.
 */
const TEMP_NAME = /^\.(.+\.)?[0-9a-f]{12}\.emend-tmp$/;

export function tempPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${randomBytes(6).toString('hex')}.emend-tmp`);
}

/**
 * Removes the temp files of saves that were killed before their rename (`.<hex>.emend-tmp`)
 * from a folder; returns how many. A missing or unreadable folder has none to remove.
 */
export async function removeLeftoverTemps(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((candidate) => TEMP_NAME.test(candidate))) {
    await fs.rm(path.join(folder, name), { force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/**
 * Refuses to replace a file the user may not write: one with no write bit at all (mode 0444, also
 * for root, who could write it anyway) or one this process has no write access to.
 */
export async function checkFileWritable(filePath: string, stat: Stats): Promise<void> {
  if ((stat.mode & 0o222) === 0) {
    throw new FileError(
      'not-writable',
      filePath,
      `is read-only (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); make it writable to save`,
    );
  }
  try {
    await fs.access(filePath, fsConstants.W_OK);
  } catch (error) {
    throw ioError(error, filePath, 'write');
  }
}

/** Whether a folder takes no new files: no write bit at all (also for root), no write access, or a read-only mount. */
export async function isReadOnlyFolder(folder: string): Promise<boolean> {
  try {
    if (((await fs.stat(folder)).mode & 0o222) === 0) return true;
    await fs.access(folder, fsConstants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** What a save could not keep of the file it replaced (owner, group, other hard links), in words. */
export type SaveNotices = string[];

/**
 * Writes text to filePath atomically: a temp file in the same folder, fsync, rename over the
 * original, fsync the folder. A symbolic link is written through (the link stays, its target gets
 * the text); a read-only file is refused; the file keeps its mode, and its owner and group where
 * this process may give them. On any failure the original is untouched and the temp file removed.
 * Returns notices for what could not be kept.
 */
export async function writeFileAtomic(
  filePath: string,
  text: string,
  fileSystem: SaveFileSystem = realFileSystem,
): Promise<SaveNotices> {
  return (await stageFileAtomic(filePath, text, fileSystem)).commit();
}

/** A file's new text written and synced beside it, not yet in its place. */
export interface StagedFile {
  /** Renames the new text over the file (see writeFileAtomic); returns its notices. */
  commit(): Promise<SaveNotices>;
  /** Removes the new text, leaving the file as it was. */
  discard(): Promise<void>;
}

/**
 * The first half of writeFileAtomic: every check and the synced temp file, so that a command can
 * stage all its files before it puts any in place. On failure the temp file is removed.
 */
export async function stageFileAtomic(
  filePath: string,
  text: string,
  fileSystem: SaveFileSystem = realFileSystem,
): Promise<StagedFile> {
  const target = await realTarget(filePath);
  const temp = tempPathFor(target);
  let existing: Stats | undefined;
  try {
    existing = await fs.stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(error, filePath, 'write');
  }
  if (existing) await checkFileWritable(filePath, existing);
  if (await isReadOnlyFolder(path.dirname(target))) {
    throw new FileError(
      'not-writable',
      filePath,
      `cannot be written: its folder ${path.dirname(target)} is read-only`,
    );
  }
  const mode = existing ? existing.mode & 0o7777 : 0o644;
  const notices: SaveNotices = [];
  const discard = () => fs.rm(temp, { force: true }).catch(() => undefined);
  try {
    const handle = await fileSystem.open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      if (existing) notices.push(...(await keepOwner(handle, filePath, existing)));
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, mode);
  } catch (error) {
    await discard();
    throw ioError(error, filePath, 'write');
  }
  return {
    discard,
    async commit() {
      try {
        await fileSystem.rename(temp, target);
      } catch (error) {
        await discard();
        throw ioError(error, filePath, 'write');
      }
      await syncFolder(path.dirname(target));
      if (existing && existing.nlink > 1) {
        notices.push(
          `${path.basename(filePath)} had ${existing.nlink} hard links: the saved text is a file of its own now, the other links keep the old text`,
        );
      }
      return notices;
    },
  };
}

/** Copies a file to target atomically (a temp file beside target, then a rename): target is whole or as it was. */
export async function copyFileAtomic(file: string, target: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fs.copyFile(file, temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw ioError(error, target, 'write');
  }
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** The file a path names, through symbolic links; the path itself when it does not exist yet. */
async function realTarget(filePath: string): Promise<string> {
  try {
    return await fs.realpath(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return filePath;
    throw ioError(error, filePath, 'write');
  }
}

/** Gives the temp file the original's owner and group; says so when this process may not. */
async function keepOwner(
  handle: FileHandle,
  filePath: string,
  original: Stats,
): Promise<SaveNotices> {
  const own = await handle.stat();
  if (own.uid === original.uid && own.gid === original.gid) return [];
  try {
    await handle.chown(original.uid, original.gid);
    return [];
  } catch {
    try {
      await handle.chown(own.uid, original.gid);
      return [
        `${path.basename(filePath)} now belongs to user ${own.uid} (it belonged to user ${original.uid}, which only an administrator may keep)`,
      ];
    } catch {
      return [
        `${path.basename(filePath)} now belongs to user ${own.uid}, group ${own.gid} (it belonged to ${original.uid}:${original.gid}, which only an administrator may keep)`,
      ];
    }
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself has already happened.
  }
}

/**
 * Checks that filePath could be replaced: it is not read-only and its (real) folder takes new
 * files. Throws FileError if not.
 */
export async function checkWritable(filePath: string): Promise<void> {
  const target = await realTarget(filePath);
  try {
    await checkFileWritable(filePath, await fs.stat(target));
  } catch (error) {
    if (error instanceof FileError) throw error;
  }
  const folder = path.dirname(target);
  const probe = path.join(folder, `.emend-probe-${randomBytes(6).toString('hex')}`);
  try {
    await (await fs.open(probe, 'wx')).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new FileError(
      'not-writable',
      filePath,
      `cannot be written: its folder does not take new files (${code})`,
    );
  } finally {
    await fs.rm(probe, { force: true }).catch(() => undefined);
  }
}

/**
 * Expands files and folders into document paths: folders recursively (sorted; dot folders and
 * node_modules skipped; only DOCUMENT_EXTENSIONS), files as given. Throws FileError for a missing path.
 */
export async function collectDocuments(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      throw ioError(error, given, 'read');
    }
    if (stat.isDirectory()) found.push(...(await walkFolder(given)));
    else found.push(given);
  }
  return found;
}

async function walkFolder(folder: string): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw ioError(error, folder, 'read');
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
        found.push(...(await walkFolder(full)));
    } else if (entry.isFile() && DOCUMENT_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      found.push(full);
    }
  }
  return found;
}
