// brat standoff: NAME.txt (the plain text) + NAME.ann (`T1<TAB>PER 10 25<TAB>covered text`), offsets in code points.
import type { BracketDocument } from '../format/document';
import {
  checkImportedText,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
} from './bracket-file';
import { codePointIndex } from './code-points';
import { ConvertError, type ConvertMessage } from './messages';
import { checkRecords, spanFromCodePoints } from './records';
import { lineStarts } from '../format/position';

export interface BratFiles {
  txt: string;
  ann: string;
}

/** The document as a brat pair: the whole plain text, and one text-bound annotation per entity. */
export function exportBrat(doc: BracketDocument): BratFiles {
  const index = codePointIndex(doc.text);
  const ann = doc.entities
    .map((entity, k) => {
      const covered = doc.text.slice(entity.start, entity.end);
      const start = index.toCodePoint(entity.start);
      const end = index.toCodePoint(entity.end);
      return `T${k + 1}\t${entity.label} ${start} ${end}\t${covered}\n`;
    })
    .join('');
  const files = { txt: doc.text, ann };
  // brat keeps the whole text as one record, blank lines included.
  const whole = {
    text: doc.text,
    line: 1,
    entities: [],
    utf16: doc.entities.map(({ start, end, label }) => ({ start, end, label })),
  };
  checkRecords([whole], [readBrat(files).record]);
  return files;
}

/**
 * The record of a brat pair: text-bound annotations (`T` lines) checked against the text; other
 * annotation kinds (relations, events, attributes, notes) are skipped with one warning.
 */
export function readBrat(files: BratFiles): { record: ImportedRecord; warnings: ConvertMessage[] } {
  const text = files.txt;
  checkImportedText(text, 1, 'the .txt text');
  const index = codePointIndex(text);
  const entities: ImportedRecord['entities'] = [];
  let skipped = 0;
  let firstSkipped = 0;
  const defined = new Map<string, number>();
  files.ann.split('\n').forEach((raw, k) => {
    const line = k + 1;
    const content = raw.replace(/\r$/, '');
    if (content.trim() === '') return;
    if (!content.startsWith('T')) {
      if (skipped++ === 0) firstSkipped = line;
      return;
    }
    const fields = content.split('\t');
    if (fields.length < 3)
      throw new ConvertError(line, 'expected `T<id><TAB>LABEL START END<TAB>text`');
    const earlier = defined.get(fields[0]);
    if (earlier !== undefined)
      throw new ConvertError(line, `${fields[0]} is defined twice (lines ${earlier} and ${line})`);
    defined.set(fields[0], line);
    const [label, ...offsets] = fields[1].split(' ');
    if (offsets.join(' ').includes(';')) {
      throw new ConvertError(line, `${fields[0]} is discontinuous; a bracket entity is one span`);
    }
    if (offsets.length !== 2 || !offsets.every((offset) => /^\d+$/.test(offset))) {
      throw new ConvertError(line, `${fields[0]}: "${fields[1]}" is not LABEL START END`);
    }
    const span = spanFromCodePoints(Number(offsets[0]), Number(offsets[1]), line, index, fields[0]);
    const covered = text.slice(span.start, span.end);
    const given = fields.slice(2).join('\t');
    if (given !== covered) {
      throw new ConvertError(
        line,
        `${fields[0]}: offsets ${offsets.join(' ')} cover ${JSON.stringify(covered)}, not ${JSON.stringify(given)}`,
      );
    }
    entities.push({ ...span, label, line });
  });
  const warnings: ConvertMessage[] = [];
  if (skipped > 0) {
    warnings.push({
      line: firstSkipped,
      message: `${skipped} annotation line(s) other than text-bound entities (T) skipped`,
    });
  }
  return { record: { text, entities, line: 1 }, warnings };
}

/** A brat pair as a bracket file holding the .txt's text unchanged. */
export function importBrat(files: BratFiles): BracketFile {
  const { record, warnings } = readBrat(files);
  const starts = lineStarts(record.text);
  const file = writeBracketFile({
    text: record.text,
    entities: record.entities,
    origins: starts.map((offset, k) => ({ offset, line: k + 1 })),
  });
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
