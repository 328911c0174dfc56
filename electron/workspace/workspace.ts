// The workspace: an opened file or corpus folder, its settings, baselines and calls on its documents.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { plural, someOf } from '../../shared/plural';
import { visibleText } from '../../shared/view/invisible-characters';
import {
  ApiError,
  type ApiEvent,
  type ApiResponses,
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
  type FileLost,
  FOLDER_GONE,
  type SaveResult,
} from '../../shared/api/contract';
import type { Transaction } from '../../shared/model/operations';
import {
  checkFileWritable,
  isReadOnlyFolder,
  removeLeftoverTemps,
  type SaveFileSystem,
} from './atomic-write';
import { readGitBaseline, readKeptBaseline } from './baseline';
import { openCopies } from './agreement-copies';
import { CorpusIndex, type CorpusEntry } from './corpus-index';
import { lockCorpus } from './corpus-lock';
import { CorpusWatcher } from './corpus-watcher';
import { DocumentSession } from './document-session';
import { FileError } from './file-error';
import { collectDocuments, fileExists, type LeftOut } from './folder-walk';
import { resolveInside } from './paths';
import { readDocument } from './read-document';
import { SessionPool } from './session-pool';
import { findSettingsFolder, loadSettings, saveSettings, SETTINGS_FOLDER } from './settings';
import {
  corpusStatePlace,
  defaultStateFolder,
  documentStateFolder,
  FormerStates,
  type StatePlace,
} from './state-folder';
import { DocumentWatcher } from './watcher';
import { WorkspaceEvents, type EventListener } from './workspace-events';

/** Why the file at filePath cannot be saved as it is now (read-only, no write access); null if it can. */
async function readOnlyReason(filePath: string): Promise<string | null> {
  try {
    await checkFileWritable(filePath, await fs.stat(filePath));
    return null;
  } catch (error) {
    return error instanceof FileError ? error.reason : null;
  }
}

export type { EventListener } from './workspace-events';

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
  /** How many clean sessions nobody shows stay open (default KEEP_CLEAN_SESSIONS). */
  keepCleanSessions?: number;
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
  const release = await lockCorpus(opened, appState);
  const workspace = new Workspace(options, opened, folder, isFolder, appState, place);
  workspace.onClose(release);
  try {
    await workspace.scan();
  } catch (error) {
    workspace.close();
    throw error;
  }
  return workspace;
}

