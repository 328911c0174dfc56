// Document ids and the paths they name: every id must resolve to a file inside the opened root.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError, type DocumentId } from '../../shared/api/contract';
import { documentId } from '../../shared/api/requests';

/** The id of a file under root: its relative path with `/` separators. */
export function documentIdFor(root: string, filePath: string): DocumentId {
  return path.relative(root, filePath).split(path.sep).join('/');
}

/** Where `\` separates folders and `C:` names a drive (Windows), neither can be part of a name. */
const WINDOWS_PATHS = path.sep === '\\';

/**
 * Checks an id's shape before it touches the file system (the request schema's rule), and on
 * Windows also no backslash and no drive letter. Throws ApiError.
 */
export function checkDocumentId(id: unknown): DocumentId {
  const checked = documentId.check(id, 'id');
  if (WINDOWS_PATHS && (checked.includes('\\') || /^[A-Za-z]:/.test(checked))) {
    throw new ApiError(
      'path-outside',
      `${JSON.stringify(checked)} is not a path inside the opened folder`,
    );
  }
  return checked;
}

/** Whether target is root itself or lies under it (both already resolved). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!leaves && !path.isAbsolute(relative));
}

/**
 * The real path of an id under root, refusing one that leaves root through a symbolic link.
 * A file that does not exist yet is checked through its nearest existing folder.
 */
export async function resolveInside(root: string, id: DocumentId): Promise<string> {
  checkDocumentId(id);
  const realRoot = await fs.realpath(root);
  const joined = path.join(realRoot, ...id.split('/'));
  let existing = joined;
  let rest = '';
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      if (!isInside(realRoot, real)) {
        throw new ApiError('path-outside', `"${id}" leads outside the opened folder`);
      }
      return rest ? path.join(real, rest) : real;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = path.dirname(existing);
      if (parent === existing) throw new ApiError('not-found', `"${id}" does not exist`);
      rest = rest ? path.join(path.basename(existing), rest) : path.basename(existing);
      existing = parent;
    }
  }
}
