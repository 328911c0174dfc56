// Writes imported text and entities as a bracket file, refusing anything that would not parse back the same.
import {
  CANONICAL_CLOSE,
  DEFAULT_LABELS,
  type BracketDocument,
  type CloseStyle,
  type Diagnostic,
  type Entity,
} from '../format/document';
import { isValidLabel } from '../format/labels';
import { detectLineEnding, parseWithDiagnostics } from '../format/parse';
import { isSpaceCode, isTokenEnd, isTokenStart } from '../format/tokens';
import { lineIndexAt } from '../format/position';
import { fileCloseStyle } from '../format/scan';
import { entityTextProblem, serialize } from '../format/serialize';
import { unstorableText } from '../format/storable';
import { ConvertError, refuseProblems, type ConvertMessage } from './messages';
import { documentUnits } from './units';

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
  /** The input opened with a byte order mark (not text): the bracket file opens with one too. */
  bom?: boolean;
}

/** One document of an offset format (jsonl line, Label Studio task, brat pair), offsets in UTF-16. */
export interface ImportedRecord {
  text: string;
  entities: SourceEntity[];
  line: number;
}

/**
 * Why a record's text will not come back as the same one record from the bracket file (which
 * separates documents by blank lines and exports each from its first line with words), or null.
 */
function recordProblem(text: string): string | null {
  const documents = documentUnits(text);
  if (documents.length === 0)
    return 'the text has no words: the bracket file keeps no document for it (exported again, it is gone)';
  if (documents.length > 1)
    return `the text holds a blank line: the bracket file reads it as ${documents.length} documents (exported again, ${documents.length} records)`;
  const { start, end } = documents[0];
  if (start > 0)
    return `the text starts with a line break: exported again, it starts at its first line with words, its offsets ${start} less`;
  if (/[\r\n]/.test(text.slice(end)))
    return 'the text ends with a line break: exported again, it ends at its last line with words';
  return null;
}

/**
 * The records as one text, documents separated by a blank line, ending with a line end. A record
 * that the bracket file cannot keep as one document of its own is a warning on its line.
 */
