// Unsaved edits set aside by "Take theirs": the file they were made on and the file they made, rebased onto theirs on request.
import { append } from '../../shared/long-lists';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract';
import type { BracketDocument } from '../../shared/format/document';
import { parse } from '../../shared/format/parse';
import { serialize } from '../../shared/format/serialize';
import { MAX_REWRITE_LENGTH, type Rewrite } from '../../shared/model/rewrite';
import type { Transaction } from '../../shared/model/operations';
import { diffSequences, type TextHunk } from '../../shared/review/align';
import { mergeDocuments } from '../../shared/review/merge';
import { readStateText, writeStateText } from './state-file';

/** What the set-aside edits did: the file they were made on and the file they made (without a BOM). */
export interface SetAsideEdits {
  base: string;
  mine: string;
}

/** An entity by place and label, as set-aside files of earlier versions name them. */
interface EntityMark {
  start: number;
  end: number;
  label: string;
}

/** A set-aside file of an earlier version: the entities removed and added over one plain text. */
interface EarlierSetAside {
  text: string;
  removed: EntityMark[];
  added: EntityMark[];
}

const isEarlier = (value: unknown): value is EarlierSetAside =>
  typeof (value as EarlierSetAside).text === 'string' &&
  Array.isArray((value as EarlierSetAside).removed) &&
  Array.isArray((value as EarlierSetAside).added);

/** An earlier version's set-aside edits as base and mine, over the document they were set aside for. */
function fromEarlier(earlier: EarlierSetAside, theirs: BracketDocument): SetAsideEdits | null {
  if (earlier.text !== theirs.text) return null;
  const key = ({ start, end, label }: EntityMark) => `${start}:${end}:${label}`;
  const removed = new Set(earlier.removed.map(key));
  const present = new Set(theirs.entities.map(key));
  const kept = theirs.entities.filter((entity) => !removed.has(key(entity)));
  let nextId = theirs.nextId;
  const added = earlier.added
    .filter((mark) => !present.has(key(mark)))
    .map(({ start, end, label }) => ({ id: nextId++, start, end, label }));
  const entities = [...kept, ...added].sort((a, b) => a.start - b.start);
  return { base: written(theirs), mine: written({ ...theirs, entities, origin: undefined }) };
}

/** A document's bytes as rewrites address them: as written, without its BOM. */
const written = (doc: BracketDocument) => serialize({ ...doc, bom: false });

/** The edits from `base` to `mine`: entity edits and text rewrites (quick fixes) alike. */
export function changesBetween(base: BracketDocument, mine: BracketDocument): SetAsideEdits {
  return { base: written(base), mine: written(mine) };
}

