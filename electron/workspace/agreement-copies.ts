// Annotators' copies of the corpus: folders inside or beside it, or git revisions; a document's version in each.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError, type AnnotatorCopy, type DocumentId } from '../../shared/api/contract';
import { readGitBaseline } from './baseline';
import { FileError } from './file-error';
import { readDocument } from './read-document';
import { repeatedCopyMessage } from '../../shared/agreement/repeated-copy';
import { isInside, resolveInside } from './paths';

/** What the copies are opened against: the corpus folder, and where each of its documents is. */
export interface CorpusFolder {
  folder: string;
  documentPath(id: DocumentId): string;
}

/** A copy the workspace can read: its annotator's name and how to read a document's version. */
export interface OpenCopy {
  name: string;
  /** The document's bracket text in this copy; ApiError not-found when the copy lacks it. */
  read(id: DocumentId): Promise<string>;
  /** The corpus folder of a copy that lies inside the corpus (its documents are not compared). */
  inside?: DocumentId;
}

/** The annotator's name of a copy: the folder's name or the revision. */
export function copyName(copy: AnnotatorCopy): string {
  return copy.kind === 'git' ? copy.revision : path.basename(path.resolve('/', copy.path));
}

/** Names the copies for the user, as `emend agree` does: the folder's name, the path as given where two would clash. */
export function copyNames(copies: readonly AnnotatorCopy[]): string[] {
  const names = copies.map(copyName);
  return copies.map((copy, index) =>
    names.indexOf(names[index]) === names.lastIndexOf(names[index]) || copy.kind === 'git'
      ? names[index]
      : copy.path,
  );
}

/**
 * Opens the copies for reading. A folder is named relative to the corpus folder and must lie inside
 * it or beside it (in the folder that holds it), so a request cannot read anywhere else on disk; only
 * documents (`.txt` files under it, by the same relative path) are read.
 */
export async function openCopies(
  workspace: CorpusFolder,
  copies: readonly AnnotatorCopy[],
): Promise<OpenCopy[]> {
  const names = copyNames(copies);
  // Every copy looked at together; the first one given that is wrong is named, however the looks end.
  const looked = await Promise.allSettled(
    copies.map((copy) => (copy.kind === 'git' ? null : copyFolder(workspace.folder, copy.path))),
  );
  const folders = looked.map((look) => {
    if (look.status === 'rejected') throw look.reason;
    return look.value;
  });
  const repeated = repeatedCopyMessage(
    copies.map((copy) => (copy.kind === 'git' ? copy.revision : copy.path)),
    copies.map((copy, index) => (copy.kind === 'git' ? `git:${copy.revision}` : folders[index]!)),
  );
  if (repeated) throw new ApiError('invalid-request', repeated);
  return copies.map((copy, index): OpenCopy => {
    const name = names[index];
    if (copy.kind === 'git') {
      return {
        name,
        read: async (id) => (await readGitBaseline(workspace.documentPath(id), copy.revision)).text,
      };
    }
    const folder = folders[index]!;
    const inside = isInside(workspace.folder, folder)
      ? path.relative(workspace.folder, folder).split(path.sep).join('/')
      : undefined;
    return {
      name,
      read: (id) => readCopyDocument(folder, name, id),
      ...(inside ? { inside } : {}),
    };
  });
}

async function copyFolder(corpusFolder: string, given: string): Promise<string> {
  let folder: string;
  try {
    folder = await fs.realpath(path.resolve(corpusFolder, given));
  } catch {
    throw new ApiError('not-found', `the copy "${given}" is not a folder`);
  }
  if (!(await fs.stat(folder)).isDirectory()) {
    throw new ApiError('not-found', `the copy "${given}" is not a folder`);
  }
  // Inside the corpus, or a folder of the one holding it: not anywhere below that one.
  const beside = path.dirname(folder) === path.dirname(corpusFolder);
  if (folder === corpusFolder || !(beside || isInside(corpusFolder, folder))) {
    throw new ApiError(
      'path-outside',
      `the copy "${given}" must be a folder inside or beside ${path.basename(corpusFolder)}`,
    );
  }
  return folder;
}

async function readCopyDocument(folder: string, name: string, id: DocumentId): Promise<string> {
  if (!id.endsWith('.txt')) throw new ApiError('not-found', `${name} holds no ${id}`);
  const file = await resolveInside(folder, id);
  try {
    return await readDocument(file);
  } catch (error) {
    if (error instanceof FileError) {
      throw new ApiError(
        error.code === 'not-found' ? 'not-found' : 'refused-file',
        error.code === 'not-found' ? `${name} holds no ${id}` : `${name}: ${error.message}`,
      );
    }
    throw error;
  }
}
