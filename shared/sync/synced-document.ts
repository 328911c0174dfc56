// An open document as an editor holds it: what the workspace acknowledged, the edits it has not yet, and the transitions between.
//
// Pure data and functions (no Svelte, no requests): the renderer's DocumentSync makes it reactive and
// talks to the workspace. Everything the editor shows about the document's state (its revision,
// whether it is unsaved, whether it can undo or redo, how many edits are pending) is derived here
// from the acknowledged point and the pending edits, never stored beside them.
import { ApiError, type DocumentSource, type EditResult } from '../api/contract';
import type { BracketDocument } from '../format/document';
import { parseWithDiagnostics, type ParsedWithDiagnostics } from '../format/parse';
import { recordEdit, redo, undo, type History } from '../model/history';
import { applyTransaction, EditError, type Transaction } from '../model/operations';

/** What an editor asks the workspace for: a transaction (made at `time`, undone with its `group`), an undo or a redo. */
export type Step =
  { kind: 'apply'; tx: Transaction; time: number; group?: string } | { kind: 'undo' | 'redo' };

/** A document and its undo history, as they are at one revision. */
export interface Point {
  doc: BracketDocument;
  history: History;
}

/** The document as the workspace last acknowledged it. */
export interface Acknowledged extends Point {
  revision: number;
  /** Whether the workspace's document differs from its file on disk. */
  dirty: boolean;
}

/** An edit made here that the workspace has not acknowledged yet, and the point it leads to. */
export interface PendingEdit extends Point {
  step: Step;
  /** The operations it applied here, to compare with what the workspace applies. */
  applied: Transaction;
}

export interface SyncedDocument {
  readonly id: string;
  readonly acknowledged: Acknowledged;
  /** Oldest first; each is sent once every edit before it is acknowledged. */
  readonly pending: readonly PendingEdit[];
}

/** What the editor shows of a synced document's state. */
export interface SyncStatus {
  /** The revision the workspace will be at once every pending edit is acknowledged. */
  revision: number;
  dirty: boolean;
  /** How many edits undo, and redo, can step through now. */
  undoable: number;
  redoable: number;
  /** Edits shown but not yet acknowledged (not yet safe from a crash). */
  pending: number;
}

/**
 * Reads a document's bytes once as the workspace did: the document, its entities given the
 * workspace's ids, and the problems found reading it (against the labels it was sent with).
 */
export function readSource(source: DocumentSource): ParsedWithDiagnostics {
  const { doc: parsed, diagnostics } = parseWithDiagnostics(source.source, {
    labels: source.labels,
  });
  const ids = source.ids;
  if (ids && ids.length !== parsed.entities.length) {
    throw new ApiError('internal', `${source.id}: the entity ids do not match the document`);
  }
  const doc = {
    ...parsed,
    entities: ids
      ? parsed.entities.map((entity, index) => ({ ...entity, id: ids[index] }))
      : parsed.entities,
    nextId: source.nextId,
  };
  return { doc, diagnostics };
}

/** The document and history shown: the acknowledged ones with every pending edit on top. */
export function shown(synced: SyncedDocument): Point {
  return synced.pending.at(-1) ?? synced.acknowledged;
}

export function statusOf(synced: SyncedDocument): SyncStatus {
  const { acknowledged, pending } = synced;
  const { history } = shown(synced);
  return {
    revision: acknowledged.revision + pending.length,
    dirty: pending.length > 0 || acknowledged.dirty,
    undoable: history.done.length,
    redoable: history.undone.length,
    pending: pending.length,
  };
}

/** A document as the workspace holds it (`doc` read from it), with nothing pending. */
export function loaded(
  source: DocumentSource,
  doc: BracketDocument = readSource(source).doc,
): SyncedDocument {
  return {
    id: source.id,
    acknowledged: {
      doc,
      history: source.history,
      revision: source.revision,
      dirty: source.dirty,
    },
    pending: [],
  };
}

/**
 * The answer to a reload asked for when the document was `asked`: the workspace's document,
 * replacing the acknowledged one and dropping the pending edits; unless another editor's edit
 * was replayed meanwhile to a revision past the answer's (its event overtook the answer), which
 * keeps the document as it is. `doc`, when given, is the answer already read.
 */
export function reloaded(
  synced: SyncedDocument,
  source: DocumentSource,
  asked: SyncedDocument,
  doc?: BracketDocument,
): SyncedDocument {
  const overtaken =
    source.id === synced.id &&
    synced.acknowledged !== asked.acknowledged &&
    source.revision < synced.acknowledged.revision;
  return overtaken ? synced : loaded(source, doc);
}

