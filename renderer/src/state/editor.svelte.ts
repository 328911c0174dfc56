// The editor: the corpus, the open document, the selection, notices and label settings, composed.
//
// Each concern lives in its own module: `corpus` (the document list), `sync` (the open document,
// local-first: see document-sync.svelte.ts), `selection` (span, entity, cursor, scrolling), `notices`
// (toasts, failures) and `settings` (labels). The editor joins them into the user's actions.
// Every change to the document goes through `apply(tx)` (or `undo`/`redo`): it paints at once and
// the workspace journals it in the background.
import type { Theme } from './theme.svelte';
import {
  ApiError,
  type ApiEvent,
  type ConflictChoice,
  type DocumentId,
  type DocumentSummary,
  type FileLost,
} from '../../../shared/api/contract';
import type { Diagnostic, DocumentEntity } from '../../../shared/format/document';
import { tagSpans } from '../../../shared/format/tokens';
import { drawnRightToLeftAt } from '../../../shared/view/line-direction';
import { BREAKS_LINE } from '../../../shared/format/validate';
import {
  moveBoundary,
  tagSpan,
  wholeWordsOf,
  type Boundary,
  type Direction,
} from '../../../shared/model/gestures';
import { entityAt, entityWithId } from '../../../shared/format/entity-order';
import { EditError, type Transaction } from '../../../shared/model/operations';
import type { QuickFix } from '../../../shared/model/quick-fixes';
import { requestFirst, type EmendClient, type FirstRequests } from '../api/client';
import {
  dimMarkupFor,
  localStore,
  rememberDimMarkup,
} from '../../../shared/view/markup-preference';
import type { Span } from '../document/dom-selection';
import { Corpus } from './corpus.svelte';
import { Find } from './find.svelte';
import { DocumentSync, lostOnDisk, type OpenDocument } from './document-sync.svelte';
import { asSentence, messageOf, Notices } from './notices.svelte';
import { CorpusReview } from './corpus-review.svelte';
import { Review } from './review.svelte';
import { Selection, type CursorStep } from './selection.svelte';
import { LabelSettings } from './settings.svelte';
import { Timeline } from './timeline.svelte';

export type { OpenDocument } from './document-sync.svelte';

/** The problem whose fixes are shown, and the element they are shown beside (else the selection). */
export interface QuickFixRequest {
  problem: Diagnostic;
  anchor: Element | null;
}

const NOTHING_SELECTED = { span: null, entityId: null };

export class Editor {
  readonly notices = new Notices();
  readonly corpus = new Corpus();
  readonly selection = new Selection();
  readonly find = new Find();
  readonly settings: LabelSettings;
  readonly sync: DocumentSync;
  readonly review: Review;
  /** The window's theme, which the theme key cycles (set by the app). */
  theme: Theme | null = null;
  readonly timeline: Timeline;
  readonly corpusReview: CorpusReview;
  menuOpen = $state(false);
  helpOpen = $state(false);
  /** The command palette (Ctrl/⌘+Shift+P) is open. */
  paletteOpen = $state(false);
  dimMarkup = $state(false);
  /** Markup was dimmed or undimmed before the corpus list (and so the corpus's name) arrived. */
  private markupChosenUnnamed = false;
  quickFixes = $state.raw<QuickFixRequest | null>(null);
  /** Where the context menu was asked for (window coordinates), while it is open. */
  contextMenu = $state.raw<{ x: number; y: number } | null>(null);
  /** The review mark last made on a document with unsaved edits, and the revision it was made at. */
  private markedUnsaved = $state.raw<{ id: DocumentId; revision: number } | null>(null);
  /** What was selected when Find opened: selected again while the query matches nothing. */
  private selectedBeforeFind: { span: Span | null; entityId: number | null } = NOTHING_SELECTED;

  constructor(private readonly client: EmendClient) {
    // Which labels are unknown follows the settings: the problems are derived again.
    this.settings = new LabelSettings(client, this.notices, () => this.sync.deriveDiagnostics());
    this.sync = new DocumentSync(client, this.notices, {
      summaryChanged: (id, change) => {
        this.corpus.update(id, change);
        if (change.status === 'edited') this.corpusReview.stale = true;
      },
      replaced: (open, sameText) => {
        if (sameText) this.selection.rebind(open.doc);
        else this.clearSelection();
      },
      labels: () => this.labelNames(),
    });

    this.review = new Review(client, this);
    this.timeline = new Timeline(client, this);
    this.corpusReview = new CorpusReview(client, this);
  }

  get open(): OpenDocument | null {
    return this.sync.open;
  }

