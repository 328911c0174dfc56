// The open document, local-first: every edit applies here and paints at once, then the workspace journals it.
//
// `apply(tx)` is the one way to change the document (labels, removals, boundary moves, apply-to-all,
// quick fixes, review reverts); `step('undo' | 'redo')` undoes and redoes the same way. Each edit:
// 1. is applied to the shown document with shared/model (a refused one only shows a notice);
// 2. is queued and sent to the workspace in order, one at a time, with the revision it was made at;
// 3. counts as pending (not yet safe: the status bar says so) until the workspace has journaled it;
// 4. if the workspace refuses it, the document rolls back to what the workspace acknowledged, a
//    notice says why, a stale document is reloaded, and the corpus list takes the workspace's summary.
// The workspace does not send an editor's own edits back to it; other editors' edits arrive as events.
// What is acknowledged and what is pending, and every transition between, live in the pure core
// shared/sync/synced-document.ts; this class makes it reactive and makes the requests. Problems
// are derived apart (problem-schedule.ts), and so are saves (document-saves.ts).
import { append } from '../../../shared/long-lists';
import {
  ApiError,
  FOLDER_GONE,
  type DocumentId,
  type DocumentSource,
  type DocumentSummary,
  type EditResult,
  type FileLost,
} from '../../../shared/api/contract';
import type { BracketDocument, Diagnostic } from '../../../shared/format/document';
import { summarize } from '../../../shared/format/validate';
import { EditError, type Transaction } from '../../../shared/model/operations';
import {
  acknowledged,
  editedLocally,
  editedRemotely,
  loaded,
  readSource,
  refused,
  reloaded,
  saved,
  shown,
  statusOf,
  type Step,
  type SyncedDocument,
  type SyncStatus,
} from '../../../shared/sync/synced-document';
import type { EmendClient } from '../api/client';
import { nextPaint } from '../document/after-paint';
import { diagnosticSpans, type DiagnosticSpan } from '../../../shared/view/diagnostic-spans';
import { LineIndex } from '../../../shared/view/line-index';
import { saveDocument, saveEveryDocument, type SaveHost } from './document-saves';
import { messageOf, type Notices } from './notices.svelte';
import { ProblemSchedule } from './problem-schedule';

/** The document on screen: its parsed form plus what the view needs to render it fast. */
export interface OpenDocument extends SyncStatus {
  id: DocumentId;
  doc: BracketDocument;
  lines: LineIndex;
  diagnostics: DiagnosticSpan[];
}

export interface SyncHooks {
  /** A document's summary changed here (the corpus list shows it). */
  summaryChanged(id: DocumentId, change: Partial<DocumentSummary>): void;
  /** The shown document was replaced by the workspace's (loaded, reloaded, rolled back). */
  replaced(open: OpenDocument, sameText: boolean): void;
  /** The corpus's labels now: problems are derived against them. */
  labels(): readonly string[];
}

/** What happened to a file gone from under the editor, as a sentence goes on after its name. */
export function lostOnDisk(lost: FileLost): string {
  return lost === 'deleted'
    ? 'was deleted on disk'
    : `cannot be read on disk now: ${lost.unreadable}`;
}

/** When a save can write a lost file again: now, once its folder is back, or once a folder in its place is moved away. */
export function whenSaveWrites(lost: FileLost): string {
  if (lost === 'deleted') return '';
  if (lost.unreadable === FOLDER_GONE) return ', once its folder is back';
  return /folder/.test(lost.unreadable) ? ', once the folder is moved away' : '';
}

export class DocumentSync {
  conflict = $state(false);
  /** Edits "Take theirs" set aside can be restored. */
  setAside = $state(false);
  /** Unsaved edits recovered from the last session, until saved (shown while they are unsaved). */
  recoveredEdits = $state(0);
  /** Why the shown document's file cannot be saved as it was when opened (read-only), or null. */
  readOnly = $state<string | null>(null);
  /**
   * What became of the shown document's file on disk under its unsaved edits (a save writes it
   * again): deleted, or replaced by one Emend cannot read (why, as the corpus list says it).
   */
  fileLost = $state.raw<FileLost | null>(null);

