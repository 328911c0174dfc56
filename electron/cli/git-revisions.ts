// `emend diff REV1 REV2 -- PATH...`: the bracket files under paths at two git revisions, as two temp folders.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../workspace/files';
import { readObjects } from './git-history';
import { gitText, runGit } from '../workspace/git-process';
import { UsageError } from './io';

/** The commit a revision names, or a usage error saying it names none. */
async function resolveRevision(revision: string, cwd: string): Promise<string> {
  if (revision.startsWith('-')) throw new UsageError(`"${revision}" is not a git revision`);
  const run = await runGit(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd);
  if (run.code !== 0) throw new UsageError(`"${revision}" is not a commit in this repository`);
  return run.stdout.toString('utf8').trim();
}

/** Writes the bracket files under paths (relative to cwd) at commit into folder, by their paths from the repository root. */
async function writeRevision(
  commit: string,
  paths: readonly string[],
  folder: string,
  cwd: string,
) {
  const listing = await gitText(
    ['ls-tree', '-r', '-z', '--full-name', '--name-only', commit, '--', ...paths],
    cwd,
  );
  const names = listing
    .split('\0')
    .filter((name) => name !== '' && DOCUMENT_EXTENSIONS.includes(path.extname(name)));
  const root = (await gitText(['rev-parse', '--show-toplevel'], cwd)).trim();
  const texts = await readObjects(
    root,
    names.map((name) => `${commit}:${name}`),
  );
  for (const [k, name] of names.entries()) {
    const text = texts[k];
    if (text === null) continue;
    const target = path.join(folder, ...name.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text);
  }
  return names.length;
}

/**
 * Runs compare on two temp folders holding the bracket files under paths at two revisions (files
 * matched by their paths from the repository root), then removes the folders.
 */
export async function compareRevisions(
  revisions: readonly string[],
  paths: readonly string[],
  compare: (before: string, after: string) => Promise<number>,
  cwd = process.cwd(),
): Promise<number> {
  if (revisions.length !== 2)
    throw new UsageError('give two revisions before --: REV1 REV2 -- PATH...');
  if (paths.length === 0) throw new UsageError('give at least one PATH after --');
  const commits = [
    await resolveRevision(revisions[0], cwd),
    await resolveRevision(revisions[1], cwd),
  ];
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'emend-revisions-'));
  try {
    const [before, after] = [path.join(temp, 'before'), path.join(temp, 'after')];
    await fs.mkdir(before);
    await fs.mkdir(after);
    const found =
      (await writeRevision(commits[0], paths, before, cwd)) +
      (await writeRevision(commits[1], paths, after, cwd));
    if (found === 0)
      throw new UsageError(
        `no bracket files under ${paths.join(' ')} at ${revisions.join(' or ')}`,
      );
    return await compare(before, after);
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}
