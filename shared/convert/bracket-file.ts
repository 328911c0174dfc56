// Writes imported text and entities as a bracket file, refusing anything that would not parse back the same.
import { DEFAULT_LABELS, type BracketDocument, type Entity } from '../format/document';
import { isValidLabel } from '../format/labels';
import { detectLineEnding, parseWithDiagnostics } from '../format/parse';
import { isSpaceCode, isTokenEnd, isTokenStart } from '../format/tokens';
import { lineIndexAt } from '../format/position';
import { entityTextProblem, serialize } from '../format/serialize';
import { unstorableText } from '../format/storable';
import { ConvertError, type ConvertMessage } from './messages';

/** An entity read from an input file, with the input line it came from. */
export interface SourceEntity extends Entity {
  line: number;
}

/** Plain text and entities (UTF-16 offsets) read from an input, with where each part came from. */
export interface ImportedText {
  text: string;
  entities: SourceEntity[];
  /** Ascending: the text from offset on came from the input's line `line`. */
  origins: { offset: number; line: number }[];
}

/** One document of an offset format (jsonl line, Label Studio task, brat pair), offsets in UTF-16. */
export interface ImportedRecord {
  text: string;
  entities: SourceEntity[];
  line: number;
}

/** The records as one text, documents separated by a blank line, ending with a line end. */
export function joinRecords(records: readonly ImportedRecord[]): ImportedText {
  // Texts that all end their lines with CRLF are joined and ended with CRLF too, not LF among them.
  const endings = records.map((record) => detectLineEnding(record.text));
  const crlf =
    endings.includes('\r\n') && endings.every((ending) => ending === '\r\n' || ending === 'none');
  const newline = crlf ? '\r\n' : '\n';
  const parts: string[] = [];
  const entities: SourceEntity[] = [];
  const origins: ImportedText['origins'] = [];
  let offset = 0;
  records.forEach((record, index) => {
    if (index > 0) {
      parts.push(newline + newline);
      offset += 2 * newline.length;
    }
    origins.push({ offset, line: record.line });
    parts.push(record.text);
    for (const entity of record.entities) {
      entities.push({ ...entity, start: entity.start + offset, end: entity.end + offset });
    }
    offset += record.text.length;
  });
  const text = parts.join('');
  return { text: text === '' || text.endsWith('\n') ? text : text + newline, entities, origins };
}

/**
 * Refuses input text a bracket file cannot hold as it is (see unstorableText: the file would be
 * refused everywhere as binary, or a character would silently become U+FFFD), naming the input line
 * and the field the text came from.
 */
export function checkImportedText(text: string, line: number, field: string): void {
  const problem = unstorableText(text);
  if (problem) throw new ConvertError(line, `${field} holds ${problem}`);
}

export interface BracketFile {
  source: string;
  doc: BracketDocument;
  warnings: ConvertMessage[];
}

const quote = (text: string) => JSON.stringify(text);

/**
 * The bracket file for imported text: entities closed in the default two-space style, LF line
 * ends. Throws ConvertError (with the input line) for spans that cannot be written: overlapping,
 * over a line break, holding a bracket, or text that would itself read as entity markup.
 */
