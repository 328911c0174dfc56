// The workspace: an opened file or corpus folder, its documents, settings, baselines and events.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  ApiError,
  type ApiEvent,
  type Baseline,
  type BaselineSource,
  type ClientId,
  type ConflictChoice,
  type CorpusInfo,
  type CorpusSettings,
  type DocumentId,
  type DocumentSource,
  type DocumentState,
  type DocumentSummary,
  type EditResult,
  type SaveResult,
} from '../../shared/api/contract';
import { parseWithDiagnostics } from '../../shared/format/parse';
import { summarize } from '../../shared/format/validate';
import type { Transaction } from '../../shared/model/operations';
import { readGitBaseline, readKeptBaseline } from './baseline';
import { DocumentSession, type ScannedDocument } from './document-session';
import { isReadOnlyFolder, removeLeftoverTemps, type SaveFileSystem } from './atomic-write';
import { FileError } from './file-error';
import { collectDocuments, fileExists } from './folder-walk';
import { readDocument } from './read-document';
import { textHash } from './journal';
import { checkDocumentId, documentIdFor, resolveInside } from './paths';
import { findSettingsFolder, loadSettings, saveSettings, SETTINGS_FOLDER } from './settings';
import {
  corpusStatePlace,
  defaultStateFolder,
  documentStateFolder,
  FormerStates,
  reviewedHash,
  StateFiles,
  type StatePlace,
} from './state-folder';
import { CorpusWatcher } from './corpus-watcher';
import { DocumentWatcher } from './watcher';

export interface WorkspaceOptions {
  /** The file or folder the user opened. */
  path: string;
  /** The app's data folder, where a lone file keeps its journal and baseline. */
  stateFolder?: string;
  /** Replaces the file-system calls of a save (tests inject failures). */
  fileSystem?: SaveFileSystem;
  /** Watch open documents for changes made by other programs (default true). */
  watch?: boolean;
  watchDebounceMs?: number;
  now?: () => number;
}

export type EventListener = (event: ApiEvent) => void;

interface CorpusEntry {
  id: DocumentId;
  name: string;
  path: string;
  state: StateFiles;
  summary: DocumentSummary;
  session?: Promise<DocumentSession>;
  /** The scan's parse, kept for the session about to open (the first document, one with a journal). */
  scanned?: ScannedDocument;
  /** The session once open (a document still opening is listed by its scan summary). */
  opened?: DocumentSession;
}

export async function createWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  let opened: string;
  try {
    opened = await fs.realpath(path.resolve(options.path));
  } catch {
    throw new FileError('not-found', options.path, 'no such file or folder');
  }
  const isFolder = (await fs.stat(opened)).isDirectory();
  const folder = isFolder ? opened : path.dirname(opened);
  const appState = options.stateFolder ?? defaultStateFolder();
  const place: StatePlace = isFolder
    ? await corpusStatePlace(opened, appState)
    : {
        corpusRoot: null,
        settingsFolder:
          (await findSettingsFolder(opened)) ?? documentStateFolder(null, appState, opened),
        readOnly: await isReadOnlyFolder(folder),
      };
  if (!isFolder && place.readOnly) {
    place.notice = `${path.basename(opened)} is in a read-only folder: your edits are kept in ${appState} but cannot be saved into it`;
  }
  const workspace = new Workspace(options, opened, folder, isFolder, appState, place);
  await workspace.scan();
  return workspace;
}

export class Workspace {
  private readonly entries = new Map<DocumentId, CorpusEntry>();
  private readonly listeners = new Set<EventListener>();
  private readonly closers = new Set<() => void>();
  private readonly watcher: DocumentWatcher | null;
  private corpusWatcher: CorpusWatcher | null = null;
  /** The folder walk under way after a change in the corpus folder (one at a time). */
  private relisting: Promise<void> = Promise.resolve();
  private settings!: CorpusSettings;

  constructor(
    private readonly options: WorkspaceOptions,
    /** What the user opened: the corpus folder or the lone file (real path). */
    readonly root: string,
    /** The folder document ids are relative to. */
    readonly folder: string,
    readonly isFolder: boolean,
    private readonly appState: string,
    private readonly place: StatePlace,
  ) {
    this.watcher =
      options.watch === false
        ? null
        : new DocumentWatcher((file) => void this.onDiskChange(file), options.watchDebounceMs);
  }

