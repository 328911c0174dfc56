// Diagnostics after an edit, derived from those before it by reading again only the lines around the changed entities (of a long line, the stretch around them).
import type { BracketDocument, Diagnostic, DocumentEntity } from './document';
import { diagnose } from './parse';
import { changedRange, type ChangedRange } from './entity-changes';
import { insertionIndex } from './entity-order';
import { LONG_LINE, stretchAround } from './line-stretch';
import { codePointLength, lineIndexAt } from './position';
import { CloseTally, STYLE_LITERAL } from './scan';
import { openMarker } from './serialize';
import { sameLabels, validate } from './validate';

/** A document with the diagnostics validate gave it against a label set. */
export interface Validated {
  doc: BracketDocument;
  diagnostics: readonly Diagnostic[];
  labels: readonly string[];
}

/**
 * What `validate(after, labels)` gives, computed from `before` (validated against the same labels)
 * when only entities changed (and the labels are the same): a line's diagnostics depend on it and its neighbours (an entity left
 * open looks for its close on the next line), so the changed lines and one line around them are
 * read again, with two lines of context (of a long line, only the stretch around its changes: see
 * stretchAround); every other diagnostic keeps its line and column and moves by the markup the edit
 * added or removed before it. `starts` are the text's line starts. The whole
 * document is read again when its text or the labels changed, when the file's dominant close marker
 * would change, or when some of its markup reads as it does only by that marker (an unknown label
 * closed with one space: see scanEntities).
 */
