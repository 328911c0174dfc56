// Documents named on the command line, each with its path relative to the folder named (or its own name).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileError } from '../workspace/file-error';
import { collectDocuments } from '../workspace/folder-walk';

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

/** Whether a named path is a folder; a missing path throws a FileError naming it. */
export async function isFolder(given: string): Promise<boolean> {
  try {
    return (await fs.stat(given)).isDirectory();
  } catch {
    throw new FileError('not-found', given, 'no such file or folder');
  }
}

/**
 * Matches the documents of several corpora by relative path, in the first corpus's order: the
 * paths every corpus holds, each with its copies, and for each corpus the paths only it lacks or
 * holds (a path some but not all hold is listed under every corpus that lacks it).
 */
export function matchByPath(sides: ReadonlyArray<readonly NamedDocument[]>): {
  matched: Array<{ relative: string; copies: NamedDocument[] }>;
  /** missing[k]: relative paths that side k lacks but another side holds. */
  missing: string[][];
} {
  const byPath = sides.map(
    (side) => new Map(side.map((document) => [document.relative, document])),
  );
  const everyPath = new Set(sides.flatMap((side) => side.map((document) => document.relative)));
  const inAll = (relative: string) => byPath.every((side) => side.has(relative));
  return {
    matched: sides[0]
      .filter((document) => inAll(document.relative))
      .map((document) => ({
        relative: document.relative,
        copies: byPath.map((side) => side.get(document.relative)!),
      })),
    missing: byPath.map((side) => [...everyPath].filter((relative) => !side.has(relative))),
  };
}
