// The open document, local-first: every edit applies here and paints at once, then the workspace journals it.
//
// `apply(tx)` is the one way to change the document (labels, removals, boundary moves, apply-to-all,
// quick fixes, review reverts); `step('undo' | 'redo')` undoes and redoes the same way. Each edit:
// 1. is applied to the shown document with shared/model (a refused one only shows a notice);
// 2. is queued and sent to the workspace in order, one at a time, with the revision it was made at;
// 3. counts as pending (not yet safe: the status bar says so) until the workspace has journaled it;
// 4. if the workspace refuses it, the document rolls back to what the workspace acknowledged, a
//    notice says why, and a stale document is reloaded.
// The workspace does not send an editor's own edits back to it; other editors' edits arrive as events.
import {
  ApiError,
  type DocumentId,
  type DocumentSource,
  type DocumentSummary,
  type EditResult,
} from '../../../shared/api/contract';
import type { BracketDocument, Diagnostic } from '../../../shared/format/document';
import { parse } from '../../../shared/format/parse';
import { revalidate, type Validated } from '../../../shared/format/revalidate';
import { summarize, validate } from '../../../shared/format/validate';
import { recordEdit, redo, undo, type History } from '../../../shared/model/history';
import { applyTransaction, EditError, type Transaction } from '../../../shared/model/operations';
import type { EmendClient } from '../api/client';
import { nextPaint } from '../document/after-paint';
import { diagnosticSpans, type DiagnosticSpan } from '../document/diagnostic-spans';
import { LineIndex } from '../document/line-index';
import { messageOf, type Notices } from './notices.svelte';

/** The document on screen: its parsed form plus what the view needs to render it fast. */
export interface OpenDocument {
  id: DocumentId;
  doc: BracketDocument;
  /** The revision the workspace will be at once every pending edit is journaled. */
  revision: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Edits shown but not yet journaled by the workspace (not yet safe from a crash). */
  pending: number;
  lines: LineIndex;
  diagnostics: DiagnosticSpan[];
}

type Step = { kind: 'apply'; tx: Transaction; group?: string } | { kind: 'undo' | 'redo' };

/** An edit made here and sent (or about to be sent) to the workspace. */
interface PendingEdit {
  step: Step;
  /** The operations it applied here, to compare with what the workspace applied. */
  applied: Transaction;
  /** The document and history once it is applied. */
  doc: BracketDocument;
  history: History;
  /** Whether it changed the document's text (a rewrite): its problems are derived at once. */
  textChanged: boolean;
}

/** One opened document as the workspace acknowledged it, and the edits it has not yet acknowledged. */
interface Track {
  id: DocumentId;
  doc: BracketDocument;
  history: History;
  revision: number;
  dirty: boolean;
  pending: PendingEdit[];
}

export interface SyncHooks {
  /** A document's summary changed here (the corpus list shows it). */
  summaryChanged(id: DocumentId, change: Partial<DocumentSummary>): void;
  /** The shown document was replaced by the workspace's (loaded, reloaded, rolled back). */
  replaced(open: OpenDocument, sameText: boolean): void;
  /** The corpus's labels now: problems are derived against them. */
  labels(): readonly string[];
}

/** Problems are derived again once edits pause for this long, as an editor's lint runs. */
const DIAGNOSTICS_DELAY_MS = 150;

/** Parses a document's bytes as the workspace did and gives its entities the workspace's ids. */
export function documentOf(state: DocumentSource): BracketDocument {
  const parsed = parse(state.source, { labels: state.labels });
  const ids = state.ids;
  if (ids && ids.length !== parsed.entities.length) {
    throw new ApiError('internal', `${state.id}: the entity ids do not match the document`);
  }
  return {
    ...parsed,
    entities: ids
      ? parsed.entities.map((entity, index) => ({ ...entity, id: ids[index] }))
      : parsed.entities,
    nextId: state.nextId,
  };
}

export class DocumentSync {
  open = $state.raw<OpenDocument | null>(null);
  conflict = $state(false);
  /** Edits "Take theirs" set aside can be restored. */
  setAside = $state(false);
  recoveredEdits = $state(0);

