// Diffs two bracket sources line by line: equal lines are skipped by comparing their text, only the lines that differ are parsed; the result is diffDocuments' on both parses.
import { codePointIndex } from '../convert/code-points';
import {
  DEFAULT_LABELS,
  type BracketDocument,
  type CloseStyle,
  type Diagnostic,
  type DocumentEntity,
} from '../format/document';
import { diagnose, parseWithDiagnostics } from '../format/parse';
import { codePointLength, lineBounds, lineCursor, lineStarts } from '../format/position';
import { fileCloseStyle, scanEntities } from '../format/scan';
import { stretchRuns } from './align';
import { byteOrderMarkEdit, diffDocuments, type DocumentDiff } from './diff';
import { mergeCounts, SCORE_SCHEMES, scoresFromCounts, type ScoreCounts } from './scores';

/** Each version's code point offset of a UTF-16 offset of its plain text (what JSON output counts). */
export interface PlainCodePoints {
  before: (utf16: number) => number;
  after: (utf16: number) => number;
}

/** A diff and the code point offsets of both plain texts, however it was computed. */
export interface SourceDiff {
  diff: DocumentDiff;
  codePoints: PlainCodePoints;
  /**
   * Each version's markup errors on the lines that differ (every line, where the versions have
   * different numbers of lines), as reading the whole file finds them: there a change may be
   * misread (an entity left open reads as a removal and text edits).
   */
  errors: Record<Side, Diagnostic[]>;
}

/** The code point offsets of two whole parsed versions, each side's index built on first use (JSON output only). */
export function documentCodePoints(before: BracketDocument, after: BracketDocument) {
  const lazily = (text: string) => {
    let toCodePoint: ((utf16: number) => number) | undefined;
    return (utf16: number) => (toCodePoint ??= codePointIndex(text).toCodePoint)(utf16);
  };
  return { before: lazily(before.text), after: lazily(after.text) };
}

const startsWithBom = (source: string) => source.charCodeAt(0) === 0xfeff;
const withoutBom = (source: string) => (startsWithBom(source) ? source.slice(1) : source);

/**
 * Both versions (sources without their byte order marks) parsed whole and diffed; their errors on
 * the lines (0-based) that differ, or on every line when `differing` is null.
 */
function wholeDiff(
  beforeSource: string,
  afterSource: string,
  labels: readonly string[],
  differing: readonly number[] | null,
): SourceDiff {
  const changed = differing && new Set(differing.map((line) => line + 1));
  // Each parse's origin (which holds its source) let go before the next parse; its text is its own.
  const parsed = (source: string) => {
    const { doc, diagnostics } = parseWithDiagnostics(source, { labels, bomRemoved: true });
    const errors = diagnostics.filter(
      ({ severity, line }) => severity === 'error' && (!changed || changed.has(line)),
    );
    return { doc: { ...doc, origin: undefined }, errors };
  };
  const before = parsed(beforeSource);
  const after = parsed(afterSource);
  return {
    diff: diffDocuments(before.doc, after.doc),
    codePoints: documentCodePoints(before.doc, after.doc),
    errors: { before: before.errors, after: after.errors },
  };
}

/** Surrogate pairs (code points taking two UTF-16 units) in text[from, to). */
function pairsIn(text: string, from = 0, to = text.length): number {
  return to - from - codePointLength(text, from, to);
}

type Side = 'before' | 'after';

/**
 * One version of a document: its source without the byte order mark, where each line starts, its
 * lines parsed, and its close style, counted only if a line's reading needs it (see scanEntities).
 */
class Version {
  /** The source without its byte order mark. */
  readonly src: string;
  readonly bounds: readonly number[];
  private style: CloseStyle | undefined;

  constructor(
    source: string,
    readonly labels: readonly string[],
  ) {
    this.src = withoutBom(source);
    this.bounds = lineBounds(this.src);
  }

  readonly closeStyle = (): CloseStyle => (this.style ??= fileCloseStyle(this.src, this.labels));

  /** Whether some line's reading needed the close style. */
  get styleCounted(): boolean {
    return this.style !== undefined;
  }

  /** Line `index`'s source, its line end included. */
  line(index: number): string {
    return this.src.slice(this.bounds[index], this.bounds[index + 1]);
  }

