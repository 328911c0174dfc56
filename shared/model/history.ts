// Undo/redo as pure data: stacks of applied transactions with their inverses, grouped and capped.
import type { BracketDocument } from '../format/document';
import { applyTransaction, type Transaction } from './operations';

export interface HistoryEntry {
  forward: Transaction;
  inverse: Transaction;
  /** Milliseconds since the epoch when the edit was made. */
  time: number;
  /** Edits with the same group made within `groupWithinMs` of each other undo as one. */
  group?: string;
}

export interface History {
  done: readonly HistoryEntry[];
  undone: readonly HistoryEntry[];
}

export interface HistoryOptions {
  groupWithinMs: number;
  depth: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = { groupWithinMs: 500, depth: 1000 };

export const emptyHistory: History = { done: [], undone: [] };

/** Records an applied edit: a new edit clears redo; it joins the previous entry when grouped. */
export function recordEdit(
  history: History,
  entry: HistoryEntry,
  options: HistoryOptions = DEFAULT_HISTORY_OPTIONS,
): History {
  const previous = history.done.at(-1);
  const joins =
    previous !== undefined &&
    entry.group !== undefined &&
    previous.group === entry.group &&
    entry.time - previous.time <= options.groupWithinMs;
  const done = joins
    ? [
        ...history.done.slice(0, -1),
        {
          forward: { ops: [...previous.forward.ops, ...entry.forward.ops] },
          inverse: { ops: [...entry.inverse.ops, ...previous.inverse.ops] },
          time: entry.time,
          group: entry.group,
        },
      ]
    : [...history.done, entry];
  return { done: done.slice(Math.max(0, done.length - options.depth)), undone: [] };
}

export interface Stepped {
  doc: BracketDocument;
  history: History;
  /** The transaction that was applied to get `doc`. */
  applied: Transaction;
  /** Whether it changed the file's text (undoing or redoing a rewrite). */
  textChanged: boolean;
}

export function undo(history: History, doc: BracketDocument): Stepped | null {
  const entry = history.done.at(-1);
  if (!entry) return null;
  const { doc: next, textChanged } = applyTransaction(doc, entry.inverse);
  return {
    doc: next,
    history: { done: history.done.slice(0, -1), undone: [...history.undone, entry] },
    applied: entry.inverse,
    textChanged,
  };
}

export function redo(history: History, doc: BracketDocument): Stepped | null {
  const entry = history.undone.at(-1);
  if (!entry) return null;
  const { doc: next, textChanged } = applyTransaction(doc, entry.forward);
  return {
    doc: next,
    history: { done: [...history.done, entry], undone: history.undone.slice(0, -1) },
    applied: entry.forward,
    textChanged,
  };
}