/**
 * Makes a step here, on top of the pending edits. Returns the document with it pending and what the
 * step did; null when there is nothing to undo or redo. Throws EditError when the step is refused.
 */
export function editedLocally(
  synced: SyncedDocument,
  step: Step,
): { synced: SyncedDocument; step: Stepped } | null {
  const next = stepped(shown(synced), step);
  if (!next) return null;
  const edit: PendingEdit = { step, doc: next.doc, history: next.history, applied: next.applied };
  return { synced: { ...synced, pending: [...synced.pending, edit] }, step: next };
}

/** What a step did: the point it leads to, what it applied, whether it changed the file's text (a rewrite). */
export interface Stepped extends Point {
  applied: Transaction;
  textChanged: boolean;
}

/** The point after a step, and what it applied; null when there is nothing to undo or redo. */
function stepped(point: Point, step: Step): Stepped | null {
  if (step.kind !== 'apply') return (step.kind === 'undo' ? undo : redo)(point.history, point.doc);
  const { doc, inverse, textChanged } = applyTransaction(point.doc, step.tx);
  const group = step.group === undefined ? {} : { group: step.group };
  const entry = { forward: step.tx, inverse, time: step.time, ...group };
  return { doc, history: recordEdit(point.history, entry), applied: step.tx, textChanged };
}

/**
 * The workspace journaled the oldest pending edit. `matches` is false when it applied something
 * else than this editor did (its undo history was grouped otherwise): the document must be reloaded.
 */
export function acknowledged(
  synced: SyncedDocument,
  result: EditResult,
): { synced: SyncedDocument; matches: boolean } {
  const [edit, ...rest] = synced.pending;
  if (!edit) return { synced, matches: false };
  const point = { doc: edit.doc, history: edit.history };
  return {
    synced: {
      ...synced,
      acknowledged: { ...point, revision: result.revision, dirty: result.dirty },
      pending: rest,
    },
    matches: agrees(result, { ...point, applied: edit.applied }),
  };
}

/** Whether the workspace's result looks like the step made here: as many operations, the same undo and redo. */
function agrees(result: EditResult, here: Point & { applied: Transaction }): boolean {
  return (
    result.applied.ops.length === here.applied.ops.length &&
    result.canUndo === here.history.done.length > 0 &&
    result.canRedo === here.history.undone.length > 0
  );
}

/**
 * The workspace refused the oldest pending edit: every pending edit is dropped, back to the
 * acknowledged document. `reload` says the workspace's document may differ from it (anything but
 * a refusal of the edit itself, which leaves the workspace's document as acknowledged).
 */
export function refused(
  synced: SyncedDocument,
  error: unknown,
): { synced: SyncedDocument; dropped: number; reload: boolean } {
  return {
    synced: { ...synced, pending: [] },
    dropped: synced.pending.length,
    reload: !(error instanceof ApiError && error.code === 'edit-refused'),
  };
}

/**
 * Another editor's edit of this document, made at `time` as far as this editor knows, replayed
 * here; whether it changed the file's text. An edit already acknowledged changes nothing; one that
 * crosses pending edits, follows a gap, or cannot be replayed here as the workspace did means the
 * document must be reloaded ('reload').
 */
export function editedRemotely(
  synced: SyncedDocument,
  result: EditResult,
  time: number,
): { synced: SyncedDocument; textChanged: boolean } | 'reload' {
  const { acknowledged: point } = synced;
  if (result.revision <= point.revision) return { synced, textChanged: false };
  if (result.revision > point.revision + 1 || synced.pending.length > 0) return 'reload';
  const step: Step =
    result.kind === 'apply' ? { kind: 'apply', tx: result.applied, time } : { kind: result.kind };
  let next;
  try {
    next = stepped(point, step);
  } catch (error) {
    if (error instanceof EditError) return 'reload';
    throw error;
  }
  if (!next || !agrees(result, next)) return 'reload';
  const { doc, history, textChanged } = next;
  return {
    synced: {
      ...synced,
      acknowledged: { doc, history, revision: result.revision, dirty: result.dirty },
    },
    textChanged,
  };
}

/**
 * The workspace wrote the document to disk at `revision` (when the answer says). An answer older
 * than what is acknowledged (another editor's edit overtook it) changes nothing: that edit's
 * unsaved state is the newer word.
 */
export function saved(synced: SyncedDocument, revision?: number): SyncedDocument {
  const point = synced.acknowledged;
  if (revision !== undefined && revision < point.revision) return synced;
  return {
    ...synced,
    acknowledged: { ...point, dirty: false, revision: revision ?? point.revision },
  };
}