  private track: Track | null = null;
  /** The shown history: the acknowledged one with the pending edits on top. */
  private history: History = { done: [], undone: [] };
  /** Requests to the workspace about edits, one at a time and in order. */
  private queue: Promise<void> = Promise.resolve();
  private diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
  /** The document whose problems were last derived, and the labels they were derived against. */
  private validated: Validated | null = null;
  /** Documents whose summary the corpus list takes from the workspace at its next read. */
  private summariesAsked: DocumentId[] = [];

  constructor(
    private readonly client: EmendClient,
    private readonly notices: Notices,
    private readonly hooks: SyncHooks,
  ) {}

  /**
   * Opens a document from the workspace (after the edits still pending on it are answered); without
   * id, the corpus's first readable document. Returns its id.
   */
  async load(id?: DocumentId): Promise<DocumentId> {
    if (this.track && this.track.id === id && this.track.pending.length > 0) await this.settled();
    const state = await this.client.call('openSource', id === undefined ? {} : { id });
    this.show(state);
    return state.id;
  }

  /**
   * Applies a transaction to the open document now and sends it to the workspace. Returns the
   * transaction, or null when it was refused here (a notice says why) or nothing is open.
   */
  apply(tx: Transaction, group?: string): Transaction | null {
    const open = this.open;
    if (!open) return null;
    let applied;
    try {
      applied = applyTransaction(open.doc, tx);
    } catch (error) {
      if (error instanceof EditError) {
        this.notices.show(error.message);
        return null;
      }
      throw error;
    }
    const grouped = group === undefined ? {} : { group };
    this.commit({
      step: { kind: 'apply', tx, ...grouped },
      applied: tx,
      doc: applied.doc,
      textChanged: applied.textChanged,
      history: recordEdit(this.history, {
        forward: tx,
        inverse: applied.inverse,
        time: Date.now(),
        ...grouped,
      }),
    });
    return tx;
  }

  /** Undoes or redoes the last edit here and sends the step; returns what it applied, or null. */
  step(kind: 'undo' | 'redo'): Transaction | null {
    const open = this.open;
    if (!open) return null;
    let stepped;
    try {
      stepped = kind === 'undo' ? undo(this.history, open.doc) : redo(this.history, open.doc);
    } catch (error) {
      if (error instanceof EditError) {
        this.notices.show(error.message);
        return null;
      }
      throw error;
    }
    if (!stepped) {
      this.notices.show(`Nothing to ${kind}.`, 'info');
      return null;
    }
    this.commit({ step: { kind }, ...stepped });
    return stepped.applied;
  }

  private commit(edit: PendingEdit): void {
    const track = this.track!;
    track.pending.push(edit);
    this.history = edit.history;
    this.paint(track, edit.doc, edit.textChanged);
    this.hooks.summaryChanged(track.id, {
      dirty: true,
      status: 'edited',
      entities: edit.doc.entities.length,
    });
    // The request leaves once the edit is painted: the frame showing it goes first.
    this.enqueue(() => nextPaint().then(() => this.sendNext(track)));
  }

