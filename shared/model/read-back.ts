// Checks that the bytes an edit would write parse back to exactly the entities held, re-reading only the changed lines (and the first bytes).
import type { BracketDocument, DocumentEntity } from '../format/document';
import { parse } from '../format/parse';
import { codePointLength } from '../format/position';
import { openMarker } from '../format/serialize';
import { insertionIndex } from './entity-order';

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
  const starts = changedLineStarts(text, offsets);
  if (starts.length === 0) return null;
  if (starts[0] === 0 && startsWithByteOrderMark(doc)) {
    return {
      line: 1,
      column: 1,
      message: 'the file would start with U+FEFF, which reads back as a byte order mark',
    };
  }

  // The changed lines, written and joined, are parsed at once: entities never cross a line end.
  const lines: ChangedLine[] = [];
  const held: DocumentEntity[] = [];
  const written: string[] = [];
  let joined = 0; // plain-text length of the joined lines so far
  for (const start of starts) {
    const feed = text.indexOf('\n', start);
    const end = feed === -1 ? text.length : feed;
    let line = '';
    let done = start;
    for (let i = insertionIndex(entities, start); i < entities.length; i++) {
      const entity = entities[i];
      if (entity.start >= end) break;
      held.push({
        ...entity,
        start: entity.start - start + joined,
        end: entity.end - start + joined,
      });
      line += text.slice(done, entity.start) + openMarker(entity.label);
      line += text.slice(entity.start, entity.end) + (entity.close ?? doc.closeStyle);
      done = entity.end;
    }
    written.push(line + text.slice(done, end));
    lines.push({ start, joined });
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
  let index = lines.length - 1;
  while (lines[index].joined > at) index--;
  const { start, joined: lineJoined } = lines[index];
  const shown = (entity: DocumentEntity) =>
    `[${entity.label} ${reread.text.slice(entity.start, entity.end)}]`;
  return {
    line: countLines(text, start),
    column: codePointLength(reread.text, lineJoined, at) + 1,
    message: readEntity
      ? `the line would read back with ${shown(readEntity)}, which is not the entity held there`
      : `${shown(heldEntity)} would not read back as an entity`,
  };
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

interface ChangedLine {
  /** Where the line starts in the document's text. */
  start: number;
  /** Where it starts in the plain text of the joined changed lines. */
  joined: number;
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
