// Prodigy JSONL: {"text", "tokens": [{"text","start","end","id","ws"}], "spans": [{"start","end","token_start","token_end","label"}], "answer"}.
import type { BracketDocument } from '../format/document';
import { forEachToken, tokenSpans, type Tags } from '../format/tokens';
import { plural } from '../plural';
import {
  checkImportedText,
  joinRecords,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
} from './bracket-file';
import { codePointIndex } from './code-points';
import { cutAtEntityEdges } from './conll';
import { forEachJsonLine } from './json-lines';
import { DOCCANO_SPAN_KEYS } from './jsonl';
import { refuseOversized } from './output-limit';
import { ConvertError, preview, type ConvertMessage } from './messages';
import {
  checkRecords,
  offsetRecords,
  spanFromCodePoints,
  type OffsetRecord,
  type RecordUnit,
} from './records';

/** A token of a Prodigy task: [start, end) in UTF-16 units of its text, and whether one space follows it. */
interface TaskToken {
  start: number;
  end: number;
  ws: boolean;
}

/**
 * The record's tokens as spaCy (and so Prodigy) makes them: runs of non-whitespace, split where an
 * entity starts or ends inside one (`Kosovo` of `Kosovo.`), so every span covers whole tokens, each
 * followed by one space or not (ws); any other whitespace (a line break, a tab, a second space) is
 * a token of its own, so the tokens and their spaces give the text back. An HTML tag is a token of
 * its own unless `tags` says the tags are text.
 */
function recordTokens(record: OffsetRecord, tags: Tags): TaskToken[] {
  const { text } = record;
  const tokens: TaskToken[] = [];
  let at = 0;
  for (const [start, end] of cutAtEntityEdges(tokenSpans(text, tags), record.utf16)) {
    if (start > at) tokens.push({ start: at, end: start, ws: false });
    const ws = text.charCodeAt(end) === 32;
    tokens.push({ start, end, ws });
    at = ws ? end + 1 : end;
  }
  if (text.length > at) tokens.push({ start: at, end: text.length, ws: false });
  return tokens;
}

/** The characters of a token written with nothing in it (Prodigy's output holds one per token). */
const EMPTY_TOKEN = JSON.stringify({ text: '', start: 0, end: 0, id: 0, ws: false }).length;

/** Fewer characters than the document's Prodigy output has: each token, its text there and in its task's text. */
export function prodigyFloor(doc: BracketDocument): number {
  let floor = 0;
  forEachToken(doc.text, (start, end) => (floor += EMPTY_TOKEN + 2 * (end - start)));
  return floor;
}

/**
 * The document as Prodigy tasks, one per document or line, offsets in code points (HTML tags read as
 * `tags` says, see recordTokens); checked before returning.
 */
export function exportProdigy(
  doc: BracketDocument,
  unit: RecordUnit,
  tags: Tags = 'markup',
): string {
  refuseOversized('Prodigy JSONL', prodigyFloor(doc));
  const records = offsetRecords(doc, unit);
  const output = records
    .map((record) => {
      const index = codePointIndex(record.text);
      const spans = recordTokens(record, tags);
      const tokenAt = new Map(spans.map(({ start }, k) => [start, k]));
      const tokenEnding = new Map(spans.map(({ end }, k) => [end, k]));
      const tokens = spans.map(({ start, end, ws }, id) => ({
        text: record.text.slice(start, end),
        start: index.toCodePoint(start),
        end: index.toCodePoint(end),
        id,
        ws,
      }));
      const entities = record.utf16.map((entity, k) => ({
        start: record.entities[k].start,
        end: record.entities[k].end,
        token_start: tokenAt.get(entity.start)!,
        token_end: tokenEnding.get(entity.end)!,
        label: entity.label,
      }));
      return `${JSON.stringify({ text: record.text, tokens, spans: entities })}\n`;
    })
    .join('');
  checkRecords(records, readProdigy(output));
  return output;
}

interface ProdigyTask {
  text?: unknown;
  tokens?: unknown;
  spans?: unknown;
  answer?: unknown;
  label?: unknown;
  labels?: unknown;
  entities?: unknown;
}

/** The answers a Prodigy task may carry; a task without one (a source file, Emend's export) counts as accepted. */
const ANSWERS = ['accept', 'reject', 'ignore'];

/**
 * The tasks of a Prodigy JSONL file (blank lines skipped); spans are read by their character offsets.
 * A rejected or ignored task is not an annotation (Prodigy trains on accepted tasks only): it is left
 * out, with a warning pushed to warnings, as are doccano span lists, which are not read.
 */
