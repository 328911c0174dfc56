// Exports one bracket document to a training format, every output checked against the document first.
import { append } from '../long-lists';
import { CANONICAL_CLOSE, type BracketDocument } from '../format/document';
import { parse } from '../format/parse';
import { onlyMarkup, type Tags } from '../format/tokens';
import {
  endsLinesWithReturns,
  lineEndFrom,
  lineIndexAt,
  lineStarts,
  LONE_RETURNS,
} from '../format/position';
import { SerializeError, serialize } from '../format/serialize';
import { exportBrat } from './brat';
import { exportConll } from './conll';
import { exportHf } from './hf';
import { exportJsonl } from './jsonl';
import { exportLabelStudio } from './labelstudio';
import { ConvertError, ExportCheckError, type ConvertMessage } from './messages';
import { withinOutputLimit } from './output-limit';
import { exportProdigy } from './prodigy';
import type { RecordUnit } from './records';
import { stripHtmlDocument } from './strip-html';
import type { TagScheme } from './tags';
import { keepingLeadingFeff } from '../format/storable';

export type ExportFormat =
  'brackets' | 'conll' | 'jsonl' | 'brat' | 'labelstudio' | 'hf' | 'prodigy' | 'text';
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'brackets',
  'conll',
  'jsonl',
  'brat',
  'labelstudio',
  'hf',
  'prodigy',
  'text',
];

/** Each format's name, as the app's dialogs and the messages about an output call it. */
export const EXPORT_FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = {
  brackets: 'Bracket file',
  conll: 'CoNLL',
  jsonl: 'JSON Lines (doccano)',
  brat: 'brat standoff (.txt and .ann)',
  labelstudio: 'Label Studio JSON',
  hf: 'Hugging Face JSON Lines',
  prodigy: 'Prodigy JSONL',
  text: 'Plain text',
};

export interface ExportOptions {
  format: ExportFormat;
  scheme: TagScheme;
  docstart: boolean;
  unit: RecordUnit;
  normalize: boolean;
  stripHtml: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  format: 'brackets',
  scheme: 'iob2',
  docstart: false,
  unit: 'document',
  normalize: false,
  stripHtml: false,
};

/** One output file: its extension (empty: the input's own name) and content. */
export interface ExportOutput {
  extension: string;
  content: string;
}

export interface ExportResult {
  outputs: ExportOutput[];
  warnings: ConvertMessage[];
}

/**
 * The name of an export of the document named name (a relative path, `/`-separated as document ids
 * are: a backslash is part of a name) with an output's extension: `news/a.txt` + `.conll` →
 * `news/a.conll`, `trail\.txt` → `trail\.conll`; an empty extension keeps the name.
 */
export function exportedName(name: string, extension: string): string {
  if (extension === '') return name;
  const folder = name.lastIndexOf('/') + 1;
  const dot = name.lastIndexOf('.');
  return (dot > folder ? name.slice(0, dot) : name) + extension;
}

/**
 * Exports a document parsed from source. Throws ConvertError for what cannot be written (with the
 * line) and ExportCheckError when an output does not read back as the document.
 */
export function exportDocument(
  source: string,
  parsed: BracketDocument,
  options: ExportOptions,
): ExportResult {
  return withinOutputLimit(EXPORT_FORMAT_NAMES[options.format], () =>
    exportParsed(source, parsed, options),
  );
}

/** exportDocument's work, each output one string (see withinOutputLimit). */
function exportParsed(
  source: string,
  parsed: BracketDocument,
  options: ExportOptions,
): ExportResult {
  const warnings: ConvertMessage[] = [];
  if (linesAreUnits(options) && endsLinesWithReturns(parsed.text))
    warnings.push({ line: 1, message: LONE_RETURNS });
  let doc = parsed;
  if (options.stripHtml) {
    const stripped = stripHtmlDocument(parsed);
    doc = stripped.doc;
    append(warnings, stripped.warnings);
  }
  // A `<b>` left in a stripped text was written `&lt;b&gt;`: a word, not markup.
  const tags: Tags = options.stripHtml ? 'text' : 'markup';
  if (tags === 'markup' && SPAN_FORMATS.has(options.format)) append(warnings, markupOnly(doc));
  switch (options.format) {
    case 'brackets': {
      const untouched = !options.stripHtml && !options.normalize;
      return {
        outputs: [
          {
            extension: '',
            content: exportBrackets(
              doc,
              options.normalize,
              untouched ? source : null,
              options.stripHtml,
            ),
          },
        ],
        warnings,
      };
    }
    case 'conll': {
      const conll = exportConll(doc, options, tags);
      return {
        outputs: [{ extension: '.conll', content: conll.output }],
        warnings: [...warnings, ...conll.warnings],
      };
    }
    case 'jsonl':
      return {
        outputs: [{ extension: '.jsonl', content: exportJsonl(doc, options.unit) }],
        warnings,
      };
    case 'labelstudio':
      return {
        outputs: [{ extension: '.json', content: exportLabelStudio(doc, options.unit) }],
        warnings,
      };
    case 'hf': {
      const hf = exportHf(doc, tags);
      return {
        outputs: [{ extension: '.jsonl', content: hf.output }],
        warnings: [...warnings, ...hf.warnings],
      };
    }
    case 'prodigy':
      return {
        outputs: [{ extension: '.jsonl', content: exportProdigy(doc, options.unit, tags) }],
        warnings,
      };
    case 'brat': {
      const { txt, ann } = exportBrat(doc);
      return {
        outputs: [
          { extension: '.txt', content: txt },
          { extension: '.ann', content: ann },
        ],
        warnings,
      };
    }
    case 'text':
      return { outputs: [{ extension: '.txt', content: keepingLeadingFeff(doc.text) }], warnings };
  }
}