export function revalidate(
  before: Validated,
  after: BracketDocument,
  labels: readonly string[],
  starts: readonly number[],
): Diagnostic[] {
  const old = before.doc;
  if (
    old.text !== after.text ||
    old.closeStyle !== after.closeStyle ||
    !sameLabels(before.labels, labels)
  ) {
    return validate(after, labels);
  }
  const range = changedRange(old.entities, after.entities);
  const closes = closeCounts(after, old, range);
  if (!sameCloseStyle(closeCounts(old), closes) || readByStyle(before.diagnostics))
    return validate(after, labels);

  const changes = changedLines(old.entities, after.entities, range, starts);
  if (changes.length === 0) return [...before.diagnostics];
  const { whole, stretched } = readAgain(old, after, starts, changes);
  const affected = new Set<number>();
  for (const line of whole) {
    for (let near = line - 1; near <= line + 1; near++) {
      if (near >= 0 && near < starts.length) affected.add(near);
    }
  }

  // Every diagnostic moves by the markup the changed lines before its line gained or lost; on a
  // line read again in a stretch, one after the stretch also by what the line gained or lost.
  const shifts = changes.map(({ line }) => ({
    line,
    by: markupOn(after, starts, line) - markupOn(old, starts, line),
  }));
  const kept: Diagnostic[] = [];
  let s = 0;
  let shift = 0;
  for (const diagnostic of before.diagnostics) {
    const line = diagnostic.line - 1;
    while (s < shifts.length && shifts[s].line < line) shift += shifts[s++].by;
    if (affected.has(line)) continue;
    const stretch = stretched.get(line);
    if (stretch && diagnostic.offset >= stretch.oldStart) {
      if (diagnostic.offset < stretch.oldClosing) continue;
      kept.push({
        ...diagnostic,
        offset: diagnostic.offset + shift + stretch.by,
        column: diagnostic.column + stretch.columnsBy,
      });
    } else {
      kept.push(shift === 0 ? diagnostic : { ...diagnostic, offset: diagnostic.offset + shift });
    }
  }

  // Markup whose reading hangs on the file's close style (see scanEntities): only the whole file
  // tells that style, so the whole file is read again.
  let hangsOnStyle = false;
  const closeStyle = () => ((hangsOnStyle = true), closes.style);
  const read = (source: string) => diagnose(source, { labels, bomRemoved: true, closeStyle });
  const mixedClose = (
    line: number,
    column: number,
    offset: number,
    marker: string,
  ): Diagnostic => ({
    line: line + 1,
    column,
    severity: 'warning',
    code: 'mixed-close-style',
    message: `close marker "${marker}" differs from the file's "${closes.style}"`,
    offset,
  });

  const fresh: Diagnostic[] = [];
  const mixed: Diagnostic[] = [];
  let fileMarkup = 0; // markup of after's entities before the current run
  let counted = 0; // entities of after counted into fileMarkup
  for (const [from, to] of runsAround(whole, starts.length)) {
    const runStart = starts[from];
    while (counted < after.entities.length && after.entities[counted].start < runStart) {
      fileMarkup += markupLength(after, after.entities[counted++]);
    }
    const lines = writtenLines(after, starts, from, to);
    const reread = read(lines.map((line) => line.written).join('\n'));
    if (hangsOnStyle) return validate(after, labels);
    const runOffset = runStart + fileMarkup;
    for (const diagnostic of reread) {
      const line = from + diagnostic.line - 1;
      if (!affected.has(line) || diagnostic.code === 'mixed-close-style') continue;
      fresh.push({ ...diagnostic, line: line + 1, offset: runOffset + diagnostic.offset });
    }
    if (closes.mixed) {
      let lineOffset = runOffset;
      lines.forEach(({ written, closes: lineCloses }, index) => {
        const line = from + index;
        for (const close of affected.has(line) ? lineCloses : []) {
          if (close.marker === closes.style) continue;
          const column = codePointLength(written, 0, close.at) + 1;
          mixed.push(mixedClose(line, column, lineOffset + close.at, close.marker));
        }
        lineOffset += written.length + 1;
      });
    }
  }
  for (const [line, stretch] of stretched) {
    const { written, closes: stretchCloses } = writtenRange(after, stretch.start, stretch.end);
    const reread = read(written);
    if (hangsOnStyle) return validate(after, labels);
    for (const diagnostic of reread) {
      if (diagnostic.offset >= stretch.closingAt || diagnostic.code === 'mixed-close-style')
        continue;
      fresh.push({
        ...diagnostic,
        line: line + 1,
        column: stretch.columns + diagnostic.column,
        offset: stretch.newStart + diagnostic.offset,
      });
    }
    for (const close of closes.mixed ? stretchCloses : []) {
      if (close.marker === closes.style || close.at >= stretch.closingAt) continue;
      const column = stretch.columns + codePointLength(written, 0, close.at) + 1;
      mixed.push(mixedClose(line, column, stretch.newStart + close.at, close.marker));
    }
  }
  // In offset order; at one offset, as parse reports them: the close style's last. The kept ones
  // are in order already, and at other places than the fresh ones.
  return mergeByOffset(
    kept,
    [...fresh, ...mixed].sort((a, b) => a.offset - b.offset),
  );
}

/** A long line read again in the stretch around its changes (see stretchAround). */
interface LineStretch {
  /** The stretch in the plain text, and where the entity ending it starts (its `[` ends what is taken). */
  start: number;
  end: number;
  closing: number;
  /** Where the stretch starts in the file before the edit and after it, and the `[` ending it before. */
  oldStart: number;
  newStart: number;
  oldClosing: number;
  /** Where that `[` is in the stretch as written after the edit. */
  closingAt: number;
  /** Code points of the line as written before the stretch. */
  columns: number;
  /** What the edit added to the line as written, in UTF-16 units and in code points. */
  by: number;
  columnsBy: number;
}

/**
 * Which changed lines are read again whole and which in a stretch: a long line whose stretch keeps
 * off both its ends (so its neighbours read as before) and away from a line read whole (whose
 * neighbours are read again whole), holding no carriage return and not starting a conflict marker.
 */