  /** Sends the oldest pending edit of track; acknowledges it or rolls every pending edit back. */
  private async sendNext(track: Track): Promise<void> {
    const edit = track.pending[0];
    if (!edit) return;
    const request = { id: track.id, revision: track.revision, client: this.client.id };
    let result: EditResult;
    try {
      result =
        edit.step.kind === 'apply'
          ? await this.client.call('applyEdit', {
              ...request,
              tx: edit.step.tx,
              ...(edit.step.group === undefined ? {} : { group: edit.step.group }),
            })
          : await this.client.call(edit.step.kind, request);
    } catch (error) {
      await this.rollBack(track, error);
      return;
    }
    track.pending.shift();
    track.doc = edit.doc;
    track.history = edit.history;
    track.revision = result.revision;
    track.dirty = result.dirty;
    if (!result.dirty && track.pending.length === 0) await this.takeSummary(track.id);
    if (result.applied.ops.length !== edit.applied.ops.length) {
      // The workspace's history grouped differently: take its document as it is.
      await this.resync(track);
      return;
    }
    if (track === this.track && this.open) this.paint(track, this.open.doc);
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
      if (asked.includes(summary.id) && !this.pendingOn(summary.id)) {
        this.hooks.summaryChanged(summary.id, summary);
      }
    }
  }

  private pendingOn(id: DocumentId): boolean {
    return this.track?.id === id && this.track.pending.length > 0;
  }

  /** Puts track back where the workspace acknowledged it; reloads it when it is stale. */
  private async rollBack(track: Track, error: unknown): Promise<void> {
    const dropped = track.pending.length;
    const textChanged = track.pending.some((edit) => edit.textChanged);
    track.pending = [];
    const undone = dropped > 1 ? `; ${dropped} edits were undone` : '; the edit was undone';
    this.notices.show(`${track.id}: ${messageOf(error)}${undone}.`);
    if (track === this.track) {
      this.history = track.history;
      this.paint(track, track.doc, textChanged);
      this.hooks.summaryChanged(track.id, {
        dirty: track.dirty,
        entities: track.doc.entities.length,
      });
      if (this.open) this.hooks.replaced(this.open, true);
    }
    if (error instanceof ApiError && error.code !== 'edit-refused') await this.resync(track);
  }

  /** Reloads the shown document from the workspace once the edits already sent are answered. */
  refresh(): void {
    const track = this.track;
    if (track) this.enqueue(() => this.resync(track));
  }

  /** Reloads track's document from the workspace, if it is still the one shown. */
  private async resync(track: Track): Promise<void> {
    if (track !== this.track) return;
    try {
      this.show(await this.client.call('openSource', { id: track.id }));
    } catch (error) {
      this.notices.show(`${track.id} could not be reloaded: ${messageOf(error)}`);
    }
  }

  /** Shows a document as the workspace holds it, replacing the shown one and its pending edits. */
  show(state: DocumentSource): void {
    const before = this.open;
    const doc = documentOf(state);
    const sameText = before?.id === state.id && before.doc.text === doc.text;
    this.track = {
      id: state.id,
      doc,
      history: state.history,
      revision: state.revision,
      dirty: state.dirty,
      pending: [],
    };
    this.history = state.history;
    const diagnostics = validate(doc);
    this.validated = { doc, diagnostics, labels: doc.labels };
    this.open = {
      id: state.id,
      doc,
      revision: state.revision,
      dirty: state.dirty,
      canUndo: state.history.done.length > 0,
      canRedo: state.history.undone.length > 0,
      pending: 0,
      lines: sameText && before ? before.lines : new LineIndex(doc.text),
      diagnostics: diagnosticSpans(doc, diagnostics),
    };
    this.conflict = state.conflict === true;
    this.setAside = state.setAside === true;
    this.recoveredEdits = state.recoveredEdits ?? 0;
    this.hooks.replaced(this.open, sameText);
  }

  /** Derives the open document's problems from it as it is now, against the corpus's labels now. */
  deriveDiagnostics(): void {
    clearTimeout(this.diagnosticsTimer);
    const open = this.open;
    if (!open) return;
    const labels = this.hooks.labels();
    // After an edit only the lines around the changed entities are read again.
    const diagnostics = this.validated
      ? revalidate(this.validated, open.doc, labels, open.lines.starts)
      : validate(open.doc, labels);
    this.validated = { doc: open.doc, diagnostics, labels };
    this.open = { ...open, diagnostics: diagnosticSpans(open.doc, diagnostics) };
    this.countProblems(open.id, open.doc, diagnostics);
  }

  /**
   * Shows doc as track's document with the shown history and pending count. After a text rewrite
   * (a quick fix, or its undo) the problems are derived at once: the old ones no longer fit the text.
   */
  private paint(track: Track, doc: BracketDocument, textChanged = false): void {
    const open = this.open;
    if (!open || track !== this.track) return;
    this.open = {
      ...open,
      doc,
      ...(doc.text !== open.doc.text ? { lines: new LineIndex(doc.text) } : {}),
      revision: track.revision + track.pending.length,
      dirty: track.pending.length > 0 || track.dirty,
      canUndo: this.history.done.length > 0,
      canRedo: this.history.undone.length > 0,
      pending: track.pending.length,
    };
    if (textChanged) {
      this.deriveDiagnostics();
    } else {
      clearTimeout(this.diagnosticsTimer);
      this.diagnosticsTimer = setTimeout(() => this.deriveDiagnostics(), DIAGNOSTICS_DELAY_MS);
    }
  }

  /** The corpus list counts the problems as they are now, saved or not. */
  private countProblems(id: DocumentId, doc: BracketDocument, diagnostics: readonly Diagnostic[]) {
    const { errors, warnings } = summarize(doc, diagnostics);
    this.hooks.summaryChanged(id, { errors, warnings });
  }

  /** Takes in another editor's edit; a gap or a crossing with our pending edits reloads instead. */
  edited(result: EditResult): void {
    const track = this.track;
    if (!track || track.id !== result.id) {
      const { dirty } = result;
      if (dirty) this.hooks.summaryChanged(result.id, { dirty, status: 'edited' });
      // Its problem counts (and, undone to disk, its status) are the workspace's to derive.
      this.summariesAsked.push(result.id);
      this.enqueue(() => this.takeSummary());
      return;
    }
    if (result.revision <= track.revision) return;
    if (result.revision > track.revision + 1 || track.pending.length > 0) {
      this.enqueue(() => this.resync(track));
      return;
    }
    let next: { doc: BracketDocument; history: History; textChanged: boolean };
    try {
      if (result.kind === 'apply') {
        const applied = applyTransaction(track.doc, result.applied);
        next = {
          doc: applied.doc,
          textChanged: applied.textChanged,
          history: recordEdit(track.history, {
            forward: result.applied,
            inverse: applied.inverse,
            time: Date.now(),
          }),
        };
      } else {
        const stepped =
          result.kind === 'undo' ? undo(track.history, track.doc) : redo(track.history, track.doc);
        if (!stepped) throw new EditError('malformed', `nothing to ${result.kind}`);
        next = stepped;
      }
    } catch {
      this.enqueue(() => this.resync(track));
      return;
    }
    track.doc = next.doc;
    track.history = this.history = next.history;
    track.revision = result.revision;
    track.dirty = result.dirty;
    this.paint(track, next.doc, next.textChanged);
    this.hooks.summaryChanged(track.id, {
      dirty: result.dirty,
      entities: next.doc.entities.length,
      ...(result.dirty ? { status: 'edited' } : {}),
    });
    if (!result.dirty) this.enqueue(() => this.takeSummary(track.id));
  }

  /** Saves the open document once every edit before it is journaled. */
  save(): void {
    const track = this.track;
    if (!track) return;
    this.enqueue(async () => {
      try {
        const result = await this.client.call('save', { id: track.id, revision: track.revision });
        track.dirty = false;
        track.revision = result.revision;
        if (track === this.track && this.open) this.paint(track, this.open.doc);
        this.hooks.summaryChanged(track.id, { dirty: false, status: 'saved' });
        const notice = result.notice ? ` ${result.notice}.` : '';
        this.notices.show(`Saved ${track.id}.${notice}`, 'info');
      } catch (error) {
        this.notices.show(messageOf(error));
        if (error instanceof ApiError && error.code === 'stale-revision') await this.resync(track);
      }
    });
  }

  /** Saves every document once every edit before it is journaled. */
  saveAll(): void {
    this.enqueue(async () => {
      try {
        const { saved } = await this.client.call('saveAll', {});
        for (const id of saved) this.hooks.summaryChanged(id, { dirty: false, status: 'saved' });
        const track = this.track;
        if (track && saved.includes(track.id)) {
          track.dirty = false;
          if (this.open) this.paint(track, this.open.doc);
        }
        this.notices.show(
          saved.length === 0 ? 'Nothing to save.' : `Saved ${saved.length} document(s).`,
          'info',
        );
      } catch (error) {
        this.notices.show(`Save all failed: ${messageOf(error)}`);
      }
    });
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