  /** Lists the corpus; documents with journaled unsaved edits are opened (and recovered) at once. */
  async scan(): Promise<void> {
    this.settings = await loadSettings(this.settingsFolder);
    const files = this.isFolder ? await collectDocuments([this.root]) : [this.root];
    // Saves killed before their rename leave temp files beside the documents: remove them.
    for (const folder of new Set(files.map((file) => path.dirname(file)))) {
      await removeLeftoverTemps(folder);
    }
    let firstKept = false;
    const former = this.isFolder ? await FormerStates.of(this.place, this.appState) : null;
    for (const file of files) {
      const { entry, scanned } = await this.listEntry(file);
      const { id, state } = entry;
      this.entries.set(id, entry);
      if (!scanned) continue;
      await former?.bringInto(state, id, file);
      const journaled = await fileExists(state.journal);
      // The first document is the one an editor opens first: its session takes this parse.
      if (journaled || !firstKept) entry.scanned = scanned;
      firstKept = true;
      if (journaled) await this.session(id);
    }
    if (this.isFolder && this.options.watch !== false) {
      this.corpusWatcher = new CorpusWatcher(
        this.root,
        () => void this.relistFolder(),
        this.options.watchDebounceMs,
      );
    }
  }

  /** A corpus entry for a file, with the file's parse when it could be read. */
  private async listEntry(
    file: string,
  ): Promise<{ entry: CorpusEntry; scanned?: ScannedDocument }> {
    const id = documentIdFor(this.folder, file);
    const key = this.place.corpusRoot ? id : file;
    const state = new StateFiles(documentStateFolder(this.place.corpusRoot, this.appState, key));
    const { summary, scanned } = await this.scanFile(id, file, state);
    return { entry: { id, name: path.basename(file), path: file, state, summary }, scanned };
  }

  /**
   * Brings the corpus list in line with the folder after documents were added, removed or renamed,
   * and tells the editor when the list changed. A vanished document with unsaved edits stays listed.
   */
  relistFolder(): Promise<void> {
    this.relisting = this.relisting.then(async () => {
      let files: string[];
      try {
        files = await collectDocuments([this.root]);
      } catch {
        return; // The folder itself is gone or unreadable: keep the list as it is.
      }
      const before = [...this.entries.keys()];
      const listed = new Map<DocumentId, CorpusEntry>();
      for (const file of files) {
        const id = documentIdFor(this.folder, file);
        listed.set(id, this.entries.get(id) ?? (await this.listEntry(file)).entry);
      }
      for (const [id, entry] of this.entries) {
        if (!listed.has(id) && entry.opened?.dirty) listed.set(id, entry);
      }
      this.entries.clear();
      for (const [id, entry] of listed) this.entries.set(id, entry);
      if (before.join('\n') !== [...listed.keys()].join('\n')) await this.corpusChanged();
    });
    return this.relisting;
  }

  /** A file's summary and, when it could be read, its parse. */
  private async scanFile(
    id: DocumentId,
    file: string,
    state: StateFiles,
  ): Promise<{ summary: DocumentSummary; scanned?: ScannedDocument }> {
    const summary: DocumentSummary = {
      id,
      name: path.basename(file),
      status: 'untouched',
      dirty: false,
      entities: 0,
      errors: 0,
      warnings: 0,
    };
    let text: string;
    try {
      text = await readDocument(file);
    } catch (error) {
      if (error instanceof FileError) return { summary: { ...summary, refused: error.reason } };
      throw error;
    }
    const labels = this.labelNames();
    const { doc, diagnostics } = parseWithDiagnostics(text, { labels });
    const counts = summarize(doc, diagnostics);
    const meta = await state.readMeta(id);
    summary.entities = counts.entities;
    summary.errors = counts.errors;
    summary.warnings = counts.warnings;
    const hash = textHash(text);
    if (reviewedHash(meta, text) === hash) summary.status = 'reviewed';
    else if (meta.baselineHash && meta.baselineHash !== hash) summary.status = 'saved';
    return { summary, scanned: { text, hash, labels, doc } };
  }

  labelNames(): string[] {
    return this.settings.labels.map((label) => label.name);
  }

  /** The documents that can be read, in corpus order. */
  readableIds(): DocumentId[] {
    return [...this.entries.values()]
      .filter((entry) => !entry.summary.refused)
      .map((entry) => entry.id);
  }

  /** The file of a document of the corpus (the id checked). */
  documentPath(id: DocumentId): string {
    return this.entry(id).path;
  }

