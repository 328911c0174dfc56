// The corpus archive of `emend serve` (GET /api/archive): what it holds, told in a header before its first byte.
import type { CorpusExport } from './contract';

/** The response header carrying the summary, as URI-encoded JSON. */
export const ARCHIVE_SUMMARY_HEADER = 'X-Emend-Export';

/** What an archive holds, known once every document passed its check and before any byte. */
export interface ArchiveSummary {
  files: number;
  warnings: CorpusExport['warnings'];
}
