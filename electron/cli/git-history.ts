// A file's history from git: every commit's parents, author and subject, the file's path and text at each.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileError } from '../workspace/file-error';
import { decodeDocument } from '../workspace/read-document';
import { catFile, readObjectBytes } from '../workspace/git-objects';
import { gitText } from '../workspace/git-process';

export interface CommitInfo {
  commit: string;
  parents: string[];
  author: string;
  /** The author date, YYYY-MM-DD. */
  date: string;
  subject: string;
  /** A shallow clone's oldest commit: its parents are not in the repository. */
  shallow?: true;
}

/** One commit of HEAD's history with the file's path in it (null when the file is not there). */
export interface FileCommit extends CommitInfo {
  path: string | null;
  /** Whether the file's content at this commit differs from its content at each parent (a root commit: true). */
  changes: boolean;
}

/** The file's path (from the repository root) after each commit `git log --follow` lists; null where it was deleted. */
async function followedPaths(root: string, file: string): Promise<Map<string, string | null>> {
  const log = await gitText(
    ['log', '--follow', '--name-status', '-z', '--format=%x1e%H', 'HEAD', '--', file],
    root,
  );
  const paths = new Map<string, string | null>();
  for (const record of log.split('\x1e').slice(1)) {
    const [commit, ...fields] = record.split('\0').map((field) => field.replace(/^\n/, ''));
    const [status, first, second] = fields.filter((field) => field !== '');
    if (!status) continue;
    paths.set(commit, status === 'D' ? null : /^[RC]/.test(status) ? second : first);
  }
  return paths;
}

/** The commits where a shallow clone's history is cut off (none in a full clone). */
async function shallowCommits(root: string): Promise<Set<string>> {
  const file = (await gitText(['rev-parse', '--git-path', 'shallow'], root)).trim();
  const listed = await fs.readFile(path.resolve(root, file), 'utf8').catch(() => '');
  return new Set(listed.split('\n').filter(Boolean));
}

/** HEAD's commits, parents first. */
async function headCommits(root: string): Promise<CommitInfo[]> {
  const shallow = await shallowCommits(root);
  const log = await gitText(
    [
      'log',
      '-z',
      '--topo-order',
      '--reverse',
      '--parents',
      '--format=%H %P%x1f%an%x1f%as%x1f%s',
      'HEAD',
    ],
    root,
  );
  return log
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const [ids, author, date, subject] = record.split('\x1f');
      const [commit, ...parents] = ids.split(' ');
      return {
        commit,
        parents,
        author,
        date,
        subject,
        ...(shallow.has(commit) && { shallow: true }),
      };
    });
}

/** Which of the file's paths each merge commit has, as commit:path names (`git log --follow` never lists a merge). */
async function pathsAtMerges(
  root: string,
  commits: readonly CommitInfo[],
  paths: readonly string[],
): Promise<Set<string>> {
  const names = commits
    .filter((info) => info.parents.length > 1)
    .flatMap((info) => paths.map((path) => `${info.commit}:${path}`));
  const objects = await objectIds(root, names);
  return new Set(names.filter((_, k) => objects[k] !== null));
}

/**
 * HEAD's commits, parents first, each with the file's path at that commit: the path flows from
 * parent to child and changes where `git log --follow` saw the file renamed; a merge takes the
 * path of the first parent whose path it has (a branch may have renamed the file). Whether a
 * commit changes the file is told by its content's object id against its parents' (`git log
 * --follow` leaves out a change made on a branch under the file's old name while another branch
 * renamed it).
 */
export async function fileHistory(root: string, file: string): Promise<FileCommit[]> {
  const followed = await followedPaths(root, file);
  const commits = await headCommits(root);
  const paths = new Set([file, ...followed.values()].filter((path) => path !== null));
  const atMerges = await pathsAtMerges(root, commits, [...paths]);
  const pathOf = new Map<string, string | null>();
  const history: FileCommit[] = [];
  for (const info of commits) {
    const { commit, parents } = info;
    const inherited = parents.map((parent) => pathOf.get(parent) ?? null);
    const path = followed.has(commit)
      ? followed.get(commit)!
      : parents.length > 1
        ? (inherited.find((each) => atMerges.has(`${commit}:${each}`)) ?? null)
        : (inherited[0] ?? null);
    pathOf.set(commit, path);
    history.push({ ...info, path, changes: false });
  }
  const objects = await objectIds(
    root,
    history.map(({ commit, path }) => (path === null ? null : `${commit}:${path}`)),
  );
  const objectOf = new Map(history.map(({ commit }, k) => [commit, objects[k]]));
  for (const entry of history) {
    const object = objectOf.get(entry.commit);
    entry.changes =
      object !== null && entry.parents.every((parent) => objectOf.get(parent) !== object);
  }
  return history;
}

/** The object id of each commit:path name (null for none, or a name that is not there), by one `git cat-file --batch-check`. */
async function objectIds(
  root: string,
  names: ReadonlyArray<string | null>,
): Promise<(string | null)[]> {
  const asked = names.filter((name) => name !== null);
  const answers = (await catFile(root, '--batch-check=%(objectname)', asked))
    .toString('utf8')
    .split('\n');
  let next = 0;
  return names.map((name) => {
    if (name === null) return null;
    const answer = answers[next++];
    return /^[0-9a-f]{40,64}$/.test(answer) ? answer : null;
  });
}

/**
 * The texts of several commit:path objects by one `git cat-file --batch`; a missing object or a
 * file that is not UTF-8 text gives null.
 */
export async function readObjects(
  root: string,
  names: readonly string[],
): Promise<(string | null)[]> {
  return (await readObjectBytes(root, names)).map((bytes, k) => {
    if (bytes === null) return null;
    try {
      return decodeDocument(bytes, names[k]);
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      return null;
    }
  });
}