  /** A document's bracket text now: unsaved edits included when it is open, else the file's. */
  async currentText(id: DocumentId): Promise<string> {
    const entry = this.entry(id);
    return entry.session ? (await entry.session).currentText() : readOrRefuse(entry.path);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  private summaries(): DocumentSummary[] {
    const summaries: DocumentSummary[] = [];
    for (const entry of this.entries.values()) {
      summaries.push(entry.opened?.summary(entry.name) ?? entry.summary);
    }
    return summaries;
  }

  private async corpusChanged(): Promise<void> {
    this.emit({ type: 'corpus-changed', documents: this.summaries() });
  }

  async getCorpus(): Promise<CorpusInfo> {
    return {
      root: this.root,
      name: path.basename(this.root),
      documents: this.summaries(),
      settings: this.settings,
      ...(this.place.notice ? { notice: this.place.notice } : {}),
    };
  }

  private entry(id: unknown): CorpusEntry {
    const checked = checkDocumentId(id);
    const entry = this.entries.get(checked);
    if (!entry)
      throw new ApiError(
        'not-found',
        `"${checked}" is not a document of ${path.basename(this.root)}`,
      );
    if (entry.summary.refused) {
      throw new ApiError('refused-file', `${entry.id} cannot be opened: ${entry.summary.refused}`);
    }
    return entry;
  }

  /** The open session of a document, opening it on first use (path checked against symlink escapes). */
  async session(id: DocumentId): Promise<DocumentSession> {
    const entry = this.entry(id);
    if (!entry.session) {
      entry.session = this.openSession(entry);
      entry.session.then(
        (session) => (entry.opened = session),
        () => (entry.session = undefined),
      );
    }
    return entry.session;
  }

  /** Checks that a document's path still leads to the file listed (no symlink swapped in since). */
  private async checkPath(entry: CorpusEntry): Promise<void> {
    const real = await resolveInside(this.folder, entry.id);
    if (real !== entry.path) {
      throw new ApiError('path-outside', `"${entry.id}" leads outside the opened folder`);
    }
  }

  private async openSession(entry: CorpusEntry): Promise<DocumentSession> {
    const { scanned } = entry;
    entry.scanned = undefined;
    await this.checkPath(entry);
    try {
      const session = await DocumentSession.open({
        id: entry.id,
        path: entry.path,
        state: entry.state,
        labels: this.labelNames(),
        ...(scanned ? { scanned } : {}),
        fileSystem: this.options.fileSystem,
        now: this.options.now,
      });
      this.watcher?.add(entry.path);
      return session;
    } catch (error) {
      if (error instanceof FileError) {
        entry.summary = { ...entry.summary, refused: error.reason };
        throw new ApiError(
          error.code === 'not-found' ? 'not-found' : 'refused-file',
          error.message,
        );
      }
      throw error;
    }
  }

  async openDocument(id: DocumentId): Promise<DocumentState> {
    return (await this.session(id)).state();
  }

  /** The document in compact form; without id, the first document of the corpus that is not refused. */
  async openSource(id?: DocumentId): Promise<DocumentSource> {
    const first = id ?? [...this.entries.values()].find((entry) => !entry.summary.refused)?.id;
    if (first === undefined) {
      throw new ApiError('not-found', `${path.basename(this.root)} holds no document to open`);
    }
    return (await this.session(first)).source();
  }

  async applyEdit(
    id: DocumentId,
    revision: number,
    tx: Transaction,
    group?: string,
    origin?: ClientId,
  ): Promise<EditResult> {
    const result = await (await this.session(id)).applyEdit(revision, tx, group);
    this.edited(result, origin);
    return result;
  }

  async step(
    direction: 'undo' | 'redo',
    id: DocumentId,
    revision: number,
    origin?: ClientId,
  ): Promise<EditResult> {
    const result = await (await this.session(id)).step(direction, revision);
    this.edited(result, origin);
    return result;
  }

  /** Tells every editor of an edit; the one it came from (`origin`) is skipped by the transports. */
  private edited(result: EditResult, origin: ClientId | undefined): void {
    this.emit({ type: 'document-edited', result, ...(origin === undefined ? {} : { origin }) });
  }

  async save(id: DocumentId, revision: number): Promise<SaveResult> {
    const result = await (await this.session(id)).save(revision);
    await this.corpusChanged();
    return result;
  }

  /** Saves every document with unsaved edits; stops at the first failure (the rest stay dirty). */
  async saveAll(): Promise<{ saved: DocumentId[] }> {
    const saved: DocumentId[] = [];
    try {
      for (const entry of this.entries.values()) {
        if (!entry.session) continue;
        const session = await entry.session;
        if (!session.dirty) continue;
        await session.save();
        saved.push(entry.id);
      }
    } finally {
      if (saved.length > 0) await this.corpusChanged();
    }
    return { saved };
  }

  async markReviewed(id: DocumentId, reviewed: boolean): Promise<DocumentSummary> {
    const entry = this.entry(id);
    const session = await this.session(id);
    await session.markReviewed(reviewed);
    await this.corpusChanged();
    return session.summary(entry.name);
  }

  async resolveConflict(id: DocumentId, choice: ConflictChoice): Promise<DocumentState> {
    const state = await (await this.session(id)).resolveConflict(choice);
    await this.corpusChanged();
    return state;
  }

  /** Where the last apply-to-all is recorded: the corpus's `.emend`, else the app's state folder. */
  get applyToAllRecord(): string {
    const folder = this.place.corpusRoot
      ? path.join(this.place.corpusRoot, SETTINGS_FOLDER)
      : documentStateFolder(null, this.appState, this.root);
    return path.join(folder, 'apply-to-all.jsonl');
  }

  /** The folder whose `.emend/settings.json` holds the label settings. */
  get settingsFolder(): string {
    return this.place.settingsFolder;
  }

  async updateSettings(settings: CorpusSettings): Promise<CorpusSettings> {
    if (this.place.readOnly && this.place.settingsFolder === this.root) {
      throw new ApiError(
        'save-failed',
        `${path.basename(this.root)} is read-only: the label settings cannot be saved`,
      );
    }
    await saveSettings(this.settingsFolder, settings);
    this.settings = await loadSettings(this.settingsFolder);
    // Diagnostics depend on the labels: open documents take the new ones, the others are read again.
    for (const entry of this.entries.values()) {
      if (entry.session) (await entry.session).setLabels(this.labelNames());
      else if (!entry.summary.refused) {
        const rescanned = await this.scanFile(entry.id, entry.path, entry.state);
        entry.summary = rescanned.summary;
        if (entry.scanned) entry.scanned = rescanned.scanned;
      }
    }
    await this.corpusChanged();
    return this.settings;
  }

  /** A text to compare the document with (bracket text, as a file holds it). */
  async getBaseline(id: DocumentId, source: BaselineSource): Promise<Baseline> {
    const entry = this.entry(id);
    let text: string;
    switch (source.kind) {
      case 'first-opened':
        await (await this.session(id)).keptBaseline();
        text = await readKeptBaseline(entry.state);
        break;
      case 'disk':
        text = await readOrRefuse(entry.path);
        break;
      case 'file': {
        // Only a document of the corpus: never a note, a dot file or a file beside a lone file.
        const other = this.entry(source.id);
        await this.checkPath(other);
        text = await readOrRefuse(other.path);
        break;
      }
      case 'git':
        text = await readGitBaseline(entry.path, source.revision);
        break;
    }
    return { id: entry.id, source, text };
  }

  private async onDiskChange(filePath: string): Promise<void> {
    const entry = [...this.entries.values()].find((candidate) => candidate.path === filePath);
    if (!entry?.session) return;
    try {
      const session = await entry.session;
      const outcome = await session.checkDisk();
      if (outcome === 'reloaded') this.emit({ type: 'document-reloaded', state: session.source() });
      if (outcome === 'conflict') this.emit({ type: 'document-conflict', id: entry.id });
      if (outcome === 'reloaded' || outcome === 'conflict') await this.corpusChanged();
    } catch {
      // A file that vanished or cannot be read: the next change or save reports it.
    }
  }

  /** Looks at every open document's file now (as the watcher would after a change). */
  async checkDisk(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.session) await this.onDiskChange(entry.path);
    }
  }

  /** Runs closer when the workspace closes (a worker to stop). */
  onClose(closer: () => void): void {
    this.closers.add(closer);
  }

  close(): void {
    this.watcher?.close();
    this.corpusWatcher?.close();
    this.listeners.clear();
    for (const closer of this.closers) closer();
    this.closers.clear();
  }
}

async function readOrRefuse(file: string): Promise<string> {
  try {
    return await readDocument(file);
  } catch (error) {
    if (error instanceof FileError) {
      throw new ApiError(error.code === 'not-found' ? 'not-found' : 'refused-file', error.message);
    }
    throw error;
  }
}