  /** The surrogate pairs in the markup on the lines above each line (labels may hold astral letters). */
  markupPairsAbove(): Float64Array {
    const pairs = new Float64Array(this.bounds.length);
    const { bounds } = this;
    let at = 0;
    scanEntities(
      this.src,
      this.labels,
      {
        entity(open, label) {
          while (bounds[at + 1] <= open) at++;
          pairs[at + 1] += pairsIn(label);
        },
      },
      this.closeStyle,
    );
    for (let line = 1; line < pairs.length; line++) pairs[line] += pairs[line - 1];
    return pairs;
  }

  /**
   * The lines (ascending indices) parsed as one document, a run of consecutive lines one slice; and
   * the lines among them (0-based) where that reading finds an error or may hide one (see errorsOn).
   */
  parseLines(lines: readonly number[]): { doc: BracketDocument; errorLines: number[] } {
    const pieces: string[] = [];
    for (let k = 0; k < lines.length;) {
      let end = k + 1;
      while (end < lines.length && lines[end] === lines[end - 1] + 1) end++;
      pieces.push(this.src.slice(this.bounds[lines[k]], this.bounds[lines[end - 1] + 1]));
      k = end;
    }
    const { doc, diagnostics } = parseWithDiagnostics(pieces.join(''), {
      labels: this.labels,
      bomRemoved: true,
      closeStyle: this.closeStyle,
    });
    // An open the reading takes to run over a line break swallows the close that the next line
    // (a line far below it in the file, maybe) holds: that line is looked at too.
    const errorLines = diagnostics
      .filter(({ severity }) => severity === 'error')
      .flatMap(({ line }) => lines.slice(line - 1, line + 1));
    return { doc, errorLines };
  }

  /**
   * The errors on these lines (0-based, ascending, no repeats) as reading the whole file finds them:
   * each line read with the lines around it (a close on the next line makes an entity that runs
   * over the break, and is then no stray close there).
   */
  errorsOn(lines: readonly number[]): Diagnostic[] {
    const last = this.bounds.length - 1;
    return lines.flatMap((line) => {
      const first = Math.max(line - 1, 0);
      const source = this.src.slice(this.bounds[first], this.bounds[Math.min(line + 2, last)]);
      return diagnose(source, {
        labels: this.labels,
        closeStyle: this.closeStyle,
        bomRemoved: true,
        infos: false,
      })
        .filter((found) => found.severity === 'error' && found.line === line - first + 1)
        .map((found) => ({ ...found, line: line + 1, offset: found.offset + this.bounds[first] }));
    });
  }
}

/** Some lines of one version parsed as one document; line k of the parse is the block's line k. */
interface LinesParse {
  doc: BracketDocument;
  /** Where each line's plain text starts in the parse's text. */
  starts: number[];
  /** The lines (0-based) where the reading finds an error or may hide one (see parseLines). */
  errorLines: number[];
}

function parseSide(version: Version, lines: readonly number[]): LinesParse {
  const { doc, errorLines } = version.parseLines(lines);
  return { doc, starts: lineStarts(doc.text), errorLines };
}

/** Some lines of both versions parsed and diffed together; line k of the parses is lines[k]. */
interface Block {
  lines: readonly number[];
  diff: DocumentDiff;
  /** The lines (0-based) where reading the block finds an error, on each side. */
  errorLines: Record<Side, number[]>;
  before: { text: string; starts: number[] };
  after: { text: string; starts: number[] };
}

function diffBlock(lines: readonly number[], before: LinesParse, after: LinesParse): Block {
  return {
    lines,
    diff: diffDocuments(before.doc, after.doc),
    errorLines: { before: before.errorLines, after: after.errorLines },
    before: { text: before.doc.text, starts: before.starts },
    after: { text: after.doc.text, starts: after.starts },
  };
}

const block = (lines: readonly number[], a: Version, b: Version) =>
  diffBlock(lines, parseSide(a, lines), parseSide(b, lines));

/** Line k's plain text in a parse of some lines, whose lines start at `starts`. */
const plainLine = (text: string, starts: readonly number[], k: number) =>
  text.slice(starts[k], starts[k + 1] ?? text.length);

/**
 * A parse of some lines (`lines`, ascending) with the lines `dropped` taken out: what parsing the
 * other lines alone gives, as an entity lies on the line it starts on. The parse's entities are
 * moved in place (the parse is not used after).
 */
