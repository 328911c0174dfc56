// Documents named on the command line, each with its path relative to the folder named (or its own name).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { collectDocuments } from '../workspace/files';

export interface NamedDocument {
  /** The path to read. */
  path: string;
  /** Where it sits under the named folder; a named file's own name. */
  relative: string;
}

/** Expands each named path: a folder into its documents (see collectDocuments), a file as itself. */
export async function namedDocuments(paths: readonly string[]): Promise<{
  documents: NamedDocument[];
  folders: boolean;
}> {
  const documents: NamedDocument[] = [];
  let folders = false;
  for (const given of paths) {
    const files = await collectDocuments([given]);
    const isFolder = (await fs.stat(given)).isDirectory();
    folders ||= isFolder;
    for (const file of files) {
      documents.push({
        path: file,
        relative: isFolder ? path.relative(given, file) : path.basename(file),
      });
    }
  }
  return { documents, folders };
}
