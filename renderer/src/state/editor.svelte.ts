// The editor's state and actions: corpus, the open document, selection, edits through the workspace API.
import {
  ApiError,
  type ApiEvent,
  type CorpusSettings,
  type DocumentState,
  type DocumentSummary,
  type EditResult,
  type LabelSetting,
} from '../../../shared/api/contract';
import type { BracketDocument, DocumentEntity } from '../../../shared/format/document';
import {
  moveBoundary,
  tagSpan,
  type Boundary,
  type Direction,
} from '../../../shared/model/gestures';
import { applyTransaction, EditError, type Transaction } from '../../../shared/model/operations';
import type { EmendClient } from '../api/client';
import { diagnosticSpans, type DiagnosticSpan } from '../document/diagnostic-spans';
import type { Span } from '../document/dom-selection';
import { LineIndex } from '../document/line-index';
import { stepLine, stepToken, tokenFrom, union } from '../document/token-cursor';

/** The document on screen: its parsed form plus what the view needs to render it fast. */
export interface OpenDocument {
  id: string;
  doc: BracketDocument;
  revision: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  lines: LineIndex;
  diagnostics: DiagnosticSpan[];
}

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** Where the view should scroll; a new object each time, so asking twice scrolls twice. */
export interface RevealRequest {
  offset: number;
}

