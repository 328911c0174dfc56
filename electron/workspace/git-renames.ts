// Documents renamed between two commits, as git finds renames: for `emend diff REV1 REV2` and a document's git baseline.
import { isDocumentPath } from './folder-walk';
import { gitText } from './git-process';

/**
 * The documents renamed from commit `from` to commit `to`, as git finds renames (its default
 * similarity): new path → old path, both from the repository root. Found over the whole tree, so
 * that a rename whose other name lies outside the paths given is found too.
 */
export async function renamesBetween(
  from: string,
  to: string,
  cwd: string,
): Promise<Map<string, string>> {
  const listing = await gitText(
    ['diff', '-z', '--name-status', '-M', '--diff-filter=R', from, to],
    cwd,
  );
  // R<score> NUL old NUL new NUL, for each rename.
  const fields = listing.split('\0');
  const renames = new Map<string, string>();
  for (let k = 0; k + 2 < fields.length; k += 3) {
    const [before, now] = [fields[k + 1], fields[k + 2]];
    if (isDocumentPath(before) && isDocumentPath(now)) renames.set(now, before);
  }
  return renames;
}