function readAgain(
  old: BracketDocument,
  after: BracketDocument,
  starts: readonly number[],
  changes: ReadonlyArray<{ line: number; offsets: number[] }>,
): { whole: number[]; stretched: Map<number, LineStretch> } {
  const { text } = after;
  const candidates = new Map<number, { start: number; end: number; closing: number }>();
  for (const { line, offsets } of changes) {
    const lineStart = starts[line];
    const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    if (lineEnd - lineStart <= LONG_LINE) continue;
    const stretch = stretchAround(after.entities, offsets[0], offsets.at(-1)!, lineStart, lineEnd);
    const inside = stretch.start > lineStart && stretch.end < lineEnd;
    if (
      inside &&
      !/[\r<=>|]/.test(text[stretch.start]) &&
      !text.slice(stretch.start, stretch.end).includes('\r')
    )
      candidates.set(line, stretch);
  }
  let whole = changes.map(({ line }) => line).filter((line) => !candidates.has(line));
  for (let moved = true; moved;) {
    moved = false;
    for (const line of candidates.keys()) {
      if (whole.some((other) => Math.abs(other - line) <= 1)) {
        candidates.delete(line);
        whole = [...whole, line].sort((a, b) => a - b);
        moved = true;
      }
    }
  }
  const stretched = new Map<number, LineStretch>();
  for (const [line, { start, end, closing }] of candidates) {
    const newStart = start + markupBefore(after, start);
    const newClosing = closing + markupBefore(after, closing);
    const oldStart = start + markupBefore(old, start);
    const oldClosing = closing + markupBefore(old, closing);
    stretched.set(line, {
      start,
      end,
      closing,
      oldStart,
      newStart,
      oldClosing,
      closingAt: newClosing - newStart,
      columns:
        codePointLength(text, starts[line], start) + markupColumns(after, starts[line], start),
      by: newClosing - newStart - (oldClosing - oldStart),
      columnsBy: markupColumns(after, start, closing) - markupColumns(old, start, closing),
    });
  }
  return { whole, stretched };
}

/** The markup of the entities starting before `offset`, in UTF-16 units. */
function markupBefore(doc: BracketDocument, offset: number): number {
  let markup = 0;
  const end = insertionIndex(doc.entities, offset);
  for (let i = 0; i < end; i++) markup += markupLength(doc, doc.entities[i]);
  return markup;
}

/** The markup of the entities starting in [from, to), in code points (columns). */
function markupColumns(doc: BracketDocument, from: number, to: number): number {
  let columns = 0;
  const end = insertionIndex(doc.entities, to);
  for (let i = insertionIndex(doc.entities, from); i < end; i++) {
    const entity = doc.entities[i];
    columns += codePointLength(entity.label) + 2 + (entity.close ?? doc.closeStyle).length;
  }
  return columns;
}

/** Close markers counted per entity array (arrays are never changed in place); edits count only what they changed. */
const counted = new WeakMap<readonly DocumentEntity[], CloseTally>();

function closeCounts(
  doc: BracketDocument,
  previous?: BracketDocument,
  range?: ChangedRange,
): CloseTally {
  const known = counted.get(doc.entities);
  if (known) return known;
  let closes = new CloseTally();
  let from = 0;
  let end = doc.entities.length;
  const before = previous && counted.get(previous.entities);
  if (previous && before && range && previous.closeStyle === doc.closeStyle) {
    closes = before.copy();
    tally(closes, previous, range.from, range.beforeEnd, -1);
    ({ from, afterEnd: end } = range);
  }
  tally(closes, doc, from, end, 1);
  counted.set(doc.entities, closes);
  return closes;
}

function tally(closes: CloseTally, doc: BracketDocument, from: number, to: number, by: 1 | -1) {
  for (let i = from; i < to; i++)
    closes.add((doc.entities[i].close ?? doc.closeStyle).length - 1, by);
}

/**
 * Whether some text reads as text only by the file's close style (see scanEntities): the style
 * counts its one-space `]`, so any edit to the entities may turn it, and how that text reads.
 */
const readByStyle = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.some(
    ({ code, message }) => code === 'literal-bracket' && message.endsWith(STYLE_LITERAL),
  );

const sameCloseStyle = (a: CloseTally, b: CloseTally) => a.style === b.style && a.mixed === b.mixed;

/**
 * The 0-based lines where the two start-sorted entity arrays hold other entities (compared as
 * objects), ascending, each with the offsets of those entities (their starts and ends).
 */
