// Diagnostics after an edit, derived from those before it by reading again only the lines around the changed entities (of a long line, the stretch around them).
import type { BracketDocument, Diagnostic, DocumentEntity } from './document';
import { diagnose } from './parse';
import { changedRange, type ChangedRange } from './entity-changes';
import {
  markupColumns,
  MarkupBefore,
  regionsToRead,
  runsOf,
  type Region,
  type Run,
} from './reread-regions';
import { codePointLength, lineEndAt, lineIndexAt } from './position';
import { CloseTally, closeDiffersMessage, closeSpaces, STYLE_LITERAL } from './scan';
import { markupLength, writtenRange, type WrittenRange } from './serialize';
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

  const changes = changedLines(old, after, range, starts);
  if (changes.length === 0) return [...before.diagnostics];
  const regions = regionsToRead(after, starts, changes);
  const places = regionPlaces(old, after, starts, regions);

  // Every diagnostic moves by the markup the changed lines before its line gained or lost; one
  // after the stretch of its own line read again, also by what that line gained or lost.
  const kept: Diagnostic[] = [];
  let s = 0;
  let shift = 0;
  for (const diagnostic of before.diagnostics) {
    const line = diagnostic.line - 1;
    while (s < changes.length && changes[s].line < line) shift += changes[s++].by;
    const place = places.get(line);
    if (place && diagnostic.offset >= place.oldStart) {
      if (place.oldClosing === null || diagnostic.offset < place.oldClosing) continue;
      kept.push({
        ...diagnostic,
        offset: diagnostic.offset + shift + place.by,
        column: diagnostic.column + place.columnsBy,
      });
    } else {
      kept.push(shift === 0 ? diagnostic : { ...diagnostic, offset: diagnostic.offset + shift });
    }
  }

  const fresh: Diagnostic[] = [];
  const mixed: Diagnostic[] = [];
  const markup = new MarkupBefore(after);
  for (const run of runsOf(regions, starts, after.text.length)) {
    const lines = writtenLines(after, starts, run);
    // Markup whose reading hangs on the file's close style (see scanEntities): only the whole
    // file tells that style, so the whole file is read again.
    let hangsOnStyle = false;
    const closeStyle = () => ((hangsOnStyle = true), closes.style);
    const source = lines.map((line) => line.written).join('\n');
    const reread = diagnose(source, { labels, bomRemoved: true, closeStyle });
    if (hangsOnStyle) return validate(after, labels);
    const runOffset = run.start + markup.at(run.start);
    // A run starting inside its first line counts that line's columns from its start.
    const columnsBefore = (line: number) =>
      line === run.firstLine ? (places.get(line)?.columns ?? 0) : 0;
    for (const diagnostic of reread) {
      const line = run.firstLine + diagnostic.line - 1;
      const place = places.get(line);
      const offset = runOffset + diagnostic.offset;
      if (!place || diagnostic.code === 'mixed-close-style') continue;
      if (place.newClosing !== null && offset >= place.newClosing) continue;
      fresh.push({
        ...diagnostic,
        line: line + 1,
        column: columnsBefore(line) + diagnostic.column,
        offset,
      });
    }
    if (closes.mixed) {
      let lineOffset = runOffset;
      lines.forEach(({ written, closes: lineCloses }, index) => {
        const line = run.firstLine + index;
        const place = places.get(line);
        for (const close of place ? lineCloses : []) {
          const offset = lineOffset + close.at;
          if (close.marker === closes.style) continue;
          if (place!.newClosing !== null && offset >= place!.newClosing) continue;
          mixed.push({
            line: line + 1,
            column: columnsBefore(line) + codePointLength(written, 0, close.at) + 1,
            severity: 'warning',
            code: 'mixed-close-style',
            message: closeDiffersMessage(close.marker, closes.style),
            offset,
          });
        }
        lineOffset += written.length + 1;
      });
    }
  }
  // In offset order; at one offset, as parse reports them: the close style's last. The kept ones
  // are in order already, and at other places than the fresh ones.
  return mergeByOffset(
    kept,
    [...fresh, ...mixed].sort((a, b) => a.offset - b.offset),
  );
}

