// Watches a corpus folder and reports, debounced, that documents may have been added, removed or renamed.
import { watch, type FSWatcher } from 'node:fs';
import { DOCUMENT_EXTENSIONS } from './folder-walk';

/** Whether a changed name (relative to the corpus folder) can change the corpus list. */
export function mayChangeCorpus(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const name = parts[parts.length - 1]!;
  // A document, or a name without extension: a folder of documents added, removed or renamed.
  return DOCUMENT_EXTENSIONS.some((ext) => name.endsWith(ext)) || !name.includes('.');
}

/** One recursive fs.watch on the corpus folder; dot folders, node_modules and other files are ignored. */
export class CorpusWatcher {
  private readonly watcher: FSWatcher | null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    folder: string,
    private readonly onChange: () => void,
    private readonly debounceMs = 150,
  ) {
    let watcher: FSWatcher | null;
    try {
      watcher = watch(folder, { persistent: false, recursive: true }, (_event, changed) => {
        const name = changed?.toString();
        if (!name || mayChangeCorpus(name)) this.schedule();
      });
      // A folder that can no longer be watched: added files go unnoticed, nothing breaks.
      watcher.on('error', () => this.close());
    } catch {
      watcher = null;
    }
    this.watcher = watcher;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.debounceMs);
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