function toDocument(state: DocumentState): BracketDocument {
  return {
    text: state.text,
    entities: state.entities,
    nextId: state.nextId,
    bom: state.bom,
    lineEnding: state.lineEnding,
    closeStyle: state.closeStyle,
    labels: state.labels,
    diagnostics: state.diagnostics,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Editor {
  corpusName = $state('');
  documents = $state.raw<DocumentSummary[]>([]);
  labels = $state.raw<LabelSetting[]>([]);
  open = $state.raw<OpenDocument | null>(null);
  /** The refused file whose message is shown instead of a document. */
  refused = $state.raw<DocumentSummary | null>(null);
  /** A failure to reach the workspace at all. */
  failure = $state('');
  /** The token span under the cursor or the selection, whole tokens. */
  selection = $state.raw<Span | null>(null);
  selectedId = $state<number | null>(null);
  conflict = $state(false);
  recoveredEdits = $state(0);
  toasts = $state.raw<Toast[]>([]);
  menuOpen = $state(false);
  helpOpen = $state(false);
  dimMarkup = $state(false);
  reveal = $state.raw<RevealRequest | null>(null);

  /** The fixed end of a selection being extended; the moving end is `focus`. */
  private anchor: Span | null = null;
  private focus: Span | null = null;
  private queue: Promise<void> = Promise.resolve();
  private settingsQueue: Promise<void> = Promise.resolve();
  private toastSerial = 0;
  /** Offset of the first line the view shows; the cursor starts there. Set by the view. */
  viewTop = 0;

  constructor(private readonly client: EmendClient) {}

  get selectedEntity(): DocumentEntity | null {
    const id = this.selectedId;
    return id === null
      ? null
      : (this.open?.doc.entities.find((entity) => entity.id === id) ?? null);
  }

  /** Loads the corpus, listens for workspace events and opens the first readable document. */
  async start(): Promise<void> {
    this.client.onEvent((event) => this.handleEvent(event));
    try {
      const corpus = await this.client.call('getCorpus', {});
      this.corpusName = corpus.name;
      this.documents = corpus.documents;
      this.labels = corpus.settings.labels;
      const first = corpus.documents.find((summary) => !summary.refused);
      if (first) await this.openDocument(first.id);
    } catch (error) {
      this.failure = `The workspace could not be loaded: ${messageOf(error)}`;
    }
  }

  async openDocument(id: string): Promise<void> {
    const summary = this.documents.find((candidate) => candidate.id === id);
    if (summary?.refused) {
      this.refused = summary;
      this.open = null;
      this.clearSelection();
      return;
    }
    try {
      const state = await this.client.call('openDocument', { id });
      this.refused = null;
      this.clearSelection();
      this.show(state);
      this.reveal = { offset: 0 };
    } catch (error) {
      this.toast(`${id}: ${messageOf(error)}`);
    }
  }

  /** Opens the document before (-1) or after (1) the current one in the list. */
  async stepDocument(direction: 1 | -1): Promise<void> {
    const current = this.open?.id ?? this.refused?.id;
    const index = this.documents.findIndex((summary) => summary.id === current);
    const next = this.documents[index + direction];
    if (next) await this.openDocument(next.id);
  }

  private show(state: DocumentState): void {
    const doc = toDocument(state);
    const sameText = this.open?.id === state.id && this.open.doc.text === state.text;
    this.open = {
      id: state.id,
      doc,
      revision: state.revision,
      dirty: state.dirty,
      canUndo: state.canUndo,
      canRedo: state.canRedo,
      lines: sameText && this.open ? this.open.lines : new LineIndex(state.text),
      diagnostics: diagnosticSpans(doc),
    };
    this.conflict = state.conflict === true;
    this.recoveredEdits = state.recoveredEdits ?? 0;
    if (this.selectedId !== null && !this.selectedEntity) this.selectedId = null;
    if (!sameText) this.clearSelection();
  }

  // ----- selection and cursor -----

  clearSelection(): void {
    this.selection = null;
    this.selectedId = null;
    this.anchor = this.focus = null;
    this.menuOpen = false;
  }

  /** Selects a whole-token span (from the mouse); `extend` grows the current selection to it. */
  selectSpan(span: Span, extend = false): void {
    const from = extend ? (this.anchor ?? this.selection) : null;
    this.selectedId = null;
    this.anchor = from ?? span;
    this.focus = span;
    this.selection = from ? union(from, span) : span;
  }

  selectEntity(id: number, reveal = false): void {
    const entity = this.open?.doc.entities.find((candidate) => candidate.id === id);
    if (!entity) return;
    this.selectedId = id;
    this.selection = { start: entity.start, end: entity.end };
    this.anchor = this.focus = this.selection;
    if (reveal) this.reveal = { offset: entity.start };
  }

  /** Moves the cursor token (or, with extend, the selection's moving end) by a token or a line. */
  moveCursor(step: 'token' | 'line', direction: 1 | -1, extend = false): void {
    const open = this.open;
    if (!open) return;
    const current = extend ? (this.focus ?? this.selection) : this.selection;
    const next = !current
      ? tokenFrom(open.doc.text, open.lines.start(open.lines.lineOf(this.viewTop)))
      : step === 'token'
        ? stepToken(open.doc.text, current, direction)
        : stepLine(open.lines, current, direction);
    if (!next) return;
    if (extend && this.selection) {
      this.anchor ??= this.selection;
      this.focus = next;
      this.selectedId = null;
      this.selection = union(this.anchor, next);
    } else {
      this.selectSpan(next);
    }
    this.reveal = { offset: next.start };
  }

  /** Selects the next (1) or previous (-1) entity after the cursor, wrapping around. */
  stepEntity(direction: 1 | -1): void {
    const entities = this.open?.doc.entities;
    if (!entities || entities.length === 0) return;
    const at = this.selection ?? { start: -1, end: -1 };
    let found: DocumentEntity | undefined;
    if (direction > 0)
      found = entities.find((entity) => entity.start >= at.end && entity.id !== this.selectedId);
    else
      found = entities.findLast(
        (entity) => entity.end <= at.start && entity.id !== this.selectedId,
      );
    found ??= direction > 0 ? entities[0] : entities[entities.length - 1];
    this.selectEntity(found.id, true);
  }

  // ----- edits -----

  /** Applies the label (by name) to the selected entity, or tags the selection with it. */
  applyLabel(label: string): void {
    this.menuOpen = false;
    const entity = this.selectedEntity;
    if (entity) {
      if (entity.label !== label)
        this.edit(() => ({ ops: [{ op: 'relabel', id: entity.id, label }] }));
      return;
    }
    const span = this.selection;
    if (!span) {
      this.toast(
        'Select some text first (drag, double-click, or move the cursor with the arrow keys).',
        'info',
      );
      return;
    }
    this.edit((doc) => tagSpan(doc, span.start, span.end, label));
  }

  /** Applies the label whose hotkey is key; false when no label has that key. */
  applyLabelKey(key: string): boolean {
    const setting = this.labels.find((label) => label.key !== '' && label.key === key);
    if (!setting) return false;
    this.applyLabel(setting.name);
    return true;
  }

  removeSelected(): void {
    const entity = this.selectedEntity;
    if (!entity) {
      this.toast('Select an entity to remove (click it, or Tab to it).', 'info');
      return;
    }
    this.edit(() => ({ ops: [{ op: 'remove', id: entity.id }] }));
  }

  moveSelectedBoundary(boundary: Boundary, direction: Direction): void {
    const entity = this.selectedEntity;
    if (!entity) {
      this.toast('Select an entity to move its boundaries.', 'info');
      return;
    }
    this.edit((doc) => moveBoundary(doc, entity.id, boundary, direction));
  }

  /** Queues an edit built against the document as it is when its turn comes. */
  private edit(build: (doc: BracketDocument) => Transaction): void {
    this.enqueue(async (open) => {
      let tx: Transaction;
      try {
        tx = build(open.doc);
        applyTransaction(open.doc, tx); // refuse locally what the workspace would refuse
      } catch (error) {
        if (error instanceof EditError) return this.toast(error.message);
        throw error;
      }
      const result = await this.client.call('applyEdit', {
        id: open.id,
        revision: open.revision,
        tx,
      });
      this.absorb(result, open.doc);
    });
  }

  undo(): void {
    this.enqueue(async (open) => {
      if (!open.canUndo) return this.toast('Nothing to undo.', 'info');
      this.absorb(
        await this.client.call('undo', { id: open.id, revision: open.revision }),
        open.doc,
      );
    });
  }

  redo(): void {
    this.enqueue(async (open) => {
      if (!open.canRedo) return this.toast('Nothing to redo.', 'info');
      this.absorb(
        await this.client.call('redo', { id: open.id, revision: open.revision }),
        open.doc,
      );
    });
  }

  save(): void {
    this.enqueue(async (open) => {
      const result = await this.client.call('save', { id: open.id, revision: open.revision });
      if (this.open?.id === open.id)
        this.open = { ...this.open, revision: result.revision, dirty: false };
      this.updateSummary(open.id, { dirty: false, status: 'saved' });
      this.toast(
        result.notice ? `Saved ${open.id}. ${result.notice}.` : `Saved ${open.id}.`,
        'info',
      );
    });
  }

  saveAll(): void {
    this.queue = this.queue.then(async () => {
      try {
        const { saved } = await this.client.call('saveAll', {});
        for (const id of saved) this.updateSummary(id, { dirty: false, status: 'saved' });
        if (this.open && saved.includes(this.open.id)) this.open = { ...this.open, dirty: false };
        this.toast(
          saved.length === 0 ? 'Nothing to save.' : `Saved ${saved.length} document(s).`,
          'info',
        );
      } catch (error) {
        this.toast(`Save all failed: ${messageOf(error)}`);
      }
    });
  }

  markReviewed(): void {
    const open = this.open;
    if (!open) return;
    const summary = this.documents.find((candidate) => candidate.id === open.id);
    const reviewed = summary?.status !== 'reviewed';
    this.client
      .call('markReviewed', { id: open.id, reviewed })
      .then((updated) => this.updateSummary(open.id, updated))
      .catch((error: unknown) => this.toast(messageOf(error)));
  }

  async resolveConflict(choice: 'keep-mine' | 'take-theirs'): Promise<void> {
    const open = this.open;
    if (!open) return;
    try {
      this.show(await this.client.call('resolveConflict', { id: open.id, choice }));
      this.conflict = false;
    } catch (error) {
      this.toast(messageOf(error));
    }
  }

  /** Shows the new label settings at once and saves them in order, so quick changes never undo each other. */
  updateLabels(labels: LabelSetting[]): Promise<void> {
    const before = this.labels;
    this.labels = labels;
    const settings: CorpusSettings = { labels };
    this.settingsQueue = this.settingsQueue.then(async () => {
      try {
        await this.client.call('updateSettings', { settings });
      } catch (error) {
        this.labels = before;
        this.toast(`The label settings were not saved: ${messageOf(error)}`);
      }
    });
    return this.settingsQueue;
  }

  private enqueue(task: (open: OpenDocument) => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      const open = this.open;
      if (!open) return;
      try {
        await task(open);
      } catch (error) {
        this.toast(messageOf(error));
        if (error instanceof ApiError && error.code !== 'save-failed') await this.resync(open.id);
      }
    });
  }

  /** Waits until every queued edit has been answered (tests and the toolbar use it). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Reloads the document from the workspace after a refused or stale edit. */
  private async resync(id: string): Promise<void> {
    if (this.open?.id !== id) return;
    try {
      this.show(await this.client.call('openDocument', { id }));
    } catch (error) {
      this.toast(`${id} could not be reloaded: ${messageOf(error)}`);
    }
  }

  /** Brings an edit, undo or redo result into the view and selects what it changed. */
  private absorb(result: EditResult, before: BracketDocument): void {
    const open = this.open;
    if (!open || open.id !== result.id) return;
    if (result.revision > open.revision + 1) {
      void this.resync(open.id);
      return;
    }
    this.applyResult(result);
    this.selectChanged(result.applied, before);
  }

  /** Applies a result that follows the shown revision (from a response or an event); ignores older ones. */
  private applyResult(result: EditResult): void {
    const open = this.open;
    if (!open || open.id !== result.id || result.revision !== open.revision + 1) return;
    const { doc } = applyTransaction(open.doc, result.applied);
    const { revision, dirty, canUndo, canRedo } = result;
    this.open = { ...open, doc, revision, dirty, canUndo, canRedo };
    this.updateSummary(open.id, {
      dirty,
      entities: doc.entities.length,
      ...(dirty ? { status: 'edited' } : {}),
    });
  }

  private selectChanged(applied: Transaction, before: BracketDocument): void {
    const kept = applied.ops.findLast((operation) => operation.op !== 'remove');
    if (kept) {
      this.selectEntity(kept.op === 'add' ? kept.entity.id : kept.id, true);
      return;
    }
    const removed = applied.ops
      .map((operation) =>
        operation.op === 'remove'
          ? before.entities.find((entity) => entity.id === operation.id)
          : undefined,
      )
      .filter((entity) => entity !== undefined);
    if (removed.length === 0) return this.clearSelection();
    this.selectSpan({ start: removed[0].start, end: removed[removed.length - 1].end });
    this.reveal = { offset: removed[0].start };
  }

  private updateSummary(id: string, change: Partial<DocumentSummary>): void {
    this.documents = this.documents.map((summary) =>
      summary.id === id ? { ...summary, ...change } : summary,
    );
  }

  handleEvent(event: ApiEvent): void {
    const open = this.open;
    switch (event.type) {
      case 'corpus-changed':
        this.documents = event.documents;
        break;
      case 'document-reloaded':
        if (open?.id === event.state.id) {
          this.show(event.state);
          this.toast(`${event.state.id} changed on disk and was reloaded.`, 'info');
        }
        break;
      case 'document-conflict':
        if (open?.id === event.id) this.conflict = true;
        break;
      case 'document-edited':
        if (open?.id !== event.result.id) {
          const { dirty } = event.result;
          this.updateSummary(event.result.id, { dirty, ...(dirty ? { status: 'edited' } : {}) });
        } else if (event.result.revision > open.revision + 1) {
          void this.resync(open.id);
        } else {
          this.applyResult(event.result);
          if (this.selectedId !== null && !this.selectedEntity) this.clearSelection();
        }
        break;
    }
  }

  toast(message: string, kind: Toast['kind'] = 'error'): void {
    const toast = { id: ++this.toastSerial, kind, message };
    this.toasts = [...this.toasts, toast].slice(-4);
    setTimeout(() => this.dismiss(toast.id), kind === 'error' ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }
}