  /** Whether the open document is marked reviewed (the corpus list's status). */
  get reviewed(): boolean {
    return this.corpus.find(this.open?.id)?.status === 'reviewed';
  }

  /** Whether the open document has unsaved edits and is marked reviewed as it is: saving shows it reviewed. */
  get reviewedOnSave(): boolean {
    const open = this.open;
    const mark = this.markedUnsaved;
    return open !== null && open.dirty && mark?.id === open.id && mark.revision === open.revision;
  }

  /**
   * The entity selected (clicked, stepped to), else the one the selection covers exactly (the words
   * Find leaves selected): every key, button and bar acts on it and names it alike.
   */
  get selectedEntity(): DocumentEntity | null {
    const span = this.selection.span;
    const entities = this.open?.doc.entities;
    return (
      this.selection.entityIn(this.open?.doc) ??
      (span && entities && entityAt(entities, span.start, span.end)) ??
      null
    );
  }

  /**
   * Listens for workspace events and shows the corpus list and its first document as they arrive
   * (`first`: the requests already sent, else they are sent now, together).
   */
  async start(first: FirstRequests = requestFirst(this.client)): Promise<void> {
    this.client.onEvent((event) => this.handleEvent(event));
    const shown = first.document.then(
      (state) => {
        this.sync.show(state);
        this.dimMarkupByDefault();
        this.clearSelection();
      },
      (error: unknown) => error,
    );
    try {
      const corpus = await first.corpus;
      this.corpus.load(corpus);
      // The first document may be shown already, its problems derived without the labels.
      this.settings.load(corpus.settings.labels);
      // A choice made before the corpus's name was known is kept and remembered under it; else the
      // corpus's remembered choice applies, now that its name is known.
      if (this.markupChosenUnnamed)
        rememberDimMarkup(this.corpus.name, this.dimMarkup, localStore());
      else this.dimMarkupByDefault();
      this.markupChosenUnnamed = false;
    } catch (error) {
      this.notices.failure = `The workspace could not be loaded: ${messageOf(error)}`;
    }
    const failed = await shown;
    // Said once: where the workspace could not be loaded, its failure says why already. An empty
    // corpus has nothing to open; the list says so.
    if (failed !== undefined && !this.notices.failure)
      if (!(failed instanceof ApiError && failed.code === 'not-found'))
        this.notices.show(messageOf(failed));
    // The page's address named a document the corpus refuses: its refusal is shown, as on a click.
    const refused = await first.refused;
    if (refused) await this.openDocument(refused);
  }

  async openDocument(id: DocumentId): Promise<void> {
    // Choosing the document already on screen keeps it as it is (selection, review, scroll).
    if (this.open?.id === id && !this.corpus.refused) return;
    const summary = this.corpus.find(id);
    if (summary?.refused) {
      this.showRefused(summary);
      return;
    }
    try {
      await this.sync.load(id);
      this.dimMarkupByDefault();
      this.review.forget(id);
      this.corpus.refused = null;
      this.clearSelection();
      this.selection.reveal = { offset: 0 };
    } catch (error) {
      this.notices.show(`${id}: ${messageOf(error)}`);
    }
  }

  /** Shows why a file cannot be opened, in place of a document. */
  private showRefused(summary: DocumentSummary): void {
    this.corpus.refused = summary;
    this.sync.close();
    this.clearSelection();
  }

  /** Dims markup in the open document when it has some, unless the corpus's choice says otherwise. */
  private dimMarkupByDefault(): void {
    if (this.open)
      this.dimMarkup = dimMarkupFor(this.corpus.name, this.open.doc.text, localStore());
  }

  /** Opens the document before (-1) or after (1) the current one in the list. */
  async stepDocument(direction: 1 | -1): Promise<void> {
    const next = this.corpus.neighbour(this.open?.id ?? this.corpus.refused?.id, direction);
    if (next) await this.openDocument(next.id);
  }

  // ----- selection and cursor -----

  clearSelection(): void {
    this.selection.clear();
    this.selectedBeforeFind = NOTHING_SELECTED;
    this.menuOpen = false;
  }

  /** Where the cursor is: the selection's start, else where Escape left it, else the top of the view (searches start there). */
  get cursor(): number {
    return this.selection.placeIn(this.open?.doc.text.length ?? 0);
  }

  /** Opens Find: a query kept from before is found again from the cursor, and its match shown. */
  openFind(): void {
    if (!this.find.isOpen)
      this.selectedBeforeFind = { span: this.selection.span, entityId: this.selection.entityId };
    const match = this.find.open(this.open?.doc.text ?? '', this.cursor);
    if (match) this.showMatch(match);
  }

