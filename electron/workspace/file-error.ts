// A file problem the user can act on (not found, binary, read-only, disk full), named in words.

export type FileErrorCode =
  | 'not-found'
  | 'is-folder'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'invalid-utf8'
  | 'unreadable'
  | 'not-writable'
  | 'write-failed'
  | 'changed'
  | 'in-use';

/** A file problem the user can act on: names the file and says why, never a stack trace. */
export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileError';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a write failed, in words (a full disk, a permission), for a message that names the file elsewhere. */
export function describeWriteFailure(error: Error): string {
  return ioError(error, '', 'write').reason;
}

export function ioError(error: unknown, filePath: string, action: 'read' | 'write'): FileError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new FileError('not-found', filePath, 'no such file or folder');
  if (code === 'EISDIR') return new FileError('is-folder', filePath, 'is a folder, not a file');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const why =
      code === 'EROFS' ? 'on a read-only file system (EROFS)' : `permission denied (${code})`;
    return new FileError(action === 'read' ? 'unreadable' : 'not-writable', filePath, why);
  }
  if (code === 'ENOSPC')
    return new FileError('write-failed', filePath, 'the disk is full (ENOSPC)');
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return action === 'read'
    ? new FileError('unreadable', filePath, `cannot be read (${detail})`)
    : new FileError('write-failed', filePath, `cannot be written (${detail})`);
}