  /** The shown document as acknowledged by the workspace, with the edits it has not acknowledged yet. */
  private synced = $state.raw<SyncedDocument | null>(null);
  /** The shown document's problems, placed on its text. */
  private problems = $state.raw<DiagnosticSpan[]>([]);
  /** The line index of the text last shown: kept while edits leave the text as it is. */
  private lineIndex: LineIndex | null = null;
  private readonly lint: ProblemSchedule;
  /** What saves need of the shown document. */
  private readonly saves: SaveHost;
  /** Documents whose summary the corpus list takes from the workspace at its next read. */
  private summariesAsked: DocumentId[] = [];
  /** Requests to the workspace about edits, one at a time and in order. */
  private queue: Promise<void> = Promise.resolve();

  /** The document on screen, derived from the synced state and its problems. */
  readonly open: OpenDocument | null = $derived.by(() => {
    const synced = this.synced;
    if (!synced) return null;
    const { doc } = shown(synced);
    return {
      id: synced.id,
      doc,
      ...statusOf(synced),
      lines: this.linesOf(doc.text),
      diagnostics: this.problems,
    };
  });

  constructor(
    private readonly client: EmendClient,
    private readonly notices: Notices,
    private readonly hooks: SyncHooks,
  ) {
    this.lint = new ProblemSchedule(
      () => {
        const open = this.open;
        return open && { doc: open.doc, labels: this.hooks.labels(), starts: open.lines.starts };
      },
      (doc, diagnostics) => this.showProblems(doc, diagnostics),
    );
    this.saves = {
      client,
      notices,
      summaryChanged: (id, change) => hooks.summaryChanged(id, change),
      takeSummaries: (ids) => {
        append(this.summariesAsked, ids);
        return this.takeSummary();
      },
      acknowledgedRevision: (id) =>
        this.synced?.id === id ? this.synced.acknowledged.revision : undefined,
      saved: (id, revision) => this.tookSave(id, revision),
      reload: (id) => this.resync(id),
    };
  }

  private linesOf(text: string): LineIndex {
    if (this.lineIndex?.text !== text) this.lineIndex = new LineIndex(text);
    return this.lineIndex;
  }

  /**
   * Opens a document from the workspace once the edits still pending are answered; without id,
   * the corpus's first readable document. Returns its id.
   */
  async load(id?: DocumentId): Promise<DocumentId> {
    if (this.synced && this.synced.pending.length > 0) await this.settled();
    const source = await this.client.call('openSource', id === undefined ? {} : { id });
    this.show(source);
    return source.id;
  }

  /** Shows no document. */
  close(): void {
    this.synced = null;
    this.lint.stop();
  }

  /**
   * Applies a transaction to the open document now and sends it to the workspace. Returns the
   * transaction, or null when it was refused here (a notice says why) or nothing is open.
   */
  apply(tx: Transaction, group?: string): Transaction | null {
    return this.make({
      kind: 'apply',
      tx,
      time: Date.now(),
      ...(group === undefined ? {} : { group }),
    });
  }

  /** Undoes or redoes the last edit here and sends the step; returns what it applied, or null. */
  step(kind: 'undo' | 'redo'): Transaction | null {
    return this.make({ kind });
  }

  private make(step: Step): Transaction | null {
    const synced = this.synced;
    if (!synced) return null;
    let made;
    try {
      made = editedLocally(synced, step);
    } catch (error) {
      if (error instanceof EditError) {
        this.notices.show(error.message);
        return null;
      }
      throw error;
    }
    if (!made) {
      this.notices.show(`Nothing to ${step.kind}.`, 'info');
      return null;
    }
    this.synced = made.synced;
    this.lintAfter(made.step.textChanged);
    this.hooks.summaryChanged(synced.id, {
      dirty: true,
      status: 'edited',
      entities: shown(made.synced).doc.entities.length,
    });
    // The request leaves once the edit is painted: the frame showing it goes first.
    this.enqueue(() => nextPaint().then(() => this.sendNext(synced.id)));
    return made.step.applied;
  }

