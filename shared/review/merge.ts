// Three-way merge of bracket documents: text by line as git merges it, entities one by one on shared lines.
import { append } from '../long-lists';
import type { BracketDocument, DocumentEntity } from '../format/document';
import { serialize } from '../format/serialize';
import { diffSequences, type TextHunk } from './align';
import { pairEntities } from './match';

export interface MergeOptions {
  /** Length of the conflict markers, as git's %L gives it (default 7). */
  markerSize?: number;
  oursLabel?: string;
  theirsLabel?: string;
}

export interface MergeResult {
  /** The merged bracket file, with git's conflict markers around each conflict. */
  text: string;
  /** How many conflict blocks text holds. */
  conflicts: number;
}

/** One line of a document: its plain text with its line end, and its entities, offsets from the line start. */
interface Line {
  text: string;
  entities: readonly DocumentEntity[];
}

/**
 * A stretch of the result: clean lines (settled when ours and theirs have them alike, so a conflict
 * may take them in), or a conflict.
 */
type Piece =
  | { kind: 'clean'; lines: Line[]; settled: boolean }
  | { kind: 'conflict'; ours: Line[]; theirs: Line[] };

/** git's merge joins two conflicts when at most this many settled lines lie between them. */
const JOIN_CONFLICTS_WITHIN = 3;

function splitLines(doc: BracketDocument): Line[] {
  const lines: Line[] = [];
  let next = 0;
  let start = 0;
  while (start < doc.text.length) {
    const feed = doc.text.indexOf('\n', start);
    const end = feed === -1 ? doc.text.length : feed + 1;
    const entities: DocumentEntity[] = [];
    for (; next < doc.entities.length && doc.entities[next].start < end; next++) {
      const entity = doc.entities[next];
      entities.push({ ...entity, start: entity.start - start, end: entity.end - start });
    }
    lines.push({ text: doc.text.slice(start, end), entities });
    start = end;
  }
  return lines;
}

/** The same span with the same label: what an annotation says, whatever its close marker. */
const sameAnnotation = (a: DocumentEntity, b: DocumentEntity) =>
  a.start === b.start && a.end === b.end && a.label === b.label;

/** The same annotation closed the same way (a close-marker fix is a change too). */
const sameEntity = (a: DocumentEntity, b: DocumentEntity) =>
  sameAnnotation(a, b) && a.close === b.close;

const sameEntities = (a: readonly DocumentEntity[], b: readonly DocumentEntity[]) =>
  a.length === b.length && a.every((entity, k) => sameEntity(entity, b[k]));

const sameLines = (a: readonly Line[], b: readonly Line[]) =>
  a.length === b.length &&
  a.every((line, k) => line.text === b[k].text && sameEntities(line.entities, b[k].entities));

/** For each base entity, the index of the side's entity paired with it (-1: removed); and the side's additions. */
function fates(base: readonly DocumentEntity[], side: readonly DocumentEntity[]) {
  const paired = new Array<number>(base.length).fill(-1);
  const added: number[] = [];
  for (const pair of pairEntities(base, side)) {
    if (pair.before === -1) added.push(pair.after);
    else paired[pair.before] = pair.after;
  }
  return { paired, added };
}

/** The side that changed a value (ours when both changed it alike); null when they changed it differently. */
function oneSided<T>(
  base: T,
  ours: T,
  theirs: T,
  same: (a: T, b: T) => boolean,
): { value: T } | null {
  if (same(ours, base) || same(ours, theirs)) return { value: theirs };
  if (same(theirs, base)) return { value: ours };
  return null;
}

/**
 * Merges the entities of one line whose text is the same in all three versions; null when the same
 * entity changed two ways, or changes from the two sides overlap.
 */
export function mergeEntities(
  base: readonly DocumentEntity[],
  ours: readonly DocumentEntity[],
  theirs: readonly DocumentEntity[],
): DocumentEntity[] | null {
  const inOurs = fates(base, ours);
  const inTheirs = fates(base, theirs);
  const merged: DocumentEntity[] = [];
  for (let k = 0; k < base.length; k++) {
    const o = inOurs.paired[k];
    const t = inTheirs.paired[k];
    const ourEntity = o === -1 ? null : ours[o];
    const theirEntity = t === -1 ? null : theirs[t];
    if (!ourEntity || !theirEntity) {
      // Removed on one side: kept removed if the other left it as it was.
      const other = ourEntity ?? theirEntity;
      if (other && !sameEntity(other, base[k])) return null;
      continue;
    }
    // The annotation (span and label) and the close marker merge each on their own.
    const annotation = oneSided(base[k], ourEntity, theirEntity, sameAnnotation);
    const close = oneSided(base[k].close, ourEntity.close, theirEntity.close, (a, b) => a === b);
    if (!annotation || !close) return null;
    merged.push({ ...annotation.value, close: close.value });
  }
  const ourAdditions = inOurs.added.map((j) => ours[j]);
  append(merged, ourAdditions);
  for (const j of inTheirs.added) {
    if (!ourAdditions.some((entity) => sameEntity(entity, theirs[j]))) merged.push(theirs[j]);
  }
  merged.sort((a, b) => a.start - b.start);
  for (let k = 1; k < merged.length; k++) if (merged[k].start < merged[k - 1].end) return null;
  return merged;
}

