// Aligns two versions of a plain text (Myers' diff over lines, then characters) into the stretches that changed.

/** before[beforeStart, beforeEnd) was replaced by after[afterStart, afterEnd). */
export interface TextHunk {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

/** Give up on a fine alignment past this many edits (lines or characters) and replace the stretch whole. */
const MAX_EDITS = 2000;
/** Hunks of changed lines up to this many characters are refined to characters. */
const MAX_REFINED_CHARS = 20000;

/**
 * The shortest edit script between two sequences of numbers, as hunks, by Myers' O((N+M)D)
 * algorithm; null when it needs more than maxEdits insertions and deletions.
 */
export function diffSequences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  maxEdits = MAX_EDITS,
): TextHunk[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(n + m, maxEdits) && found === -1; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found === -1) return null;

  // Walk back from the end, one edit per step, collecting hunks from last to first.
  const hunks: TextHunk[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const saved = trace[d];
    const at = (k: number) => saved[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const editX = down ? previousX : previousX + 1;
    const editY = down ? previousY + 1 : previousY;
    const diagonal = x - editX;
    x = editX - (down ? 0 : 1);
    y = editY - (down ? 1 : 0);
    const last = hunks[hunks.length - 1];
    if (last && diagonal === 0 && last.beforeStart === editX && last.afterStart === editY) {
      last.beforeStart = x;
      last.afterStart = y;
    } else {
      hunks.push({ beforeStart: x, beforeEnd: editX, afterStart: y, afterEnd: editY });
    }
  }
  return hunks.reverse();
}

function charCodes(text: string, from: number, to: number): Uint16Array {
  const codes = new Uint16Array(to - from);
  for (let i = from; i < to; i++) codes[i - from] = text.charCodeAt(i);
  return codes;
}

/** Line numbers for lines of text[from, to) (each with its line end), equal lines sharing a number. */
function lineIds(text: string, from: number, to: number, ids: Map<string, number>) {
  const starts: number[] = [];
  const values: number[] = [];
  let start = from;
  while (start < to) {
    const feed = text.indexOf('\n', start);
    const end = feed === -1 || feed >= to ? to : feed + 1;
    const line = text.slice(start, end);
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    starts.push(start);
    values.push(id);
    start = end;
  }
  starts.push(to);
  return { starts, values };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The stretches where after differs from before, in order: identical texts short-circuit, common
 * ends are skipped, the middle is aligned by lines and each changed run of lines by characters.
 * Hunk edges never split a surrogate pair.
 */
export function alignTexts(before: string, after: string): TextHunk[] {
  if (before === after) return [];
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (
    tail < shorter - head &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail++;
  }
  const whole: TextHunk = {
    beforeStart: head,
    beforeEnd: before.length - tail,
    afterStart: head,
    afterEnd: after.length - tail,
  };
  const ids = new Map<string, number>();
  const beforeLines = lineIds(before, whole.beforeStart, whole.beforeEnd, ids);
  const afterLines = lineIds(after, whole.afterStart, whole.afterEnd, ids);
  const lineHunks = diffSequences(beforeLines.values, afterLines.values) ?? [
    {
      beforeStart: 0,
      beforeEnd: beforeLines.values.length,
      afterStart: 0,
      afterEnd: afterLines.values.length,
    },
  ];
  const hunks: TextHunk[] = [];
  for (const lines of lineHunks) {
    const span: TextHunk = {
      beforeStart: beforeLines.starts[lines.beforeStart],
      beforeEnd: beforeLines.starts[lines.beforeEnd],
      afterStart: afterLines.starts[lines.afterStart],
      afterEnd: afterLines.starts[lines.afterEnd],
    };
    const size = span.beforeEnd - span.beforeStart + span.afterEnd - span.afterStart;
    const refined =
      size <= MAX_REFINED_CHARS
        ? diffSequences(
            charCodes(before, span.beforeStart, span.beforeEnd),
            charCodes(after, span.afterStart, span.afterEnd),
          )
        : null;
    if (!refined) {
      hunks.push(span);
      continue;
    }
    for (const hunk of refined) {
      hunks.push({
        beforeStart: hunk.beforeStart + span.beforeStart,
        beforeEnd: hunk.beforeEnd + span.beforeStart,
        afterStart: hunk.afterStart + span.afterStart,
        afterEnd: hunk.afterEnd + span.afterStart,
      });
    }
  }
  return snapToCodePoints(before, after, hunks);
}

/** Widens hunks that split a surrogate pair (the unchanged half is equal on both sides), merging neighbours. */
function snapToCodePoints(before: string, after: string, hunks: TextHunk[]): TextHunk[] {
  const snapped: TextHunk[] = [];
  for (const original of hunks) {
    const hunk = { ...original };
    if (
      (hunk.beforeStart > 0 && isLowSurrogate(before.charCodeAt(hunk.beforeStart))) ||
      (hunk.afterStart > 0 && isLowSurrogate(after.charCodeAt(hunk.afterStart)))
    ) {
      hunk.beforeStart--;
      hunk.afterStart--;
    }
    if (
      isLowSurrogate(before.charCodeAt(hunk.beforeEnd)) ||
      isLowSurrogate(after.charCodeAt(hunk.afterEnd))
    ) {
      hunk.beforeEnd++;
      hunk.afterEnd++;
    }
    const last = snapped[snapped.length - 1];
    if (last && last.beforeEnd >= hunk.beforeStart) {
      last.beforeEnd = hunk.beforeEnd;
      last.afterEnd = hunk.afterEnd;
    } else {
      snapped.push(hunk);
    }
  }
  return snapped;
}