  /** Problems after an edit: at once when it rewrote the text (the old ones no longer fit it), else once edits pause. */
  private lintAfter(textChanged: boolean): void {
    if (textChanged) this.lint.now();
    else this.lint.soon();
  }

  /** Sends the oldest pending edit of document id; takes the answer, or rolls every pending edit back. */
  private async sendNext(id: DocumentId): Promise<void> {
    const synced = this.synced;
    const edit = synced?.id === id ? synced.pending[0] : undefined;
    if (!synced || !edit) return;
    let result: EditResult;
    try {
      result = await this.request(id, synced.acknowledged.revision, edit.step);
    } catch (error) {
      if (this.synced?.pending[0] === edit) await this.rollBack(error);
      return;
    }
    const now = this.synced;
    if (now?.pending[0] !== edit) {
      // The document was replaced while the edit was on its way: show the workspace's again.
      await this.resync(id);
      return;
    }
    const answer = acknowledged(now, result);
    this.synced = answer.synced;
    if (!result.dirty && answer.synced.pending.length === 0) await this.takeSummary(id);
    // The workspace's history grouped differently: take its document as it is.
    if (!answer.matches) await this.resync(id);
  }

  private request(id: DocumentId, revision: number, step: Step): Promise<EditResult> {
    const request = { id, revision, client: this.client.id };
    if (step.kind !== 'apply') return this.client.call(step.kind, request);
    const group = step.group === undefined ? {} : { group: step.group };
    return this.client.call('applyEdit', { ...request, tx: step.tx, ...group });
  }

  /**
   * The corpus list takes the workspace's summary of id (and of the documents asked for meanwhile,
   * read at once): the problems of a document edited elsewhere counted as it is now, and edits
   * undone back to the file on disk shown as saved, untouched or reviewed instead of "edited".
   */
  private async takeSummary(id?: DocumentId): Promise<void> {
    if (id !== undefined) this.summariesAsked.push(id);
    if (this.summariesAsked.length === 0) return;
    const asked = this.summariesAsked;
    this.summariesAsked = [];
    const { documents } = await this.client.call('getCorpus', {});
    for (const summary of documents) {
      const pending = this.synced?.id === summary.id && this.synced.pending.length > 0;
      if (asked.includes(summary.id) && !pending) this.hooks.summaryChanged(summary.id, summary);
    }
  }

  /**
   * Puts the document back where the workspace acknowledged it, reloading it when it may be stale;
   * the corpus list then takes the workspace's summary (undone to the file on disk, it is not "edited").
   */
  private async rollBack(error: unknown): Promise<void> {
    const { id } = this.synced!;
    const back = refused(this.synced!, error);
    this.synced = back.synced;
    const undone =
      back.dropped > 1 ? `; ${back.dropped} edits were undone` : '; the edit was undone';
    // A stale edit: another editor's came first, and the document is shown as the workspace has it.
    const message = messageOf(error);
    const why =
      error instanceof ApiError && error.code === 'stale-revision'
        ? `${id} was changed in another editor meanwhile, and is shown as it is now`
        : message.startsWith(`${id}:`)
          ? message
          : `${id}: ${message}`;
    this.notices.show(`${why}${undone}.`);
    this.lint.now();
    const { doc, dirty } = back.synced.acknowledged;
    this.hooks.summaryChanged(id, { dirty, entities: doc.entities.length });
    if (this.open) this.hooks.replaced(this.open, true);
    if (back.reload) await this.resync(id);
    await this.takeSummary(id);
  }

  /** Reloads the shown document from the workspace once the edits already sent are answered. */
  refresh(): void {
    const synced = this.synced;
    if (synced) this.enqueue(() => this.resync(synced.id));
  }

  /** Reloads document id from the workspace, if it is still the one shown. */
  private async resync(id: DocumentId): Promise<void> {
    const asked = this.synced;
    if (asked?.id !== id) return;
    let source;
    try {
      source = await this.client.call('openSource', { id });
    } catch (error) {
      this.notices.show(`${id} could not be reloaded: ${messageOf(error)}`);
      return;
    }
    if (!this.synced) return;
    const read = readSource(source);
    this.replace(reloaded(this.synced, source, asked, read.doc), source, read.diagnostics);
  }

