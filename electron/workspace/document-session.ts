// One open document: parsed state, revision, undo/redo history, journal, atomic save and disk changes.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  ApiError,
  FOLDER_GONE,
  type ConflictChoice,
  type DocumentHistory,
  type DocumentId,
  type DocumentSource,
  type DocumentState,
  type DocumentSummary,
  type EditResult,
  type SaveResult,
} from '../../shared/api/contract';
import type { BracketDocument, Diagnostic } from '../../shared/format/document';
import { parse } from '../../shared/format/parse';
import { SerializeError, serialize } from '../../shared/format/serialize';
import { summarize, validate } from '../../shared/format/validate';
import {
  emptyHistory,
  recordEdit,
  redo,
  undo,
  type History,
  type HistoryEntry,
} from '../../shared/model/history';
import { applyTransaction, EditError, type Transaction } from '../../shared/model/operations';
import { keepBaseline } from './baseline';
import {
  copyFileAtomic,
  removeLeftoverTemps,
  writeFileAtomic,
  type SaveFileSystem,
} from './atomic-write';
import { describeWriteFailure, FileError } from './file-error';
import { fileExists } from './folder-walk';
import { readDocument } from './read-document';
import { expectReadable, expectUnchanged } from './unchanged';
import { Journal, readJournal, textHash, type JournalRecord } from './journal';
import { changesBetween, restoreTransaction, SetAsideFile, type SetAsideEdits } from './set-aside';
import { anchorIds, replayJournal, ReplayError } from './replay';
import { reviewedHash, type StateFiles } from './state-folder';
import { readStateText, writeStateText } from './state-file';

export interface SessionOptions {
  id: DocumentId;
  path: string;
  state: StateFiles;
  labels: readonly string[];
  /** The file as the corpus scan parsed it: taken instead of a second parse while the file still holds that text. */
  scanned?: ScannedDocument;
  /**
   * Throws when the path no longer leads to the corpus's file (a symbolic link swapped in for it or
   * a folder above it since it was opened): nothing is read or written through such a path.
   */
  checkPath?: () => Promise<void>;
  fileSystem?: SaveFileSystem;
  now?: () => number;
}

/** A file's text, its hash and its parse with the corpus labels. */
export interface ScannedDocument {
  text: string;
  hash: string;
  labels: readonly string[];
  doc: BracketDocument;
}

/** The file as read now: the scan's reading when it was of the same text with the same labels. */
function reading(text: string, labels: readonly string[], scanned?: ScannedDocument) {
  const same =
    scanned !== undefined &&
    scanned.text === text &&
    scanned.labels.length === labels.length &&
    scanned.labels.every((label, index) => label === labels[index]);
  return same ? scanned : { text, hash: textHash(text), labels, doc: parse(text, { labels }) };
}

/** What a look at the file on disk found. */
export type DiskCheck = 'same' | 'reloaded' | 'conflict' | 'deleted' | 'unreadable';

export class DocumentSession {
  readonly id: DocumentId;
  readonly path: string;
  private doc: BracketDocument;
  private history: History = emptyHistory;
  private revision = 0;
  private diskHash: string;
  /** Hash of a save in flight, so the watcher does not mistake our own write for someone else's. */
  private pendingHash: string | undefined;
  private conflict = false;
  /** Why the file on disk could not be read at the last look (the editor was told; a save writes over it); null if it could. */
  private diskUnreadable: string | null = null;
  private recoveredEdits: number | undefined;
  /** Hash of the text the user marked reviewed; the mark holds only while the file is that text. */
  private reviewedHash: string | undefined;
  /** Unsaved edits "Take theirs" set aside, until they are restored. */
  private setAside: SetAsideEdits | null = null;
  private readonly setAsideFile: SetAsideFile;
  private baselineHash: string;
  /** The file's text as first opened, until it is kept as the baseline (then null). */
  private unkeptBaseline: string | null = null;
  private journalStarted = false;
  /**
   * A state write opening could not make (a full disk, a read-only state folder): made before the
   * journal is next written, as the journal read on opening still holds every edit until then.
   */
  private deferredWrite: (() => Promise<void>) | null = null;
  /** Whether disk.txt holds the file the journal started from (written before its first record). */
  private diskCopied = false;
  /** The undo entry the file on disk ends at (null: before them all) and when it was written. */
  private diskPoint: { entry: HistoryEntry | null; time: number };
  private readonly journal: Journal;
  /** The corpus's labels: the document is read against them. */
  private labels: readonly string[];
  /** The diagnostics last derived and the document they are of: derived again once `doc` is another. */
  private derived: { doc: BracketDocument; diagnostics: Diagnostic[] } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running on this document. */
  private queued = 0;

