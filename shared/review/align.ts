// Aligns two versions of a plain text (Myers' diff over lines, then characters; lines equal in place, then unique lines and words anchor large changes) into the stretches that changed.
import { lineBounds } from '../format/position';
import { isLowSurrogate } from '../convert/code-points';

/** before[beforeStart, beforeEnd) was replaced by after[afterStart, afterEnd). */
export interface TextHunk {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

/** A shortest script is traced when it costs at most this many steps (its O((N+M)D) time) … */
const TRACE_STEPS = 40_000_000;
/** … and at most this many edits (its trace takes O(D²) memory). */
const MAX_TRACED_EDITS = 2000;

/** How many edits a shortest script of n + m elements may need to stay within budget. */
const editBudget = (size: number) => Math.min(MAX_TRACED_EDITS, Math.floor(TRACE_STEPS / size));

/** A stretch of two sequences: a[aLo, aHi) against b[bLo, bHi). */
interface Box {
  aLo: number;
  aHi: number;
  bLo: number;
  bHi: number;
}

/**
 * The shortest edit script of a box by Myers' greedy O((N+M)D) algorithm, keeping each round's
 * furthest reaching paths to walk back from the end; null when it needs more than maxEdits edits.
 */
function tracedScript(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { aLo, aHi, bLo, bHi }: Box,
  maxEdits: number,
): TextHunk[] | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
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
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
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
    if (
      last &&
      diagonal === 0 &&
      last.beforeStart === aLo + editX &&
      last.afterStart === bLo + editY
    ) {
      last.beforeStart = aLo + x;
      last.afterStart = bLo + y;
    } else {
      hunks.push({
        beforeStart: aLo + x,
        beforeEnd: aLo + editX,
        afterStart: bLo + y,
        afterEnd: bLo + editY,
      });
    }
  }
  return hunks.reverse();
}

/**
 * Pairs of positions (i in a, j in b) of the elements that occur exactly once in each side of the
 * box, the longest chain of them that ascends on both sides (patience diff's anchors).
 */
function uniqueAnchors(a: ArrayLike<number>, b: ArrayLike<number>, box: Box): number[][] {
  const seen = new Map<number, { inA: number; at: number; inB: number; bAt: number }>();
  for (let i = box.aLo; i < box.aHi; i++) {
    const entry = seen.get(a[i]);
    if (entry) entry.inA++;
    else seen.set(a[i], { inA: 1, at: i, inB: 0, bAt: -1 });
  }
  for (let j = box.bLo; j < box.bHi; j++) {
    const entry = seen.get(b[j]);
    if (entry) {
      entry.inB++;
      entry.bAt = j;
    }
  }
  const pairs: number[][] = [];
  for (const { inA, at, inB, bAt } of seen.values()) {
    if (inA === 1 && inB === 1) pairs.push([at, bAt]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest ascending run of b-positions (patience sorting): tails[len] ends the best chain of len + 1.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach((pair, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]][1] < pair[1]) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1];
    tails[low] = index;
  });
  const chain: number[][] = [];
  for (
    let index = tails.length ? tails[tails.length - 1] : -1;
    index !== -1;
    index = previous[index]
  ) {
    chain.push(pairs[index]);
  }
  return chain.reverse();
}

/** Appends a hunk, joining it to the last one when they touch. */
function appendHunk(hunks: TextHunk[], hunk: TextHunk): void {
  const last = hunks[hunks.length - 1];
  if (last && last.beforeEnd === hunk.beforeStart && last.afterEnd === hunk.afterStart) {
    last.beforeEnd = hunk.beforeEnd;
    last.afterEnd = hunk.afterEnd;
  } else if (hunk.beforeEnd > hunk.beforeStart || hunk.afterEnd > hunk.afterStart) {
    hunks.push(hunk);
  }
}

/** The elements of each side a window of windowedScript takes… */
const WINDOW = 4096;
/** …and the most edits its script may need: more, and the window is rewritten more than edited. */
const WINDOW_EDITS = 512;

/**
 * An edit script of a box too costly to solve whole and with no element occurring once on each side
 * (a long line of words that all repeat, edited all along): the shortest script of the next WINDOW
 * elements of each side, kept up to the last run of matches that starts in the window's first half
 * (what follows is solved again with the next window, so the window's cut end does not bend it);
 * a window whose script costs too much is replaced whole. Not always a shortest script, but the
 * edits stay where they are when they are spread along the box.
 */