function changedLines(
  before: readonly DocumentEntity[],
  after: readonly DocumentEntity[],
  { from, beforeEnd, afterEnd }: ChangedRange,
  starts: readonly number[],
): Array<{ line: number; offsets: number[] }> {
  const lines = new Map<number, number[]>();
  const changed = (entity: DocumentEntity) => {
    const line = lineIndexAt(starts, entity.start);
    const offsets = lines.get(line) ?? [];
    offsets.push(entity.start, entity.end);
    lines.set(line, offsets);
  };
  let i = from;
  let k = from;
  while (i < beforeEnd || k < afterEnd) {
    const was = i < beforeEnd ? before[i] : undefined;
    const is = k < afterEnd ? after[k] : undefined;
    if (was === is) {
      i++;
      k++;
    } else if (is === undefined || (was !== undefined && was.start < is.start)) {
      changed(was!);
      i++;
    } else {
      changed(is);
      if (was !== undefined && was.start === is.start) i++;
      k++;
    }
  }
  return [...lines]
    .sort(([a], [b]) => a - b)
    .map(([line, offsets]) => ({ line, offsets: offsets.sort((a, b) => a - b) }));
}

/** Runs of lines to read again: two lines either side of each changed line, merged, in order. */
function runsAround(changed: readonly number[], lineCount: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const line of changed) {
    const from = Math.max(0, line - 2);
    const to = Math.min(lineCount - 1, line + 2);
    const last = runs.at(-1);
    if (last && from <= last[1] + 1) last[1] = to;
    else runs.push([from, to]);
  }
  return runs;
}

/** `[` + label + space + close: what an entity adds to the plain text in the file. */
function markupLength(doc: BracketDocument, entity: DocumentEntity): number {
  return entity.label.length + 2 + (entity.close ?? doc.closeStyle).length;
}

/** Two offset-sorted lists as one. */
function mergeByOffset(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const merged: Diagnostic[] = [];
  let i = 0;
  let k = 0;
  while (i < a.length || k < b.length) {
    if (k >= b.length || (i < a.length && a[i].offset <= b[k].offset)) merged.push(a[i++]);
    else merged.push(b[k++]);
  }
  return merged;
}

/** The markup the entities of one line add to it. */
function markupOn(doc: BracketDocument, starts: readonly number[], line: number): number {
  let markup = 0;
  for (const entity of entitiesOn(doc, starts, line)) markup += markupLength(doc, entity);
  return markup;
}

function* entitiesOn(
  doc: BracketDocument,
  starts: readonly number[],
  line: number,
): Generator<DocumentEntity> {
  const end = line + 1 < starts.length ? starts[line + 1] : doc.text.length + 1;
  const entities = doc.entities;
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entities[mid].start < starts[line]) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < entities.length && entities[i].start < end; i++) yield entities[i];
}

interface WrittenLine {
  /** The line as a save writes it, without its line feed. */
  written: string;
  /** Where each entity's close marker starts in it, and the marker. */
  closes: Array<{ at: number; marker: string }>;
}

/** Lines from..to (0-based, inclusive) as a save writes them. */
function writtenLines(
  doc: BracketDocument,
  starts: readonly number[],
  from: number,
  to: number,
): WrittenLine[] {
  const lines: WrittenLine[] = [];
  for (let line = from; line <= to; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : doc.text.length;
    lines.push(writtenRange(doc, starts[line], end));
  }
  return lines;
}

/** The plain text [from, to) of one line as a save writes it, with the entities starting in it. */
function writtenRange(doc: BracketDocument, from: number, to: number): WrittenLine {
  const { text, entities } = doc;
  let written = '';
  let done = from;
  const closes: WrittenLine['closes'] = [];
  for (let i = insertionIndex(entities, from); i < entities.length; i++) {
    const entity = entities[i];
    if (entity.start >= to) break;
    written += text.slice(done, entity.start) + openMarker(entity.label);
    written += text.slice(entity.start, entity.end);
    const marker = entity.close ?? doc.closeStyle;
    closes.push({ at: written.length, marker });
    written += marker;
    done = entity.end;
  }
  return { written: written + text.slice(done, to), closes };
}