/** The exports that carry the text whole, with entities as character spans over it. */
const SPAN_FORMATS = new Set<ExportFormat>(['jsonl', 'labelstudio', 'prodigy', 'brat']);

/**
 * An entity of HTML tags alone, said: a span export keeps it as the file has it (its text is the
 * file's, markup and all), where CoNLL and HF, which tag tokens, leave it out.
 */
function markupOnly(doc: BracketDocument): ConvertMessage[] {
  const starts = lineStarts(doc.text);
  return doc.entities
    .filter(({ start, end }) => onlyMarkup(doc.text.slice(start, end)))
    .map((entity) => ({
      line: lineIndexAt(starts, entity.start) + 1,
      message: `entity [${entity.label}] ${JSON.stringify(doc.text.slice(entity.start, entity.end))} holds only HTML markup: kept as the file has it (CoNLL and HF leave it out)`,
    }));
}

/** Whether the export makes each line a unit: a sentence (CoNLL, HF) or a record (`--unit line`). */
const linesAreUnits = ({ format, unit }: ExportOptions) =>
  format === 'conll' ||
  format === 'hf' ||
  (unit === 'line' && (format === 'jsonl' || format === 'labelstudio' || format === 'prodigy'));

/**
 * The document in brackets: as parsed, byte for byte (checked against original when given); or with
 * every entity closed the canonical way when normalizing. `decoded`: the text was decoded from HTML,
 * so brackets it holds that would read as markup are the input's, refused as such.
 */
export function exportBrackets(
  doc: BracketDocument,
  normalize: boolean,
  original: string | null,
  decoded = false,
): string {
  const written: BracketDocument = normalize
    ? {
        ...doc,
        closeStyle: CANONICAL_CLOSE,
        entities: doc.entities.map(({ close: _close, ...entity }) => entity),
      }
    : doc;
  const lineOf = (offset: number) => lineIndexAt(lineStarts(doc.text), offset) + 1;
  let output: string;
  try {
    output = serialize(written);
  } catch (error) {
    if (!(error instanceof SerializeError)) throw error;
    throw new ConvertError(lineOf(error.entity.start), error.message);
  }
  if (original !== null && output !== original) {
    let at = 0;
    while (at < output.length && output[at] === original[at]) at++;
    const line = output.slice(0, at).split('\n').length;
    throw new ExportCheckError(line, 'the file does not come out byte for byte');
  }
  const reread = parse(output, { labels: doc.labels });
  const misread = (offset: number, message: string) =>
    // Text decoded from HTML may hold brackets of its own: the input's doing, not a bug.
    decoded
      ? new ConvertError(
          lineOf(offset),
          `with --strip-html the text holds brackets that would read as entity markup (near ${JSON.stringify(lineFrom(doc.text, offset, 30))}); export it without --strip-html`,
        )
      : new ExportCheckError(lineOf(offset), message);
  if (reread.text !== doc.text) {
    let at = 0;
    while (at < doc.text.length && doc.text[at] === reread.text[at]) at++;
    throw misread(Math.max(0, doc.text.lastIndexOf('[', at)), 'the plain text does not read back');
  }
  doc.entities.forEach((entity, index) => {
    const got = reread.entities[index];
    if (
      !got ||
      got.start !== entity.start ||
      got.end !== entity.end ||
      got.label !== entity.label
    ) {
      throw misread(entity.start, `entity [${entity.label}] does not read back`);
    }
  });
  if (reread.entities.length !== doc.entities.length) {
    const extra = reread.entities[doc.entities.length];
    throw misread(extra.start, `text reads as an entity [${extra.label}]`);
  }
  return output;
}

/** Up to `length` characters of text from offset, not past its line. */
function lineFrom(text: string, offset: number, length: number): string {
  return text.slice(offset, Math.min(offset + length, lineEndFrom(text, offset)));
}