function withoutLines(
  parsed: LinesParse,
  lines: readonly number[],
  dropped: ReadonlySet<number>,
): LinesParse {
  const { doc, starts } = parsed;
  const { entities } = doc;
  const pieces: string[] = [];
  const kept: DocumentEntity[] = [];
  const keptStarts: number[] = [];
  let length = 0;
  let next = 0;
  for (let k = 0; k < lines.length; k++) {
    const from = starts[k];
    const to = starts[k + 1] ?? doc.text.length;
    // The last line's entities include one closed at the very end of the text.
    const limit = k + 1 < lines.length ? to : Infinity;
    if (dropped.has(lines[k])) {
      while (next < entities.length && entities[next].start < limit) next++;
      continue;
    }
    const shift = length - from;
    for (; next < entities.length && entities[next].start < limit; next++) {
      const entity = entities[next];
      entity.start += shift;
      entity.end += shift;
      kept.push(entity);
    }
    keptStarts.push(length);
    pieces.push(doc.text.slice(from, to));
    length += to - from;
  }
  return {
    doc: { ...doc, text: pieces.join(''), entities: kept, origin: undefined },
    starts: keptStarts,
    errorLines: parsed.errorLines.filter((line) => !dropped.has(line)),
  };
}

/** The lines of each run of text-changed lines (see stretchRuns), ascending. */
const runLines = (textChanged: readonly number[]) =>
  stretchRuns(textChanged).map(([first, last]) =>
    Array.from({ length: last + 1 - first }, (_, k) => first + k),
  );

/** Whether runs of lines hold more than half the document's lines (parsing both whole costs less). */
const overHalf = (runs: ReadonlyArray<readonly number[]>, lineCount: number) =>
  2 * runs.reduce((sum, lines) => sum + lines.length, 0) > lineCount;

/**
 * The blocks to parse and diff (see diffSources): each run of text-changed lines, and the other
 * differing lines; none where the runs hold more than half the lines, and parsing both whole costs
 * less. Which blocks are runs is told apart. The differing lines are parsed once, together, to tell
 * the text-changed ones by their plain texts; that parse, less the runs' lines, is the other block.
 */
function planBlocks(
  a: Version,
  b: Version,
  lineCount: number,
): { differing: number[]; blocks?: Block[]; runs?: Set<Block> } {
  const differing: number[] = [];
  for (let line = 0; line < lineCount; line++) {
    if (a.line(line) !== b.line(line)) differing.push(line);
  }
  const was = parseSide(a, differing);
  const now = parseSide(b, differing);
  const textChanged = differing.filter(
    (_, k) => plainLine(was.doc.text, was.starts, k) !== plainLine(now.doc.text, now.starts, k),
  );
  const runs = runLines(textChanged);
  if (overHalf(runs, lineCount)) return { differing };
  const inRun = new Set(runs.flat());
  const runBlocks = runs.map((lines) => block(lines, a, b));
  const around =
    inRun.size === 0
      ? diffBlock(differing, was, now)
      : diffBlock(
          differing.filter((line) => !inRun.has(line)),
          withoutLines(was, differing, inRun),
          withoutLines(now, differing, inRun),
        );
  return { differing, blocks: [...runBlocks, around], runs: new Set(runBlocks) };
}

/**
 * What diffDocuments(parse(before), parse(after)) gives (with the label set `labels`), without
 * parsing both whole. Entities never cross a line, so a line whose source is the same on both sides
 * holds the same entities, each the same on both sides (where the two files' close styles differ and
 * a line's reading depends on it, both are parsed whole). With the same number of lines on both
 * sides, the lines whose source differs are parsed, together. Where their plain texts are the same, entities pair within their lines and
 * the diff of those lines alone is the diff of the whole. Where some plain texts differ too, each
 * run of such lines (lines fewer than STRETCH_GAP apart, those between included) is parsed and
 * diffed as a block of its own, as the text alignment aligns each run on its own (see alignTexts),
 * the other differing lines as another block. The lines left alone are scanned on one side only, to
 * count their entities and markup. With different numbers of lines, or runs over more than half
 * the lines, both versions are parsed whole.
 */
export function diffSources(
  beforeSource: string,
  afterSource: string,
  labels: readonly string[] = DEFAULT_LABELS,
): SourceDiff {
  const found = diffVersions(new Version(beforeSource, labels), new Version(afterSource, labels));
  found.diff.textEdits.unshift(
    ...byteOrderMarkEdit(startsWithBom(beforeSource), startsWithBom(afterSource)),
  );
  return found;
}