export function readProdigy(source: string, warnings: ConvertMessage[] = []): ImportedRecord[] {
  const records: ImportedRecord[] = [];
  forEachJsonLine(source, (value, line) => {
    const task = (value ?? {}) as ProdigyTask;
    if (typeof task.text !== 'string') {
      throw new ConvertError(line, 'expected an object with a "text" string');
    }
    const text = task.text;
    checkImportedText(text, line, 'the "text" field');
    const spans = task.spans ?? [];
    if (!Array.isArray(spans)) {
      throw new ConvertError(line, '"spans" must be a list of {"start", "end", "label"}');
    }
    if (!isAccepted(task.answer, line)) {
      warnings.push({
        line,
        message: `answer "${task.answer}": the task and its ${plural(spans.length, 'span')} are left out (only accepted tasks are annotations)`,
      });
      return;
    }
    if (task.spans === undefined) warnOfDoccanoSpans(task, line, warnings);
    const offsets = codePointIndex(text);
    const entities = spans.map((raw: unknown, index) => {
      const what = `span ${index + 1}`;
      const span = (raw ?? {}) as ProdigySpan;
      if (typeof span.label !== 'string') {
        throw new ConvertError(line, `${what} (${preview(raw)}) has no "label" string`);
      }
      const [start, end] = spanOffsets(span, task.tokens, text, line, what, warnings);
      return { ...spanFromCodePoints(start, end, line, offsets, what), label: span.label, line };
    });
    records.push({ text, entities, line });
  });
  return records;
}

interface ProdigySpan {
  start?: unknown;
  end?: unknown;
  token_start?: unknown;
  token_end?: unknown;
  label?: unknown;
}

/**
 * A span's [start, end) in code points: its "start" and "end"; where it has none, those of its
 * tokens (token_start to token_end, both included, as Prodigy counts them). Offsets that cover
 * other tokens than the span names are read as they are, with a warning.
 */
function spanOffsets(
  span: ProdigySpan,
  tokens: unknown,
  text: string,
  line: number,
  what: string,
  warnings: ConvertMessage[],
): [unknown, unknown] {
  const first = Array.isArray(tokens) ? tokenAt(tokens, span.token_start) : null;
  const last = Array.isArray(tokens) ? tokenAt(tokens, span.token_end) : null;
  if (span.start === undefined && span.end === undefined) {
    if (!first || !last) {
      throw new ConvertError(
        line,
        `${what} has no "start" and "end" offsets, nor "token_start" and "token_end" of the task's tokens`,
      );
    }
    return [first.start, last.end];
  }
  if (first && last && (first.start !== span.start || last.end !== span.end)) {
    const covered = (from: unknown, to: unknown) =>
      JSON.stringify([...text].slice(Number(from), Number(to)).join(''));
    warnings.push({
      line,
      message: `${what}: its offsets [${preview(span.start)}, ${preview(span.end)}] cover ${covered(span.start, span.end)} but its tokens ${String(span.token_start)}–${String(span.token_end)} cover ${covered(first.start, last.end)}; the offsets are read`,
    });
  }
  return [span.start, span.end];
}

/** The task's token at a span's token index, when the index and the token's offsets are whole numbers. */
function tokenAt(tokens: unknown[], index: unknown): { start: number; end: number } | null {
  if (!Number.isInteger(index)) return null;
  const token = tokens[index as number] as { start?: unknown; end?: unknown } | undefined;
  return Number.isInteger(token?.start) && Number.isInteger(token?.end)
    ? { start: token!.start as number, end: token!.end as number }
    : null;
}

/** Whether a task's answer makes it an annotation; throws ConvertError for an answer Prodigy does not give. */
function isAccepted(answer: unknown, line: number): boolean {
  if (answer === undefined || answer === 'accept') return true;
  if (typeof answer !== 'string' || !ANSWERS.includes(answer)) {
    throw new ConvertError(
      line,
      `"answer" must be "accept", "reject" or "ignore", not ${preview(answer)}`,
    );
  }
  return false;
}

/** Warns of a doccano span list in a task without "spans": a doccano file read as Prodigy. */
function warnOfDoccanoSpans(task: ProdigyTask, line: number, warnings: ConvertMessage[]): void {
  const key = DOCCANO_SPAN_KEYS.find((name) => {
    const spans = task[name];
    return Array.isArray(spans) && spans.length > 0;
  });
  if (key) {
    warnings.push({
      line,
      message: `"${key}" not read: Prodigy spans are "spans" (a doccano file? --from jsonl)`,
    });
  }
}

/** A Prodigy JSONL file as a bracket file: each task a document, separated by a blank line. */
export function importProdigy(source: string): BracketFile {
  const warnings: ConvertMessage[] = [];
  const file = writeBracketFile(joinRecords(readProdigy(source, warnings), warnings));
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