  private constructor(
    private readonly options: SessionOptions,
    file: ScannedDocument,
    baselineHash: string,
  ) {
    this.id = options.id;
    this.path = options.path;
    this.labels = options.labels;
    this.doc = file.doc;
    this.diskHash = file.hash;
    this.baselineHash = baselineHash;
    this.journal = new Journal(options.state.journal);
    this.setAsideFile = new SetAsideFile(options.state.folder);
    this.diskPoint = { entry: null, time: this.now() };
  }

  /**
   * Reads the file (FileError if it is refused) and restores journaled edits. The file's bytes are
   * kept as its baseline only when something is about to replace them (our save, another program's
   * change) or the baseline is asked for: until then the file on disk is the baseline.
   */
  static async open(options: SessionOptions): Promise<DocumentSession> {
    const file = reading(await readDocument(options.path), options.labels, options.scanned);
    const [meta] = await Promise.all([
      options.state.readMeta(options.id),
      removeLeftoverTemps(options.state.folder),
    ]);
    const session = new DocumentSession(options, file, meta.baselineHash ?? file.hash);
    session.unkeptBaseline = file.text;
    session.reviewedHash = reviewedHash(meta, file.text);
    session.setAside = await session.setAsideFile.read(session.doc);
    await session.recover();
    return session;
  }

  /** Keeps the file as first opened as the baseline, if that is not done yet. */
  keptBaseline(): Promise<void> {
    return this.serial(() => this.keepBaseline());
  }

  private async keepBaseline(): Promise<void> {
    if (this.unkeptBaseline === null) return;
    this.baselineHash = await keepBaseline(this.options.state, this.unkeptBaseline, this.id);
    this.unkeptBaseline = null;
  }

  private async recover(): Promise<void> {
    const records = await readJournal(this.journal.file);
    if (!records || records.length === 0) return;
    try {
      const replayed = replayJournal(records, this.doc, this.diskHash);
      this.doc = replayed.doc;
      this.history = replayed.history;
      this.revision = replayed.revision;
      if (replayed.recoveredEdits > 0) this.recoveredEdits = replayed.recoveredEdits;
      const anchor = replayed.compacted[0] as JournalRecord & { type: 'base' };
      this.diskPoint = { entry: anchor.history.done.at(-1) ?? null, time: anchor.time };
      await this.writeOrDefer(() => this.journal.restart(replayed.compacted));
      this.journalStarted = true;
    } catch (error) {
      if (!(error instanceof ReplayError)) throw error;
      // The journal belongs to other bytes (the file changed while Emend was closed): its unsaved
      // edits are set aside, to be restored over the file now; the journal is kept aside too.
      const setAside = (this.setAside ??= await this.unmatchedEdits(records));
      await this.writeOrDefer(async () => {
        if (setAside) await this.setAsideFile.write(setAside);
        await this.journal.setAside('unmatched');
      });
    }
  }

  /** Makes a state write of opening, or, should it fail, leaves it for the journal's next write. */
  private async writeOrDefer(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch {
      this.deferredWrite = write;
    }
  }

  /** Makes the state write opening could not make, if there is one (see deferredWrite). */
  private async makeDeferredWrite(): Promise<void> {
    if (!this.deferredWrite) return;
    await this.deferredWrite();
    this.deferredWrite = null;
  }

  /**
   * The unsaved edits of a journal made on other bytes than the file's, from the copy of the file
   * they were made on (see record); null without that copy, or with no unsaved edit.
   */
  private async unmatchedEdits(records: JournalRecord[]): Promise<SetAsideEdits | null> {
    const text = await readStateText(this.options.state.diskCopy).catch(() => undefined);
    if (text === undefined) return null;
    const base = parse(text, { labels: this.labels });
    try {
      const replayed = replayJournal(records, base, textHash(text));
      return replayed.recoveredEdits > 0 ? changesBetween(base, replayed.doc) : null;
    } catch (error) {
      if (error instanceof ReplayError) return null;
      throw error;
    }
  }

