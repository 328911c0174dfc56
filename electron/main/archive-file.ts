// The corpus archive saved by the desktop shell: streamed to a temp file beside the target, renamed at the end.
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { ArchiveSummary } from '../../shared/api/archive';
import { ApiError } from '../../shared/api/contract';
import { drained, type ArchiveSink } from '../workspace/corpus-export';
import { tempPathFor } from '../workspace/atomic-write';

/** Writes the corpus archive (request as exportCorpus takes it) to sink; see createArchiveExport. */
export type ArchiveExport = (request: unknown, sink: ArchiveSink) => Promise<unknown>;

/**
 * Streams the archive to target, one document at a time and waiting for the disk to take each;
 * the file appears whole or not at all. A refusal found before the first byte creates no file.
 */
export async function writeArchiveFile(
  target: string,
  exportArchive: ArchiveExport,
  request: unknown,
): Promise<ArchiveSummary> {
  const temp = tempPathFor(target);
  let stream: WriteStream | null = null;
  let failure: Error | null = null;
  let summary: ArchiveSummary | null = null;
  const failed = () =>
    new ApiError('internal', `${target}: cannot be written (${failure?.message})`);
  const sink: ArchiveSink = {
    start(told) {
      summary = told;
      stream = createWriteStream(temp, { flags: 'wx' });
      stream.on('error', (error) => (failure = error));
    },
    write(bytes) {
      if (failure) throw failed();
      stream?.write(bytes);
    },
    async flush() {
      if (stream && !failure) await drained(stream, 'error');
      if (failure) throw failed();
    },
  };
  try {
    await exportArchive(request, sink);
    const written = stream as WriteStream | null;
    if (!written || !summary) throw new ApiError('internal', 'the archive was never started');
    await new Promise<void>((resolve, reject) => {
      written.once('error', reject);
      written.end(() => (failure ? reject(failed()) : resolve()));
    });
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return summary;
  } catch (error) {
    const written = stream as WriteStream | null;
    if (written && !written.closed) {
      await new Promise<void>((resolve) => written.once('close', () => resolve()).destroy());
    }
    await rm(temp, { force: true });
    throw error;
  }
}