export class Workspace {
  private readonly corpus: CorpusIndex;
  private readonly pool: SessionPool;
  private readonly events = new WorkspaceEvents();
  private readonly closers = new Set<() => void>();
  private readonly rewritten = new Set<(id: DocumentId) => void>();
  private readonly watcher: DocumentWatcher | null;
  /** Why each open document's file cannot be saved, as last told to the editors (null: it can). */
  private readonly readOnlyTold = new Map<DocumentId, string | null>();
  /** The open documents whose file the editors were told is deleted or unreadable, and which. */
  private readonly lostTold = new Map<DocumentId, FileLost>();
  private corpusWatcher: CorpusWatcher | null = null;
  /** The folder walk under way after a change in the corpus folder (one at a time). */
  private relisting: Promise<void> = Promise.resolve();
  /** The files with a document's name the corpus list leaves out (links, pipes), in words; '' for none. */
  private leftOutNotice = '';
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
    this.corpus = new CorpusIndex(folder, place, appState, path.basename(root));
    this.pool = new SessionPool(
      {
        open: (id) => this.openSession(this.corpus.get(id)),
        closed: (session) => this.sessionClosed(session),
      },
      options.keepCleanSessions,
    );
    this.watcher =
      options.watch === false
        ? null
        : new DocumentWatcher((file) => void this.onDiskChange(file), options.watchDebounceMs);
  }

  /** Lists the corpus; documents with journaled unsaved edits are opened (and recovered) at once. */
  async scan(): Promise<void> {
    this.settings = await loadSettings(this.settingsFolder);
    const files = this.isFolder ? await this.listFolder() : [this.root];
    // Saves killed before their rename leave temp files beside the documents: remove them.
    for (const folder of new Set(files.map((file) => path.dirname(file)))) {
      await removeLeftoverTemps(folder);
    }
    let firstKept = false;
    const former = this.isFolder ? await FormerStates.of(this.place, this.appState) : null;
    for (const file of files) {
      const { entry, scanned } = await this.corpus.read(file, this.labelNames());
      this.corpus.add(entry);
      if (!scanned) continue;
      if (former) entry.state = await former.bringInto(entry.state, entry.id, file);
      const journaled = await fileExists(entry.state.journal);
      // The first document is the one an editor opens first: its session takes this parse.
      if (journaled || !firstKept) entry.scanned = scanned;
      firstKept = true;
      if (journaled) await this.pool.use(entry.id, () => undefined);
    }
    if (this.isFolder && this.options.watch !== false) {
      this.corpusWatcher = new CorpusWatcher(
        this.root,
        () => void this.relistFolder(),
        this.options.watchDebounceMs,
      );
      await this.corpusWatcher.ready;
    }
  }

  /** The corpus folder's documents; what the list leaves out (links, pipes) goes to the notice. */
  private async listFolder(): Promise<string[]> {
    const leftOut: LeftOut[] = [];
    const files = await collectDocuments([this.root], leftOut);
    this.leftOutNotice = leftOutNotice(this.root, leftOut);
    return files;
  }

  /**
   * Brings the corpus list in line with the folder after documents were added, removed, renamed or
   * changed by another program, and tells the editor when the list changed. A vanished document with unsaved edits stays listed.
   */
  relistFolder(): Promise<void> {
    this.relisting = this.relisting.then(async () => {
      let files: string[];
      try {
        files = await this.listFolder();
      } catch {
        return; // The folder itself is gone or unreadable: keep the list as it is.
      }
      const { changed, rescanned } = await this.corpus.relist(
        files,
        this.labelNames(),
        (entry) => this.pool.peek(entry.id)?.dirty === true,
        (entry) => this.pool.peek(entry.id) !== undefined,
      );
      if (changed) this.corpusChanged();
      for (const id of rescanned) for (const listener of this.rewritten) listener(id);
      // An open document the folder no longer lists (deleted, its folder moved, or a folder now):
      // its editors are told; one with unsaved edits stays listed, so the folder's files decide.
      const found = new Set(files);
      for (const session of this.pool.sessions())
        if (!found.has(session.path)) await this.onDiskChange(session.path);
    });
    return this.relisting;
  }

  labelNames(): string[] {
    return this.settings.labels.map((label) => label.name);
  }

  /** The documents that can be read, in corpus order. */
  readableIds(): DocumentId[] {
    return this.corpus.readableIds();
  }

  /** The files of the corpus it cannot open, each with why, in corpus order. */
  refusedFiles(): Array<{ path: string; why: string }> {
    return this.corpus
      .all()
      .flatMap(({ path: file, summary: { refused } }) =>
        refused ? [{ path: file, why: refused }] : [],
      );
  }

  /** The file of a document of the corpus (the id checked). */
  documentPath(id: DocumentId): string {
    return this.corpus.get(id).path;
  }

  /** A document's bracket text now: its session's when it is open (unsaved edits included), else the file's. */
  async currentText(id: DocumentId): Promise<string> {
    const entry = this.corpus.get(id);
    return this.pool.peek(id)?.currentText() ?? this.readListed(entry);
  }

  /** A listed document's file as it is now, its path checked first (see checkPath). */
  private async readListed(entry: CorpusEntry): Promise<string> {
    await this.checkPath(entry);
    return readOrRefuse(entry.path);
  }

  onEvent(listener: EventListener): () => void {
    return this.events.listen(listener);
  }

  /**
   * Calls listener with each document not open that another program rewrote, once the list has
   * read it again (an open one is reloaded, and says so with its own event).
   */
  onRewritten(listener: (id: DocumentId) => void): void {
    this.rewritten.add(listener);
  }

  emit(event: ApiEvent): void {
    this.events.emit(event);
  }

  private summaries(): DocumentSummary[] {
    return this.corpus.all().map((entry) => {
      const summary = this.pool.peek(entry.id)?.summary(entry.name) ?? entry.summary;
      const lost = this.lostTold.get(entry.id);
      if (lost === undefined) return summary;
      const gone = lost === 'deleted' || lost.unreadable === FOLDER_GONE;
      return { ...summary, onDisk: gone ? ('deleted' as const) : ('changed' as const) };
    });
  }

  private corpusChanged(): void {
    this.emit({ type: 'corpus-changed', documents: this.summaries() });
  }

  async getCorpus(): Promise<CorpusInfo> {
    if (await this.corpus.mended(this.labelNames())) this.corpusChanged();
    return {
      root: this.root,
      name: path.basename(this.root),
      documents: this.summaries(),
      settings: this.settings,
      ...(this.notice ? { notice: this.notice } : {}),
    };
  }

  /** What the corpus opened with a limit says: a read-only folder, files not listed. */
  private get notice(): string {
    return [this.place.notice, this.leftOutNotice].filter(Boolean).join('. ');
  }

  /**
   * Runs task with a document's session, opening it if needed (its path checked against symlink
   * escapes). It stays open while task runs; then the pool closes it if it is clean and unshown.
   */
  async withSession<T>(
    id: DocumentId,
    task: (session: DocumentSession) => T | Promise<T>,
  ): Promise<T> {
    if (await this.corpus.mended(this.labelNames(), [id])) this.corpusChanged();
    this.corpus.get(id);
    return this.pool.use(id, task);
  }

  /** Notes the document an editor shows (null: none): it stays open, what it showed before may close. */
  show(client: ClientId, id: DocumentId | null): void {
    if (id !== null) this.corpus.get(id);
    this.pool.show(client, id);
  }

  /** Forgets an editor that went away: the document it showed may close. */
  forget(client: ClientId): void {
    this.pool.forget(client);
  }

  /** The documents whose sessions are open now. */
  openDocuments(): DocumentId[] {
    return this.pool.openIds();
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
        checkPath: () => this.checkPath(entry),
        fileSystem: this.options.fileSystem,
        now: this.options.now,
      });
      this.watcher?.add(entry.path);
      return session;
    } catch (error) {
      if (error instanceof FileError) {
        await this.corpus.refuse(entry, error.reason);
        throw new ApiError(
          error.code === 'not-found' ? 'not-found' : 'refused-file',
          error.message,
        );
      }
      throw error;
    }
  }

  /** A closed session leaves its summary in the corpus list, and its file is no longer watched. */
  private sessionClosed(session: DocumentSession): void {
    this.watcher?.remove(session.path);
    this.readOnlyTold.delete(session.id);
    this.lostTold.delete(session.id);
    const entry = this.corpus.byPath(session.path);
    if (entry) entry.summary = session.summary(entry.name);
  }

  openDocument(id: DocumentId): Promise<DocumentState> {
    return this.withSession(id, async (session) => this.withDiskState(session.state(), session));
  }

  /**
   * The text of the document an editor opens first (the one named when it can be opened, else the
   * corpus's first), when it is at hand now: from its open session (one with journaled edits is
   * opened by the scan), else as the scan read it. Null otherwise.
   */
  firstScreenSource(named?: DocumentId): Pick<DocumentSource, 'source' | 'labels' | 'ids'> | null {
    const readable = this.readableIds();
    const first = named !== undefined && readable.includes(named) ? named : readable[0];
    if (first === undefined) return null;
    const session = this.pool.peek(first);
    if (session) return session.source();
    const scanned = this.corpus.get(first).scanned;
    return scanned ? { source: scanned.text, labels: this.labelNames() } : null;
  }

  /** The document in compact form; without id, the first document of the corpus that is not refused. */
  async openSource(id?: DocumentId): Promise<DocumentSource> {
    const first = id ?? this.readableIds()[0];
    if (first === undefined) {
      throw new ApiError('not-found', `${path.basename(this.root)} holds no document to open`);
    }
    return this.withSession(first, async (session) =>
      this.withDiskState(session.source(), session),
    );
  }

  /**
   * An opened document, told when its file cannot be saved as it is now, or is gone or unreadable
   * under unsaved edits (as the editors were told).
   */
  private async withDiskState<T extends { readOnly?: string; fileLost?: FileLost }>(
    opened: T,
    session: DocumentSession,
  ): Promise<T> {
    const why = await readOnlyReason(session.path);
    this.readOnlyTold.set(session.id, why);
    const lost = session.dirty ? this.lostTold.get(session.id) : undefined;
    return {
      ...opened,
      ...(why === null ? {} : { readOnly: why }),
      ...(lost ? { fileLost: lost } : {}),
    };
  }

  /** Tells the editors when an open document's file turned read-only, or writable again. */
  private async accessChanged(session: DocumentSession): Promise<void> {
    const why = await readOnlyReason(session.path);
    if (why === (this.readOnlyTold.get(session.id) ?? null)) return;
    this.readOnlyTold.set(session.id, why);
    this.emit({ type: 'document-access', id: session.id, readOnly: why });
  }

  async applyEdit(
    id: DocumentId,
    revision: number,
    tx: Transaction,
    group?: string,
    origin?: ClientId,
  ): Promise<EditResult> {
    const result = await this.withSession(id, (session) => session.applyEdit(revision, tx, group));
    this.edited(result, origin);
    return result;
  }

  async step(
    direction: 'undo' | 'redo',
    id: DocumentId,
    revision: number,
    origin?: ClientId,
  ): Promise<EditResult> {
    const result = await this.withSession(id, (session) => session.step(direction, revision));
    this.edited(result, origin);
    return result;
  }

  /** Tells every editor of an edit; the one it came from (`origin`) is skipped by the transports. */
  private edited(result: EditResult, origin: ClientId | undefined): void {
    this.emit({ type: 'document-edited', result, ...(origin === undefined ? {} : { origin }) });
  }

  async save(id: DocumentId, revision: number): Promise<SaveResult> {
    const result = await this.withSession(id, (session) => this.saveSession(id, session, revision));
    this.corpusChanged();
    return result;
  }

  /**
   * Saves a session and tells every editor; one that finds its file changed on disk tells them so,
   * as the watcher would.
   */
  private async saveSession(
    id: DocumentId,
    session: DocumentSession,
    revision?: number,
  ): Promise<SaveResult> {
    try {
      const result = await session.save(revision);
      this.emit({ type: 'document-saved', id, revision: result.revision });
      // A deleted file written again is found.
      if (this.lostTold.delete(id)) this.emit({ type: 'document-found', id });
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        this.emit({ type: 'document-conflict', id });
        this.corpusChanged();
      }
      throw error;
    }
  }

  /**
   * Saves every document with unsaved edits: one that cannot be saved (changed on disk, a full
   * disk) stays unsaved and is listed with why, and the others are saved all the same.
   */
  async saveAll(): Promise<ApiResponses['saveAll']> {
    const saved: DocumentId[] = [];
    const failed: ApiResponses['saveAll']['failed'] = [];
    const recreated: DocumentId[] = [];
    const notices: ApiResponses['saveAll']['notices'] = [];
    try {
      for (const { id } of this.pool.sessions()) {
        await this.pool.use(id, async (session) => {
          if (!session.dirty) return;
          try {
            const deleted = this.lostTold.get(id) === 'deleted';
            const { notice } = await this.saveSession(id, session);
            saved.push(id);
            if (deleted) recreated.push(id);
            if (notice) notices.push({ id, notice });
          } catch (error) {
            if (!(error instanceof ApiError || error instanceof FileError)) throw error;
            failed.push({ id, message: error.message });
          }
        });
      }
    } finally {
      if (saved.length > 0) this.corpusChanged();
    }
    return { saved, failed, recreated, notices };
  }

  async markReviewed(id: DocumentId, reviewed: boolean): Promise<DocumentSummary> {
    const { name } = this.corpus.get(id);
    const summary = await this.withSession(id, async (session) => {
      await session.markReviewed(reviewed);
      return session.summary(name);
    });
    this.corpusChanged();
    return summary;
  }

  async resolveConflict(id: DocumentId, choice: ConflictChoice): Promise<DocumentState> {
    const state = await this.withSession(id, (session) => session.resolveConflict(choice));
    this.corpusChanged();
    return state;
  }

  /** A file of the corpus's own state, named `name`: in its `.emend`, else in the app's state folder. */
  corpusStateFile(name: string): string {
    const folder = this.place.corpusRoot
      ? path.join(this.place.corpusRoot, SETTINGS_FOLDER)
      : documentStateFolder(null, this.appState, this.root);
    return path.join(folder, name);
  }

  /** Where the last apply-to-all is recorded. */
  get applyToAllRecord(): string {
    return this.corpusStateFile('apply-to-all.jsonl');
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
    for (const entry of this.corpus.all()) {
      const session = this.pool.peek(entry.id);
      if (session) session.setLabels(this.labelNames());
      else if (!entry.summary.refused) await this.corpus.rescan(entry, this.labelNames());
    }
    this.corpusChanged();
    return this.settings;
  }

  /** A text to compare the document with (bracket text, as a file holds it). */
  async getBaseline(id: DocumentId, source: BaselineSource): Promise<Baseline> {
    const entry = this.corpus.get(id);
    let text: string;
    let renamedFrom: string | undefined;
    switch (source.kind) {
      case 'first-opened':
        await this.withSession(id, (session) => session.keptBaseline());
        text = await readKeptBaseline(entry.state);
        break;
      case 'disk':
        text = await this.readListed(entry);
        break;
      case 'file':
        // Only a document of the corpus: never a note, a dot file or a file beside a lone file.
        text = await this.readListed(this.corpus.get(source.id));
        break;
      case 'git':
        ({ text, renamedFrom } = await readGitBaseline(entry.path, source.revision));
        break;
      case 'copy': {
        const [copy] = await openCopies(this, [{ kind: 'folder', path: source.path }]);
        text = await copy.read(entry.id);
        break;
      }
    }
    return { id: entry.id, source, text, ...(renamedFrom && { renamedFrom }) };
  }

  private async onDiskChange(filePath: string): Promise<void> {
    const open = this.pool.sessions().find((session) => session.path === filePath);
    if (!open) return;
    try {
      await this.pool.use(open.id, async (session) => {
        const outcome = await session.checkDisk();
        switch (outcome) {
          case 'reloaded':
            this.emit({
              type: 'document-reloaded',
              state: await this.withDiskState(session.source(), session),
            });
            break;
          case 'same':
            await this.accessChanged(session);
            break;
          case 'conflict':
            this.emit({ type: 'document-conflict', id: session.id });
            break;
          case 'deleted':
            this.lostTold.set(session.id, 'deleted');
            this.emit({ type: 'document-deleted', id: session.id });
            break;
          case 'unreadable':
            // Told before it may close (a closed session forgets what it was told).
            this.lostTold.set(session.id, { unreadable: session.unreadableOnDisk! });
            await this.fileUnreadable(session);
            break;
        }
        const lost = outcome === 'deleted' || outcome === 'unreadable';
        if (!lost && this.lostTold.delete(session.id))
          this.emit({ type: 'document-found', id: session.id });
        // A file deleted or unreadable under unsaved edits is marked so in the list (without them,
        // relisting drops it, or lists it refused).
        const marked = (outcome === 'deleted' || outcome === 'unreadable') && session.dirty;
        if (outcome === 'reloaded' || outcome === 'conflict' || marked) this.corpusChanged();
      });
    } catch {
      // A look that failed: the next change or save reports it.
    }
  }

  /**
   * An open document's file now holds what Emend cannot read: unsaved edits stay open (a save
   * writes over it); a document without them closes and is listed refused, as the scan lists it
   * (a folder now, it is no longer listed).
   */
  private async fileUnreadable(session: DocumentSession): Promise<void> {
    const why = session.unreadableOnDisk!; // set by the look that answered 'unreadable'
    if (!session.dirty) {
      this.pool.close(session.id);
      const entry = this.corpus.byPath(session.path);
      if (entry) await this.corpus.refuse(entry, why);
      this.corpusChanged();
    }
    this.emit({ type: 'document-unreadable', id: session.id, why });
  }

  /** Looks at every open document's file now (as the watcher would after a change). */
  async checkDisk(): Promise<void> {
    for (const session of this.pool.sessions()) await this.onDiskChange(session.path);
  }

  /** Runs closer when the workspace closes (a worker to stop). */
  onClose(closer: () => void): void {
    this.closers.add(closer);
  }

  close(): void {
    this.watcher?.close();
    this.corpusWatcher?.close();
    this.events.clear();
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

/** The files a corpus list leaves out, as its notice says them (the first three named); '' for none. */
function leftOutNotice(root: string, leftOut: readonly LeftOut[]): string {
  if (leftOut.length === 0) return '';
  const named = leftOut.map(
    (file) =>
      `${visibleText(path.relative(root, file.path).split(path.sep).join('/'))} is ${file.is}`,
  );
  return `${plural(leftOut.length, 'file')} ${leftOut.length === 1 ? 'is' : 'are'} not listed (Emend lists regular files only): ${someOf(named)}`;
}
