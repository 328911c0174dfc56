// Watches the folders of open documents and reports, debounced, which document file changed.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export type ChangeListener = (filePath: string) => void;

/** One fs.watch per folder holding an open document; changes to other files are ignored. */
export class DocumentWatcher {
  private readonly folders = new Map<string, { watcher: FSWatcher; files: Set<string> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly onChange: ChangeListener,
    private readonly debounceMs = 150,
  ) {}

  add(filePath: string): void {
    if (this.closed) return;
    const folder = path.dirname(filePath);
    const name = path.basename(filePath);
    const existing = this.folders.get(folder);
    if (existing) {
      existing.files.add(name);
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: false }, (_event, changed) => {
        const file = changed?.toString();
        if (file && this.folders.get(folder)?.files.has(file))
          this.schedule(path.join(folder, file));
      });
    } catch {
      return; // A folder that cannot be watched: external changes there go unnoticed, nothing breaks.
    }
    watcher.on('error', () => {
      watcher.close();
      this.folders.delete(folder);
    });
    this.folders.set(folder, { watcher, files: new Set([name]) });
  }

  /** Stops watching a file (a document closed); its folder's watch ends with its last file. */
  remove(filePath: string): void {
    const folder = path.dirname(filePath);
    const watched = this.folders.get(folder);
    clearTimeout(this.timers.get(filePath));
    this.timers.delete(filePath);
    if (!watched) return;
    watched.files.delete(path.basename(filePath));
    if (watched.files.size > 0) return;
    watched.watcher.close();
    this.folders.delete(folder);
  }

  private schedule(filePath: string): void {
    clearTimeout(this.timers.get(filePath));
    this.timers.set(
      filePath,
      setTimeout(() => {
        this.timers.delete(filePath);
        if (!this.closed) this.onChange(filePath);
      }, this.debounceMs),
    );
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const { watcher } of this.folders.values()) watcher.close();
    this.folders.clear();
  }
}
