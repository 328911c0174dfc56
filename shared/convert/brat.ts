// brat standoff: NAME.txt (the plain text) + NAME.ann (`T1<TAB>PER 10 25<TAB>covered text`), offsets in code points.
import type { BracketDocument } from '../format/document';
import {
  checkImportedText,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
} from './bracket-file';
import { codePointIndex, type CodePointIndex } from './code-points';
import {
  ConvertError,
  keepProblems,
  MOST_PROBLEMS,
  refuseProblems,
  type ConvertMessage,
} from './messages';
import { checkRecords, spanFromCodePoints } from './records';
import { lineStarts } from '../format/position';
import { keepingLeadingFeff } from '../format/storable';

export interface BratFiles {
  txt: string;
  ann: string;
}

/**
 * The document as a brat pair: the whole plain text, after the file's byte order mark if it has one,
 * and one text-bound annotation per entity, its offsets counted as brat reads the .txt (the mark one
 * character).
 */
export function exportBrat(doc: BracketDocument): BratFiles {
  const txt = doc.bom ? `\uFEFF${doc.text}` : keepingLeadingFeff(doc.text);
  const mark = txt.length - doc.text.length;
  const index = codePointIndex(txt);
  const ann = doc.entities
    .map((entity, k) => {
      const covered = doc.text.slice(entity.start, entity.end);
      const start = index.toCodePoint(entity.start + mark);
      const end = index.toCodePoint(entity.end + mark);
      return `T${k + 1}\t${entity.label} ${start} ${end}\t${covered}\n`;
    })
    .join('');
  const files = { txt, ann };
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

type BratReading = { record: ImportedRecord; warnings: ConvertMessage[] };

/**
 * The record of a brat pair: text-bound annotations (`T` lines) checked against the text; other
 * annotation kinds (relations, events, attributes, notes) are skipped with one warning. A byte
 * order mark opening the .txt is left out of the text. brat counts it in the offsets (it reads the
 * file as UTF-8, the mark one character); a tool that dropped it on reading does not: the offsets
 * are read brat's way unless only the other way gives every annotation its covered text.
 */
export function readBrat(files: BratFiles): BratReading {
  if (files.txt.charCodeAt(0) !== 0xfeff) return readAnnotations(files);
  let counted: BratReading;
  try {
    counted = readAnnotations(files);
  } catch (error) {
    try {
      return readAnnotations({ txt: files.txt.slice(1), ann: files.ann });
    } catch {
      throw error;
    }
  }
  const { record, warnings } = counted;
  // An annotation covering the mark itself keeps it as text.
  if (record.entities.some((entity) => entity.start === 0)) return counted;
  const entities = record.entities.map((entity) => ({
    ...entity,
    start: entity.start - 1,
    end: entity.end - 1,
  }));
  return { record: { ...record, text: record.text.slice(1), entities }, warnings };
}

/** The record of the annotations over the .txt's whole text. */
function readAnnotations(files: BratFiles): BratReading {
  const text = files.txt;
  checkImportedText(text, 1, 'the .txt text');
  const index = codePointIndex(text);
  const entities: ImportedRecord['entities'] = [];
  let skipped = 0;
  let firstSkipped = 0;
  const defined = new Map<string, number>();
  const warnings: ConvertMessage[] = [];
  const readLine = (raw: string, line: number) => {
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
    const [label, ...fragments] = fields[1].split(' ');
    const written = fragments.join(' ');
    const joined = joinedFragments(written, text, index);
    if (joined === null) {
      warnings.push({
        line,
        message: `${fields[0]} (${fields[1]}) is discontinuous across more than spaces: a bracket entity is one span; not imported`,
      });
      return;
    }
    const { offsets, pieces } = joined;
    if (offsets.length !== 2 || !offsets.every((offset) => /^\d+$/.test(offset))) {
      throw new ConvertError(line, `${fields[0]}: "${fields[1]}" is not LABEL START END`);
    }
    const span = spanFromCodePoints(Number(offsets[0]), Number(offsets[1]), line, index, fields[0]);
    const covered = text.slice(span.start, span.end);
    const given = fields.slice(2).join('\t');
    // Brat writes an entity in fragments as their texts joined by one space, whatever lies between.
    if (given !== covered && given !== pieces) {
      throw new ConvertError(
        line,
        `${fields[0]}: offsets ${written} cover ${JSON.stringify(pieces ?? covered)}, not ${JSON.stringify(given)}`,
      );
    }
    entities.push({ ...span, label, line });
  };
  // A byte order mark opening the .ann is the file's, not part of its first line. Every line's
  // problem is named (the first fifty), not the first alone.
  const problems: ConvertMessage[] = [];
  files.ann
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, k) => {
      try {
        readLine(raw, k + 1);
      } catch (error) {
        keepProblems(problems, error);
      }
    });
  refuseProblems(problems.slice(0, MOST_PROBLEMS));
  if (skipped > 0) {
    warnings.push({
      line: firstSkipped,
      message: `${skipped} annotation line(s) other than text-bound entities (T) skipped`,
    });
  }
  return { record: { text, entities, line: 1 }, warnings };
}

/**
 * A text-bound annotation's offsets (`START END`, or fragments `S1 E1;S2 E2` as brat writes an
 * entity it was given in pieces) as one START and END, with the fragments' texts joined by one
 * space as brat writes them (`pieces`, for fragments only): fragments with only spaces or tabs
 * between them are one span; fragments across anything else (a line break, words left out) give null.
 */
function joinedFragments(
  offsets: string,
  text: string,
  index: CodePointIndex,
): { offsets: string[]; pieces?: string } | null {
  const fragments = offsets.split(';').map((fragment) => fragment.split(' '));
  if (fragments.length === 1) return { offsets: fragments[0] };
  const valid = fragments.every(
    (fragment) => fragment.length === 2 && fragment.every((offset) => /^\d+$/.test(offset)),
  );
  if (!valid) return { offsets: offsets.split(' ') };
  for (let k = 1; k < fragments.length; k++) {
    const [from, to] = [Number(fragments[k - 1][1]), Number(fragments[k][0])];
    if (to < from || to > index.length) return null;
    const gap = text.slice(index.toUtf16(from), index.toUtf16(to));
    if (!/^[ \t]*$/.test(gap)) return null;
  }
  const spans = fragments.map(([from, to]) => [Number(from), Number(to)]);
  const outer = [fragments[0][0], fragments[fragments.length - 1][1]];
  // Offsets past the text are refused by the caller, naming them.
  if (spans.some(([from, to]) => from > to || to > index.length)) return { offsets: outer };
  const pieces = spans
    .map(([from, to]) => text.slice(index.toUtf16(from), index.toUtf16(to)))
    .join(' ');
  return { offsets: outer, pieces };
}

/** A brat pair as a bracket file holding the .txt unchanged: its text, after its byte order mark if it has one. */
export function importBrat(files: BratFiles): BracketFile {
  const { record, warnings } = readBrat(files);
  const starts = lineStarts(record.text);
  const file = writeBracketFile({
    text: record.text,
    entities: record.entities,
    origins: starts.map((offset, k) => ({ offset, line: k + 1 })),
    bom: files.txt.charCodeAt(0) === 0xfeff,
  });
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
