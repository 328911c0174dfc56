// Writing files atomically (temp file, fsync, rename), keeping mode and owner, and cleaning up killed saves.
import { append } from '../../shared/long-lists';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, rmSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FileError, ioError } from './file-error';

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

/** The temp files of this process's staged files not yet put in place or discarded. */
const stagedTemps = new Set<string>();

/** Removes at once (synchronously: the process is ending) every staged file's temp file. */
export function removeStagedTemps(): void {
  for (const temp of stagedTemps) rmSync(temp, { force: true });
  stagedTemps.clear();
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
 * beforeRename, when given, runs once the new text is staged: its throw leaves the file as it was.
 * Returns notices for what could not be kept.
 */
export async function writeFileAtomic(
  filePath: string,
  text: string,
  fileSystem: SaveFileSystem = realFileSystem,
  beforeRename?: () => Promise<void>,
): Promise<SaveNotices> {
  const staged = await stageFileAtomic(filePath, text, fileSystem);
  try {
    await beforeRename?.();
  } catch (error) {
    await staged.discard();
    throw error;
  }
  return staged.commit();
}

/** A file's new text written and synced beside it, not yet in its place. */
export interface StagedFile {
  /** The file the new text replaces: the path's, through symbolic links. */
  readonly target: string;
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
  const folder = await fs.stat(path.dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new FileError(
      'not-found',
      filePath,
      `cannot be written: its folder ${path.dirname(target)} is gone (moved, renamed or removed)`,
    );
  }
  if (await isReadOnlyFolder(path.dirname(target))) {
    throw new FileError(
      'not-writable',
      filePath,
      `cannot be written: its folder ${path.dirname(target)} is read-only`,
    );
  }
  const mode = existing ? existing.mode & 0o7777 : 0o644;
  const notices: SaveNotices = [];
  const discard = () => {
    stagedTemps.delete(temp);
    return fs.rm(temp, { force: true }).catch(() => undefined);
  };
  stagedTemps.add(temp);
  try {
    const handle = await fileSystem.open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      if (existing) append(notices, await keepOwner(handle, filePath, existing));
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, mode);
  } catch (error) {
    await discard();
    throw ioError(error, filePath, 'write');
  }
  return {
    target,
    discard,
    async commit() {
      try {
        await fileSystem.rename(temp, target);
        stagedTemps.delete(temp);
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
