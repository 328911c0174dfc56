// Documents of the offset formats (JSONL, Label Studio, brat): plain text plus entities counted in code points.
import type { BracketDocument } from '../format/document';
import type { ImportedRecord } from './bracket-file';
import { codePointIndex, type CodePointIndex } from './code-points';
import { ConvertError, ExportCheckError, preview } from './messages';
import { documentUnits, sentenceUnits } from './units';

/** What one exported record holds: a document or a line of the source. */
export type RecordUnit = 'document' | 'line';
export const RECORD_UNITS: readonly RecordUnit[] = ['document', 'line'];

/** One exported document: its text and entities as [start, end) in Unicode code points. */
export interface OffsetRecord {
  text: string;
  entities: { start: number; end: number; label: string }[];
  /** The 1-based line of the bracket file the record starts on. */
  line: number;
  /** The same entities in UTF-16 offsets of text, for checking what is read back. */
  utf16: { start: number; end: number; label: string }[];
}

/** The document split into records (blank-line separated documents, or lines), offsets in code points. */
export function offsetRecords(doc: BracketDocument, unit: RecordUnit): OffsetRecord[] {
  const units = unit === 'document' ? documentUnits(doc.text) : sentenceUnits(doc.text);
  let next = 0;
  return units.map(({ start, end, line }) => {
    const text = doc.text.slice(start, end);
    const index = codePointIndex(text);
    const utf16: OffsetRecord['utf16'] = [];
    while (next < doc.entities.length && doc.entities[next].start < end) {
      const entity = doc.entities[next++];
      if (entity.start >= start) {
        utf16.push({ start: entity.start - start, end: entity.end - start, label: entity.label });
      }
    }
    const entities = utf16.map((entity) => ({
      start: index.toCodePoint(entity.start),
      end: index.toCodePoint(entity.end),
      label: entity.label,
    }));
    return { text, entities, line, utf16 };
  });
}

/**
 * Turns an input's code point span into UTF-16 offsets of the indexed text, or throws a ConvertError on line
 * naming the span (`what`) when it is not a pair of integers inside the text with start before end.
 */
export function spanFromCodePoints(
  start: unknown,
  end: unknown,
  line: number,
  index: CodePointIndex,
  what: string,
): { start: number; end: number } {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new ConvertError(line, `${what}: offsets ${preview([start, end])} are not whole numbers`);
  }
  const from = index.toUtf16(start as number);
  const to = index.toUtf16(end as number);
  if (from === -1 || to === -1) {
    throw new ConvertError(
      line,
      `${what}: offsets [${start}, ${end}] are outside the text (${index.length} code points)`,
    );
  }
  if (from >= to) {
    throw new ConvertError(line, `${what}: offsets [${start}, ${end}] are empty or reversed`);
  }
  return { start: from, end: to };
}

/** Checks that what an export reads back as is what it was written from, record by record. */
export function checkRecords(
  written: readonly OffsetRecord[],
  read: readonly ImportedRecord[],
): void {
  written.forEach((record, index) => {
    const got = read[index];
    if (!got || got.text !== record.text) {
      throw new ExportCheckError(record.line, 'the text does not read back');
    }
    const same =
      got.entities.length === record.utf16.length &&
      got.entities.every(
        (entity, k) =>
          entity.start === record.utf16[k].start &&
          entity.end === record.utf16[k].end &&
          entity.label === record.utf16[k].label,
      );
    if (!same)
      throw new ExportCheckError(record.line, 'the entity offsets do not point at the entities');
  });
  if (read.length !== written.length) {
    throw new ExportCheckError(1, `${read.length} records read back, ${written.length} written`);
  }
}
