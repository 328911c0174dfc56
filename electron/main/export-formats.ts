// What File › Export… can write: each format turns the document on screen into the text of a file.
import path from 'node:path';
import type { DocumentState } from '../../shared/api/contract';
import { serialize } from '../../shared/format/serialize';

export interface ExportFormat {
  name: string;
  /** File name extension, without the dot. */
  extension: string;
  write(state: DocumentState): string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    name: 'Bracket file (with unsaved edits)',
    extension: 'txt',
    write: (state) => serialize(state),
  },
];

/** The format a chosen file name asks for by its extension (the first format otherwise). */
export function formatForPath(target: string): ExportFormat {
  const extension = path.extname(target).slice(1).toLowerCase();
  return EXPORT_FORMATS.find((format) => format.extension === extension) ?? EXPORT_FORMATS[0];
}

/** A default export name beside nothing in particular: `name.export.ext`. */
export function exportFileName(id: string, format: ExportFormat): string {
  const base = path.posix.basename(id).replace(/\.[^.]*$/, '');
  return `${base}.export.${format.extension}`;
}
