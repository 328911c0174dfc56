// Prodigy JSONL: {"text", "tokens": [{"text","start","end","id","ws"}], "spans": [{"start","end","token_start","token_end","label"}]}.
import type { BracketDocument } from '../format/document';
import { isSpaceCode, tokenSpans } from '../format/tokens';
import {
  checkImportedText,
  joinRecords,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
} from './bracket-file';
import { codePointIndex } from './code-points';
import { forEachJsonLine } from './json-lines';
import { ConvertError, preview } from './messages';
import {
  checkRecords,
  offsetRecords,
  spanFromCodePoints,
  type OffsetRecord,
  type RecordUnit,
} from './records';

/**
 * The record's tokens as [start, end) UTF-16 offsets: runs of non-whitespace, split where an entity
 * starts or ends inside one (`Kosovo` of `Kosovo.`), so every span covers whole tokens.
 */
function recordTokens(record: OffsetRecord): Array<[number, number]> {
  const cuts = new Set<number>();
  for (const entity of record.utf16) cuts.add(entity.start).add(entity.end);
  const tokens: Array<[number, number]> = [];
  for (const [start, end] of tokenSpans(record.text)) {
    let from = start;
    for (let at = start + 1; at < end; at++) {
      if (cuts.has(at)) {
        tokens.push([from, at]);
        from = at;
      }
    }
    tokens.push([from, end]);
  }
  return tokens;
}

/** The document as Prodigy tasks, one per document or line, offsets in code points; checked before returning. */
export function exportProdigy(doc: BracketDocument, unit: RecordUnit): string {
  const records = offsetRecords(doc, unit);
  const output = records
    .map((record) => {
      const index = codePointIndex(record.text);
      const spans = recordTokens(record);
      const tokenAt = new Map(spans.map(([start], k) => [start, k]));
      const tokenEnding = new Map(spans.map(([, end], k) => [end, k]));
      const tokens = spans.map(([start, end], id) => ({
        text: record.text.slice(start, end),
        start: index.toCodePoint(start),
        end: index.toCodePoint(end),
        id,
        ws: end < record.text.length && isSpaceCode(record.text.charCodeAt(end)),
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

/** The tasks of a Prodigy JSONL file (blank lines skipped); spans are read by their character offsets. */
export function readProdigy(source: string): ImportedRecord[] {
  const records: ImportedRecord[] = [];
  forEachJsonLine(source, (value, line) => {
    const task = (value ?? {}) as { text?: unknown; spans?: unknown };
    if (typeof task.text !== 'string') {
      throw new ConvertError(line, 'expected an object with a "text" string');
    }
    const text = task.text;
    checkImportedText(text, line, 'the "text" field');
    const spans = task.spans ?? [];
    if (!Array.isArray(spans)) {
      throw new ConvertError(line, '"spans" must be a list of {"start", "end", "label"}');
    }
    const offsets = codePointIndex(text);
    const entities = spans.map((raw: unknown, index) => {
      const what = `span ${index + 1}`;
      const span = (raw ?? {}) as { start?: unknown; end?: unknown; label?: unknown };
      if (typeof span.label !== 'string') {
        throw new ConvertError(line, `${what} (${preview(raw)}) has no "label" string`);
      }
      return {
        ...spanFromCodePoints(span.start, span.end, line, offsets, what),
        label: span.label,
        line,
      };
    });
    records.push({ text, entities, line });
  });
  return records;
}

/** A Prodigy JSONL file as a bracket file: each task a document, separated by a blank line. */
export function importProdigy(source: string): BracketFile {
  return writeBracketFile(joinRecords(readProdigy(source)));
}