  /** Starts the journal afresh from the file on disk; its first record keeps a copy of the file (see record). */
  private async startJournal(): Promise<void> {
    await this.makeDeferredWrite();
    await this.journal.restart([this.anchorRecord('base')]);
    this.journalStarted = true;
    this.diskCopied = false;
  }

  /** Runs tasks on this document one at a time, so revisions and the journal stay in step. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.queue.then(task, task).finally(() => this.queued--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Whether closing the session loses nothing: no unsaved edits, no conflict, no set-aside edits,
   * nothing queued. Its history and revision are in its journal, so opening it again restores them.
   */
  get closable(): boolean {
    return !this.dirty && !this.conflict && !this.setAside && this.queued === 0;
  }

  /** The document now and its revision, for planning an edit at that revision. */
  snapshot(): { doc: BracketDocument; revision: number } {
    return { doc: this.doc, revision: this.revision };
  }

  /** Why the file on disk could not be read at the last look; null if it could. */
  get unreadableOnDisk(): string | null {
    return this.diskUnreadable;
  }

  /** Whether the document differs from the file on disk: its undo stack is not where the save left it. */
  get dirty(): boolean {
    return (this.history.done.at(-1) ?? null) !== this.diskPoint.entry;
  }

  state(): DocumentState {
    const { doc } = this;
    const state: DocumentState = {
      id: this.id,
      revision: this.revision,
      text: doc.text,
      entities: doc.entities.map((entity) => ({ ...entity })),
      nextId: doc.nextId,
      closeStyle: doc.closeStyle,
      lineEnding: doc.lineEnding,
      bom: doc.bom,
      labels: [...this.labels],
      diagnostics: this.diagnostics(),
      dirty: this.dirty,
      canUndo: this.history.done.length > 0,
      canRedo: this.history.undone.length > 0,
    };
    if (this.recoveredEdits !== undefined) state.recoveredEdits = this.recoveredEdits;
    if (this.conflict) state.conflict = true;
    if (this.setAside) state.setAside = true;
    return state;
  }

  /** The document in compact form: its bytes as a save would write them, ids only where parse would differ. */
  source(): DocumentSource {
    const ids = anchorIds(this.doc);
    const source: DocumentSource = {
      id: this.id,
      revision: this.revision,
      source: this.currentText(),
      labels: [...this.labels],
      ...(ids ? { ids } : {}),
      nextId: this.doc.nextId,
      dirty: this.dirty,
      history: this.history,
    };
    if (this.recoveredEdits !== undefined) source.recoveredEdits = this.recoveredEdits;
    if (this.conflict) source.conflict = true;
    if (this.setAside) source.setAside = true;
    return source;
  }

  /** Takes the corpus's new labels: the diagnostics, derived against the document's labels, follow. */
  setLabels(labels: readonly string[]): void {
    this.labels = labels;
    this.doc = { ...this.doc, labels: [...labels] };
  }

  /** The document's diagnostics as it is now, against its labels (the corpus's). */
  private diagnostics(): Diagnostic[] {
    if (this.derived?.doc !== this.doc) {
      this.derived = { doc: this.doc, diagnostics: validate(this.doc) };
    }
    return [...this.derived.diagnostics];
  }

  summary(name: string): DocumentSummary {
    const { entities, errors, warnings } = summarize(this.doc, this.diagnostics());
    return {
      id: this.id,
      name,
      status:
        !this.dirty && this.reviewedHash === this.diskHash
          ? 'reviewed'
          : this.dirty
            ? 'edited'
            : this.diskHash !== this.baselineHash
              ? 'saved'
              : 'untouched',
      dirty: this.dirty,
      entities,
      errors,
      warnings,
      ...(this.conflict && { onDisk: 'changed' as const }),
    };
  }

  /** The undo stack for the History view, and which of its points the file on disk holds. */
  historyView(): DocumentHistory {
    const { entry, time } = this.diskPoint;
    const point = entry === null ? 0 : this.history.done.indexOf(entry) + 1;
    return {
      id: this.id,
      revision: this.revision,
      entries: [...this.history.done],
      saved: entry === null || point > 0 ? { point, time } : null,
    };
  }

