// What is selected in the open document (a whole-token span, maybe an entity), the cursor and where to scroll.
import type { BracketDocument, DocumentEntity } from '../../../shared/format/document';
import { entityAt, entityWithId, insertionIndex } from '../../../shared/format/entity-order';
import type { Operation, Transaction } from '../../../shared/model/operations';
import type { Span } from '../document/dom-selection';
import type { LineIndex } from '../../../shared/view/line-index';
import { drawnRightToLeftAt } from '../../../shared/view/line-direction';
import {
  documentEdge,
  lineEdge,
  stepLines,
  stepToken,
  tokenFrom,
  union,
} from '../document/token-cursor';

/** Where the view should scroll; a new object each time, so asking twice scrolls twice. */
export interface RevealRequest {
  offset: number;
}

/** The parts of the open document a selection moves over. */
export interface SelectionContext {
  doc: BracketDocument;
  lines: LineIndex;
}

/** How far a cursor key moves: a token, a line, a page, to the line's edge, to the document's. */
export type CursorStep = 'token' | 'line' | 'page' | 'line-edge' | 'document-edge';

export class Selection {
  /** The token span under the cursor or the selection, whole tokens. */
  span = $state.raw<Span | null>(null);
  /** The selected entity's id, when the selection is an entity. */
  entityId = $state<number | null>(null);
  reveal = $state.raw<RevealRequest | null>(null);
  /** Offset of the first line the view shows; the cursor starts there. Set by the view. */
  viewTop = 0;
  /** Lines the view shows at once (a page, for PageUp and PageDown). Set by the view. */
  pageLines = 1;
  /** Rows the view shows at once, less one (a page, where the rows drawn tell it). Set by the view. */
  pageRows = 1;
  /**
   * The token rows below (1) or above (-1) a span as the view draws them, every row of a wrapped
   * line included, or null where it cannot tell (see drawn-rows). Set by the view.
   */
  rowsAway: ((span: Span, direction: 1 | -1, rows: number) => Span | null) | null = null;

  /** The fixed end of a selection being extended; the moving end is `focus`. */
  private anchor: Span | null = null;
  private focus: Span | null = null;
  /** Where the selection was when Escape cleared it. */
  private cursor: Span | null = null;

  /** The selected entity as doc holds it, or null (found where it was selected, without a scan). */
  entityIn(doc: BracketDocument | undefined): DocumentEntity | null {
    const id = this.entityId;
    if (id === null || !doc) return null;
    return entityWithId(doc.entities, id, this.span?.start) ?? null;
  }

  /** Where a step or a search goes on from: the selection, else where Escape left it (within `length`), else the first line in view. */
  placeIn(length: number): number {
    const left = this.cursor && this.cursor.end <= length ? this.cursor : null;
    return (this.span ?? left)?.start ?? this.viewTop;
  }

  /** Nothing selected; keepCursor (Escape) lets the arrow keys go on from the old selection. */
  clear(keepCursor = false): void {
    this.cursor = keepCursor ? this.span : null;
    this.span = null;
    this.entityId = null;
    this.anchor = this.focus = null;
  }

  /** Selects a whole-token span (from the mouse); `extend` grows the current selection to it. */
  select(span: Span, extend = false): void {
    const from = extend ? (this.anchor ?? this.span) : null;
    this.entityId = null;
    this.anchor = from ?? span;
    this.focus = span;
    this.span = from ? union(from, span) : span;
  }

  selectEntity(entity: DocumentEntity, reveal = false): void {
    this.entityId = entity.id;
    this.span = { start: entity.start, end: entity.end };
    this.anchor = this.focus = this.span;
    if (reveal) this.reveal = { offset: entity.start };
  }

  /**
   * Moves the cursor token (or, with extend, the selection's moving end) by a token, a line, a page
   * of lines, to its line's first or last token, or to the document's.
   */
  moveCursor(open: SelectionContext, step: CursorStep, direction: 1 | -1, extend = false): void {
    const cursor = this.cursor && this.cursor.end <= open.doc.text.length ? this.cursor : null;
    const current = extend ? (this.focus ?? this.span ?? cursor) : (this.span ?? cursor);
    this.cursor = null;
    // With no cursor yet, an arrow shows it on the first token in view; other keys move from there.
    const from =
      current ?? tokenFrom(open.doc.text, open.lines.start(open.lines.lineOf(this.viewTop)));
    const shown = !current && (step === 'token' || step === 'line');
    const next =
      step === 'document-edge'
        ? documentEdge(open.doc.text, direction)
        : from && !shown
          ? this.stepped(open, from, step, direction)
          : from;
    if (!next) return;
    if (extend && this.span) {
      this.anchor ??= this.span;
      this.focus = next;
      this.entityId = null;
      this.span = union(this.anchor, next);
    } else {
      this.select(next);
    }
    this.reveal = { offset: next.start };
  }

