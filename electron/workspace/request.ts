// Checks every API request's shape before the workspace sees it: ids, revisions, transactions, sizes.
import {
  ApiError,
  CONFLICT_CHOICES,
  type BaselineSource,
  type ConflictChoice,
} from '../../shared/api/contract';
import type { Operation, Transaction } from '../../shared/model/operations';
import { isValidLabel } from '../../shared/format/labels';
import { MAX_REWRITE_LENGTH } from '../../shared/model/rewrite';
import { checkDocumentId } from './paths';

/** Most operations one transaction may carry (an apply-to-all over a large document fits). */
export const MAX_OPERATIONS = 100_000;
const MAX_GROUP_LENGTH = 200;

export function invalid(message: string): never {
  throw new ApiError('invalid-request', message);
}

export function checkObject(value: unknown, what = 'the request'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function checkRevision(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid('"revision" must be a whole number at or above 0');
  }
  return value;
}

export function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') invalid(`"${name}" must be true or false`);
  return value;
}

export function checkGroup(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > MAX_GROUP_LENGTH) {
    invalid(`"group" must be a string of at most ${MAX_GROUP_LENGTH} characters`);
  }
  return value;
}

/** An editor's id: a short string of letters, digits and dashes, or absent. */
export function checkClient(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\w-]{1,64}$/.test(value)) {
    invalid('"client" must be up to 64 letters, digits or dashes');
  }
  return value;
}

export function checkChoice(value: unknown): ConflictChoice {
  const choice = CONFLICT_CHOICES.find((known) => known === value);
  if (!choice)
    invalid(`"choice" must be one of ${CONFLICT_CHOICES.map((c) => `"${c}"`).join(', ')}`);
  return choice;
}

function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    invalid(`${where} must be a whole number`);
  return value;
}

/** Text a rewrite removes or inserts: short, on one line. */
function rewriteText(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length > MAX_REWRITE_LENGTH || /[\r\n]/.test(value)) {
    invalid(
      `${where} must be text of at most ${MAX_REWRITE_LENGTH} characters without line breaks`,
    );
  }
  return value;
}

/** A label as settings, the parser and the CLI accept one (`isValidLabel`, any length). */
export function checkLabel(value: unknown, where: string): string {
  if (typeof value !== 'string' || !isValidLabel(value)) {
    invalid(`${where} must be a label: a letter, then letters, digits, "_" or "-"`);
  }
  return value;
}

/** An entity's own close marker, as parse reads one: spaces, then `]`. */
const CLOSE_MARKER = /^ +\]$/;

/** A close marker a request may carry (restoring an entity byte for byte), or undefined. */
function closeMarker(value: unknown, where: string): { close?: string } {
  if (value === undefined) return {};
  if (typeof value !== 'string' || value.length > 64 || !CLOSE_MARKER.test(value)) {
    invalid(`${where} must be a close marker: spaces, then "]"`);
  }
  return { close: value };
}

/**
 * A transaction rebuilt from known fields only. A `close` may only be a close marker (spaces and
 * `]`, as a restored version held it), so a request cannot write raw markup.
 */
export function checkTransaction(value: unknown): Transaction {
  const tx = checkObject(value, '"tx"');
  if (!Array.isArray(tx.ops) || tx.ops.length === 0) invalid('"tx.ops" must be a non-empty array');
  if (tx.ops.length > MAX_OPERATIONS) {
    throw new ApiError('too-large', `a transaction may hold at most ${MAX_OPERATIONS} operations`);
  }
  const ops = (tx.ops as unknown[]).map((raw, index): Operation => {
    const where = `tx.ops[${index}]`;
    const op = checkObject(raw, where);
    switch (op.op) {
      case 'add': {
        const entity = checkObject(op.entity, `${where}.entity`);
        return {
          op: 'add',
          entity: {
            id: integer(entity.id, `${where}.entity.id`),
            start: integer(entity.start, `${where}.entity.start`),
            end: integer(entity.end, `${where}.entity.end`),
            label: checkLabel(entity.label, `${where}.entity.label`),
            ...closeMarker(entity.close, `${where}.entity.close`),
          },
        };
      }
      case 'remove':
        return { op: 'remove', id: integer(op.id, `${where}.id`) };
      case 'relabel':
        return {
          op: 'relabel',
          id: integer(op.id, `${where}.id`),
          label: checkLabel(op.label, `${where}.label`),
          ...closeMarker(op.close, `${where}.close`),
        };
      case 'resize':
        return {
          op: 'resize',
          id: integer(op.id, `${where}.id`),
          start: integer(op.start, `${where}.start`),
          end: integer(op.end, `${where}.end`),
          ...closeMarker(op.close, `${where}.close`),
        };
      case 'rewrite':
        return {
          op: 'rewrite',
          offset: integer(op.offset, `${where}.offset`),
          remove: rewriteText(op.remove, `${where}.remove`),
          insert: rewriteText(op.insert, `${where}.insert`),
        };
      default:
        return invalid(`${where}.op must be add, remove, relabel, resize or rewrite`);
    }
  });
  return { ops };
}

export function checkBaselineSource(value: unknown): BaselineSource {
  if (value === undefined) return { kind: 'first-opened' };
  const source = checkObject(value, '"source"');
  switch (source.kind) {
    case 'first-opened':
    case 'disk':
      return { kind: source.kind };
    case 'file':
      return { kind: 'file', id: checkDocumentId(source.id) };
    case 'git':
      if (typeof source.revision !== 'string') invalid('"source.revision" must be a string');
      return { kind: 'git', revision: source.revision };
    default:
      return invalid('"source.kind" must be first-opened, disk, file or git');
  }
}
