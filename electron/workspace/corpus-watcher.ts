// Watches a corpus folder and reports, debounced, that documents may have been added, removed, renamed or changed.
import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_EXTENSIONS, isListed } from './folder-walk';

/** Whether a changed name (relative to the corpus folder) can change the corpus list. */
export function mayChangeCorpus(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const name = parts[parts.length - 1]!;
  // A document, or a name without extension: a folder of documents added, removed or renamed.
  return DOCUMENT_EXTENSIONS.some((ext) => name.endsWith(ext)) || !name.includes('.');
}

/**
 * Whether the system watches a folder tree itself, following its files by name (macOS, Windows).
 * Elsewhere Node watches each file of the tree by its inode: a file another program (or Emend)
 * replaced by a rename is no longer followed, and its later changes go unnoticed. There, each
 * folder is watched on its own: a folder's watch follows its entries by name.
 */
const TREE_WATCHED_BY_SYSTEM = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Watches the corpus folder's tree, dot folders and node_modules left out (and their changes
 * ignored): one recursive watch where the system keeps it, else one watch per folder, kept in step
 * with the folders added and removed. A folder that cannot be watched (the system's limit reached)
 * goes unnoticed until the list is read again; nothing breaks.
 */
export class CorpusWatcher {
  /** Each watched folder's watch (one, the corpus folder's, where the system watches the tree). */
  private readonly watches = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Settles once every folder of the tree is watched. */
  readonly ready: Promise<void>;

  constructor(
    private readonly folder: string,
    private readonly onChange: () => void,
    private readonly debounceMs = 150,
  ) {
    // The corpus folder is watched at once: a change made right after opening is seen.
    const tree = TREE_WATCHED_BY_SYSTEM;
    this.ready =
      this.watchFolder(folder, tree) && !tree ? this.watchBelow(folder) : Promise.resolve();
  }

  /** Watches one folder (with `tree`, everything below it too); false when it cannot. */
  private watchFolder(folder: string, tree = false): boolean {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: false, recursive: tree }, (event, changed) => {
        const name = changed?.toString();
        if (!name) return this.schedule();
        const entry = path.join(folder, name);
        if (!mayChangeCorpus(path.relative(this.folder, entry))) return;
        this.schedule();
        // A name added or gone: maybe a folder to watch, or one no longer there.
        if (!tree && event === 'rename') void this.watchTree(entry);
      });
    } catch {
      return false;
    }
    watcher.on('error', () => this.unwatchTree(folder));
    this.watches.set(folder, watcher);
    return true;
  }

  /**
   * Watches a folder and the folders below it, where not watched yet (each watched before its
   * entries are read, so that one added meanwhile is seen); where the path is no longer a folder,
   * stops watching it and everything below it.
   */
  private async watchTree(folder: string): Promise<void> {
    const found = await lstat(folder).catch(() => null);
    if (this.closed) return;
    if (!found?.isDirectory()) return this.unwatchTree(folder);
    if (!this.watches.has(folder) && !this.watchFolder(folder)) return;
    await this.watchBelow(folder);
  }

  /** Watches each folder below a watched one that a walk lists. */
  private async watchBelow(folder: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && isListed(entry.name, 'folder'))
        await this.watchTree(path.join(folder, entry.name));
    }
  }

  private unwatchTree(folder: string): void {
    for (const [watched, watcher] of this.watches) {
      if (watched !== folder && !watched.startsWith(folder + path.sep)) continue;
      watcher.close();
      this.watches.delete(watched);
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.debounceMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watches.values()) watcher.close();
    this.watches.clear();
  }
}
