// `emend import`: CoNLL, JSONL, brat, Label Studio, HF or Prodigy files to bracket files, refused whole on bad input.
import { plural } from '../../shared/plural';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BracketFile } from '../../shared/convert/bracket-file';
import { importBrat } from '../../shared/convert/brat';
import { hasToken } from '../../shared/format/tokens';
import { importConll } from '../../shared/convert/conll';
import { importHf } from '../../shared/convert/hf';
import { importJsonl } from '../../shared/convert/jsonl';
import { importLabelStudio } from '../../shared/convert/labelstudio';
import { ConvertError } from '../../shared/convert/messages';
import { importProdigy } from '../../shared/convert/prodigy';
import { TAG_SCHEMES, type TagScheme } from '../../shared/convert/tags';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import {
  EXIT_OK,
  EXIT_USAGE,
  paint,
  parseFlags,
  UsageError,
  warn,
  type CliIO,
  type Command,
} from './io';
import { importedLabelSettings, importedLabelsFile, UsedLabels } from './import-labels';
import { checkOutputs, forceUsage, writeOutputs, type OutputFile } from './outputs';

const USAGE = `Usage: emend import --from FORMAT [--scheme S] --out DIR FILE...
  Formats: conll, jsonl, brat, labelstudio, hf, prodigy. Writes DIR/NAME.txt for each FILE: one
  sentence per line (CoNLL, HF), documents (-DOCSTART-, JSONL lines, Label Studio and Prodigy
  tasks) separated by a blank line, entities closed with two spaces then "]".
  --from F     the input format
  --scheme S   conll, hf: auto (default: tells IOB1, IOB2 and BIOES apart), iob1, iob2 or bioes
  --out DIR    folder for the bracket files; when no label settings apply there and the documents
               use labels other than PER, LOC, ORG, MISC, DIR/.emend/settings.json gets the labels
${forceUsage(13)}
  brat: name either file of a pair (NAME.ann or NAME.txt), or both; offsets count Unicode code points.
  Exit status: 0 written, 2 usage error or bad input (reported with file and line; nothing written).`;

const FORMATS = ['conll', 'jsonl', 'brat', 'labelstudio', 'hf', 'prodigy'] as const;
type ImportFormat = (typeof FORMATS)[number];

interface Input {
  /** The file errors are reported against (the .ann for brat). */
  path: string;
  convert(): BracketFile & { scheme?: TagScheme; detected?: boolean };
}

async function readInput(
  file: string,
  format: ImportFormat,
  scheme: TagScheme | 'auto',
): Promise<Input> {
  if (format === 'brat') {
    const base = file.replace(/\.(ann|txt)$/, '');
    const ann = `${base}.ann`;
    const files = { ann: await readDocument(ann), txt: await readDocument(`${base}.txt`) };
    return { path: ann, convert: () => importBrat(files) };
  }
  const stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory())
    throw new FileError('is-folder', file, 'is a folder: name the files to import');
  const source = await readDocument(file);
  const convert = {
    conll: () => importConll(source, scheme),
    jsonl: () => importJsonl(source),
    labelstudio: () => importLabelStudio(source),
    hf: () => importHf(source, scheme),
    prodigy: () => importProdigy(source),
  }[format];
  return { path: file, convert };
}

export const importCommand: Command = {
  summary: 'import CoNLL, JSONL, brat, Label Studio, HF or Prodigy files as bracket files',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      from: { type: 'string' },
      scheme: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    });
    const format = values.from as ImportFormat | undefined;
    if (!format || !FORMATS.includes(format)) {
      throw new UsageError(`--from must be one of ${FORMATS.join(', ')}`);
    }
    const scheme = (values.scheme ?? 'auto') as TagScheme | 'auto';
    if (scheme !== 'auto' && !TAG_SCHEMES.includes(scheme)) {
      throw new UsageError(`--scheme must be auto, ${TAG_SCHEMES.join(', ')}`);
    }
    if (values.scheme !== undefined && format !== 'conll' && format !== 'hf')
      throw new UsageError('--scheme applies to conll and hf only');
    if (!values.out) throw new UsageError('--out DIR is required');
    if (positionals.length === 0) throw new UsageError('no FILE given');

    const outputs: OutputFile[] = [];
    const inputs: string[] = [];
    const problems: string[] = [];
    const notes: string[] = [];
    const labels = new UsedLabels(io);
    // Both files of a brat pair named (as a glob names them) are one input.
    const named =
      format === 'brat'
        ? [
            ...new Map(
              positionals.map((file) => [path.resolve(file).replace(/\.(ann|txt)$/, ''), file]),
            ).values(),
          ]
        : positionals;
    for (const file of named) {
      const input = await readInput(file, format, scheme);
      inputs.push(input.path, input.path.replace(/\.ann$/, '.txt'));
      try {
        const result = input.convert();
        for (const { line, message } of result.warnings) {
          warn(io, `${input.path}:${line}`, message);
        }
        if (!hasToken(result.doc.text))
          warn(io, `${input.path}:1`, 'no text was read from it: the file written is empty');
        const target = path.join(values.out, `${path.parse(file).name}.txt`);
        outputs.push({ path: target, content: result.source });
        labels.add(target, result.doc);
        const entities = result.doc.entities.length;
        const scheme = result.scheme
          ? ` (${result.scheme}${result.detected ? ', detected' : ''})`
          : '';
        notes.push(`wrote ${target}: ${plural(entities, 'entity', 'entities')}${scheme}`);
      } catch (error) {
        if (!(error instanceof ConvertError)) throw error;
        for (const { line, message } of [error, ...error.more])
          problems.push(`${input.path}:${line}: ${paint(io, 'red', 'error')}: ${message}`);
      }
    }
    if (problems.length > 0) {
      io.err(`${problems.join('\n')}\nemend import: nothing written\n`);
      return EXIT_USAGE;
    }
    checkOutputs(outputs, inputs, values.force === true, values.out);
    const settings = await importedLabelSettings(io, values.out, labels.names);
    if (settings) {
      const { output, note } = importedLabelsFile(values.out, settings);
      outputs.push(output);
      notes.push(note);
    }
    await writeOutputs(io, 'import', outputs);
    io.err(`${notes.join('\n')}\n`);
    return EXIT_OK;
  },
};
