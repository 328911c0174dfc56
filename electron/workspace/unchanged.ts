// Whether a file still holds the text it was read as, checked just before a save replaces it, and whether new text fits what Emend reads.
import { FileError, formatBytes } from './file-error';
import { textHash } from './journal';
import { MAX_DOCUMENT_BYTES, readDocument } from './read-document';

/**
 * Throws FileError 'changed' when file no longer holds the text whose hash is given: another
 * program wrote it since it was read, and replacing it would lose that. A file since removed holds
 * nothing to lose; nor, to Emend, does one still unreadable for the reason the user was told
 * (`unreadable`, when the last look at it could not read it).
 */
export async function expectUnchanged(
  file: string,
  hash: string,
  unreadable: string | null = null,
): Promise<void> {
  let text: string;
  try {
    text = await readDocument(file);
  } catch (error) {
    if (error instanceof FileError && error.code === 'not-found') return;
    const now = error instanceof FileError ? error.reason : String(error);
    if (now === unreadable) return;
    throw new FileError('changed', file, `changed on disk since it was read (now: ${now})`);
  }
  if (textHash(text) !== hash)
    throw new FileError(
      'changed',
      file,
      'changed on disk since it was read (another program wrote it)',
    );
}

/** Throws FileError 'too-large' when text would make a document larger than Emend reads back. */
export function expectReadable(file: string, text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new FileError(
      'too-large',
      file,
      `would be ${formatBytes(bytes)}, over the ${formatBytes(MAX_DOCUMENT_BYTES)} Emend reads`,
    );
  }
}