  /** The document's current bracket text, as a save would write it. */
  currentText(): string {
    return serialize(this.doc);
  }

  private checkRevision(revision: number): void {
    if (revision !== this.revision) {
      throw new ApiError(
        'stale-revision',
        `${this.id} is at revision ${this.revision}, the request was made at ${revision}: reload and try again`,
      );
    }
  }

  private anchorRecord(type: 'base' | 'save'): JournalRecord {
    const ids = anchorIds(this.doc);
    const anchor = {
      hash: type === 'base' ? this.diskHash : textHash(this.currentText()),
      ...(ids ? { ids } : {}),
      nextId: this.doc.nextId,
      revision: this.revision,
      time: this.now(),
    };
    return type === 'base' ? { type, history: this.history, ...anchor } : { type, ...anchor };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async record(record: JournalRecord): Promise<void> {
    try {
      await this.makeDeferredWrite();
      if (!this.journalStarted) await this.startJournal();
      // Its file removed behind our back, the journal is written again whole, the copy of the file
      // its edits were made on with it (see below): the edits acknowledged before stay recoverable.
      else if (await this.journal.restoreIfRemoved()) this.diskCopied = false;
      // Should the file change while Emend is closed, the journal's edits can still be set aside
      // from the file they were made on: a copy of it is kept before the first of them.
      if (!this.diskCopied) {
        await writeStateText(this.options.state.diskCopy, serialize(this.diskDocument()));
        this.diskCopied = true;
      }
      await this.journal.append(record);
    } catch (error) {
      const reason =
        error instanceof FileError ? error.reason : describeWriteFailure(error as Error);
      const what = record.type === 'save' ? 'nothing was saved' : 'the edit was not made';
      throw new ApiError(
        'save-failed',
        `${this.id}: ${what} because its journal cannot be written (${reason}); your earlier edits are kept`,
      );
    }
  }

  private result(kind: EditResult['kind'], applied: Transaction): EditResult {
    return {
      id: this.id,
      revision: this.revision,
      kind,
      applied,
      dirty: this.dirty,
      canUndo: this.history.done.length > 0,
      canRedo: this.history.undone.length > 0,
    };
  }

  applyEdit(revision: number, tx: Transaction, group?: string): Promise<EditResult> {
    return this.serial(async () => {
      this.checkRevision(revision);
      return this.apply(tx, group);
    });
  }

  /** Applies a transaction: journaled first, then made; refused (nothing changed) if it cannot be. */
  private async apply(tx: Transaction, group?: string): Promise<EditResult> {
    let applied;
    try {
      applied = applyTransaction(this.doc, tx);
    } catch (error) {
      if (error instanceof EditError) throw new ApiError('edit-refused', error.message);
      throw error;
    }
    const time = this.now();
    const entry = {
      forward: tx,
      inverse: applied.inverse,
      time,
      ...(group === undefined ? {} : { group }),
    };
    await this.record({
      type: 'apply',
      revision: this.revision + 1,
      tx,
      inverse: applied.inverse,
      time,
      ...(group === undefined ? {} : { group }),
    });
    this.doc = applied.doc;
    this.history = recordEdit(this.history, entry);
    this.revision++;
    return this.result('apply', tx);
  }

  step(direction: 'undo' | 'redo', revision: number): Promise<EditResult> {
    return this.serial(async () => {
      this.checkRevision(revision);
      let stepped;
      try {
        stepped =
          direction === 'undo' ? undo(this.history, this.doc) : redo(this.history, this.doc);
      } catch (error) {
        if (error instanceof EditError) throw new ApiError('edit-refused', error.message);
        throw error;
      }
      if (!stepped)
        throw new ApiError('edit-refused', `there is nothing to ${direction} in ${this.id}`);
      await this.record({ type: direction, revision: this.revision + 1, time: this.now() });
      this.doc = stepped.doc;
      this.history = stepped.history;
      this.revision++;
      return this.result(direction, stepped.applied);
    });
  }

  /** Writes the document atomically. On failure the file is untouched and the edits stay journaled. */
  save(revision?: number): Promise<SaveResult> {
    return this.serial(() => this.write(revision));
  }

  /**
   * Writes the document over its file, unless the file changed on disk since it was last read or
   * written (the watcher may not have told yet): that is a conflict, theirs kept. overwrite (keep
   * mine, the user's choice) writes anyway.
   */
  private async write(revision?: number, overwrite = false): Promise<SaveResult> {
    if (revision !== undefined) this.checkRevision(revision);
    if (this.conflict) throw this.conflictError();
    const done: SaveResult = { id: this.id, revision: this.revision, dirty: false };
    if (!this.dirty) return done;
    let text: string;
    try {
      text = this.currentText();
      expectReadable(this.path, text);
    } catch (error) {
      if (error instanceof SerializeError)
        throw new ApiError('save-failed', `${this.id}: ${error.message}`);
      if (error instanceof FileError) throw this.notSaved(error);
      throw error;
    }
    try {
      await this.keepBaseline();
    } catch (error) {
      throw new ApiError(
        'save-failed',
        `${this.id}: not saved: ${error instanceof FileError ? error.reason : describeWriteFailure(error as Error)} (Emend keeps the file as first opened, for review, before it first writes over it). Nothing was written; your edits are kept.`,
      );
    }
    const hash = textHash(text);
    if (this.journalStarted) await this.record(this.anchorRecord('save'));
    // A file another program made unreadable to Emend is written over only once its bytes are kept.
    const keptTheirs = this.diskUnreadable === null ? null : await this.keepOverwritten();
    this.pendingHash = hash;
    let notices: string[];
    try {
      await this.options.checkPath?.();
      const diskHash = this.diskHash;
      notices = await writeFileAtomic(
        this.path,
        text,
        this.options.fileSystem,
        overwrite ? undefined : () => expectUnchanged(this.path, diskHash, this.diskUnreadable),
      );
    } catch (error) {
      this.pendingHash = undefined;
      if (error instanceof FileError && error.code === 'changed') {
        await this.keepBaseline().catch(() => undefined);
        this.conflict = true;
        throw this.conflictError();
      }
      if (error instanceof ApiError && error.code === 'path-outside')
        throw new ApiError(
          'save-failed',
          `${error.message}. Nothing was written; your edits are kept.`,
        );
      if (error instanceof FileError) throw this.notSaved(error);
      throw error;
    }
    this.diskHash = hash;
    this.diskUnreadable = null;
    this.pendingHash = undefined;
    this.recoveredEdits = undefined;
    this.diskPoint = { entry: this.history.done.at(-1) ?? null, time: this.now() };
    try {
      await this.startJournal();
    } catch {
      // The file is saved; the journal still holds the save record, so a restart replays correctly.
    }
    if (keptTheirs) notices.push(`what another program wrote over it was kept in ${keptTheirs}`);
    return notices.length > 0 ? { ...done, notice: notices.join('; ') } : done;
  }

  /** Keeps the file's bytes in the document's state before a save writes over them; its path, or null when there is no file. */
  private async keepOverwritten(): Promise<string | null> {
    const kept = this.options.state.overwrittenAt(this.now());
    try {
      if (!(await fs.stat(this.path)).isFile()) return null;
      await fs.mkdir(path.dirname(kept), { recursive: true });
      await copyFileAtomic(this.path, kept);
      return kept;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ApiError(
        'save-failed',
        `${this.id}: not saved: what another program wrote over it could not be kept first (${error instanceof FileError ? error.reason : describeWriteFailure(error as Error)}). Nothing was written; your edits are kept.`,
      );
    }
  }

  /** A save refused by the file system, said of the document by its name in the corpus. */
  private notSaved(error: FileError): ApiError {
    return new ApiError(
      'save-failed',
      `${this.id}: ${error.reason}. Nothing was written; your edits are kept.`,
    );
  }

  private conflictError(): ApiError {
    return new ApiError(
      'conflict',
      `${this.id} changed on disk: keep your version or take theirs first`,
    );
  }

  /**
   * Compares the file on disk with what we last read or wrote; reloads or flags a conflict. A file
   * Emend cannot read is 'unreadable', and `unreadableOnDisk` says why.
   */
  checkDisk(): Promise<DiskCheck> {
    return this.serial(async () => {
      let text: string;
      try {
        await this.options.checkPath?.();
        text = await readDocument(this.path);
      } catch (error) {
        if (error instanceof FileError && error.code === 'not-found') {
          // Under unsaved edits, a save can write it again only where its folder still is.
          if (!this.dirty || (await fileExists(path.dirname(this.path)))) return 'deleted';
          this.diskUnreadable = FOLDER_GONE;
          return 'unreadable';
        }
        this.diskUnreadable =
          error instanceof FileError
            ? error.reason
            : error instanceof ApiError && error.code === 'path-outside'
              ? 'its path now leads outside the corpus (a symbolic link)'
              : String(error);
        return 'unreadable';
      }
      this.diskUnreadable = null;
      const hash = textHash(text);
      if (hash === this.diskHash || hash === this.pendingHash) return 'same';
      // The bytes first opened are gone from disk: keep them now (as much as we can).
      await this.keepBaseline().catch(() => undefined);
      if (this.dirty) {
        this.conflict = true;
        return 'conflict';
      }
      await this.reload(text);
      return 'reloaded';
    });
  }

  /** Takes the disk's text as the document: a new revision, a fresh history and journal. */
  private async reload(text: string): Promise<void> {
    if (this.dirty) {
      this.setAside = changesBetween(this.diskDocument(), this.doc);
      await this.setAsideFile.write(this.setAside).catch(() => undefined);
      if (this.journalStarted) await this.journal.setAside('replaced').catch(() => undefined);
    }
    this.doc = parse(text, { labels: this.labels });
    this.diskHash = textHash(text);
    this.history = emptyHistory;
    this.diskPoint = { entry: null, time: this.now() };
    this.revision++;
    this.conflict = false;
    this.recoveredEdits = undefined;
    try {
      await this.startJournal();
    } catch {
      this.journalStarted = false; // The next edit tries to start it again.
    }
  }

  /**
   * keep-mine writes our version over theirs (the user chose so); take-theirs loads the disk's
   * version, keeping our journal aside in the state folder.
   */
  resolveConflict(choice: ConflictChoice): Promise<DocumentState> {
    return this.serial(async () => {
      if (choice === 'restore-set-aside') {
        await this.restoreSetAside();
        return this.state();
      }
      if (!this.conflict)
        throw new ApiError('invalid-request', `${this.id} has no conflict to resolve`);
      if (choice === 'take-theirs') {
        let text: string;
        try {
          await this.options.checkPath?.();
          text = await readDocument(this.path);
        } catch (error) {
          if (error instanceof FileError) throw new ApiError('refused-file', error.message);
          throw error;
        }
        await this.reload(text);
      } else {
        this.conflict = false;
        try {
          await this.write(undefined, true);
        } catch (error) {
          this.conflict = true;
          throw error;
        }
      }
      return this.state();
    });
  }

  /** Lays the edits "Take theirs" set aside over the document as one undoable edit. */
  private async restoreSetAside(): Promise<void> {
    if (!this.setAside)
      throw new ApiError('invalid-request', `${this.id} has no set-aside edits to restore`);
    if (this.conflict) throw this.conflictError();
    const tx = restoreTransaction(this.id, this.doc, this.setAside);
    if (tx.ops.length > 0) await this.apply(tx);
    this.setAside = null;
    await this.setAsideFile.remove().catch(() => undefined);
  }

  /** The document as the file on disk holds it: the current one, stepped back (or on) to the disk's point. */
  private diskDocument(): BracketDocument {
    let { doc, history } = this;
    const target = this.diskPoint.entry;
    const forward = target !== null && history.undone.includes(target);
    while ((history.done.at(-1) ?? null) !== target) {
      const stepped = forward ? redo(history, doc) : undo(history, doc);
      if (!stepped) break;
      ({ doc, history } = stepped);
    }
    return doc;
  }

  /** Marks the document, as it is now, reviewed (or not): an edit after it ends the mark. */
  markReviewed(reviewed: boolean): Promise<void> {
    return this.serial(async () => {
      const meta = await this.options.state.readMeta(this.id);
      const hash = reviewed ? textHash(this.currentText()) : undefined;
      await this.options.state.writeMeta({ ...meta, reviewed, reviewedHash: hash });
      this.reviewedHash = hash;
    });
  }
}
