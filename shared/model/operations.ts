// Edit operations on a document's entities: validated, applied immutably, each returning its inverse.
import { append } from '../long-lists';
import type { BracketDocument, DocumentEntity } from '../format/document';
import { isValidLabel } from '../format/labels';
import { entityTextProblem } from '../format/serialize';
import { lineIndexAt, lineStarts } from '../format/position';
import { isTokenEnd, isTokenStart, tagAround, tagEndsAt, tagStartsAt } from '../format/tokens';
import { insertionIndex } from '../format/entity-order';
import { readBackProblem } from './read-back';
import { applyRewrites, type Rewrite } from './rewrite';

/**
 * `close` restores an entity's original close marker (inverses set it); absent means "edited", so the
 * entity is written in the file's style. `restore` marks an inverse putting back an earlier state: it
 * skips the whole-token rule, which entities read from a file (a glued close) need not meet.
 */
export type Operation =
  | { op: 'add'; entity: DocumentEntity; restore?: true }
  | { op: 'remove'; id: number }
  | { op: 'relabel'; id: number; label: string; close?: string }
  | { op: 'resize'; id: number; start: number; end: number; close?: string; restore?: true }
  | Rewrite;

/** The operations of one gesture, applied together and undone together. */
export interface Transaction {
  ops: Operation[];
}

export type EditErrorCode =
  | 'unknown-entity'
  | 'invalid-label'
  | 'out-of-range'
  | 'not-token-aligned'
  | 'ambiguous-text'
  | 'overlap'
  | 'duplicate-id'
  | 'reads-differently'
  | 'malformed';