/** diffSources on the two versions without their byte order marks. */
function diffVersions(a: Version, b: Version): SourceDiff {
  const { labels } = a;
  const lineCount = a.bounds.length - 1;
  if (b.bounds.length - 1 !== lineCount) return wholeDiff(a.src, b.src, labels, null);

  const { differing, blocks, runs } = planBlocks(a, b, lineCount);
  if (!blocks || !runs) return wholeDiff(a.src, b.src, labels, differing);

  // The lines left alone: their entities count as the same on both sides; their markup, counted
  // per line on the before side, places the blocks' lines in both plain texts.
  const inBlock = new Uint8Array(lineCount);
  for (const { lines } of blocks) for (const line of lines) inBlock[line] = 1;
  const markup = new Float64Array(lineCount + 1);
  const same = new Map<string, { count: number }>();
  let at = 0;
  scanEntities(
    a.src,
    labels,
    {
      entity(open, label, contentStart, contentEnd, closeAt) {
        while (a.bounds[at + 1] <= open) at++;
        markup[at + 1] += contentStart - open + closeAt + 1 - contentEnd;
        if (inBlock[at]) return;
        const tally = same.get(label);
        if (tally) tally.count++;
        else same.set(label, { count: 1 });
      },
    },
    a.closeStyle,
  );
  // A line the same on both sides reads the same on both, unless the two files' close styles
  // differ and some line's reading depended on it (every line of BEFORE was read just now).
  if ((a.styleCounted || b.styleCounted) && a.closeStyle() !== b.closeStyle()) {
    return wholeDiff(a.src, b.src, labels, differing);
  }
  // From here markup[line] is BEFORE's markup on the lines above `line`.
  for (let line = 1; line <= lineCount; line++) markup[line] += markup[line - 1];

  // The markup AFTER has more than BEFORE on each block line, then (in place, in line order) on the
  // block lines above it: AFTER's plain text is that much shorter there.
  const gained = new Float64Array(lineCount);
  for (const piece of blocks) {
    piece.lines.forEach((line, k) => {
      gained[line] = markupOf(b, line, piece.after, k) - markupOf(a, line, piece.before, k);
    });
  }
  let gainedAbove = 0;
  for (let line = 0; line < lineCount; line++) {
    if (!inBlock[line]) continue;
    const own = gained[line];
    gained[line] = gainedAbove;
    gainedAbove += own;
  }
  /** Where a block line's plain text starts in each whole version. */
  const start: Record<Side, (line: number) => number> = {
    before: (line) => a.bounds[line] - markup[line],
    after: (line) => b.bounds[line] - markup[line] - gained[line],
  };

  // Each block's changes moved to their lines and offsets in the whole versions, in text order.
  const changes: Array<{ at: number; change: DocumentDiff['changes'][number] }> = [];
  const textEdits: DocumentDiff['textEdits'] = [];
  for (const piece of blocks) {
    const moved = (side: Side) => {
      const { starts } = piece[side];
      // How far each of the block's lines moves, from the block's parse to the whole version.
      const shifts = piece.lines.map((line, k) => start[side](line) - starts[k]);
      const lineOf = lineCursor(starts);
      return <Span extends { start: number; end: number }>(span: Span): Span => {
        const shift = shifts[lineOf(span.start)];
        return { ...span, start: span.start + shift, end: span.end + shift };
      };
    };
    const [toBefore, toAfter] = [moved('before'), moved('after')];
    for (const change of piece.diff.changes) {
      const line = piece.lines[change.line - 1];
      // A run's changes stay together, in the order diffDocuments gave them.
      changes.push({
        at: runs.has(piece) ? piece.lines[0] : line,
        change: {
          ...change,
          line: line + 1,
          before: change.before && toBefore(change.before),
          after: change.after && toAfter(change.after),
        },
      });
    }
    for (const edit of piece.diff.textEdits) {
      textEdits.push({
        ...edit,
        line: piece.lines[edit.line - 1] + 1,
        before: toBefore(edit.before),
        after: toAfter(edit.after),
      });
    }
  }
  // Each block is in order; the stable sort interleaves them by line.
  changes.sort((x, y) => x.at - y.at);

  const counts = sortedLabels(
    mergeCounts([sameCounts(same), ...blocks.map((piece) => piece.diff.counts)]),
  );
  let places: Record<Side, PlainLine[]> | undefined;
  const placed = () => (places ??= blockLinePlaces(a, b, blocks, start));
  return {
    diff: {
      changes: changes.map(({ change }) => change),
      textEdits,
      scores: scoresFromCounts(counts),
      counts,
    },
    codePoints: {
      before: plainCodePoints(a.src, () => placed().before),
      after: plainCodePoints(b.src, () => placed().after),
    },
    errors: {
      before: a.errorsOn(errorLines(blocks, 'before', differing)),
      after: b.errorsOn(errorLines(blocks, 'after', differing)),
    },
  };
}

