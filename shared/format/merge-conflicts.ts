// Conflicts git leaves in a file (<<<<<<< ours … ======= … >>>>>>> theirs, a ||||||| base between): blocks of whole lines.

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

/** The complete conflict blocks of a source, in order (markers outside a complete block are text). */
export function conflictBlocks(source: string): ConflictBlock[] {
  if (!source.includes('<<<<<<<')) return [];
  const blocks: ConflictBlock[] = [];
  // The block being read: where it starts, and where each marker line after the first starts and ends.
  let start = -1;
  let size = 0;
  let marks: Array<{ kind: string; start: number; end: number }> = [];
  for (let lineStart = 0; lineStart < source.length;) {
    const feed = source.indexOf('\n', lineStart);
    const lineEnd = feed === -1 ? source.length : feed + 1;
    MARKER.lastIndex = lineStart;
    const marker = MARKER.exec(source)?.[1] ?? '';
    const kind = marker.charAt(0);
    const expected = marks.map((mark) => mark.kind).join('');
    if (kind === '<') {
      start = lineStart;
      size = marker.length;
      marks = [{ kind, start: lineStart, end: lineEnd }];
    } else if (start !== -1 && marker.length === size && nextMarkers(expected).includes(kind)) {
      marks.push({ kind, start: lineStart, end: lineEnd });
      if (kind === '>') {
        const [open, ...rest] = marks;
        const separator = rest[rest.length - 2];
        const base = rest.length === 3 ? rest[0] : null;
        blocks.push({
          start,
          ours: { start: open.end, end: (base ?? separator).start },
          base: base && { start: base.end, end: separator.start },
          theirs: { start: separator.end, end: lineStart },
          end: lineEnd,
        });
        start = -1;
        marks = [];
      }
    }
    lineStart = lineEnd;
  }
  return blocks;
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
  if (!source.includes('<<<<<<< ') && !source.includes('>>>>>>> ')) return [];
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
