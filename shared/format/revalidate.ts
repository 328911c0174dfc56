// Diagnostics after an edit, derived from those before it by reading again only the lines around the changed entities.
import type { BracketDocument, Diagnostic, DocumentEntity } from './document';
import { diagnose } from './parse';
import { changedRange, type ChangedRange } from './entity-changes';
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
 * read again, with two lines of context; every other diagnostic keeps its line and column and moves
 * by the markup the edit added or removed before it. `starts` are the text's line starts. The whole
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

  const changed = changedLines(old.entities, after.entities, range, starts);
  if (changed.length === 0) return [...before.diagnostics];
  const affected = new Set<number>();
  for (const line of changed) {
    for (let near = line - 1; near <= line + 1; near++) {
      if (near >= 0 && near < starts.length) affected.add(near);
    }
  }

  // Every diagnostic moves by the markup the changed lines before its line gained or lost.
  const shifts = changed.map((line) => ({
    line,
    by: markupOn(after, starts, line) - markupOn(old, starts, line),
  }));
  const kept: Diagnostic[] = [];
  let s = 0;
  let shift = 0;
  for (const diagnostic of before.diagnostics) {
    const line = diagnostic.line - 1;
    while (s < shifts.length && shifts[s].line < line) shift += shifts[s++].by;
    if (!affected.has(line))
      kept.push(shift === 0 ? diagnostic : { ...diagnostic, offset: diagnostic.offset + shift });
  }

  const fresh: Diagnostic[] = [];
  const mixed: Diagnostic[] = [];
  let fileMarkup = 0; // markup of after's entities before the current run
  let counted = 0; // entities of after counted into fileMarkup
  for (const [from, to] of runsAround(changed, starts.length)) {
    const runStart = starts[from];
    while (counted < after.entities.length && after.entities[counted].start < runStart) {
      fileMarkup += markupLength(after, after.entities[counted++]);
    }
    const lines = writtenLines(after, starts, from, to);
    const source = lines.map((line) => line.written).join('\n');
    // Markup whose reading hangs on the file's close style (see scanEntities): only the whole
    // file tells that style, so the whole file is read again.
    let hangsOnStyle = false;
    const closeStyle = () => ((hangsOnStyle = true), closes.style);
    const reread = diagnose(source, { labels, bomRemoved: true, closeStyle });
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
          mixed.push({
            line: line + 1,
            column: codePointLength(written, 0, close.at) + 1,
            severity: 'warning',
            code: 'mixed-close-style',
            message: `close marker "${close.marker}" differs from the file's "${closes.style}"`,
            offset: lineOffset + close.at,
          });
        }
        lineOffset += written.length + 1;
      });
    }
  }
  // In offset order; at one offset, as parse reports them: the close style's last. The kept ones
  // are in order already, and on other lines than the fresh ones.
  return mergeByOffset(
    kept,
    [...fresh, ...mixed].sort((a, b) => a.offset - b.offset),
  );
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

/** The 0-based lines where the two start-sorted entity arrays hold other entities (compared as objects), ascending. */
function changedLines(
  before: readonly DocumentEntity[],
  after: readonly DocumentEntity[],
  { from, beforeEnd, afterEnd }: ChangedRange,
  starts: readonly number[],
): number[] {
  const lines = new Set<number>();
  let i = from;
  let k = from;
  while (i < beforeEnd || k < afterEnd) {
    const was = i < beforeEnd ? before[i] : undefined;
    const is = k < afterEnd ? after[k] : undefined;
    if (was === is) {
      i++;
      k++;
    } else if (is === undefined || (was !== undefined && was.start < is.start)) {
      lines.add(lineIndexAt(starts, was!.start));
      i++;
    } else {
      lines.add(lineIndexAt(starts, is.start));
      if (was !== undefined && was.start === is.start) i++;
      k++;
    }
  }
  return [...lines].sort((a, b) => a - b);
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
  const { text } = doc;
  const lines: WrittenLine[] = [];
  for (let line = from; line <= to; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    let written = '';
    let done = starts[line];
    const closes: WrittenLine['closes'] = [];
    for (const entity of entitiesOn(doc, starts, line)) {
      written += text.slice(done, entity.start) + openMarker(entity.label);
      written += text.slice(entity.start, entity.end);
      const marker = entity.close ?? doc.closeStyle;
      closes.push({ at: written.length, marker });
      written += marker;
      done = entity.end;
    }
    lines.push({ written: written + text.slice(done, end), closes });
  }
  return lines;
}