export function joinRecords(
  records: readonly ImportedRecord[],
  warnings: ConvertMessage[],
): ImportedText {
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
    const problem = recordProblem(record.text);
    if (problem) warnings.push({ line: record.line, message: problem });
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
 * ends; an entity given twice (same span and label) is written once, with a warning. Throws ConvertError (with the input line, and every further problem in its `more`) for
 * spans that cannot be written: overlapping, over a line break, holding a bracket, or text that
 * would itself read as entity markup.
 */
export function writeBracketFile(imported: ImportedText): BracketFile {
  const { text } = imported;
  const warnings: ConvertMessage[] = [];
  const problems: ConvertMessage[] = [];
  const trimmed = imported.entities
    .map((entity) => trimEntity(text, entity, warnings, problems))
    .filter((entity) => entity !== null)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const entities: SourceEntity[] = [];
  for (const entity of trimmed) {
    const previous = entities[entities.length - 1];
    if (isDuplicate(entity, previous)) {
      warnings.push({ line: entity.line, message: duplicateWarning(text, entity, previous) });
      continue;
    }
    warnOfCutWords(text, entity, warnings);
    const problem = entityProblem(text, entity, previous);
    if (problem) problems.push({ line: entity.line, message: problem });
    else entities.push(entity);
  }
  const labels = [...new Set([...DEFAULT_LABELS, ...entities.map((entity) => entity.label)])];
  const doc = importedDocument(text, entities, labels, imported.bom === true);
  const source = serialize(doc);
  const { doc: reread, diagnostics } = parseWithDiagnostics(source, { labels });
  const starts = imported.origins.map((origin) => origin.offset);
  const originLine = (offset: number) => imported.origins[lineIndexAt(starts, offset)]?.line ?? 1;
  const misread = firstMarkupProblem(doc, reread, diagnostics);
  if (misread) {
    // Each line is written and read back alone to name every one that fails, not only the first.
    const lines = lineMarkupProblems(doc, labels, fileCloseStyle(source, labels));
    for (const { offset, message } of lines.length > 0 ? lines : [misread])
      problems.push({ line: originLine(offset), message });
  }
  refuseProblems(problems);
  return { source, doc: reread, warnings };
}

/** Whether an entity is the one kept before it again: the same span and label. */
const isDuplicate = (entity: SourceEntity, kept: SourceEntity | undefined): kept is SourceEntity =>
  kept !== undefined &&
  kept.start === entity.start &&
  kept.end === entity.end &&
  kept.label === entity.label;

/** The warning for an entity dropped as a duplicate of the one kept. */
const duplicateWarning = (text: string, entity: SourceEntity, kept: SourceEntity) =>
  `[${entity.label}] ${quote(text.slice(entity.start, entity.end))} is given twice: dropped, the one on line ${kept.line} kept`;

/** Why an entity cannot be written (it overlaps the one kept before it, its label or text cannot be), or null. */
function entityProblem(
  text: string,
  entity: SourceEntity,
  previous: SourceEntity | undefined,
): string | null {
  const span = (of: SourceEntity) => `[${of.label}] ${quote(text.slice(of.start, of.end))}`;
  if (previous && previous.end > entity.start) {
    const where = previous.line === entity.line ? '' : ` (the other is on line ${previous.line})`;
    return `spans overlap: ${span(entity)} and ${span(previous)}${where}; bracket entities are flat`;
  }
  if (!isValidLabel(entity.label))
    return `label ${quote(entity.label)} cannot be written in brackets`;
  const problem = entityTextProblem(text.slice(entity.start, entity.end));
  return problem ? `entity ${span(entity)} cannot be written in brackets: ${problem}` : null;
}

/** The bracket document of imported text and its entities (sorted, flat), after a byte order mark if `bom`. */
function importedDocument(
  text: string,
  entities: readonly Entity[],
  labels: readonly string[],
  bom = false,
): BracketDocument {
  return {
    text,
    entities: entities.map(({ start, end, label }, index) => ({
      id: index + 1,
      start,
      end,
      label,
    })),
    nextId: entities.length + 1,
    // A text that starts with U+FEFF is written after a byte order mark, which reading takes off.
    bom: bom || text.charCodeAt(0) === 0xfeff,
    lineEnding: text.includes('\n') ? '\n' : 'none',
    closeStyle: CANONICAL_CLOSE,
    labels: [...labels],
  };
}

/** Where the written document does not read back as itself (a plain-text offset) and why, or null. */
function firstMarkupProblem(
  written: BracketDocument,
  reread: BracketDocument,
  diagnostics: readonly Diagnostic[],
): { offset: number; message: string } | null {
  const { text } = written;
  const mismatch = firstMismatch(written, reread);
  if (mismatch !== -1) {
    return {
      offset: mismatch,
      message:
        'the text holds brackets that would read as entity markup in a bracket file ' +
        `(near ${quote(text.slice(mismatch, mismatch + 30))})`,
    };
  }
  const broken = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (!broken) return null;
  const offset = plainOffset(written, broken.offset);
  return {
    offset,
    message:
      `the text would write broken entity markup in a bracket file: ${broken.message} ` +
      `(near ${quote(text.slice(offset, offset + 30))})`,
  };
}

/**
 * The markup problem of each line of doc written and read back alone (with the whole file's close
 * style), at the line's plain offset.
 */
function lineMarkupProblems(
  doc: BracketDocument,
  labels: readonly string[],
  closeStyle: CloseStyle,
): Array<{ offset: number; message: string }> {
  const problems: Array<{ offset: number; message: string }> = [];
  let next = 0;
  for (let start = 0; start < doc.text.length;) {
    const feed = doc.text.indexOf('\n', start);
    const end = feed === -1 ? doc.text.length : feed;
    const entities: Entity[] = [];
    for (; next < doc.entities.length && doc.entities[next].start < end; next++) {
      const { start: from, end: to, label } = doc.entities[next];
      entities.push({ start: from - start, end: to - start, label });
    }
    const line = importedDocument(doc.text.slice(start, end), entities, labels);
    const { doc: reread, diagnostics } = parseWithDiagnostics(serialize(line), {
      labels,
      closeStyle,
    });
    const problem = firstMarkupProblem(line, reread, diagnostics);
    if (problem) problems.push({ ...problem, offset: start + problem.offset });
    start = end + 1;
  }
  return problems;
}

/** The plain-text offset of an offset in the file importedDocument writes of doc (markup `[LABEL text  ]`). */
function plainOffset(doc: BracketDocument, fileOffset: number): number {
  let markup = 0;
  for (const { start, end, label } of doc.entities) {
    const open = start + markup;
    if (fileOffset < open) break;
    markup += label.length + 2;
    if (fileOffset < start + markup) return start;
    if (fileOffset < end + markup) return fileOffset - markup;
    markup += CANONICAL_CLOSE.length;
    if (fileOffset < end + markup) return end;
  }
  return fileOffset - markup;
}

/**
 * Drops whitespace at an entity's edges (a warning): bracket entities start and end on a token. An
 * entity of whitespace only is a problem (null).
 */
function trimEntity(
  text: string,
  entity: SourceEntity,
  warnings: ConvertMessage[],
  problems: ConvertMessage[],
): SourceEntity | null {
  let { start, end } = entity;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (start === end) {
    const only = quote(text.slice(entity.start, entity.end));
    problems.push({
      line: entity.line,
      message: `entity [${entity.label}] covers only whitespace (${only})`,
    });
    return null;
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