  /**
   * Finds query from the cursor and shows its match; a query with none selects again what was
   * selected when Find opened (or nothing), so no match of a shorter query stays selected.
   */
  searchFind(query: string): void {
    const match = this.find.search(this.open?.doc.text ?? '', query, this.cursor);
    if (match) return this.showMatch(match);
    const { span, entityId } = this.selectedBeforeFind;
    // Nothing stays selected, but the next search goes on from the match it had.
    this.selection.clear(true);
    if (entityId !== null) this.selectEntity(entityId);
    else if (span && span.end <= (this.open?.doc.text.length ?? 0)) this.selection.select(span);
  }

  /**
   * Closes Find: the match selected becomes the whole words it is in (a match inside a word, "oso"
   * of "Kosovo", is no span a label can take), cut at entity edges; words that are an entity's
   * cover it exactly, so a label key relabels it and Delete removes it (see selectedEntity).
   */
  closeFind(): void {
    this.find.close();
    const span = this.selection.span;
    const doc = this.open?.doc;
    if (!span || doc === undefined || this.selection.entityId !== null) return;
    const words = wholeWordsOf(doc, span);
    if (words && (words.start !== span.start || words.end !== span.end))
      this.selection.select(words);
  }

  /** Selects a find match and scrolls to it. */
  showMatch(match: Span): void {
    this.selection.select(match);
    this.selection.reveal = { offset: match.start };
  }

  /** Dims or undims HTML markup, remembered for this corpus. */
  toggleMarkup(): void {
    this.dimMarkup = !this.dimMarkup;
    if (this.corpus.name) rememberDimMarkup(this.corpus.name, this.dimMarkup, localStore());
    else this.markupChosenUnnamed = true;
  }

  /** Escape: nothing selected, but the arrow keys go on from where the selection was. */
  deselect(): void {
    this.selection.clear(true);
    this.menuOpen = false;
  }

  selectEntity(id: number, reveal = false): void {
    const entity = this.open?.doc.entities.find((candidate) => candidate.id === id);
    if (entity) this.selection.selectEntity(entity, reveal);
  }

  /** Selects and scrolls to a span: the entity exactly there, or the span itself. */
  reveal(span: Span): void {
    const entities = this.open?.doc.entities;
    const entity = entities && entityAt(entities, span.start, span.end);
    if (entity) return this.selection.selectEntity(entity, true);
    this.selection.select(span);
    this.selection.reveal = { offset: span.start };
  }

  labelNames(): string[] {
    return this.settings.labels.map((label) => label.name);
  }

  /** Moves the cursor token (or, with extend, the selection's moving end) by a token or a line. */
  moveCursor(step: CursorStep, direction: 1 | -1, extend = false): void {
    if (this.open) this.selection.moveCursor(this.open, step, direction, extend);
  }

  /** Selects the next (1) or previous (-1) entity after the cursor, wrapping around. */
  stepEntity(direction: 1 | -1): void {
    if (this.open) this.selection.stepEntity(this.open.doc, direction);
  }

  // ----- edits -----

  /**
   * Applies a transaction to the open document: painted at once, journaled by the workspace in the
   * background, rolled back with a notice if the workspace refuses it. Selects what it changed
   * (unless `select` is false: an edit of many places, apply to all's, leaves the view where the
   * annotator was); false when it was refused here.
   */
  apply(tx: Transaction, { select = true } = {}): boolean {
    const before = this.open?.doc;
    const marked = this.reviewedOnSave;
    const applied = this.sync.apply(tx);
    if (applied && marked) this.endUnsavedMark();
    if (select && applied && before && this.open)
      this.selection.selectChanged(this.open.doc, applied, before);
    return applied !== null;
  }

  /** Builds a transaction against the open document and applies it; a refused gesture shows why. */
  private edit(build: (doc: OpenDocument['doc']) => Transaction): void {
    const open = this.open;
    if (!open) return;
    let tx: Transaction;
    try {
      tx = build(open.doc);
    } catch (error) {
      if (error instanceof EditError) return this.notices.show(error.message);
      throw error;
    }
    this.apply(tx);
  }

  /** Applies the label (by name) to the selected entity, or tags the selection with it. */
  applyLabel(label: string): void {
    this.menuOpen = false;
    const entity = this.selectedEntity;
    if (entity) {
      if (entity.label !== label) this.apply({ ops: [{ op: 'relabel', id: entity.id, label }] });
      return;
    }
    const span: Span | null = this.selection.span;
    if (!span) {
      this.notices.show(
        'Select some text first (drag, double-click, or move the cursor with the arrow keys).',
        'info',
      );
      return;
    }
    const broken = this.brokenMarkupOn(span);
    if (broken) {
      this.notices.show(
        `Line ${broken.line} has broken markup (${broken.message}): repair it first, then label.`,
      );
      this.quickFixes = { problem: broken, anchor: null };
      return;
    }
    this.edit((doc) => tagSpan(doc, span.start, span.end, label));
  }

