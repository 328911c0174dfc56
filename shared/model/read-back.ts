// Checks that the bytes an edit would write parse back to exactly the entities held, re-reading only the changed lines (of a long line, the stretch around the change) and the first bytes.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { parse } from '../format/parse';
import { codePointLength } from '../format/position';
import { LONG_LINE, stretchAround } from '../format/line-stretch';
import { markupColumns } from '../format/reread-regions';
import { writtenRange } from '../format/serialize';

export interface ReadBackProblem {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in the written line, in code points. */
  column: number;
  message: string;
}

/**
 * The first line among those holding the given plain-text offsets whose written form would read
 * back as other entities than the document holds there, or null when every such line reads true.
 */
export function readBackProblem(
  doc: BracketDocument,
  offsets: Iterable<number>,
): ReadBackProblem | null {
  const { text, entities } = doc;
  const stretches = changedStretches(doc, offsets);
  if (stretches.length === 0) return null;
  if (stretches[0].start === 0 && startsWithByteOrderMark(doc)) {
    return {
      line: 1,
      column: 1,
      message: 'the file would start with U+FEFF, which reads back as a byte order mark',
    };
  }

  // The changed stretches, written and joined, are parsed at once: entities never cross a line end.
  const held: DocumentEntity[] = [];
  const written: string[] = [];
  const heldText: string[] = []; // the plain text the held entities' offsets count in
  let joined = 0; // plain-text length of the joined stretches so far
  for (const stretch of stretches) {
    const { start, end } = stretch;
    heldText.push(text.slice(start, end));
    const range = writtenRange(doc, start, end);
    for (const entity of entities.slice(range.first, range.end)) {
      held.push({
        ...entity,
        start: entity.start - start + joined,
        end: entity.end - start + joined,
      });
    }
    written.push(range.written);
    stretch.joined = joined;
    joined += end - start + 1;
  }
  const source = written.join('\n');
  const reread = parse(source, { labels: doc.labels, bomRemoved: true });
  const read = reread.entities;
  let k = 0;
  while (
    k < held.length &&
    k < read.length &&
    read[k].start === held[k].start &&
    read[k].end === held[k].end &&
    read[k].label === held[k].label
  ) {
    k++;
  }
  if (k === held.length && k === read.length) return null;

  const readEntity = read[k];
  const heldEntity = held[k];
  const at = Math.min(readEntity?.start ?? Infinity, heldEntity?.start ?? Infinity);
  let index = stretches.length - 1;
  while (stretches[index].joined > at) index--;
  const { start, lineStart, joined: stretchJoined } = stretches[index];
  const shown = (entity: DocumentEntity, plain: string) =>
    `${entity.label} “${plain.slice(entity.start, entity.end)}”`;
  const meant = heldEntity && heldText.join('\n').slice(heldEntity.start, heldEntity.end);
  // Brackets in an entity's text are the usual cause: said (the format cannot hold such an entity).
  const why =
    meant && /[[\]]/.test(meant)
      ? ': a bracket in an entity’s text reads as markup there, so this text cannot be tagged as it is'
      : '';
  // Where the problem is in the document's plain text, then in the written line: its markup counted.
  const place = start + at - stretchJoined;
  return {
    line: countLines(text, start),
    column: codePointLength(text, lineStart, place) + markupColumns(doc, lineStart, place) + 1,
    message: !readEntity
      ? `${shown(heldEntity, heldText.join('\n'))} would not read back as an entity${why}`
      : heldEntity
        ? `written, the line would read back with ${shown(readEntity, reread.text)} where ${shown(heldEntity, heldText.join('\n'))} is meant${why}`
        : `written, the line would read back with ${shown(readEntity, reread.text)}, an entity not meant`,
  };
}

/** What is read back: a changed line, or a stretch of a long one; where it goes in the joined read. */
interface Stretch {
  /** Where the stretch starts and ends in the document's text. */
  start: number;
  end: number;
  /** Where its line starts. */
  lineStart: number;
  /** Where it starts in the plain text of the joined stretches. */
  joined: number;
}

/**
 * The stretches holding the offsets, in order: each changed line whole, but for a long line the
 * stretches around its changes (see stretchAround), which read as they would in the whole line.
 */
function changedStretches(doc: BracketDocument, offsets: Iterable<number>): Stretch[] {
  const { text, entities } = doc;
  const lines: Stretch[] = [];
  for (const lineStart of changedLineStarts(text, offsets)) {
    const feed = text.indexOf('\n', lineStart);
    const lineEnd = feed === -1 ? text.length : feed;
    lines.push({ start: lineStart, end: lineEnd, lineStart, joined: 0 });
  }
  if (!lines.some((line) => line.end - line.start > LONG_LINE)) return lines;

  const sorted = [...offsets].sort((a, b) => a - b);
  const stretches: Stretch[] = [];
  let next = 0;
  for (const line of lines) {
    if (line.end - line.start <= LONG_LINE) {
      stretches.push(line);
      continue;
    }
    while (sorted[next] < line.start) next++;
    for (; next < sorted.length && sorted[next] <= line.end; next++) {
      const { start, end } = stretchAround(
        entities,
        sorted[next],
        sorted[next],
        line.start,
        line.end,
      );
      const last = stretches.at(-1);
      if (last && last.lineStart === line.start && start <= last.end)
        last.end = Math.max(last.end, end);
      else stretches.push({ start, end, lineStart: line.start, joined: 0 });
    }
  }
  return stretches;
}

/**
 * The starts of the lines holding the offsets, ascending, each once. Offsets are visited in order
 * and one on the line found last costs nothing, so many offsets on one long line are found in one
 * walk over it.
 */
function changedLineStarts(text: string, offsets: Iterable<number>): number[] {
  const starts: number[] = [];
  let lineEnd = -1; // where the last line found ends (its line feed, or the text's end)
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    if (starts.length > 0 && offset <= lineEnd) continue;
    const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    const feed = text.indexOf('\n', start);
    lineEnd = feed === -1 ? text.length : feed;
    starts.push(start);
  }
  return starts;
}

/** Whether the file written (without a BOM of its own) would begin with U+FEFF, which a reread strips. */
function startsWithByteOrderMark(doc: BracketDocument): boolean {
  return !doc.bom && doc.text.charCodeAt(0) === 0xfeff && doc.entities[0]?.start !== 0;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