/** Where a region read again is in the file before and after the edit. */
interface RegionPlace {
  /** Where it starts in the file before the edit: diagnostics from there are derived again… */
  oldStart: number;
  /** …up to where the entity ending it starts, before the edit and after (null: to the line's end). */
  oldClosing: number | null;
  newClosing: number | null;
  /** Code points of its line as written before it (0 when it starts its line). */
  columns: number;
  /** What the edit added to its line as written, in UTF-16 units and in code points. */
  by: number;
  columnsBy: number;
}

/** The regions' places in the file, by line (regions in increasing order). */
function regionPlaces(
  old: BracketDocument,
  after: BracketDocument,
  starts: readonly number[],
  regions: ReadonlyMap<number, Region>,
): Map<number, RegionPlace> {
  const oldMarkup = new MarkupBefore(old);
  const newMarkup = new MarkupBefore(after);
  const places = new Map<number, RegionPlace>();
  for (const { line, start, closing } of regions.values()) {
    const lineStart = starts[line];
    const oldStart = start + oldMarkup.at(start);
    const columns = start === lineStart ? 0 : columnsOf(after, lineStart, start);
    if (closing === null) {
      places.set(line, {
        oldStart,
        oldClosing: null,
        newClosing: null,
        columns,
        by: 0,
        columnsBy: 0,
      });
      continue;
    }
    const newStart = start + newMarkup.at(start);
    const oldClosing = closing + oldMarkup.at(closing);
    const newClosing = closing + newMarkup.at(closing);
    places.set(line, {
      oldStart,
      oldClosing,
      newClosing,
      columns,
      by: newClosing - newStart - (oldClosing - oldStart),
      columnsBy: markupColumns(after, start, closing) - markupColumns(old, start, closing),
    });
  }
  return places;
}

/** Code points of a line as written, from its start to the plain-text offset `to`. */
function columnsOf(doc: BracketDocument, lineStart: number, to: number): number {
  return codePointLength(doc.text, lineStart, to) + markupColumns(doc, lineStart, to);
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
  for (let i = from; i < to; i++) {
    const marker = doc.entities[i].close ?? doc.closeStyle;
    closes.add(closeSpaces(marker, 0, marker.length - 1), by);
  }
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
 * objects), ascending, each with the offsets of those entities (their starts and ends) and the
 * markup the line gained (less what it lost), in UTF-16 units.
 */
function changedLines(
  old: BracketDocument,
  after: BracketDocument,
  { from, beforeEnd, afterEnd }: ChangedRange,
  starts: readonly number[],
): Array<{ line: number; offsets: number[]; by: number }> {
  const lines = new Map<number, { line: number; offsets: number[]; by: number }>();
  const changed = (doc: BracketDocument, entity: DocumentEntity, sign: 1 | -1) => {
    const line = lineIndexAt(starts, entity.start);
    const change = lines.get(line) ?? { line, offsets: [], by: 0 };
    change.offsets.push(entity.start, entity.end);
    change.by += sign * markupLength(doc, entity);
    lines.set(line, change);
  };
  const before = old.entities;
  let i = from;
  let k = from;
  while (i < beforeEnd || k < afterEnd) {
    const was = i < beforeEnd ? before[i] : undefined;
    const is = k < afterEnd ? after.entities[k] : undefined;
    if (was === is) {
      i++;
      k++;
    } else if (is === undefined || (was !== undefined && was.start < is.start)) {
      changed(old, was!, -1);
      i++;
    } else {
      changed(after, is, 1);
      if (was !== undefined && was.start === is.start) {
        changed(old, was, -1);
        i++;
      }
      k++;
    }
  }
  return [...lines.values()]
    .sort((a, b) => a.line - b.line)
    .map((change) => ({ ...change, offsets: change.offsets.sort((a, b) => a - b) }));
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

/** The lines of a run as a save writes them: its first from the run's start, its last to its end. */
function writtenLines(doc: BracketDocument, starts: readonly number[], run: Run): WrittenRange[] {
  const lines: WrittenRange[] = [];
  for (let line = run.firstLine; ; line++) {
    const lineEnd = lineEndAt(starts, doc.text.length, line);
    const from = Math.max(starts[line], run.start);
    lines.push(writtenRange(doc, from, Math.min(lineEnd, run.end)));
    if (lineEnd >= run.end) return lines;
  }
}
