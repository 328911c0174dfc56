// Lines of a document's plain text and the entities on each: line starts once, entities by binary search.
import { lineIndexAt, lineStarts } from '../format/position';
import { insertionIndex } from '../format/entity-order';

/** Anything with a start offset, kept sorted by it (entities, diagnostic spans). */
export interface Located {
  start: number;
  end: number;
}

/** Items of a start-sorted array starting in [from, to): found in O(log n). */
export function startingIn<T extends Located>(items: readonly T[], from: number, to: number): T[] {
  return items.slice(insertionIndex(items, from), insertionIndex(items, to));
}

/**
 * The line structure of a text that never changes while it is open (edits touch entities only),
 * so it is built once; entities stay in the document's own sorted array, which edits keep sorted.
 */
export class LineIndex {
  readonly starts: readonly number[];

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get count(): number {
    return this.starts.length;
  }

  /** The 0-based line holding offset. */
  lineOf(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }

  start(line: number): number {
    return this.starts[line];
  }

  /** Where the line's content ends: before its `\n` (and a `\r` before that). */
  end(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const feed = this.starts[line + 1] - 1;
    return feed > this.starts[line] && this.text.charCodeAt(feed - 1) === 13 ? feed - 1 : feed;
  }

  lineText(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }

  /** Entities (or any start-sorted spans) that begin on the line. */
  on<T extends Located>(items: readonly T[], line: number): T[] {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length + 1;
    return startingIn(items, this.starts[line], next);
  }
}
