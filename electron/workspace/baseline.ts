// Baselines to compare a document with: the file as first opened, another file, or a git revision.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract';
import { gitRevision } from '../../shared/api/requests';
import { FileError } from './file-error';
import { decodeDocument, MAX_DOCUMENT_BYTES } from './read-document';
import { gitComplaint, GitError, runGit } from './git-process';
import { textHash } from './journal';
import type { StateFiles } from './state-folder';
import { readStateBytes, writeStateText } from './state-file';

/** Keeps the text as the document's baseline unless one is already kept; returns the baseline's hash. */
export async function keepBaseline(
  state: StateFiles,
  text: string,
  source: string,
): Promise<string> {
  const meta = await state.readMeta(source);
  if (meta.baselineHash) {
    try {
      await fs.access(state.baseline);
      return meta.baselineHash;
    } catch {
      // The copy is gone: keep the current text as the new baseline.
    }
  }
  const hash = textHash(text);
  await writeStateText(state.baseline, text);
  await state.writeMeta({ ...meta, baselineHash: hash });
  return hash;
}

export async function readKeptBaseline(state: StateFiles): Promise<string> {
  const bytes = await readStateBytes(state.baseline);
  if (bytes === undefined)
    throw new ApiError('not-found', 'no baseline has been kept for this document yet');
  return decodeDocument(bytes, state.baseline);
}

/** The text of filePath at a git revision (`git show REV:./NAME`, run without a shell). */
export async function readGitBaseline(filePath: string, revision: string): Promise<string> {
  gitRevision.check(revision, 'revision');
  const name = path.basename(filePath);
  let run;
  try {
    run = await runGit(['show', `${revision}:./${name}`], path.dirname(filePath), {
      maxBytes: MAX_DOCUMENT_BYTES,
    });
  } catch (error) {
    if (error instanceof GitError) throw new ApiError('not-found', error.message);
    throw error;
  }
  if (run.code !== 0) {
    // A revision that names no commit is said as such (as `emend diff` says it), not per file.
    const commit = await runGit(
      ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
      path.dirname(filePath),
    );
    throw new ApiError(
      'not-found',
      commit.code === 0
        ? `no version of ${name} at git revision "${revision}": ${gitComplaint(run)}`
        : `"${revision}" is not a commit in this repository`,
    );
  }
  const bytes = run.stdout;
  try {
    return decodeDocument(bytes, `${revision}:${path.basename(filePath)}`);
  } catch (error) {
    if (error instanceof FileError) throw new ApiError('refused-file', error.message);
    throw error;
  }
}