  /** Where a cursor key takes the cursor from `from`, within the text. */
  private stepped(
    open: SelectionContext,
    from: Span,
    step: Exclude<CursorStep, 'document-edge'>,
    direction: 1 | -1,
  ): Span {
    switch (step) {
      case 'token': {
        // ← and → go the way the line is drawn: on a right-to-left line, → goes back in the text.
        const drawn = drawnRightToLeftAt(open.lines, from.start)
          ? (-direction as 1 | -1)
          : direction;
        return stepToken(open.doc.text, from, drawn);
      }
      // Down and up the rows as drawn; by the text's lines where the view cannot tell.
      case 'line':
        return this.rowsAway?.(from, direction, 1) ?? stepLines(open.lines, from, direction, 1);
      case 'page':
        return (
          this.rowsAway?.(from, direction, this.pageRows) ??
          stepLines(open.lines, from, direction, Math.max(1, this.pageLines - 1))
        );
      case 'line-edge':
        return lineEdge(open.lines, from, direction);
    }
  }

  /**
   * Selects the next (1) or previous (-1) entity after the selection, else after where Escape left
   * the cursor, else after the first line in view; wrapping around.
   */
  stepEntity(doc: BracketDocument, direction: 1 | -1): void {
    const entities = doc.entities;
    if (entities.length === 0) return;
    const cursor = this.cursor && this.cursor.end <= doc.text.length ? this.cursor : null;
    const at = this.span ?? cursor ?? { start: this.viewTop, end: this.viewTop };
    const skip = (k: number) => entities[k]?.id === this.entityId;
    let k: number;
    if (direction > 0) {
      // The first entity starting at or after the selection's end.
      for (k = insertionIndex(entities, at.end); skip(k); k++);
    } else {
      // The last ending at or before its start: of those starting before it, only the last may not.
      k = insertionIndex(entities, at.start) - 1;
      while (k >= 0 && (entities[k].end > at.start || skip(k))) k--;
    }
    const found = entities[k] ?? (direction > 0 ? entities[0] : entities[entities.length - 1]);
    this.selectEntity(found, true);
  }

  /** Selects what a transaction changed in doc (`before` is the document it was applied to). */
  selectChanged(doc: BracketDocument, applied: Transaction, before: BracketDocument): void {
    const kept = applied.ops.findLast((operation) => operation.op !== 'remove');
    if (kept?.op === 'rewrite') return this.clear();
    // Where the edited entity starts, when the operation says (else where the selection was).
    const near = (operation: Operation) =>
      operation.op === 'add'
        ? operation.entity.start
        : operation.op === 'resize'
          ? operation.start
          : this.span?.start;
    if (kept) {
      const id = kept.op === 'add' ? kept.entity.id : kept.id;
      const entity = entityWithId(doc.entities, id, near(kept));
      if (entity) this.selectEntity(entity, true);
      return;
    }
    const removed = applied.ops
      .map((operation) =>
        operation.op === 'remove'
          ? entityWithId(before.entities, operation.id, near(operation))
          : undefined,
      )
      .filter((entity) => entity !== undefined)
      .sort((a, b) => a.start - b.start);
    if (removed.length === 0) return this.clear();
    // Their span where they were on one line (a selection never crosses one), else the first's.
    const [first, last] = [removed[0], removed[removed.length - 1]];
    const oneLine = !doc.text.slice(first.start, last.end).includes('\n');
    this.select({ start: first.start, end: oneLine ? last.end : first.end });
    this.reveal = { offset: first.start };
  }

  /**
   * Keeps the selection on the same text in a document read anew (reloaded, rolled back), whose
   * entity ids may be others: the entity now at the selected span, else nothing selected.
   */
  rebind(doc: BracketDocument): void {
    if (this.entityId === null) return;
    const span = this.span;
    const entity = span && entityAt(doc.entities, span.start, span.end);
    if (entity) this.entityId = entity.id;
    else this.clear();
  }

  /** Keeps the selection valid in a changed document: drops an entity that is gone. */
  follow(doc: BracketDocument): void {
    if (this.entityId !== null && !this.entityIn(doc)) this.clear();
  }
}
