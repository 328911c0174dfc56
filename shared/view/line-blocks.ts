// The rows the editor's view is made of: a line, or a block of a very long line, so a key redraws one block and the blocks off screen stay out of the page, as lines do.
import type { DocumentEntity } from '../format/document';
import { lineIndexAt } from '../format/position';
import { tagEnd } from '../format/tokens';
import { insertionIndex } from '../format/entity-order';
import { LONG_LINE } from '../format/line-stretch';
import { readsRightToLeft } from './line-direction';
import { startingIn, type LineIndex, type Located } from './line-index';

/** Characters a block of a long line holds, about: it ends where a token starts after this many. */
export const BLOCK_CHARS = 2_000;

const SPACE = /\s/;

/**
 * Where a block after `from` starts: the first token start (after a space, outside an HTML tag)
 * from `from` on, within a block's length; else `from` itself (a text without spaces), moved past
 * the second half of a surrogate pair.
 */
function blockCut(text: string, from: number, lineEnd: number): number {
  const limit = Math.min(lineEnd, from + BLOCK_CHARS);
  for (let at = from; at < limit; at++) {
    if (!SPACE.test(text[at - 1]) || SPACE.test(text[at])) continue;
    const tag = openTagBefore(text, at, from - BLOCK_CHARS);
    if (tag === -1) return at;
    at = tag - 1;
  }
  const low = text.charCodeAt(from);
  return low >= 0xdc00 && low <= 0xdfff ? from + 1 : from;
}

/** Where the HTML tag open across `at` ends (looked for back to `floor`), or -1 when none is. */
function openTagBefore(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= Math.max(0, floor); i--) {
    const code = text[i];
    if (code === '>') return -1;
    if (code === '<') {
      const end = tagEnd(text, i);
      return end > at ? end : -1;
    }
  }
  return -1;
}

/**
 * A document's lines as blocks: one for a line up to LONG_LINE characters, else about every
 * BLOCK_CHARS characters where a token starts. The cuts are made once from the text, which never
 * changes while it is open; an entity across a cut belongs to the block it starts in, so a block
 * starts after it (see span). Lines and blocks are numbered from 0.
 */
export class LineBlocks {
  /** Where each block starts by the text alone: its line's start, or a cut in a long line. */
  readonly starts: readonly number[];
  /** The first block of each line; null when every line is one block. */
  private readonly firstBlocks: number[] | null;
  /** The long lines drawn right to left (their later blocks are set that way). */
  private readonly rightToLeft = new Set<number>();

  constructor(private readonly lines: LineIndex) {
    const long: number[] = [];
    for (let line = 0; line < lines.count; line++)
      if (lines.end(line) - lines.start(line) > LONG_LINE) long.push(line);
    if (long.length === 0) {
      this.starts = lines.starts;
      this.firstBlocks = null;
      return;
    }
    const starts: number[] = [];
    const firstBlocks: number[] = [];
    this.firstBlocks = firstBlocks;
    for (let line = 0, next = 0; line < lines.count; line++) {
      firstBlocks.push(starts.length);
      const start = lines.start(line);
      starts.push(start);
      if (long[next] !== line) continue;
      next++;
      const end = lines.end(line);
      if (readsRightToLeft(lines.lineText(line))) this.rightToLeft.add(line);
      for (let cut = blockCut(lines.text, start + BLOCK_CHARS, end); cut < end - BLOCK_CHARS / 2;) {
        starts.push(cut);
        cut = blockCut(lines.text, cut + BLOCK_CHARS, end);
      }
    }
    this.starts = starts;
  }

  get count(): number {
    return this.starts.length;
  }

  /** The line the block is of. */
  line(block: number): number {
    return this.firstBlocks ? lineIndexAt(this.firstBlocks, block) : block;
  }

  /** The line's first block. */
  firstOf(line: number): number {
    return this.firstBlocks ? this.firstBlocks[line] : line;
  }

  /** Whether the block begins its line (and shows its number). */
  isFirst(block: number): boolean {
    return this.firstOf(this.line(block)) === block;
  }

  /** Whether the block ends its line (and the gap between lines follows it). */
  isLast(block: number): boolean {
    return block + 1 >= this.count || this.isFirst(block + 1);
  }

  /** Whether the block's line is drawn right to left (by its first letter). */
  drawnRightToLeft(block: number): boolean {
    return this.rightToLeft.has(this.line(block));
  }

  /** The block's characters by the text alone, before entities move its start (for estimates). */
  textSpan(block: number): { start: number; end: number } {
    const end = this.isLast(block) ? this.lines.end(this.line(block)) : this.starts[block + 1];
    return { start: this.starts[block], end };
  }

  /**
   * The block's characters: from its cut, or from the end of an entity across the cut (a block
   * wholly inside one entity is empty), to where the next block of its line starts.
   */
  span(block: number, entities: readonly DocumentEntity[]): { start: number; end: number } {
    const line = this.line(block);
    const start = this.startOf(block, line, entities);
    if (this.isLast(block)) return { start, end: Math.max(start, this.lines.end(line)) };
    return { start, end: this.startOf(block + 1, line, entities) };
  }

  private startOf(block: number, line: number, entities: readonly DocumentEntity[]): number {
    const cut = this.starts[block];
    if (this.firstOf(line) === block) return cut;
    const before = entities[insertionIndex(entities, cut) - 1];
    return before && before.end > cut ? Math.min(before.end, this.lines.end(line)) : cut;
  }

  /**
   * Start-sorted items (entities, diagnostic spans) the block draws: those starting in it (in its
   * line's end too, for its last block), and those from the block before reaching into it.
   */
  on<T extends Located>(items: readonly T[], block: number, span: Located): T[] {
    const line = this.line(block);
    const last = this.isLast(block);
    const limit = !last
      ? span.end
      : line + 1 < this.lines.count
        ? this.lines.start(line + 1)
        : this.lines.text.length + 1;
    const starting = startingIn(items, span.start, limit);
    if (this.firstOf(line) === block) return starting;
    const reaching = startingIn(items, this.starts[block - 1], span.start).filter(
      (item) => item.end > span.start,
    );
    return reaching.length > 0 ? [...reaching, ...starting] : starting;
  }

  /** The block holding offset (a line's end: its last block). */
  blockAt(offset: number, entities: readonly DocumentEntity[]): number {
    // The last block cut at or before offset: of offset's line, whose next line starts after it.
    let block = lineIndexAt(this.starts, offset);
    const line = this.line(block);
    const first = this.firstOf(line);
    while (block > first && this.startOf(block, line, entities) > offset) block--;
    return block;
  }

  /** How many items (start-sorted) begin in each block, by the blocks' cuts: one walk over both. */
  countsPerBlock(items: readonly Located[]): Uint32Array {
    const counts = new Uint32Array(this.starts.length);
    let block = 0;
    for (const { start } of items) {
      while (block + 1 < this.starts.length && this.starts[block + 1] <= start) block++;
      counts[block]++;
    }
    return counts;
  }
}
