// What an edit's diagnostics are derived from again: the changed lines (of a long one, the stretch around its changes) and the lines their reading reaches, in runs read at once.
import type { BracketDocument } from './document';
import { insertionIndex } from './entity-order';
import { LONG_LINE, stretchAround } from './line-stretch';
import { codePointLength, lineEndAt } from './position';
import { markupLength } from './serialize';

/** The part of a line whose diagnostics are derived again, in the plain text. */
export interface Region {
  line: number;
  start: number;
  end: number;
  /**
   * Where the entity ending a stretch starts: its `[` and what follows keep their diagnostics, moved
   * by the markup the edit added to the line; null when the region reaches the line's end.
   */
  closing: number | null;
  /** Whether a change is in it (its neighbours' reading may hang on it), not only a line beside one. */
  changed: boolean;
}

/** Lines read at once: their regions, joined, and the whole line before or after as context. */
export interface Run {
  /** The plain text read, and the line it starts on. */
  start: number;
  end: number;
  firstLine: number;
  regions: Region[];
}

/**
 * The regions to derive again after changes on these lines, by line. A line's reading hangs on the
 * line before only where it starts (a close there may end an entity left open on it) and on the line
 * after only where it ends, so: a changed line is read whole, or, when long, in the stretch around
 * its changes (see stretchAround); a region reaching its line's start makes the line before one to
 * read to its end (a line beside a change: whole), and one reaching its end the line after from its
 * start, until nothing more is added. A stretch holding a carriage return, or starting with what
 * may be a conflict marker, is not taken: its line is read whole.
 */
export function regionsToRead(
  doc: BracketDocument,
  starts: readonly number[],
  changes: ReadonlyArray<{ line: number; offsets: readonly number[] }>,
): Map<number, Region> {
  const { text } = doc;
  const lineEnd = (line: number) => lineEndAt(starts, text.length, line);
  const whole = (line: number): Region => ({
    line,
    start: starts[line],
    end: lineEnd(line),
    closing: null,
    changed: false,
  });
  const regions = new Map<number, Region>();
  for (const { line, offsets } of changes) {
    const region: Region = { ...whole(line), changed: true };
    if (region.end - region.start > LONG_LINE) {
      const stretch = stretchAround(
        doc.entities,
        offsets[0],
        offsets[offsets.length - 1],
        region.start,
        region.end,
      );
      const clean =
        (stretch.start === region.start || !/[<=>|]/.test(text[stretch.start])) &&
        !text.slice(stretch.start, stretch.end).includes('\r');
      if (clean) {
        region.start = stretch.start;
        if (stretch.end < region.end) {
          region.end = stretch.end;
          region.closing = stretch.closing;
        }
      }
    }
    regions.set(line, region);
  }

  for (let grown = true; grown;) {
    grown = false;
    for (const region of [...regions.values()]) {
      const { line } = region;
      if (region.start === starts[line] && line > 0) {
        const before = regions.get(line - 1);
        if (!before && region.changed) {
          regions.set(line - 1, whole(line - 1));
          grown = true;
        } else if (before && before.closing !== null) {
          before.end = lineEnd(line - 1);
          before.closing = null;
          grown = true;
        }
      }
      if (region.closing === null && line + 1 < starts.length) {
        const after = regions.get(line + 1);
        if (!after && region.changed) {
          regions.set(line + 1, whole(line + 1));
          grown = true;
        } else if (after && after.start !== starts[line + 1]) {
          after.start = starts[line + 1];
          grown = true;
        }
      }
    }
  }
  return new Map([...regions].sort(([a], [b]) => a - b));
}

/**
 * The regions as runs of joined lines (a region reaching its line's end and the next line's region
 * starting it), each with the whole line before it when its first region starts its line, and the
 * whole line after it when its last ends its line (context, not derived again).
 */
export function runsOf(
  regions: ReadonlyMap<number, Region>,
  starts: readonly number[],
  textLength: number,
): Run[] {
  const runs: Run[] = [];
  let current: Region[] = [];
  const close = () => {
    const first = current[0];
    const last = current[current.length - 1];
    const before = first.start === starts[first.line] && first.line > 0;
    const after = last.closing === null && last.line + 1 < starts.length;
    runs.push({
      start: before ? starts[first.line - 1] : first.start,
      end: after ? lineEndAt(starts, textLength, last.line + 1) : last.end,
      firstLine: before ? first.line - 1 : first.line,
      regions: current,
    });
    current = [];
  };
  for (const region of regions.values()) {
    const previous = current[current.length - 1];
    if (previous && !(previous.line + 1 === region.line && previous.closing === null)) close();
    current.push(region);
  }
  if (current.length > 0) close();
  return runs;
}

/** The markup of a document's entities before offsets asked in increasing order, in UTF-16 units. */
export class MarkupBefore {
  private index = 0;
  private markup = 0;

  constructor(private readonly doc: BracketDocument) {}

  at(offset: number): number {
    const { entities } = this.doc;
    while (this.index < entities.length && entities[this.index].start < offset)
      this.markup += markupLength(this.doc, entities[this.index++]);
    return this.markup;
  }
}

/** The markup of the entities starting in [from, to), in code points (columns). */
export function markupColumns(doc: BracketDocument, from: number, to: number): number {
  let columns = 0;
  const end = insertionIndex(doc.entities, to);
  for (let i = insertionIndex(doc.entities, from); i < end; i++) {
    const entity = doc.entities[i];
    columns += codePointLength(entity.label) + 2 + (entity.close ?? doc.closeStyle).length;
  }
  return columns;
}
