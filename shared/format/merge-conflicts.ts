// Conflicts git leaves in a file (<<<<<<< ours … ======= … >>>>>>> theirs, a ||||||| base between): blocks of whole lines.
import { append } from '../long-lists';

/** Offsets in the source: a side runs from after its marker line to the start of the next one. */
export interface Span {
  start: number;
  end: number;
}

/** A conflict block in a source. */
export interface ConflictBlock {
  /** Where the `<<<<<<<` line starts. */
  start: number;
  ours: Span;
  /** The `|||||||` side (the common ancestor), in diff3 style. */
  base: Span | null;
  theirs: Span;
  /** Where the `>>>>>>>` line ends, its line break included. */
  end: number;
}

/**
 * A marker at a line's start: seven or more of one character (git's conflict-marker-size may set
 * more; every marker of a block has the same), then the line's end or a space (the side's name).
 */
const MARKER = /(<{7,}|\|{7,}|={7,}|>{7,})(?=$|[ \r\n])/y;

/** A block being read: where it starts, its markers' size, each marker line read, the complete blocks inside it. */
interface OpenBlock {
  start: number;
  size: number;
  marks: Array<{ kind: string; start: number; end: number }>;
  inner: ConflictBlock[];
}

/**
 * The complete conflict blocks of a source, in order (markers outside a complete block are text).
 * A block may hold another whose markers are of another size (git writes a recursive merge's
 * conflicted base with longer ones): the outer block is the conflict, the inner one its text. An
 * inner block is a conflict of its own only where the block around it is never completed.
 */
export function conflictBlocks(source: string): ConflictBlock[] {
  if (!holdsRun(source, '<', 7)) return [];
  const blocks: ConflictBlock[] = [];
  // The blocks being read, the innermost last.
  const open: OpenBlock[] = [];
  /**
   * Gives up the blocks from `index` up (never completed): the complete ones each held, in order,
   * go to the block below them, or are conflicts of their own.
   */
  const abandon = (index: number) => {
    const into = index > 0 ? open[index - 1].inner : blocks;
    for (const dropped of open.splice(index)) append(into, dropped.inner);
  };
  for (let lineStart = 0; lineStart < source.length;) {
    const feed = source.indexOf('\n', lineStart);
    const lineEnd = feed === -1 ? source.length : feed + 1;
    MARKER.lastIndex = lineStart;
    const marker = MARKER.exec(source)?.[1] ?? '';
    const kind = marker.charAt(0);
    const at = open.findLastIndex((block) => block.size === marker.length);
    if (kind === '<') {
      // A start of the size of a block being read: that one was never completed.
      if (at !== -1) abandon(at);
      open.push({
        start: lineStart,
        size: marker.length,
        marks: [{ kind, start: lineStart, end: lineEnd }],
        inner: [],
      });
    } else if (
      at !== -1 &&
      nextMarkers(open[at].marks.map((mark) => mark.kind).join('')).includes(kind)
    ) {
      abandon(at + 1);
      const reading = open[at];
      reading.marks.push({ kind, start: lineStart, end: lineEnd });
      if (kind === '>') {
        open.pop();
        (open.at(-1)?.inner ?? blocks).push(completed(reading, lineStart, lineEnd));
      }
    }
    lineStart = lineEnd;
  }
  abandon(0);
  return blocks;
}

/** A block whose `>>>>>>>` line runs from lineStart to lineEnd, from its marker lines. */
function completed({ start, marks }: OpenBlock, lineStart: number, lineEnd: number): ConflictBlock {
  const [open, ...rest] = marks;
  const separator = rest[rest.length - 2];
  const base = rest.length === 3 ? rest[0] : null;
  return {
    start,
    ours: { start: open.end, end: (base ?? separator).start },
    base: base && { start: base.end, end: separator.start },
    theirs: { start: separator.end, end: lineStart },
    end: lineEnd,
  };
}

/** The markers that may come after those read so far in a block: `<`, then `|` or `=`, `=` after `|`, then `>`. */
function nextMarkers(read: string): string {
  if (read === '<') return '|=';
  if (read === '<|') return '=';
  return read.endsWith('=') ? '>' : '';
}

/** A line git starts a side with (`<<<<<<< HEAD`) or ends one with (`>>>>>>> bo`): the marker, a space, a name. */
const NAMED_MARKER = /(?:<{7,}|>{7,}) \S/y;

/**
 * The marker lines outside every complete block (where each starts): a conflict half resolved, its
 * other markers deleted. Only the named markers git writes are taken: a line of `=======` alone may
 * be the text's own.
 */
export function strayMarkers(source: string, blocks: readonly ConflictBlock[]): number[] {
  if (!holdsRun(source, '<', 7) && !holdsRun(source, '>', 7)) return [];
  const stray: number[] = [];
  for (let lineStart = 0; lineStart < source.length;) {
    const feed = source.indexOf('\n', lineStart);
    NAMED_MARKER.lastIndex = lineStart;
    const inBlock = blocks.some((block) => block.start <= lineStart && lineStart < block.end);
    if (NAMED_MARKER.test(source) && !inBlock) stray.push(lineStart);
    lineStart = feed === -1 ? source.length : feed + 1;
  }
  return stray;
}

/** What one search for a character costs, in characters a search for a string goes through. */
const FIND_COST = 32;

/**
 * Whether source holds `length` of `char` in a row. Found by searching for the one character, each
 * find checked for the run: the engine searches for one character many times faster than for a
 * string (a 50 MB document without markers: ~3 ms against ~30 ms), and every parse asks. Where the
 * character comes so often that its finds cost more, the rest is searched for the string.
 */
export function holdsRun(source: string, char: string, length: number): boolean {
  const run = char.repeat(length);
  let finds = 0;
  for (let at = source.indexOf(char); at !== -1; at = source.indexOf(char, at + 1)) {
    if (source.startsWith(run, at)) return true;
    if (++finds * FIND_COST > at + 4096) return source.includes(run, at + 1);
  }
  return false;
}