/**
 * The lines (0-based, ascending, once each) among those that differ where reading the blocks finds
 * an error on one side (a run's block holds lines the same on both sides too).
 */
function errorLines(blocks: readonly Block[], side: Side, differing: readonly number[]): number[] {
  const found = new Set(blocks.flatMap((piece) => piece.errorLines[side]));
  return differing.filter((line) => found.has(line));
}

/** The markup on a block line of one version: its source's length less its plain text's. */
function markupOf(version: Version, line: number, side: Block['before'], k: number): number {
  const plain = (side.starts[k + 1] ?? side.text.length) - side.starts[k];
  return version.bounds[line + 1] - version.bounds[line] - plain;
}

/** A block line on one side: where its plain text and source start, markup pairs before it, its plain text. */
interface PlainLine {
  start: number;
  source: number;
  markupPairs: number;
  text: string;
}

/**
 * Every block line on each side, in line order (so in plain text order), with what code points
 * need of it: the surrogate pairs in the markup above it (BEFORE's, counted by scanning it again;
 * AFTER's, less those gained on the block lines above).
 */
function blockLinePlaces(
  a: Version,
  b: Version,
  blocks: readonly Block[],
  start: Record<Side, (line: number) => number>,
): Record<Side, PlainLine[]> {
  const markupPairs = a.markupPairsAbove();
  const lines = blocks
    .flatMap((piece) =>
      piece.lines.map((line, k) => ({
        line,
        was: plainLine(piece.before.text, piece.before.starts, k),
        now: plainLine(piece.after.text, piece.after.starts, k),
      })),
    )
    .sort((x, y) => x.line - y.line);
  const places: Record<Side, PlainLine[]> = { before: [], after: [] };
  let gainedPairs = 0;
  for (const { line, was, now } of lines) {
    places.before.push({
      start: start.before(line),
      source: a.bounds[line],
      markupPairs: markupPairs[line],
      text: was,
    });
    places.after.push({
      start: start.after(line),
      source: b.bounds[line],
      markupPairs: markupPairs[line] + gainedPairs,
      text: now,
    });
    gainedPairs +=
      pairsIn(b.src, b.bounds[line], b.bounds[line + 1]) -
      pairsIn(now) -
      (pairsIn(a.src, a.bounds[line], a.bounds[line + 1]) - pairsIn(was));
  }
  return places;
}

/**
 * The code point offset of a plain offset on a block line of one side (or of the text's start, where
 * a byte order mark's edit is, on no line maybe): the line counts its own; before it, the source's
 * code points less the markup's. Built on first use (JSON output only), from the side's block lines
 * in plain text order.
 */
function plainCodePoints(src: string, blockLines: () => PlainLine[]): (utf16: number) => number {
  let ordered: PlainLine[] | undefined;
  let pairsBefore: number[] | undefined;
  const within = new Map<PlainLine, (utf16: number) => number>();
  return (utf16) => {
    if (utf16 === 0) return 0;
    if (!ordered) {
      ordered = blockLines();
      let count = 0;
      let counted = 0;
      pairsBefore = ordered.map(({ source }) => {
        count += pairsIn(src, counted, source);
        counted = source;
        return count;
      });
    }
    let low = 0;
    let high = ordered.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (ordered[mid].start <= utf16) low = mid;
      else high = mid - 1;
    }
    const line = ordered[low];
    let index = within.get(line);
    if (!index) within.set(line, (index = codePointIndex(line.text).toCodePoint));
    return line.start - (pairsBefore![low] - line.markupPairs) + index(utf16 - line.start);
  };
}

/** The counts of entities that are the same on both sides, so many per label. */
function sameCounts(same: Map<string, { count: number }>): ScoreCounts {
  const correct = (n: number) =>
    Object.fromEntries(
      SCORE_SCHEMES.map((scheme) => [
        scheme,
        { correct: n, incorrect: 0, partial: 0, missed: 0, spurious: 0 },
      ]),
    ) as ScoreCounts['overall'];
  let all = 0;
  const labels = new Map<string, ScoreCounts['overall']>();
  for (const [label, { count }] of same) {
    all += count;
    labels.set(label, correct(count));
  }
  return { overall: correct(all), labels };
}

/** The counts with their labels in alphabetical order, as countEntities lists them. */
function sortedLabels(counts: ScoreCounts): ScoreCounts {
  const labels = [...counts.labels.keys()].sort();
  return {
    overall: counts.overall,
    labels: new Map(labels.map((label) => [label, counts.labels.get(label)!])),
  };
}
