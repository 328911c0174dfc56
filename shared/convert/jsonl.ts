// doccano-style JSONL: one {"text", "label": [[start, end, label], ...]} object per line, offsets in code points.
import type { BracketDocument } from '../format/document';
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
import { checkRecords, offsetRecords, spanFromCodePoints, type RecordUnit } from './records';

/** The document as JSONL, one object per document or line; read back and checked before returning. */
export function exportJsonl(doc: BracketDocument, unit: RecordUnit): string {
  const records = offsetRecords(doc, unit);
  const output = records
    .map(({ text, entities }) =>
      JSON.stringify({ text, label: entities.map(({ start, end, label }) => [start, end, label]) }),
    )
    .map((line) => `${line}\n`)
    .join('');
  checkRecords(records, readJsonl(output));
  return output;
}

/** The records of a JSONL file (blank lines skipped); throws ConvertError naming the line. */
export function readJsonl(source: string): ImportedRecord[] {
  const records: ImportedRecord[] = [];
  forEachJsonLine(source, (value, line) => {
    const object = value as { text?: unknown; label?: unknown; labels?: unknown };
    if (typeof value !== 'object' || value === null || typeof object.text !== 'string') {
      throw new ConvertError(line, 'expected an object with a "text" string');
    }
    const text = object.text;
    checkImportedText(text, line, 'the "text" field');
    const spans = object.label ?? object.labels ?? [];
    if (!Array.isArray(spans))
      throw new ConvertError(line, '"label" must be a list of [start, end, label]');
    const offsets = codePointIndex(text);
    const entities = spans.map((span: unknown, index) => {
      const what = `span ${index + 1}`;
      if (!Array.isArray(span) || span.length !== 3 || typeof span[2] !== 'string') {
        throw new ConvertError(line, `${what} (${preview(span)}) is not [start, end, label]`);
      }
      const offsetsOf = spanFromCodePoints(span[0], span[1], line, offsets, what);
      return { ...offsetsOf, label: span[2], line };
    });
    records.push({ text, entities, line });
  });
  return records;
}

/** A JSONL file as a bracket file: each object a document, separated by a blank line. */
export function importJsonl(source: string): BracketFile {
  return writeBracketFile(joinRecords(readJsonl(source)));
}
