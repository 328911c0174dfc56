// File › Export…: the formats offered, and the files an export of the document on screen writes.
import path from 'node:path';
import type { DocumentState } from '../../shared/api/contract';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMAT_NAMES,
  exportDocument,
  type ExportFormat,
} from '../../shared/convert/export';
import { ExportRefused, exportBlockers, refusalLine } from '../../shared/convert/export-policy';
import type { ConvertMessage } from '../../shared/convert/messages';
import { parse } from '../../shared/format/parse';
import { serialize } from '../../shared/format/serialize';

export interface ExportChoice {
  format: ExportFormat;
  name: string;
  /** The extension the save dialog suggests, without the dot. */
  extension: string;
}

/** Every format of shared/convert, in the order the Export dialog lists them. */
export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { format: 'brackets', name: EXPORT_FORMAT_NAMES.brackets, extension: 'txt' },
  { format: 'conll', name: EXPORT_FORMAT_NAMES.conll, extension: 'conll' },
  { format: 'jsonl', name: EXPORT_FORMAT_NAMES.jsonl, extension: 'jsonl' },
  { format: 'labelstudio', name: EXPORT_FORMAT_NAMES.labelstudio, extension: 'json' },
  { format: 'brat', name: EXPORT_FORMAT_NAMES.brat, extension: 'ann' },
  { format: 'hf', name: EXPORT_FORMAT_NAMES.hf, extension: 'jsonl' },
  { format: 'prodigy', name: EXPORT_FORMAT_NAMES.prodigy, extension: 'jsonl' },
  { format: 'text', name: EXPORT_FORMAT_NAMES.text, extension: 'txt' },
];

export interface ExportFile {
  path: string;
  content: string;
}

/** The suggested file name for a document exported as choice: `name.export.ext`. */
export function exportFileName(id: string, choice: ExportChoice): string {
  const base = path.posix.basename(id).replace(/\.[^.]*$/, '');
  return `${base}.export.${choice.extension}`;
}

/**
 * The files exporting state (unsaved edits included) to target writes: target itself, and for a
 * format with several outputs (brat) its siblings named by extension. Throws ExportRefused for a
 * document with annotation errors, ConvertError for one that cannot be converted.
 */
export function exportFiles(
  state: DocumentState,
  format: ExportFormat,
  target: string,
): { files: ExportFile[]; warnings: ConvertMessage[] } {
  const source = serialize(state);
  const parsed = parse(source, { labels: state.labels });
  const blockers = exportBlockers(parsed);
  if (blockers.length > 0) {
    throw new ExportRefused(blockers.map((error) => refusalLine(state.id, error)));
  }
  const result = exportDocument(source, parsed, { ...DEFAULT_EXPORT_OPTIONS, format });
  const stem = target.slice(0, target.length - path.extname(target).length);
  const files = result.outputs.map((output) => ({
    path: result.outputs.length === 1 || !output.extension ? target : stem + output.extension,
    content: output.content,
  }));
  return { files, warnings: result.warnings };
}