  /** A problem that leaves the markup of span's line open, if any. */
  private brokenMarkupOn(span: Span): Diagnostic | undefined {
    const open = this.open;
    if (!open) return undefined;
    const line = open.lines.lineOf(span.start);
    return open.diagnostics.find(
      (problem) =>
        BREAKS_LINE.has(problem.diagnostic.code) && open.lines.lineOf(problem.start) === line,
    )?.diagnostic;
  }

  /** Shows the fixes of the problem under the cursor (or on its line). */
  quickFixAtCursor(): void {
    const open = this.open;
    const span = this.selection.span;
    if (!open || !span) return this.notices.show('Move the cursor to a problem first.', 'info');
    const line = open.lines.lineOf(span.start);
    const found =
      open.diagnostics.find((problem) => problem.start <= span.end && problem.end >= span.start) ??
      open.diagnostics.find((problem) => open.lines.lineOf(problem.start) === line);
    if (!found) return this.notices.show('There is no problem under the cursor.', 'info');
    this.quickFixes = { problem: found.diagnostic, anchor: null };
  }

  /** Applies a quick fix: an edit like any other (undoable), or labels added to the label set. */
  applyQuickFix(fix: QuickFix): void {
    this.quickFixes = null;
    if (fix.action.kind === 'edit') {
      // The entity selected before stays selected (Tab goes on from it), unless the fix closes one.
      const was = this.selection.entityId;
      this.apply(fix.action.tx);
      const entities = this.open?.doc.entities ?? [];
      const selected =
        entities.find((entity) => entity.start === fix.selects) ??
        (was === null ? undefined : entityWithId(entities, was));
      if (selected) this.selection.selectEntity(selected, true);
    } else void this.settings.add(...fix.action.labels);
  }

  /** Applies the label whose hotkey is key; false when no label has that key. */
  applyLabelKey(key: string): boolean {
    const setting = this.settings.forKey(key);
    if (!setting) return false;
    this.applyLabel(setting.name);
    return true;
  }

  removeSelected(): void {
    const entity = this.selectedEntity;
    if (!entity) {
      this.notices.show('Select an entity to remove (click it, or Tab to it).', 'info');
      return;
    }
    this.apply({ ops: [{ op: 'remove', id: entity.id }] });
  }

  /** Moves a boundary of the selected entity one token; `asDrawn`: the direction is the screen's. */
  moveSelectedBoundary(boundary: Boundary, direction: Direction, asDrawn = false): void {
    const entity = this.selectedEntity;
    const open = this.open;
    if (!entity || !open) {
      this.notices.show('Select an entity to move its boundaries.', 'info');
      return;
    }
    // An arrow key's direction is the screen's: on a line drawn right to left, left is later.
    const step = asDrawn && drawnRightToLeftAt(open.lines, entity.start) ? -direction : direction;
    this.edit((doc) => moveBoundary(doc, entity.id, boundary, step as Direction));
    this.tellTagTakenIn(entity, boundary);
  }

  /** A boundary moved out over an HTML tag (it never stops on one) puts the tag in the entity: said. */
  private tellTagTakenIn(before: DocumentEntity, boundary: Boundary): void {
    const open = this.open;
    const after = open?.doc.entities.find((entity) => entity.id === before.id);
    if (!open || !after) return;
    // A resize leaves the text as it is: the entity's old extent reads the same text.
    const tagsIn = ({ start, end }: DocumentEntity) => tagSpans(open.doc.text.slice(start, end));
    const held = tagsIn(after);
    if (held.length <= tagsIn(before).length) return;
    const [from, to] = boundary === 'end' ? held[held.length - 1] : held[0];
    const tag = open.doc.text.slice(after.start + from, after.start + to);
    const back = boundary === 'end' ? '{ moves its end back' : '] moves its start back';
    this.notices.show(
      `The entity now holds the HTML tag ${tag} (a markup-in-entity warning): ${back}.`,
      'info',
    );
  }

  undo(): void {
    this.step('undo');
  }

  redo(): void {
    this.step('redo');
  }

  private step(kind: 'undo' | 'redo'): void {
    const before = this.open?.doc;
    const marked = this.reviewedOnSave;
    const applied = this.sync.step(kind);
    if (applied && marked) this.endUnsavedMark();
    if (applied && before && this.open)
      this.selection.selectChanged(this.open.doc, applied, before);
  }