export function writeBracketFile(imported: ImportedText): BracketFile {
  const { text } = imported;
  const warnings: ConvertMessage[] = [];
  const entities = imported.entities
    .map((entity) => trimEntity(text, entity, warnings))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (const entity of entities) warnOfCutWords(text, entity, warnings);
  entities.forEach((entity, index) => {
    const previous = entities[index - 1];
    if (previous && previous.end > entity.start) {
      const where = previous.line === entity.line ? '' : ` (the other is on line ${previous.line})`;
      throw new ConvertError(
        entity.line,
        `spans overlap: [${entity.label}] ${quote(text.slice(entity.start, entity.end))} and ` +
          `[${previous.label}] ${quote(text.slice(previous.start, previous.end))}${where}; ` +
          'bracket entities are flat',
      );
    }
    if (!isValidLabel(entity.label)) {
      throw new ConvertError(
        entity.line,
        `label ${quote(entity.label)} cannot be written in brackets`,
      );
    }
    const problem = entityTextProblem(text.slice(entity.start, entity.end));
    if (problem) {
      throw new ConvertError(
        entity.line,
        `entity [${entity.label}] ${quote(text.slice(entity.start, entity.end))} cannot be written in brackets: ${problem}`,
      );
    }
  });
  const labels = [...new Set([...DEFAULT_LABELS, ...entities.map((entity) => entity.label)])];
  const doc: BracketDocument = {
    text,
    entities: entities.map(({ start, end, label }, index) => ({
      id: index + 1,
      start,
      end,
      label,
    })),
    nextId: entities.length + 1,
    bom: false,
    lineEnding: text.includes('\n') ? '\n' : 'none',
    closeStyle: '  ]',
    labels,
  };
  const source = serialize(doc);
  const { doc: reread, diagnostics } = parseWithDiagnostics(source, { labels });
  const originLine = (offset: number) =>
    imported.origins[
      lineIndexAt(
        imported.origins.map((origin) => origin.offset),
        offset,
      )
    ]?.line ?? 1;
  const mismatch = firstMismatch(doc, reread);
  if (mismatch !== -1) {
    throw new ConvertError(
      originLine(mismatch),
      'the text holds brackets that would read as entity markup in a bracket file ' +
        `(near ${quote(text.slice(mismatch, mismatch + 30))})`,
    );
  }
  const broken = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (broken) {
    const offset = lineOffset(text, broken.line);
    throw new ConvertError(
      originLine(offset),
      `the text would write broken entity markup in a bracket file: ${broken.message} ` +
        `(near ${quote(text.slice(offset, offset + 30))})`,
    );
  }
  return { source, doc: reread, warnings };
}

/** The offset where a 1-based line starts in the plain text (the bracket file has the same lines). */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

/** Drops whitespace at an entity's edges (a warning): bracket entities start and end on a token. */
function trimEntity(text: string, entity: SourceEntity, warnings: ConvertMessage[]): SourceEntity {
  let { start, end } = entity;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (start === end) {
    throw new ConvertError(
      entity.line,
      `entity [${entity.label}] covers only whitespace (${quote(text.slice(entity.start, entity.end))})`,
    );
  }
  if (start !== entity.start || end !== entity.end) {
    warnings.push({
      line: entity.line,
      message: `entity [${entity.label}] ${quote(text.slice(entity.start, entity.end))} trimmed to ${quote(text.slice(start, end))}`,
    });
  }
  return { ...entity, start, end };
}

/** The run of non-whitespace around offset (the word an entity's edge falls inside). */
function wordAround(text: string, offset: number): string {
  let start = offset;
  let end = offset;
  while (start > 0 && !isSpaceCode(text.charCodeAt(start - 1))) start--;
  while (end < text.length && !isSpaceCode(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

/**
 * Warns of an entity that starts or ends inside a word (offsets from another tokenizer, or one
 * off): it is kept as given, and the bracket file glues its markup to the word.
 */
function warnOfCutWords(text: string, entity: SourceEntity, warnings: ConvertMessage[]): void {
  const cuts: string[] = [];
  if (!isTokenStart(text, entity.start)) {
    cuts.push(`starts inside the word ${quote(wordAround(text, entity.start))}`);
  }
  if (!isTokenEnd(text, entity.end)) {
    cuts.push(`ends inside the word ${quote(wordAround(text, entity.end - 1))}`);
  }
  if (cuts.length === 0) return;
  warnings.push({
    line: entity.line,
    message:
      `entity [${entity.label}] ${quote(text.slice(entity.start, entity.end))} ${cuts.join(' and ')}: ` +
      `kept as given (the bracket file glues it to the word${cuts.length > 1 ? 's' : ''})`,
  });
}

/** The first plain-text offset where the reread document differs from the written one, or -1. */
function firstMismatch(written: BracketDocument, reread: BracketDocument): number {
  const { text } = written;
  if (reread.text !== text) {
    let i = 0;
    while (i < text.length && text[i] === reread.text[i]) i++;
    return i;
  }
  const count = Math.max(written.entities.length, reread.entities.length);
  for (let i = 0; i < count; i++) {
    const a = written.entities[i];
    const b = reread.entities[i];
    if (!a || !b || a.start !== b.start || a.end !== b.end || a.label !== b.label) {
      return Math.min(a?.start ?? text.length, b?.start ?? text.length);
    }
  }
  return -1;
}