  /** Shows a document as the workspace holds it, replacing the shown one and its pending edits. */
  show(source: DocumentSource): void {
    const read = readSource(source);
    this.replace(loaded(source, read.doc), source, read.diagnostics);
  }

  /** Shows next, read from source with these problems (against source's labels), in place of the shown document. */
  private replace(
    next: SyncedDocument,
    source: DocumentSource,
    diagnostics: readonly Diagnostic[],
  ): void {
    const before = this.synced;
    if (next === before) return;
    const dropped = before?.id === source.id ? before.pending.length : 0;
    if (dropped > 0) {
      this.notices.show(
        `${source.id} was reloaded from the workspace; ${dropped} edit(s) not yet journaled were undone.`,
      );
    }
    const beforeText = this.open?.doc.text;
    this.synced = next;
    const { doc } = next.acknowledged;
    this.lint.anew({ doc, diagnostics, labels: source.labels });
    this.conflict = source.conflict === true;
    this.fileLost = source.fileLost ?? null;
    this.setAside = source.setAside === true;
    this.recoveredEdits = source.recoveredEdits ?? 0;
    this.readOnly = source.readOnly ?? null;
    this.hooks.replaced(this.open!, before?.id === source.id && beforeText === doc.text);
  }

  /** Derives the open document's problems from it as it is now, against the corpus's labels now. */
  deriveDiagnostics(): void {
    this.lint.now();
  }

  /** Shows the problems derived for doc, if it is still the one shown, and counts them in the corpus list. */
  private showProblems(doc: BracketDocument, diagnostics: readonly Diagnostic[]): void {
    const synced = this.synced;
    if (!synced) return;
    this.problems = diagnosticSpans(doc, diagnostics);
    const { errors, warnings } = summarize(doc, diagnostics);
    this.hooks.summaryChanged(synced.id, { errors, warnings });
  }

  /**
   * The shown document was saved: by this editor (at the revision the save answered, none for Save
   * all), or by another, told of at the revision this one shows (else there are edits it has not
   * seen yet, or edits since, and it is not saved as shown).
   */
  tookSave(id: DocumentId, revision?: number, elsewhere = false): void {
    const synced = this.synced;
    if (synced?.id !== id) return;
    if (elsewhere && revision !== synced.acknowledged.revision) return;
    this.synced = saved(synced, revision);
    this.fileLost = null;
    this.readOnly = null;
    this.recoveredEdits = 0;
  }

  /** Takes in another editor's edit; a gap or a crossing with our pending edits reloads instead. */
  edited(result: EditResult): void {
    const synced = this.synced;
    if (!synced || synced.id !== result.id) {
      const { dirty } = result;
      if (dirty) this.hooks.summaryChanged(result.id, { dirty, status: 'edited' });
      // Its problem counts (and, undone to disk, its status) are the workspace's to derive.
      this.summariesAsked.push(result.id);
      this.enqueue(() => this.takeSummary());
      return;
    }
    const next = editedRemotely(synced, result, Date.now());
    if (next === 'reload') {
      this.enqueue(() => this.resync(synced.id));
      return;
    }
    if (next.synced === synced) return;
    this.synced = next.synced;
    this.lintAfter(next.textChanged);
    this.hooks.summaryChanged(synced.id, {
      dirty: result.dirty,
      entities: next.synced.acknowledged.doc.entities.length,
      ...(result.dirty ? { status: 'edited' } : {}),
    });
    if (!result.dirty) this.enqueue(() => this.takeSummary(synced.id));
  }

  /** Saves the open document once every edit before it is journaled. */
  save(): void {
    const synced = this.synced;
    if (synced) this.enqueue(() => saveDocument(this.saves, synced.id));
  }

  /** Saves every document once every edit before it is journaled. */
  saveAll(): void {
    this.enqueue(() => saveEveryDocument(this.saves));
  }

  /** Runs a request after every request queued before it. */
  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.notices.show(messageOf(error));
    });
  }

  /** Waits until every queued edit and save has been answered (tests and closing use it). */
  settled(): Promise<void> {
    return this.queue;
  }
}
