// Baselines to compare a document with: the file as first opened, another file, or a git revision.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract';
import { gitRevision } from '../../shared/api/requests';
import { FileError } from './file-error';
import { decodeDocument, MAX_DOCUMENT_BYTES } from './read-document';
import { gitComplaint, GitError, gitText, runGit } from './git-process';
import { readObjectBytes } from './git-objects';
import { renamesBetween } from './git-renames';
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

/** A document that is not at a git revision as a file (nor under another name): new since, as a diff of the two revisions lists it. */
export class NotAtRevision extends ApiError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/**
 * The text of filePath at a git revision (`git cat-file blob REV:./NAME`, run without a shell: a
 * name is never read as a pattern, a folder is not a file); a document renamed since is read under
 * its name there, as `emend diff REV HEAD` follows it, and that name (from the repository's root) is
 * given as `renamedFrom`. A revision that names no commit is said first, as such.
 */
export async function readGitBaseline(
  filePath: string,
  revision: string,
): Promise<{ text: string; renamedFrom?: string }> {
  await checkCommit(revision, path.dirname(filePath));
  try {
    const { bytes, shown, renamedFrom } = await showAtRevision(filePath, revision);
    return { text: decodeDocument(bytes, shown), ...(renamedFrom && { renamedFrom }) };
  } catch (error) {
    if (error instanceof GitError) throw new ApiError('not-found', error.message);
    if (error instanceof FileError) throw new ApiError('refused-file', error.message);
    throw error;
  }
}

/** The file's bytes at revision, under its name there, with that name as REV:NAME (and alone, where it is another). */
async function showAtRevision(
  filePath: string,
  revision: string,
): Promise<{ bytes: Buffer; shown: string; renamedFrom?: string }> {
  const name = path.basename(filePath);
  const folder = path.dirname(filePath);
  const run = await readBlob(`${revision}:./${name}`, folder);
  if (run.code === 0) return { bytes: run.stdout, shown: `${revision}:${name}` };
  const before = await nameAtRevision(filePath, revision);
  const renamed = before && (await readBlob(`${revision}:${before}`, folder));
  if (!renamed || renamed.code !== 0) {
    // The commit is there: git's "does not exist in" (or "exists on disk, but not in") says the
    // file is not, "bad file" that the name is a folder's there.
    if (/does not exist in|exists on disk, but not in|bad file/.test(run.stderr))
      throw new NotAtRevision(
        `${name} is not at git revision "${revision}" (nor under another name there)`,
      );
    throw new ApiError(
      'not-found',
      `no version of ${name} at git revision "${revision}": ${gitComplaint(run)}`,
    );
  }
  return { bytes: renamed.stdout, shown: `${revision}:${before}`, renamedFrom: before };
}

/** Throws the ApiError saying a revision names no commit of folder's repository, as `emend diff` says it. */
export async function checkCommit(revision: string, folder: string): Promise<void> {
  gitRevision.check(revision, 'revision');
  const commit = await runGit(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], folder);
  if (commit.code !== 0)
    throw new ApiError('not-found', `"${revision}" is not a commit in this repository`);
}

/**
 * The texts at revision of several files below folder (paths relative to it, `/` between names),
 * by one `git cat-file`: each decoded as readGitBaseline decodes it, or the ApiError it gives;
 * undefined where git holds no file at that path there (renamed since, another repository's, or a
 * name cat-file cannot take): readGitBaseline reads those alone.
 */
export async function readGitBaselines(
  folder: string,
  files: readonly string[],
  revision: string,
): Promise<Array<string | ApiError | undefined>> {
  gitRevision.check(revision, 'revision');
  const asked = files.filter((file) => !/[\r\n]/.test(file));
  let found: (Uint8Array | null)[];
  try {
    found = await readObjectBytes(
      folder,
      asked.map((file) => `${revision}:./${file}`),
    );
  } catch (error) {
    if (error instanceof GitError) return files.map(() => undefined);
    throw error;
  }
  const byFile = new Map(asked.map((file, k) => [file, found[k]]));
  return files.map((file) => {
    const bytes = byFile.get(file);
    if (!bytes) return undefined;
    try {
      return decodeDocument(bytes, `${revision}:${path.posix.basename(file)}`);
    } catch (error) {
      if (error instanceof FileError) return new ApiError('refused-file', error.message);
      throw error;
    }
  });
}

function readBlob(object: string, cwd: string) {
  return runGit(['cat-file', 'blob', object], cwd, { maxBytes: MAX_DOCUMENT_BYTES });
}

/** The path (from the repository root) the file had at revision where git sees it renamed since, else undefined. */
async function nameAtRevision(filePath: string, revision: string): Promise<string | undefined> {
  const folder = path.dirname(filePath);
  const prefix = (await gitText(['rev-parse', '--show-prefix'], folder)).trim();
  const renames = await renamesBetween(revision, 'HEAD', folder);
  return renames.get(`${prefix}${path.basename(filePath)}`);
}
