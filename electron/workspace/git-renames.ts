// Documents renamed between two commits, as git finds renames: for `emend diff REV1 REV2` and a document's git baseline.
import { isDocumentPath } from './folder-walk';
import { gitText } from './git-process';

/**
 * The documents renamed from commit `from` to commit `to`: new path → old path, both from the
 * repository root. git pairs them over the whole range (its default similarity), and also commit
 * by commit: a short document edited before and after a rename commit is too unlike over the
 * range for git to pair, but the rename commit alone pairs it (where its first name is gone by
 * `to`, and its new one there). Found over the whole tree, so that a rename whose other name lies
 * outside the paths given is found too.
 */
export async function renamesBetween(
  from: string,
  to: string,
  cwd: string,
): Promise<Map<string, string>> {
  const whole = await gitText(
    ['diff', '-z', '--name-status', '-M', '--diff-filter=R', from, to],
    cwd,
  );
  const renames = new Map<string, string>();
  for (const [before, now] of renamePairs(whole)) renames.set(now, before);
  // Each commit's renames in order, chained: a path's first name is carried along its renames.
  const log = await gitText(
    [
      'log',
      '-z',
      '--reverse',
      '--name-status',
      '-M',
      '--diff-filter=R',
      '--format=%x1e',
      `${from}..${to}`,
    ],
    cwd,
  );
  const firstName = new Map<string, string>();
  for (const commit of log.split('\x1e').slice(1)) {
    for (const [before, now] of renamePairs(commit.replace(/^\0?\n?/, ''))) {
      firstName.set(now, firstName.get(before) ?? before);
      firstName.delete(before);
    }
  }
  if (firstName.size === 0) return renames;
  // A chain is a rename only where the first name is gone by `to` and the new one is there.
  const [before, after] = await Promise.all([pathsAt(from, cwd), pathsAt(to, cwd)]);
  for (const [now, first] of firstName) {
    const moved = before.has(first) && !after.has(first) && after.has(now) && !before.has(now);
    if (moved && !renames.has(now)) renames.set(now, first);
  }
  return renames;
}

/** Every path of commit's tree, from the repository root. */
async function pathsAt(commit: string, cwd: string): Promise<Set<string>> {
  const listing = await gitText(['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit], cwd);
  return new Set(listing.split('\0').filter(Boolean));
}

/** The document renames of a `--name-status -z` listing of renames: R<score> NUL old NUL new NUL, each. */
function renamePairs(listing: string): Array<[string, string]> {
  const fields = listing.split('\0');
  const pairs: Array<[string, string]> = [];
  for (let k = 0; k + 2 < fields.length; k += 3) {
    const [before, now] = [fields[k + 1], fields[k + 2]];
    if (isDocumentPath(before) && isDocumentPath(now)) pairs.push([before, now]);
  }
  return pairs;
}