function windowedScript(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  box: Box,
  budget: (size: number) => number,
): TextHunk[] {
  const hunks: TextHunk[] = [];
  let { aLo, bLo } = box;
  const { aHi, bHi } = box;
  while (aLo < aHi || bLo < bHi) {
    const window = { aLo, aHi: Math.min(aHi, aLo + WINDOW), bLo, bHi: Math.min(bHi, bLo + WINDOW) };
    const last = window.aHi === aHi && window.bHi === bHi;
    const size = window.aHi - aLo + window.bHi - bLo;
    const script = tracedScript(a, b, window, Math.min(budget(size), WINDOW_EDITS));
    if (!script) {
      appendHunk(hunks, {
        beforeStart: aLo,
        beforeEnd: window.aHi,
        afterStart: bLo,
        afterEnd: window.bHi,
      });
      [aLo, bLo] = [window.aHi, window.bHi];
      continue;
    }
    // Where to cut: the start of the last run of matches (after a hunk) that starts in the first
    // half; every hunk when all end there, at least one (the window must move on).
    let cut = script.length;
    if (!last) {
      const half = aLo + (window.aHi - aLo) / 2;
      const reaching = script.findIndex((hunk) => hunk.beforeEnd >= half);
      if (reaching !== -1) cut = Math.max(1, reaching);
    }
    for (const hunk of script.slice(0, cut)) appendHunk(hunks, hunk);
    if (last) break;
    const kept = script[cut - 1];
    if (kept) [aLo, bLo] = [kept.beforeEnd, kept.afterEnd];
    else [aLo, bLo] = [window.aHi, window.bHi];
  }
  return hunks;
}

/**
 * An edit script between two sequences of numbers, as hunks in order, for any number of edits. A
 * stretch whose shortest script is affordable gets it (git's choice among equal ones: matches as
 * early as possible); a larger one is cut at the elements that occur once on each side and the
 * pieces are solved alike; a piece with no such element is solved a window at a time (see
 * windowedScript). Equal elements are only ever matched to equal ones.
 */
export function diffSequences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  budget: (size: number) => number = editBudget,
): TextHunk[] {
  const hunks: TextHunk[] = [];
  const solve = (box: Box): void => {
    let { aLo, aHi, bLo, bHi } = box;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    const whole = { beforeStart: aLo, beforeEnd: aHi, afterStart: bLo, afterEnd: bHi };
    if (aLo === aHi || bLo === bHi) {
      appendHunk(hunks, whole);
      return;
    }
    const inner = { aLo, aHi, bLo, bHi };
    const traced = tracedScript(a, b, inner, budget(aHi - aLo + bHi - bLo));
    if (traced) {
      for (const hunk of traced) appendHunk(hunks, hunk);
      return;
    }
    const anchors = uniqueAnchors(a, b, inner);
    if (anchors.length === 0) {
      for (const hunk of windowedScript(a, b, inner, budget)) appendHunk(hunks, hunk);
      return;
    }
    let [i, j] = [aLo, bLo];
    for (const [x, y] of anchors) {
      solve({ aLo: i, aHi: x, bLo: j, bHi: y });
      [i, j] = [x + 1, y + 1];
    }
    solve({ aLo: i, aHi, bLo: j, bHi });
  };
  solve({ aLo: 0, aHi: a.length, bLo: 0, bHi: b.length });
  return hunks;
}

function charCodes(text: string, from: number, to: number): Uint16Array {
  const codes = new Uint16Array(to - from);
  for (let i = from; i < to; i++) codes[i - from] = text.charCodeAt(i);
  return codes;
}

