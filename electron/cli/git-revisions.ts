// `emend diff REV1 REV2 -- PATH...`, `emend agree REV... -- PATH...`: the bracket files under paths at git revisions, as temp folders.
import { promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../workspace/folder-walk';
import { literalPattern } from '../../shared/corpus/search';
import { readObjectBytes } from '../workspace/git-objects';
import { gitText, runGit } from '../workspace/git-process';
import { renamesBetween } from '../workspace/git-renames';
import { UsageError, type CliIO } from './io';
import { guardInterrupts } from './interrupts';
import { isRevisionName } from '../../shared/api/requests';

/** The commit a revision names, or a usage error saying it names none. */
async function resolveRevision(revision: string, cwd: string): Promise<string> {
  if (!isRevisionName(revision)) throw new UsageError(`"${revision}" is not a git revision`);
  const run = await runGit(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd);
  if (run.code !== 0) throw new UsageError(`"${revision}" is not a commit in this repository`);
  return run.stdout.toString('utf8').trim();
}

/** The bracket files under paths (relative to cwd) at commit, by their paths from the repository root. */
async function documentsAt(
  commit: string,
  paths: readonly string[],
  cwd: string,
): Promise<string[]> {
  const listing = await gitText(
    ['ls-tree', '-r', '-z', '--full-name', '--name-only', commit, '--', ...paths],
    cwd,
  );
  return listing.split('\0').filter((name) => name !== '' && isDocument(name));
}

const isDocument = (name: string) => DOCUMENT_EXTENSIONS.includes(path.extname(name));

/** A revision's documents to compare: their paths at its commit, and the first name of a renamed one. */
interface RevisionDocuments {
  names: string[];
  namedAs: Map<string, string>;
}

/**
 * The documents of each revision: those under paths, and a document renamed since the first
 * revision under either of its names (compared under its first name, as git follows it).
 */
async function documentsOf(
  commits: readonly string[],
  paths: readonly string[],
  cwd: string,
): Promise<RevisionDocuments[]> {
  const first = new Set(await documentsAt(commits[0], paths, cwd));
  const later: RevisionDocuments[] = [];
  for (const commit of commits.slice(1)) {
    const names = new Set(await documentsAt(commit, paths, cwd));
    const namedAs = new Map<string, string>();
    for (const [now, before] of await renamesBetween(commits[0], commit, cwd)) {
      if (!names.has(now) && !first.has(before)) continue;
      namedAs.set(now, before);
      names.add(now);
    }
    later.push({ names: [...names], namedAs });
  }
  for (const { namedAs } of later) for (const before of namedAs.values()) first.add(before);
  return [{ names: [...first], namedAs: new Map() }, ...later];
}

/**
 * Writes the named bracket files at commit into folder, by their paths from the repository root (a
 * renamed one by its path in the first revision, `namedAs`), byte for byte: one that is not UTF-8
 * text is then refused by name, as in a folder.
 */
async function writeRevision(
  revision: string,
  commit: string,
  { names, namedAs }: RevisionDocuments,
  folder: string,
  cwd: string,
) {
  // A tree object may name anything (a hostile clone's `..` entries): every name is checked first.
  const leaving = names.find((name) =>
    name.split('/').some((part) => ['', '.', '..'].includes(part)),
  );
  if (leaving !== undefined) {
    throw new UsageError(
      `${revision} holds a file whose path leaves its folder (${JSON.stringify(leaving)}): its tree was not made by git; nothing of it is read`,
    );
  }
  const root = (await gitText(['rev-parse', '--show-toplevel'], cwd)).trim();
  const files = await readObjectBytes(
    root,
    names.map((name) => `${commit}:${name}`),
  );
  for (const [k, name] of names.entries()) {
    const bytes = files[k];
    if (bytes === null) continue;
    const target = path.join(folder, ...(namedAs.get(name) ?? name).split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    // A new file only: nothing already there (a link among them) is written through.
    await fs.writeFile(target, bytes, { flag: 'wx' });
  }
  return names.length;
}

/**
 * Runs compare on two temp folders holding the bracket files under paths at two revisions (files
 * matched by their paths from the repository root), with io naming their files as `REV:PATH` (see
 * withRevisions), then removes the folders.
 */
export async function compareRevisions(
  revisions: readonly string[],
  paths: readonly string[],
  io: CliIO,
  compare: (before: string, after: string, io: CliIO) => Promise<number>,
  cwd = process.cwd(),
): Promise<number> {
  if (revisions.length !== 2)
    throw new UsageError('give two revisions before --: REV1 REV2 -- PATH...');
  return withRevisions(
    revisions,
    paths,
    io,
    ([before, after], named) => compare(before, after, named),
    cwd,
  );
}

/**
 * Text naming a file of a revision's temp folder as git names a file at a revision, `REV:PATH`
 * (PATH from the repository root), and the folder itself (a report's reference, a folder holding
 * no document) as the app names a revision, `git revision REV`; advice to run `emend validate` on
 * such a file, which cannot read it, becomes advice to repair it in that revision.
 */
function revisionNames(
  folders: readonly string[],
  revisions: readonly string[],
): (text: string) => string {
  // Made once: the io calls this on every line a command writes.
  const names = folders.map((folder, k) => {
    const file = `${folder}${path.sep}`;
    const advice = new RegExp(`: emend validate ${literalPattern(file)}[^)]*\\)`, 'g');
    return { folder, file, advice, revision: revisions[k] };
  });
  return (text) =>
    names.reduce(
      (renamed, { folder, file, advice, revision }) =>
        renamed
          .replaceAll(advice, `, in revision ${revision})`)
          .replaceAll(file, `${revision}:`)
          .replaceAll(folder, `git revision ${revision}`),
      text,
    );
}

/**
 * Runs visit on temp folders, one per revision (two or more), each holding the bracket files under
 * paths at that revision by their paths from the repository root, with an io that names their
 * files as `REV:PATH`; then removes the folders.
 */
export async function withRevisions(
  revisions: readonly string[],
  paths: readonly string[],
  io: CliIO,
  visit: (folders: string[], io: CliIO) => Promise<number>,
  cwd = process.cwd(),
): Promise<number> {
  if (revisions.length < 2)
    throw new UsageError('give at least two revisions before --: REV1 REV2... -- PATH...');
  if (paths.length === 0) throw new UsageError('give at least one PATH after --');
  const { git, gitPaths } = await inRepositoryOf(paths, cwd);
  const commits: string[] = [];
  for (const revision of revisions) commits.push(await resolveRevision(revision, git));
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'emend-revisions-'));
  const release = removedOnExit(temp);
  try {
    // Named by the revision, so that a message naming a file says which revision it is of.
    const folders = revisions.map((revision, k) =>
      path.join(temp, `${k + 1}-${revision.replace(/[^\w.-]/g, '_').slice(0, 60)}`),
    );
    let found = 0;
    const documents = await documentsOf(commits, gitPaths, git);
    for (const [k, folder] of folders.entries()) {
      await fs.mkdir(folder);
      for (const [now, before] of documents[k].namedAs)
        io.err(
          `emend: ${revisions[k]}:${now} is ${revisions[0]}:${before} renamed: compared as one document\n`,
        );
      found += await writeRevision(revisions[k], commits[k], documents[k], folder, git);
    }
    if (found === 0)
      throw new UsageError(
        `no bracket files under ${paths.join(' ')} at ${revisions.join(' or ')}`,
      );
    const rename = revisionNames(folders, revisions);
    try {
      return await visit(folders, {
        ...io,
        out: (text) => io.out(rename(text)),
        err: (text) => io.err(rename(text)),
      });
    } catch (error) {
      // Printed by the command line, past the io above: named the same way.
      if (error instanceof Error) error.message = rename(error.message);
      throw error;
    }
  } finally {
    // Released only once removed: a closed pipe can end the process while the removal runs.
    await fs.rm(temp, { recursive: true, force: true });
    release();
  }
}

/**
 * Where git runs for paths: the folder of the first one that exists (its repository, as `blame`
 * takes a file's own), else cwd; and the paths from there.
 */
async function inRepositoryOf(
  paths: readonly string[],
  cwd: string,
): Promise<{ git: string; gitPaths: string[] }> {
  const first = path.resolve(cwd, paths[0]);
  const found = await fs.stat(first).catch(() => null);
  const git = found ? (found.isDirectory() ? first : path.dirname(first)) : cwd;
  return {
    git,
    gitPaths: paths.map((given) => path.relative(git, path.resolve(cwd, given)) || '.'),
  };
}

/**
 * Removes folder however the process ends while it is in use: a closed pipe's exit, Ctrl-C, a
 * kill or a hang-up (the signal then ends the process as it would have). Returns the release.
 */
function removedOnExit(folder: string): () => void {
  const remove = () => rmSync(folder, { recursive: true, force: true });
  const interrupts = guardInterrupts(remove);
  process.on('exit', remove);
  return () => {
    process.off('exit', remove);
    interrupts.release();
  };
}