  save(): void {
    this.sync.save();
  }

  saveAll(): void {
    this.sync.saveAll();
  }

  /**
   * Marks the document reviewed as it is now (its edits sent first), or takes the mark back: the
   * mark of a saved document, or the one made on unsaved edits, which the next save would show.
   */
  async markReviewed(): Promise<void> {
    const open = this.open;
    if (!open) return;
    const reviewed = !(this.reviewed || this.reviewedOnSave);
    // The revision once the edits shown are acknowledged: the text the workspace marks.
    const { revision } = open;
    this.markedUnsaved = null;
    try {
      await this.sync.settled();
      const updated = await this.client.call('markReviewed', { id: open.id, reviewed });
      this.corpus.update(open.id, updated);
      // The file on disk shows as reviewed once it is saved as it was marked.
      if (reviewed && updated.dirty) {
        this.markedUnsaved = { id: open.id, revision };
        this.notices.show(
          `Marked ${open.id} reviewed as it is now: save it (Ctrl/⌘+S) and it shows as reviewed.`,
          'info',
        );
      }
    } catch (error) {
      this.notices.show(messageOf(error));
    }
  }

  /**
   * An edit ends the mark made on unsaved edits, in the workspace too: undone back to the text marked,
   * the document would otherwise be saved as reviewed while the editor shows it unmarked.
   */
  private endUnsavedMark(): void {
    const id = this.markedUnsaved?.id;
    this.markedUnsaved = null;
    if (id === undefined) return;
    this.client
      .call('markReviewed', { id, reviewed: false })
      .catch((error: unknown) => this.notices.show(messageOf(error)));
  }

  async resolveConflict(choice: ConflictChoice): Promise<void> {
    const open = this.open;
    if (!open) return;
    await this.sync.settled();
    try {
      await this.client.call('resolveConflict', { id: open.id, choice });
      await this.sync.load(open.id);
    } catch (error) {
      this.notices.show(messageOf(error));
    }
  }

  /** Waits until every queued edit and save has been answered (tests and the toolbar use it). */
  settled(): Promise<void> {
    return this.sync.settled();
  }

  handleEvent(event: ApiEvent): void {
    const open = this.open;
    switch (event.type) {
      case 'corpus-changed': {
        this.corpus.documents = event.documents;
        // The refused document shown can be read now (its file was replaced): it is opened.
        const refused = this.corpus.refused;
        const now = refused && this.corpus.find(refused.id);
        if (now && now.refused === undefined) void this.openDocument(now.id);
        break;
      }
      case 'document-reloaded':
        if (open?.id === event.state.id) {
          this.sync.show(event.state);
          this.notices.show(`${event.state.id} changed on disk and was reloaded.`, 'info');
        }
        break;
      case 'document-conflict':
        if (open?.id === event.id) this.sync.conflict = true;
        break;
      case 'document-deleted':
        this.fileLost(event.id, 'deleted');
        break;
      case 'document-unreadable':
        this.fileLost(event.id, { unreadable: event.why });
        break;
      case 'document-found':
        if (open?.id === event.id) this.sync.fileLost = null;
        break;
      case 'document-access':
        if (open?.id === event.id) this.sync.readOnly = event.readOnly;
        break;
      case 'document-saved':
        this.sync.tookSave(event.id, event.revision, true);
        break;
      case 'document-edited':
        this.sync.edited(event.result);
        if (this.open) this.selection.follow(this.open.doc);
        break;
      case 'reconnected':
        void this.catchUp();
        break;
    }
  }

  /**
   * The file of document id was deleted or turned unreadable: edits shown here (journaled or not)
   * stay, with a banner; a clean document goes with its file, an unreadable one shown refused
   * while the corpus lists it (a folder now, it is not).
   */
  private fileLost(id: DocumentId, lost: FileLost): void {
    const open = this.open;
    if (open?.id !== id) return;
    const listed = this.corpus.find(id);
    if (open.dirty) {
      this.sync.fileLost = lost;
    } else if (lost !== 'deleted' && listed) {
      this.showRefused({ ...listed, refused: lost.unreadable });
    } else {
      this.sync.close();
      this.notices.show(asSentence(`${id} ${lostOnDisk(lost)}`), 'info');
    }
  }

  /** After events may have been missed: reloads the corpus list and the shown document. */
  private async catchUp(): Promise<void> {
    try {
      this.corpus.documents = (await this.client.call('getCorpus', {})).documents;
    } catch (error) {
      this.notices.show(`The corpus list could not be reloaded: ${messageOf(error)}`);
    }
    this.sync.refresh();
  }
}