/** A line's text with its entities, for telling lines apart where annotations count. */
const lineKey = (line: Line) =>
  `${line.text}\0${line.entities.map((entity) => `${entity.start},${entity.end},${entity.label},${entity.close}`).join(';')}`;

/** The hunks that turn lines a into lines b, compared by key. */
function lineHunks(
  a: readonly Line[],
  b: readonly Line[],
  key: (line: Line) => string,
): TextHunk[] {
  const ids = new Map<string, number>();
  const idsOf = (lines: readonly Line[]) =>
    lines.map((line) => {
      const text = key(line);
      let id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      return id;
    });
  const [x, y] = [idsOf(a), idsOf(b)];
  return diffSequences(x, y);
}

/**
 * The hunks that turn base's lines into a side's, aligned as git aligns them: by the whole line,
 * entities included (by text alone, two lines that read alike but hold other entities could be
 * taken one for the other, and one side's decision dropped). Lines at a hunk's edges whose text
 * stays are left out of it: they changed entities only, which merge one by one on shared lines.
 */
function sideHunks(base: readonly Line[], side: readonly Line[]): TextHunk[] {
  const hunks: TextHunk[] = [];
  for (const hunk of lineHunks(base, side, lineKey)) {
    let { beforeStart, beforeEnd, afterStart, afterEnd } = hunk;
    const sameText = (b: number, a: number) => base[b].text === side[a].text;
    while (beforeStart < beforeEnd && afterStart < afterEnd && sameText(beforeStart, afterStart)) {
      beforeStart++;
      afterStart++;
    }
    while (
      beforeEnd > beforeStart &&
      afterEnd > afterStart &&
      sameText(beforeEnd - 1, afterEnd - 1)
    ) {
      beforeEnd--;
      afterEnd--;
    }
    if (beforeStart < beforeEnd || afterStart < afterEnd)
      hunks.push({ beforeStart, beforeEnd, afterStart, afterEnd });
  }
  return hunks;
}

const growth = (hunk: TextHunk) =>
  hunk.afterEnd - hunk.afterStart - (hunk.beforeEnd - hunk.beforeStart);

/**
 * Merges ours and theirs against base. Lines are aligned as git aligns them (whole lines), and a
 * line whose text stays while its entities change is merged entity by entity. The texts merge by
 * line as git's own merge does: a
 * stretch of lines changed on one side is taken from it; changes of both sides that overlap or
 * touch conflict unless they are equal, narrowed to the lines where the sides differ, and conflicts
 * at most three unchanged lines apart join (git's zealous merge). A stretch changed in text on one
 * side and in entities on the other conflicts too. On lines whose text all three share, entities
 * merge one by one, so edits to different entities of one line merge cleanly and one entity
 * changed two ways is a conflict.
 */