/** A file's lines, each with its line end. */
function linesOf(source: string): string[] {
  return source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A point between base lines where a hunk adds lines (replacing none), or null. */
const insertionPoint = (hunk: TextHunk) =>
  hunk.beforeStart === hunk.beforeEnd ? hunk.beforeStart : null;

/**
 * Whether two hunks change the same base lines: their stretches overlap, one adds lines strictly
 * inside the other's, or both add lines at one point (which goes first is unknown).
 */
function collide(a: TextHunk, b: TextHunk): boolean {
  const [atA, atB] = [insertionPoint(a), insertionPoint(b)];
  if (atA !== null && atB !== null) return atA === atB;
  if (atA !== null) return b.beforeStart < atA && atA < b.beforeEnd;
  if (atB !== null) return a.beforeStart < atB && atB < a.beforeEnd;
  return a.beforeStart < b.beforeEnd && b.beforeStart < a.beforeEnd;
}

/**
 * The transaction that lays the set-aside edits over `theirs`: each stretch of lines they changed
 * is rewritten where theirs still has the lines they were made on. Where theirs changed the same
 * lines, entities merge one by one as merge-file merges them; refused, naming the line, where that
 * leaves a conflict.
 */
export function restoreTransaction(
  id: string,
  theirs: BracketDocument,
  edits: SetAsideEdits,
): Transaction {
  const [base, mine, now] = [edits.base, edits.mine, written(theirs)].map(linesOf);
  const numbers = new Map<string, number>();
  const numbered = (lines: readonly string[]) =>
    lines.map((line) => numbers.get(line) ?? numbers.set(line, numbers.size).size - 1);
  const ours = diffSequences(numbered(base), numbered(mine));
  const their = diffSequences(numbered(base), numbered(now));
  let lines: readonly string[] = now;
  const ops: Rewrite[] = [];
  // From the last stretch to the first, so the lines and offsets before each stay where they are.
  for (const hunk of [...ours].reverse()) {
    const insert = mine.slice(hunk.afterStart, hunk.afterEnd);
    const clash = their.find((other) => collide(hunk, other));
    if (clash) {
      const same =
        clash.beforeStart === hunk.beforeStart &&
        clash.beforeEnd === hunk.beforeEnd &&
        now.slice(clash.afterStart, clash.afterEnd).join('') === insert.join('');
      if (same) continue;
      const merged = mergedOver(theirs, edits);
      if (merged !== null) return { ops: replacement(0, written(theirs), merged) };
      throw new ApiError(
        'edit-refused',
        `${id}: the set-aside edits and the version on disk both changed line ${clash.afterStart + 1}, so they were not restored`,
      );
    }
    let at = hunk.beforeStart;
    for (const other of their) if (other.beforeEnd <= hunk.beforeStart) at += growth(other);
    const removed = lines.slice(at, at + hunk.beforeEnd - hunk.beforeStart);
    lines = [...lines.slice(0, at), ...insert, ...lines.slice(at + removed.length)];
    const offset = lines.slice(0, at).join('').length;
    append(ops, replacement(offset, removed.join(''), insert.join('')));
  }
  return { ops };
}

/**
 * Where both changed the same lines: the three-way merge that `emend merge-file` does, entity by
 * entity on lines whose text all three share; null where it leaves a conflict.
 */
function mergedOver(theirs: BracketDocument, edits: SetAsideEdits): string | null {
  const read = (source: string) => parse(source, { labels: theirs.labels });
  const merged = mergeDocuments(read(edits.base), read(edits.mine), {
    ...theirs,
    bom: false,
  });
  return merged.conflicts === 0 ? merged.text : null;
}

const growth = (hunk: TextHunk) =>
  hunk.afterEnd - hunk.afterStart - (hunk.beforeEnd - hunk.beforeStart);

/** Rewrites replacing `remove` at offset by `insert`: the differing middle, in pieces a rewrite may hold. */
function replacement(offset: number, remove: string, insert: string): Rewrite[] {
  let prefix = 0;
  while (prefix < remove.length && prefix < insert.length && remove[prefix] === insert[prefix]) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < remove.length - prefix &&
    suffix < insert.length - prefix &&
    remove[remove.length - 1 - suffix] === insert[insert.length - 1 - suffix]
  ) {
    suffix++;
  }
  const at = offset + prefix;
  const rewrites: Rewrite[] = [];
  for (const piece of pieces(remove.slice(prefix, remove.length - suffix))) {
    rewrites.push({ op: 'rewrite', offset: at, remove: piece, insert: '' });
  }
  let inserted = 0;
  for (const piece of pieces(insert.slice(prefix, insert.length - suffix))) {
    rewrites.push({ op: 'rewrite', offset: at + inserted, remove: '', insert: piece });
    inserted += piece.length;
  }
  return rewrites;
}

function pieces(text: string): string[] {
  const cut: string[] = [];
  for (let start = 0; start < text.length; start += MAX_REWRITE_LENGTH) {
    cut.push(text.slice(start, start + MAX_REWRITE_LENGTH));
  }
  return cut;
}

/** The set-aside file of a document's state folder. */
export class SetAsideFile {
  readonly file: string;

  constructor(stateFolder: string) {
    this.file = path.join(stateFolder, 'set-aside.json');
  }

  /** The set-aside edits, if any; an earlier version's file is read over `theirs`, the document now. */
  async read(theirs: BracketDocument): Promise<SetAsideEdits | null> {
    try {
      const parsed = JSON.parse((await readStateText(this.file)) ?? 'null') as SetAsideEdits;
      if (isEarlier(parsed)) return fromEarlier(parsed, theirs);
      return typeof parsed.base === 'string' && typeof parsed.mine === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  async write(edits: SetAsideEdits): Promise<void> {
    await writeStateText(this.file, `${JSON.stringify(edits)}\n`);
  }

  async remove(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}