/** Where the line that starts at `start` ends (after its line feed), at most `to`. */
function lineEnd(text: string, start: number, to: number): number {
  const feed = text.indexOf('\n', start);
  return feed === -1 || feed >= to ? to : feed + 1;
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/** Where the word that starts at `start` ends: its token, then the ASCII whitespace after it. */
function wordEnd(text: string, start: number, to: number): number {
  let end = start;
  while (end < to && !isSpace(text.charCodeAt(end))) end++;
  while (end < to && isSpace(text.charCodeAt(end))) end++;
  return end;
}

/** The units of text[from, to) as numbers (equal units sharing one) and their starts, `to` last. */
function unitIds(
  text: string,
  from: number,
  to: number,
  ids: Map<string, number>,
  unitEnd: (text: string, start: number, to: number) => number,
) {
  const starts: number[] = [];
  const values: number[] = [];
  for (let start = from; start < to;) {
    const end = unitEnd(text, start, to);
    const unit = text.slice(start, end);
    let id = ids.get(unit);
    if (id === undefined) ids.set(unit, (id = ids.size));
    starts.push(start);
    values.push(id);
    start = end;
  }
  starts.push(to);
  return { starts, values };
}

/**
 * The hunks of before[span] against after[span] at a finer grain: units as unitEnd cuts them, each
 * changed run of units refined by `finer`.
 */
function alignUnits(
  before: string,
  after: string,
  span: TextHunk,
  unitEnd: (text: string, start: number, to: number) => number,
  finer: (span: TextHunk) => TextHunk[],
): TextHunk[] {
  const ids = new Map<string, number>();
  const beforeUnits = unitIds(before, span.beforeStart, span.beforeEnd, ids, unitEnd);
  const afterUnits = unitIds(after, span.afterStart, span.afterEnd, ids, unitEnd);
  return diffSequences(beforeUnits.values, afterUnits.values).flatMap((units) =>
    finer({
      beforeStart: beforeUnits.starts[units.beforeStart],
      beforeEnd: beforeUnits.starts[units.beforeEnd],
      afterStart: afterUnits.starts[units.afterStart],
      afterEnd: afterUnits.starts[units.afterEnd],
    }),
  );
}

/** The shortest character script of a span, when affordable; null otherwise. */
function alignChars(before: string, after: string, span: TextHunk): TextHunk[] | null {
  const a = charCodes(before, span.beforeStart, span.beforeEnd);
  const b = charCodes(after, span.afterStart, span.afterEnd);
  const box = { aLo: 0, aHi: a.length, bLo: 0, bHi: b.length };
  const hunks = tracedScript(a, b, box, editBudget(a.length + b.length));
  return (
    hunks?.map((hunk) => ({
      beforeStart: hunk.beforeStart + span.beforeStart,
      beforeEnd: hunk.beforeEnd + span.beforeStart,
      afterStart: hunk.afterStart + span.afterStart,
      afterEnd: hunk.afterEnd + span.afterStart,
    })) ?? null
  );
}

/** Lines equal in place this many times in a row part two texts of as many lines (see alignTexts). */
export const STRETCH_GAP = 8;

/**
 * The runs of lines aligned on their own, as [first, last] line indices, given the lines (ascending)
 * that are not equal in place: lines fewer than STRETCH_GAP apart share a run.
 */
export function stretchRuns(unequal: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const line of unequal) {
    const run = runs[runs.length - 1];
    if (run && line - run[1] - 1 < STRETCH_GAP) run[1] = line;
    else runs.push([line, line]);
  }
  return runs;
}

/** The spans of the stretches of two texts with as many lines (see alignTexts); none otherwise. */
function stretchesOf(before: string, after: string): TextHunk[] {
  const a = lineBounds(before);
  const b = lineBounds(after);
  if (a.length !== b.length) return [];
  const unequal: number[] = [];
  for (let line = 0; line + 1 < a.length; line++) {
    if (before.slice(a[line], a[line + 1]) !== after.slice(b[line], b[line + 1]))
      unequal.push(line);
  }
  return stretchRuns(unequal).map(([first, last]) => ({
    beforeStart: a[first],
    beforeEnd: a[last + 1],
    afterStart: b[first],
    afterEnd: b[last + 1],
  }));
}

/**
 * The stretches where after differs from before, in order. Two texts with the same number of lines
 * are first parted where STRETCH_GAP lines or more in a row are equal in place (each line the same
 * as the line at its index on the other side), and the runs of lines between are aligned each on its
 * own; so a large file with scattered edits is aligned line by line however often its lines repeat,
 * and the alignment of a run depends on its lines only. A text (or run) is aligned by skipping common
 * ends, then by lines, each changed run of lines by characters (by words, then characters, where
 * that would cost too much; see diffSequences for large runs). Hunk edges never split a surrogate pair.
 */
export function alignTexts(before: string, after: string): TextHunk[] {
  if (before === after) return [];
  const stretches = stretchesOf(before, after);
  if (stretches.length <= 1) return alignStretch(before, after);
  return stretches.flatMap((stretch) =>
    alignStretch(
      before.slice(stretch.beforeStart, stretch.beforeEnd),
      after.slice(stretch.afterStart, stretch.afterEnd),
    ).map((hunk) => ({
      beforeStart: hunk.beforeStart + stretch.beforeStart,
      beforeEnd: hunk.beforeEnd + stretch.beforeStart,
      afterStart: hunk.afterStart + stretch.afterStart,
      afterEnd: hunk.afterEnd + stretch.afterStart,
    })),
  );
}

/** The hunks of two texts aligned whole: common ends skipped, then lines, then characters. */
function alignStretch(before: string, after: string): TextHunk[] {
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
  // A changed run of lines is aligned by characters; when that costs too much, by words first.
  const hunks = alignUnits(before, after, whole, lineEnd, (lines) => {
    const chars = alignChars(before, after, lines);
    if (chars) return chars;
    return alignUnits(
      before,
      after,
      lines,
      wordEnd,
      (words) => alignChars(before, after, words) ?? [words],
    );
  });
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
