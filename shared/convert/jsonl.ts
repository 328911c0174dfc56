// doccano-style JSONL: one {"text", "label": [[start, end, label], ...]} (or "entities") object per line, offsets in code points.
import type { BracketDocument } from '../format/document';
import { plural } from '../plural';
import {
  checkImportedText,
  joinRecords,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
  type SourceEntity,
} from './bracket-file';
import { codePointIndex, countedInUtf16, UTF16_OFFSETS, type CodePointIndex } from './code-points';
import { forEachJsonLine } from './json-lines';
import { ConvertError, preview, type ConvertMessage } from './messages';
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

/** The keys a record's spans are read from, the first present: doccano writes "entities" for relation projects. */
export const DOCCANO_SPAN_KEYS = ['label', 'labels', 'entities'] as const;

type DoccanoRecord = Partial<
  Record<(typeof DOCCANO_SPAN_KEYS)[number] | 'text' | 'relations' | 'spans', unknown>
>;

const isFilledList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.length > 0;

/**
 * The records of a JSONL file (blank lines skipped); throws ConvertError naming the line. What a record
 * holds but is not read (relations, a second list of spans) is a warning, pushed to warnings.
 */
export function readJsonl(source: string, warnings: ConvertMessage[] = []): ImportedRecord[] {
  const records: ImportedRecord[] = [];
  forEachJsonLine(source, (value, line) => {
    const record = value as DoccanoRecord;
    if (typeof value !== 'object' || value === null || typeof record.text !== 'string') {
      throw new ConvertError(line, 'expected an object with a "text" string');
    }
    const text = record.text;
    checkImportedText(text, line, 'the "text" field');
    const offsets = codePointIndex(text);
    const entities = recordSpans(record, line, warnings).map((span, index) =>
      spanEntity(span, `span ${index + 1}`, line, offsets),
    );
    if (countedInUtf16(text, entities, offsets)) warnings.push({ line, message: UTF16_OFFSETS });
    if (isFilledList(record.relations)) {
      warnings.push({
        line,
        message: `${plural(record.relations.length, 'relation')} not imported: a bracket file holds entities only`,
      });
    }
    records.push({ text, entities, line });
  });
  return records;
}

/**
 * The record's spans, from the first of DOCCANO_SPAN_KEYS that holds some (an empty "label" beside
 * a filled "entities" reads the entities), else the first it has; spans under another key are a
 * warning.
 */
function recordSpans(record: DoccanoRecord, line: number, warnings: ConvertMessage[]): unknown[] {
  const present = DOCCANO_SPAN_KEYS.filter((name) => record[name] != null);
  const key = present.find((name) => isFilledList(record[name])) ?? present[0];
  const others = present.filter((name) => name !== key);
  if (key === undefined) {
    if (isFilledList(record.spans)) {
      warnings.push({
        line,
        message:
          '"spans" not read: doccano spans are "label" or "entities" (a Prodigy file? --from prodigy)',
      });
    }
    return [];
  }
  const spans = record[key];
  if (!Array.isArray(spans)) throw new ConvertError(line, `"${key}" must be a list of spans`);
  for (const other of others.filter((name) => isFilledList(record[name]))) {
    warnings.push({ line, message: `"${other}" not read: the spans are read from "${key}"` });
  }
  return spans;
}

/** A span, [start, end, label] or doccano's {"start_offset", "end_offset", "label"} in code points, as an entity. */
function spanEntity(
  span: unknown,
  what: string,
  line: number,
  offsets: CodePointIndex,
): SourceEntity {
  if (Array.isArray(span)) {
    if (span.length !== 3 || typeof span[2] !== 'string') {
      throw new ConvertError(line, `${what} (${preview(span)}) is not [start, end, label]`);
    }
    return { ...spanFromCodePoints(span[0], span[1], line, offsets, what), label: span[2], line };
  }
  const entity = (span ?? {}) as { start_offset?: unknown; end_offset?: unknown; label?: unknown };
  if (typeof span !== 'object' || typeof entity.label !== 'string') {
    throw new ConvertError(
      line,
      `${what} (${preview(span)}) is not [start, end, label] or {"start_offset", "end_offset", "label"}`,
    );
  }
  return {
    ...spanFromCodePoints(entity.start_offset, entity.end_offset, line, offsets, what),
    label: entity.label,
    line,
  };
}

/** A JSONL file as a bracket file: each object a document, separated by a blank line. */
export function importJsonl(source: string): BracketFile {
  const warnings: ConvertMessage[] = [];
  const file = writeBracketFile(joinRecords(readJsonl(source, warnings), warnings));
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
