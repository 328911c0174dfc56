// Edit operations on a document's entities: validated, applied immutably, each returning its inverse.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { isValidLabel } from '../format/labels';
import { entityTextProblem } from '../format/serialize';
import { isTokenEnd, isTokenStart } from '../format/tokens';
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
}

/** Applies every operation in order; all or nothing. Throws EditError on an invalid operation. */
export function applyTransaction(doc: BracketDocument, tx: Transaction): Applied {
  if (!tx || !Array.isArray(tx.ops) || tx.ops.length === 0) {
    throw new EditError('malformed', 'a transaction needs at least one operation');
  }
  let current = doc;
  let entities = doc.entities.slice();
  let nextId = doc.nextId;
  const inverses: Operation[] = [];
  for (let i = 0; i < tx.ops.length; i++) {
    const operation = tx.ops[i];
    if (operation?.op === 'rewrite') {
      // A run of rewrites is applied to the text at once, then the file is read back once.
      let end = i + 1;
      while (tx.ops[end]?.op === 'rewrite') end++;
      const run = tx.ops.slice(i, end) as Rewrite[];
      const result = applyRewrites({ ...current, entities, nextId }, run);
      if ('problem' in result) throw new EditError('malformed', result.problem);
      ({ doc: current } = result);
      entities = current.entities.slice();
      nextId = current.nextId;
      inverses.push(...result.inverse.reverse());
      i = end - 1;
      continue;
    }
    inverses.push(applyOperation(current.text, entities, operation));
    if (operation.op === 'add') nextId = Math.max(nextId, operation.entity.id + 1);
  }
  return { doc: { ...current, entities, nextId }, inverse: { ops: inverses.reverse() } };
}

function applyOperation(text: string, entities: DocumentEntity[], operation: Operation): Operation {
  switch (operation?.op) {
    case 'add': {
      const entity = operation.entity;
      if (!entity || typeof entity.id !== 'number' || !Number.isInteger(entity.id)) {
        throw new EditError('malformed', 'an added entity needs an integer id');
      }
      if (entities.some((other) => other.id === entity.id)) {
        throw new EditError('duplicate-id', `entity ${entity.id} already exists`);
      }
      checkLabel(entity.label);
      checkSpan(text, entities, entity.start, entity.end, operation.restore, -1);
      const added: DocumentEntity = {
        id: entity.id,
        start: entity.start,
        end: entity.end,
        label: entity.label,
      };
      if (entity.close !== undefined) added.close = entity.close;
      entities.splice(insertionIndex(entities, entity.start), 0, added);
      return { op: 'remove', id: entity.id };
    }
    case 'remove': {
      const index = indexOfId(entities, operation.id);
      const [removed] = entities.splice(index, 1);
      return { op: 'add', entity: removed, restore: true };
    }
    case 'relabel': {
      const index = indexOfId(entities, operation.id);
      const before = entities[index];
      checkLabel(operation.label);
      if (operation.close === undefined) checkWritable(text, before.start, before.end);
      entities[index] = withClose({ ...before, label: operation.label }, operation.close);
      return restoring(before, { op: 'relabel', id: before.id, label: before.label });
    }
    case 'resize': {
      const index = indexOfId(entities, operation.id);
      const before = entities[index];
      checkSpan(text, entities, operation.start, operation.end, operation.restore, index);
      entities.splice(index, 1);
      const resized = withClose(
        { ...before, start: operation.start, end: operation.end },
        operation.close,
      );
      entities.splice(insertionIndex(entities, resized.start), 0, resized);
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

/**
 * A span must lie in the text, cover whole tokens and be writable unambiguously (unless it restores
 * an earlier state, which was valid then) and overlap no other entity.
 */
function checkSpan(
  text: string,
  entities: readonly DocumentEntity[],
  start: number,
  end: number,
  restore: true | undefined,
  ignoreIndex: number,
): void {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > text.length ||
    start >= end
  ) {
    throw new EditError('out-of-range', `span ${start}-${end} is not inside the text`);
  }
  if (!restore) {
    if (!isTokenStart(text, start) || !isTokenEnd(text, end)) {
      throw new EditError('not-token-aligned', 'an entity must cover whole tokens');
    }
    checkWritable(text, start, end);
  }
  // Entities are sorted and disjoint, so their ends are sorted too: the last one starting before
  // `end` (skipping the one being changed) is the only candidate for an overlap.
  let last = insertionIndex(entities, end) - 1;
  if (last === ignoreIndex) last--;
  if (last >= 0 && entities[last].end > start) {
    const other = entities[last];
    throw new EditError(
      'overlap',
      `the span overlaps entity [${other.label}] at ${other.start}-${other.end}`,
    );
  }
}

function checkWritable(text: string, start: number, end: number): void {
  const problem = entityTextProblem(text.slice(start, end));
  if (problem)
    throw new EditError('ambiguous-text', `an entity cannot be written here: ${problem}`);
}

/** Index of the first entity whose start is not before `start` (entities are sorted by start). */
export function insertionIndex(entities: readonly DocumentEntity[], start: number): number {
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entities[mid].start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}

function indexOfId(entities: readonly DocumentEntity[], id: number): number {
  const index = entities.findIndex((entity) => entity.id === id);
  if (index === -1) throw new EditError('unknown-entity', `entity ${id} does not exist (any more)`);
  return index;
}
