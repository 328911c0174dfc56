// `emend export`: bracket files to brackets, CoNLL, JSONL, brat, Label Studio, HF, Prodigy or plain text, checked before writing.
import { plural } from '../../shared/plural';
import path from 'node:path';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  exportedName,
  type ExportFormat,
  type ExportOutput,
  type ExportOptions,
  type ExportResult,
} from '../../shared/convert/export';
import { RECORD_UNITS, type RecordUnit } from '../../shared/convert/records';
import { TAG_SCHEMES, type TagScheme } from '../../shared/convert/tags';
import { Corpus } from './corpus-files';
import { namedDocuments, warnSkipped } from './document-tree';
import {
  diagnosticLine,
  EXIT_OK,
  EXIT_USAGE,
  paint,
  parseFlags,
  UsageError,
  warn,
  type CliIO,
  type Command,
} from './io';
import { labelsFlag } from './labels-flag';
import { checkOutputs, forceUsage, writeAllOrNothing, type OutputPath } from './outputs';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend export --format FORMAT [options] PATH...
  Formats: brackets, conll, jsonl, brat, labelstudio, hf, prodigy, text.
  One file is written to stdout; several files or folders need --out DIR (one output per input,
  at the same relative path). brat always needs --out (it writes NAME.txt and NAME.ann).
  hf: one {"tokens": [...], "ner_tags": ["B-PER", "O", ...]} object per sentence (line), IOB2.
  prodigy: {"text", "tokens", "spans"} tasks, offsets in characters (code points) of "text".
  --out DIR      folder for the outputs
${forceUsage(15)}
  --scheme S     conll: iob1, iob2 (default) or bioes
  --docstart     conll: write "-DOCSTART- -X- -X- O" and a blank line before each document
  --unit U       jsonl, labelstudio, prodigy: one record per document (default; documents are separated
                 by blank lines) or per line
  --normalize    brackets: close every entity the same way, two spaces then "]"
  --strip-html   remove HTML/XML tags and decode character references (&amp;), entities kept aligned
  --labels A,B   the label set (default: the corpus settings, else PER,LOC,ORG,MISC)
${JOBS_USAGE}
  Every output is read back and checked before anything is written; files with annotation errors
  (see emend validate) are refused.
  Exit status: 0 written, 2 usage error, bad input or a failed check (nothing is written then).`;

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function exportOptions(values: Record<string, string | boolean | undefined>): ExportOptions {
  if (values.format === undefined) throw new UsageError('--format is required');
  const format = oneOf<ExportFormat>('format', values.format as string, EXPORT_FORMATS, 'brackets');
  const only = (flag: string, formats: ExportFormat[]) => {
    if (values[flag] !== undefined && !formats.includes(format)) {
      throw new UsageError(`--${flag} applies to ${formats.join(', ')} only`);
    }
  };
  only('scheme', ['conll']);
  only('docstart', ['conll']);
  only('unit', ['jsonl', 'labelstudio', 'prodigy']);
  only('normalize', ['brackets']);
  return {
    format,
    scheme: oneOf<TagScheme>(
      'scheme',
      values.scheme as string | undefined,
      TAG_SCHEMES,
      DEFAULT_EXPORT_OPTIONS.scheme,
    ),
    docstart: Boolean(values.docstart),
    unit: oneOf<RecordUnit>(
      'unit',
      values.unit as string | undefined,
      RECORD_UNITS,
      DEFAULT_EXPORT_OPTIONS.unit,
    ),
    normalize: Boolean(values.normalize),
    stripHtml: Boolean(values['strip-html']),
  };
}

export const exportCommand: Command = {
  summary:
    'export bracket files to brackets, CoNLL, JSONL, brat, Label Studio, HF, Prodigy or text',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      scheme: { type: 'string' },
      docstart: { type: 'boolean' },
      unit: { type: 'string' },
      normalize: { type: 'boolean' },
      'strip-html': { type: 'boolean' },
      labels: { type: 'string' },
      jobs: { type: 'string' },
      force: { type: 'boolean' },
    });
    const options = exportOptions(values);
    if (positionals.length === 0) throw new UsageError('no PATH given');
    const { documents, folders, skipped } = await namedDocuments(positionals);
    const out = values.out;
    if (out === undefined && (folders || documents.length !== 1)) {
      throw new UsageError('several files or a folder: give --out DIR');
    }
    if (out === undefined && options.format === 'brat') {
      throw new UsageError('brat writes NAME.txt and NAME.ann: give --out DIR');
    }
    warnSkipped(io, 'emend export', skipped);
    const corpus = new Corpus(documents, folders, {
      labels: labelsFlag(values.labels),
      io,
      command: 'export',
      jobs: jobsFlag(values.jobs),
    });
    /**
     * Where a document's outputs go; '' for stdout. Named from its id, where `/` parts folders (on
     * Windows too) and a backslash is part of a name.
     */
    const targetsOf = (relative: string, outputs: readonly ExportOutput[]) => {
      const id = relative.split(path.sep).join('/');
      return outputs.map(({ extension, content }) => ({
        path: out === undefined ? '' : path.join(out, exportedName(id, extension)),
        content,
      }));
    };

    // Both passes run on the same threads: the second finds them warm.
    return corpus.withThreads(async () => {
      // First pass: export and check every document, keeping only the output paths (and the one
      // output of a single file for stdout); nothing is written if any document has a problem.
      const planned: OutputPath[] = [];
      let single = '';
      const problems: string[] = [];
      await corpus.forEachResult(
        'export',
        ({ path: file, relative }, result) => {
          if ('blockers' in result) {
            for (const blocker of result.blockers) problems.push(diagnosticLine(io, file, blocker));
            return;
          }
          if ('failure' in result) {
            const { line, message, bug } = result.failure;
            const note = bug ? ' (this is a bug in emend: please report it)' : '';
            problems.push(`${file}:${line}: ${paint(io, 'red', 'error')}: ${message}${note}`);
            return;
          }
          for (const { line, message } of result.warnings) {
            warn(io, `${file}:${line}`, message);
          }
          const outputs = targetsOf(relative, result.outputs);
          for (const output of outputs) planned.push({ path: output.path });
          if (out === undefined) single = outputs[0].content;
        },
        { strict: true, exporting: { options, contents: out === undefined } },
      );
      if (problems.length > 0) {
        io.err(`${problems.join('\n')}\nemend export: nothing written\n`);
        return EXIT_USAGE;
      }
      if (out === undefined) {
        io.out(single);
        return EXIT_OK;
      }
      checkOutputs(
        planned,
        documents.map((document) => document.path),
        values.force === true,
        out,
        positionals,
      );
      // Second pass: export each document again and stage its outputs before reading the next;
      // they are put in place once every one is staged.
      await writeAllOrNothing(io, 'export', (batch) =>
        corpus.forEachResult(
          'export',
          async ({ relative }, result) => {
            // The first pass refused the corpus if any document was refused or failed.
            for (const output of targetsOf(relative, (result as ExportResult).outputs))
              await batch.stage(output.path, output.content);
          },
          { strict: true, exporting: { options, contents: true } },
        ),
      );
      io.err(`wrote ${plural(planned.length, 'file')} to ${out}\n`);
      return EXIT_OK;
    });
  },
};