export function mergeDocuments(
  base: BracketDocument,
  ours: BracketDocument,
  theirs: BracketDocument,
  options: MergeOptions = {},
): MergeResult {
  const baseLines = splitLines(base);
  const ourLines = splitLines(ours);
  const theirLines = splitLines(theirs);
  const hunks = [
    ...sideHunks(baseLines, ourLines).map((hunk) => ({ ...hunk, ours: true })),
    ...sideHunks(baseLines, theirLines).map((hunk) => ({ ...hunk, ours: false })),
  ].sort((a, b) => a.beforeStart - b.beforeStart || a.beforeEnd - b.beforeEnd);

  const pieces: Piece[] = [];
  /** Settled: ours and theirs have these lines alike (unchanged, or changed alike, as git counts them). */
  const clean = (lines: Line[], settled = false) => {
    const last = pieces.at(-1);
    // One side's deletion leaves no line, yet still keeps conflicts on either side of it apart.
    if (lines.length === 0 && settled) return;
    if (last?.kind === 'clean' && last.settled === settled) append(last.lines, lines);
    else pieces.push({ kind: 'clean', lines, settled });
  };
  const conflict = (oursPart: Line[], theirsPart: Line[]) => {
    // As git does: a conflict next to another, or a few settled lines from it, joins it.
    const last = pieces.at(-1);
    const between = pieces.at(-2);
    if (last?.kind === 'conflict') {
      append(last.ours, oursPart);
      append(last.theirs, theirsPart);
    } else if (
      last?.kind === 'clean' &&
      last.settled &&
      last.lines.length <= JOIN_CONFLICTS_WITHIN &&
      between?.kind === 'conflict'
    ) {
      pieces.pop();
      append(between.ours, [...last.lines, ...oursPart]);
      append(between.theirs, [...last.lines, ...theirsPart]);
    } else pieces.push({ kind: 'conflict', ours: oursPart, theirs: theirsPart });
  };
  /** A conflict narrowed as git's zealous merge does: lines alike on both sides are settled, not conflicting. */
  const refinedConflict = (oursPart: Line[], theirsPart: Line[]) => {
    if (oursPart.length === 0 || theirsPart.length === 0) return conflict(oursPart, theirsPart);
    let done = 0;
    for (const hunk of lineHunks(oursPart, theirsPart, lineKey)) {
      clean(oursPart.slice(done, hunk.beforeStart), true);
      conflict(
        oursPart.slice(hunk.beforeStart, hunk.beforeEnd),
        theirsPart.slice(hunk.afterStart, hunk.afterEnd),
      );
      done = hunk.beforeEnd;
    }
    clean(oursPart.slice(done), true);
  };
  let ourShift = 0;
  let theirShift = 0;
  let done = 0; // base lines merged so far
  const mergeSharedLines = (until: number) => {
    for (; done < until; done++) {
      const was = baseLines[done];
      const ourLine = ourLines[done + ourShift];
      const theirLine = theirLines[done + theirShift];
      if (sameEntities(ourLine.entities, theirLine.entities)) clean([ourLine], true);
      else if (sameEntities(ourLine.entities, was.entities)) clean([theirLine]);
      else if (sameEntities(theirLine.entities, was.entities)) clean([ourLine]);
      else {
        const entities = mergeEntities(was.entities, ourLine.entities, theirLine.entities);
        if (entities) clean([{ text: was.text, entities }]);
        else conflict([ourLine], [theirLine]);
      }
    }
  };

  for (let h = 0; h < hunks.length;) {
    const start = hunks[h].beforeStart;
    let end = hunks[h].beforeEnd;
    let ourGrowth = 0;
    let theirGrowth = 0;
    let oursChanged = false;
    let theirsChanged = false;
    for (; h < hunks.length && hunks[h].beforeStart <= end; h++) {
      const hunk = hunks[h];
      end = Math.max(end, hunk.beforeEnd);
      if (hunk.ours) {
        ourGrowth += growth(hunk);
        oursChanged = true;
      } else {
        theirGrowth += growth(hunk);
        theirsChanged = true;
      }
    }
    mergeSharedLines(start);
    const was = baseLines.slice(start, end);
    const ourPart = ourLines.slice(start + ourShift, end + ourShift + ourGrowth);
    const theirPart = theirLines.slice(start + theirShift, end + theirShift + theirGrowth);
    if (!theirsChanged && sameLines(theirPart, was)) clean(ourPart);
    else if (!oursChanged && sameLines(ourPart, was)) clean(theirPart);
    else if (sameLines(ourPart, theirPart)) clean(ourPart, true);
    else refinedConflict(ourPart, theirPart);
    ourShift += ourGrowth;
    theirShift += theirGrowth;
    done = end;
  }
  mergeSharedLines(baseLines.length);
  return {
    text: printPieces(pieces, base, ours, theirs, options),
    conflicts: countConflicts(pieces),
  };
}

const countConflicts = (pieces: readonly Piece[]) =>
  pieces.filter((piece) => piece.kind === 'conflict').length;

/** A line back as bracket text; every entity came from a parsed file, so it keeps its own close marker. */
function printLine(line: Line, like: BracketDocument): string {
  return serialize({
    ...like,
    text: line.text,
    entities: line.entities,
    bom: false,
    origin: undefined,
  });
}

function printPieces(
  pieces: readonly Piece[],
  base: BracketDocument,
  ours: BracketDocument,
  theirs: BracketDocument,
  options: MergeOptions,
): string {
  const size = options.markerSize ?? 7;
  const eol = ours.lineEnding === '\r\n' ? '\r\n' : '\n';
  const block = (lines: readonly Line[]) => {
    const text = lines.map((line) => printLine(line, ours)).join('');
    return text === '' || text.endsWith('\n') ? text : text + eol;
  };
  const bom = ours.bom !== base.bom ? ours.bom : theirs.bom;
  // The mark begins the first line: in a conflict there it begins each side's lines, as git puts it,
  // so the conflict marker starts the file and git sees it.
  const markInConflict = bom && pieces[0]?.kind === 'conflict';
  const marked = (text: string) => (markInConflict && text !== '' ? `\uFEFF${text}` : text);
  let output = bom && !markInConflict ? '\uFEFF' : '';
  for (const [index, piece] of pieces.entries()) {
    if (piece.kind === 'clean') {
      output += piece.lines.map((line) => printLine(line, ours)).join('');
      continue;
    }
    const side = (lines: readonly Line[]) => (index === 0 ? marked(block(lines)) : block(lines));
    output +=
      `${'<'.repeat(size)} ${options.oursLabel ?? 'ours'}${eol}${side(piece.ours)}` +
      `${'='.repeat(size)}${eol}${side(piece.theirs)}` +
      `${'>'.repeat(size)} ${options.theirsLabel ?? 'theirs'}${eol}`;
  }
  return output;
}