/** A refused edit; the message says why in words an annotator understands. */
export class EditError extends Error {
  constructor(
    readonly code: EditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

export interface Applied {
  doc: BracketDocument;
  inverse: Transaction;
  /** Whether a rewrite changed the file's text (not only its entities): its problems are read again in full. */
  textChanged: boolean;
}

/**
 * Applies every operation in order; all or nothing. Throws EditError on an invalid operation, on
 * entities that would overlap once all are applied, or when the changed lines would not read back
 * as the entities held. Costs O(entities + operations · log operations): one pass, however many.
 */
export function applyTransaction(doc: BracketDocument, tx: Transaction): Applied {
  if (!tx || !Array.isArray(tx.ops) || tx.ops.length === 0) {
    throw new EditError('malformed', 'a transaction needs at least one operation');
  }
  let current = doc;
  let edit = new EntityEdit(doc);
  let nextId = doc.nextId;
  const inverses: Operation[] = [];
  let textChanged = false;
  for (let i = 0; i < tx.ops.length; i++) {
    const operation = tx.ops[i];
    if (operation?.op === 'rewrite') {
      // A run of rewrites is applied to the text at once, then the file is read back once.
      let end = i + 1;
      while (tx.ops[end]?.op === 'rewrite') end++;
      const run = tx.ops.slice(i, end) as Rewrite[];
      const result = applyRewrites(finish(current, edit, nextId), run);
      if ('problem' in result) throw new EditError('malformed', result.problem);
      current = result.doc;
      textChanged = true;
      nextId = current.nextId;
      edit = new EntityEdit(current);
      append(inverses, result.inverse.reverse());
      i = end - 1;
      continue;
    }
    inverses.push(edit.apply(operation));
    if (operation.op === 'add') nextId = Math.max(nextId, operation.entity.id + 1);
  }
  return {
    doc: finish(current, edit, nextId),
    inverse: { ops: inverses.reverse() },
    textChanged,
  };
}

/** The document with the edit's entities, refused when a changed line would not read back as them. */
function finish(doc: BracketDocument, edit: EntityEdit, nextId: number): BracketDocument {
  const next: BracketDocument = { ...doc, entities: edit.entities(), nextId };
  const problem = readBackProblem(next, edit.changedOffsets);
  if (problem) {
    throw new EditError(
      'reads-differently',
      `cannot write this edit at line ${problem.line}, column ${problem.column}: ${problem.message}; nothing was changed`,
    );
  }
  return next;
}

/** Up to this many removed plus made entities, a transaction splices a copy instead of merging. */
const SPLICE_LIMIT = 16;

/** How far from its parse number an entity is looked for before a scan. */
const NEAR_NUMBERED = 64;

/** Lookups by id faster than a scan once a transaction has needed this many scans. */
const SCANS_BEFORE_INDEX = 2;

/**
 * The entities of a document while a transaction is applied: the document's sorted array is not
 * touched; entities it loses are marked by index, entities made by the transaction are kept by id,
 * and the sorted result is merged once at the end.
 */
class EntityEdit {
  private readonly base: readonly DocumentEntity[];
  private readonly text: string;
  /** Indices into base of entities removed or replaced. */
  private readonly gone: number[] = [];
  private readonly goneSet = new Set<number>();
  /** Entities added, relabeled or resized by this transaction and still present, by id. */
  private readonly made = new Map<number, DocumentEntity>();
  private byId: ((id: number) => number) | null = null;
  private scans = 0;
  /** Plain-text offsets of every entity touched, before and after: their lines are re-read. */
  readonly changedOffsets: number[] = [];

  constructor(doc: BracketDocument) {
    this.base = doc.entities;
    this.text = doc.text;
  }

  apply(operation: Operation): Operation {
    switch (operation?.op) {
      case 'add': {
        const entity = operation.entity;
        if (!entity || typeof entity.id !== 'number' || !Number.isInteger(entity.id)) {
          throw new EditError('malformed', 'an added entity needs an integer id');
        }
        if (this.find(entity.id) !== undefined) {
          throw new EditError('duplicate-id', `entity ${entity.id} already exists`);
        }
        checkLabel(entity.label);
        checkSpan(this.text, entity.start, entity.end, operation.restore);
        const added: DocumentEntity = {
          id: entity.id,
          start: entity.start,
          end: entity.end,
          label: entity.label,
        };
        if (entity.close !== undefined) added.close = entity.close;
        this.put(added);
        return { op: 'remove', id: entity.id };
      }
      case 'remove': {
        const removed = this.take(operation.id);
        return { op: 'add', entity: removed, restore: true };
      }
      case 'relabel': {
        const before = this.current(operation.id);
        checkLabel(operation.label);
        this.take(before.id);
        this.put(withClose({ ...before, label: operation.label }, operation.close));
        return restoring(before, { op: 'relabel', id: before.id, label: before.label });
      }
      case 'resize': {
        const before = this.current(operation.id);
        checkSpan(this.text, operation.start, operation.end, operation.restore, before);
        this.take(before.id);
        this.put(
          withClose({ ...before, start: operation.start, end: operation.end }, operation.close),
        );
        return restoring(before, {
          op: 'resize',
          id: before.id,
          start: before.start,
          end: before.end,
          restore: true,
        });
      }
      default:
        throw new EditError('malformed', 'unknown operation');
    }
  }

  /** The entities after every operation, sorted; throws when two of them overlap. */
  entities(): DocumentEntity[] {
    const gone = this.gone.sort((a, b) => a - b);
    const made = [...this.made.values()].sort((a, b) => a.start - b.start);
    if (gone.length + made.length <= SPLICE_LIMIT) return this.spliced(gone, made);
    const result = new Array<DocumentEntity>(this.base.length - gone.length + made.length);
    let g = 0;
    let m = 0;
    let r = 0;
    for (let i = 0; i < this.base.length; i++) {
      if (g < gone.length && gone[g] === i) {
        g++;
        continue;
      }
      const entity = this.base[i];
      while (m < made.length && made[m].start < entity.start) result[r++] = made[m++];
      result[r++] = entity;
    }
    while (m < made.length) result[r++] = made[m++];
    if (made.length > 0) {
      for (let i = 1; i < result.length; i++) {
        if (result[i - 1].end > result[i].start) overlapError(this.text, result[i - 1], result[i]);
      }
    }
    return result;
  }

  /**
   * A few changes: the base array copied at once (a block copy, not a walk) and spliced, the
   * overlaps looked for beside the added entities only. Same result as the merge.
   */
  private spliced(gone: readonly number[], made: readonly DocumentEntity[]): DocumentEntity[] {
    const result = this.base.slice();
    for (let g = gone.length - 1; g >= 0; g--) result.splice(gone[g], 1);
    const placed: number[] = [];
    for (const entity of made) {
      // After every entity starting at or before it, as the merge places it.
      const at = insertionIndex(result, entity.start + 1);
      result.splice(at, 0, entity);
      placed.push(at);
    }
    let first = -1;
    for (const at of placed) {
      for (const i of [at, at + 1]) {
        if (i < 1 || i >= result.length || (first !== -1 && i >= first)) continue;
        if (result[i - 1].end > result[i].start) first = i;
      }
    }
    if (first !== -1) overlapError(this.text, result[first - 1], result[first]);
    return result;
  }

  private put(entity: DocumentEntity): void {
    this.made.set(entity.id, entity);
    this.changedOffsets.push(entity.start);
  }

  /** Removes the entity with this id from the current state and returns it. */
  private take(id: number): DocumentEntity {
    const entity = this.current(id);
    if (this.made.get(id) === entity) this.made.delete(id);
    else {
      const index = this.baseIndex(id);
      this.gone.push(index);
      this.goneSet.add(index);
    }
    this.changedOffsets.push(entity.start);
    return entity;
  }

  private current(id: number): DocumentEntity {
    const entity = this.find(id);
    if (entity === undefined) {
      throw new EditError('unknown-entity', `entity ${id} does not exist (any more)`);
    }
    return entity;
  }

  private find(id: number): DocumentEntity | undefined {
    const made = this.made.get(id);
    if (made !== undefined) return made;
    const index = this.baseIndex(id);
    return index === -1 || this.goneSet.has(index) ? undefined : this.base[index];
  }

  /**
   * Where the entity with this id sits in base, or -1. Parse numbers entities 1, 2, … in order, and
   * a few edits before an entity move it by a few places: it is looked for there first.
   */
  private baseIndex(id: number): number {
    if (Number.isInteger(id) && id >= 1 && id <= this.base.length + NEAR_NUMBERED) {
      for (let shift = 0; shift <= NEAR_NUMBERED; shift++) {
        if (this.base[id - 1 - shift]?.id === id) return id - 1 - shift;
        if (this.base[id - 1 + shift]?.id === id) return id - 1 + shift;
      }
    }
    if (this.byId === null && ++this.scans > SCANS_BEFORE_INDEX) this.byId = indexById(this.base);
    if (this.byId !== null) return this.byId(id);
    for (let index = 0; index < this.base.length; index++) {
      if (this.base[index].id === id) return index;
    }
    return -1;
  }
}

/** A lookup from id to index: a typed array when ids are small whole numbers (as parse makes them), else a Map. */
function indexById(entities: readonly DocumentEntity[]): (id: number) => number {
  let maxId = 0;
  for (const entity of entities) maxId = Math.max(maxId, entity.id);
  if (maxId <= 4 * entities.length + 1024 && entities.every((entity) => entity.id >= 0)) {
    const table = new Int32Array(maxId + 1).fill(-1);
    entities.forEach((entity, index) => (table[entity.id] = index));
    return (id) => (Number.isInteger(id) && id >= 0 && id <= maxId ? table[id] : -1);
  }
  const map = new Map(entities.map((entity, index) => [entity.id, index]));
  return (id) => map.get(id) ?? -1;
}

/** Refuses two entities that would overlap, naming each by its label and text, and their line. */
function overlapError(text: string, first: DocumentEntity, second: DocumentEntity): never {
  const named = ({ label, start, end }: DocumentEntity) => `${label} “${text.slice(start, end)}”`;
  const line = lineIndexAt(lineStarts(text), first.start) + 1;
  throw new EditError('overlap', `${named(second)} would overlap ${named(first)} on line ${line}`);
}

function restoring<T extends Operation & { close?: string }>(
  before: DocumentEntity,
  inverse: T,
): T {
  return before.close === undefined ? inverse : { ...inverse, close: before.close };
}

function withClose(entity: DocumentEntity, close: string | undefined): DocumentEntity {
  const { close: _dropped, ...rest } = entity;
  return close === undefined ? rest : { ...rest, close };
}

function checkLabel(label: unknown): void {
  if (typeof label !== 'string' || !isValidLabel(label)) {
    throw new EditError('invalid-label', `"${String(label)}" is not a valid label`);
  }
}

/** Refuses a span spanError finds wrong (`was`: the span of the entity it resizes). */
function checkSpan(
  text: string,
  start: number,
  end: number,
  restore: true | undefined,
  was?: { start: number; end: number },
): void {
  const error = spanError(text, start, end, restore, was);
  if (error) throw error;
}

/**
 * Why an entity cannot be made over [start, end) of text, null when it can: a span must lie in the
 * text and, unless it restores an earlier state (which was valid then), cover whole tokens of one
 * line. Overlaps are checked once every operation is applied.
 */
export function spanError(
  text: string,
  start: number,
  end: number,
  restore?: true,
  was?: { start: number; end: number },
): EditError | null {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > text.length ||
    start >= end
  ) {
    return new EditError('out-of-range', `span ${start}-${end} is not inside the text`);
  }
  if (restore) return null;
  // An edge a resize leaves where it was is not judged again: `[ORG Acme  ][LOC Oslo  ]` shares
  // one inside the token AcmeOslo, and either entity's other edge may still move.
  const movesStart = start !== was?.start;
  const movesEnd = end !== was?.end;
  if ((movesStart && !isTokenStart(text, start)) || (movesEnd && !isTokenEnd(text, end))) {
    return new EditError('not-token-aligned', 'an entity must cover whole tokens');
  }
  const tag =
    (movesStart ? tagAround(text, start) : null) ?? (movesEnd ? tagAround(text, end) : null);
  if (tag) {
    return new EditError(
      'not-token-aligned',
      `an entity cannot start or end inside the HTML tag ${text.slice(...tag)}`,
    );
  }
  // A tag at an entity's edge is markup in it: the bracket file reads it so (a warning), and an
  // export leaves the tag out, an entity of tags alone entirely.
  if ((movesStart && tagStartsAt(text, start)) || (movesEnd && tagEndsAt(text, end))) {
    return new EditError(
      'not-token-aligned',
      'an entity cannot start or end with an HTML tag: select its words only',
    );
  }
  const problem = entityTextProblem(text.slice(start, end));
  return problem === null
    ? null
    : new EditError('ambiguous-text', `an entity cannot be written here: ${problem}`);
}
