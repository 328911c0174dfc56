// The corpus list: each document's id, file, state folder and summary as the folder scan read it.
import path from 'node:path';
import { ApiError, type DocumentId, type DocumentSummary } from '../../shared/api/contract';
import { parseWithDiagnostics } from '../../shared/format/parse';
import { summarize } from '../../shared/format/validate';
import type { ScannedDocument } from './document-session';
import { FileError } from './file-error';
import { fileStamp } from './folder-walk';
import { textHash } from './journal';
import { checkDocumentId, documentIdFor } from './paths';
import { readDocument } from './read-document';
import { documentStateFolder, reviewedHash, StateFiles, type StatePlace } from './state-folder';

export interface CorpusEntry {
  id: DocumentId;
  name: string;
  path: string;
  state: StateFiles;
  /** The summary while the document has no open session (an open one tells its own). */
  summary: DocumentSummary;
  /** The scan's parse, kept for the session about to open (the first document, one with a journal). */
  scanned?: ScannedDocument;
  /** The file's stamp when the summary was read: another one means the file changed since. */
  stamp?: string;
}

export class CorpusIndex {
  private readonly entries = new Map<DocumentId, CorpusEntry>();

  constructor(
    /** The folder document ids are relative to. */
    private readonly folder: string,
    private readonly place: StatePlace,
    private readonly appState: string,
    /** The corpus's name, for messages. */
    private readonly name: string,
  ) {}

  /** A corpus entry for a file, with the file's parse when it could be read. */
  async read(
    file: string,
    labels: readonly string[],
  ): Promise<{ entry: CorpusEntry; scanned?: ScannedDocument }> {
    const id = documentIdFor(this.folder, file);
    const key = this.place.corpusRoot ? id : file;
    const state = new StateFiles(documentStateFolder(this.place.corpusRoot, this.appState, key));
    const name = path.basename(file);
    const stamp = await fileStamp(file);
    const { summary, scanned } = await scanFile({ id, name, path: file, state }, labels);
    return { entry: { id, name, path: file, state, summary, stamp }, scanned };
  }

  /**
   * Reads an entry's file again (after a label change, or another program changed it): its
   * summary, and its parse if one was kept.
   */
  async rescan(entry: CorpusEntry, labels: readonly string[]): Promise<void> {
    const stamp = await fileStamp(entry.path);
    const rescanned = await scanFile(entry, labels);
    entry.summary = rescanned.summary;
    entry.stamp = stamp;
    if (entry.scanned) entry.scanned = rescanned.scanned;
  }

  /** Lists an entry's file as refused, why, as it is now (see mended). */
  async refuse(entry: CorpusEntry, why: string): Promise<void> {
    entry.summary = { ...entry.summary, refused: why };
    entry.stamp = await fileStamp(entry.path);
  }

  /**
   * Reads again each refused file (of `ids`, else every one) that changed since it was refused: a
   * file another program mended. The folder's watcher may not say so (a folder past the system's
   * limit of watches, a change made while the watch was being set up), so this is asked before a
   * document is opened or the list is given. True if one can be read now.
   */
  async mended(labels: readonly string[], ids?: readonly DocumentId[]): Promise<boolean> {
    let mended = false;
    const entries = ids ? ids.map((id) => this.entries.get(id)) : [...this.entries.values()];
    for (const entry of entries) {
      if (!entry?.summary.refused || (await fileStamp(entry.path)) === entry.stamp) continue;
      await this.rescan(entry, labels);
      mended ||= !entry.summary.refused;
    }
    return mended;
  }

  add(entry: CorpusEntry): void {
    this.entries.set(entry.id, entry);
  }

  /**
   * Makes the list the folder's files (in their order) after a change in the folder, keeping the
   * entries already known and those gone from disk that `keep` holds on to. A known file another
   * program changed is read again, unless `open` (its session follows its file itself). Says
   * whether the list or a summary changed, and which documents were read again.
   */
  async relist(
    files: readonly string[],
    labels: readonly string[],
    keep: (entry: CorpusEntry) => boolean,
    open: (entry: CorpusEntry) => boolean,
  ): Promise<{ changed: boolean; rescanned: DocumentId[] }> {
    const before = [...this.entries.keys()];
    const listed = new Map<DocumentId, CorpusEntry>();
    const rescanned: DocumentId[] = [];
    for (const file of files) {
      const id = documentIdFor(this.folder, file);
      const known = this.entries.get(id);
      if (known && !open(known) && (await fileStamp(file)) !== known.stamp) {
        await this.rescan(known, labels);
        rescanned.push(id);
      }
      listed.set(id, known ?? (await this.read(file, labels)).entry);
    }
    // An entry kept though its file is gone keeps its place: after the one before it that is listed.
    const order = [...listed.keys()];
    for (const [k, id] of before.entries()) {
      const entry = this.entries.get(id)!;
      if (listed.has(id) || !keep(entry)) continue;
      const previous = before.slice(0, k).findLast((other) => listed.has(other));
      order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, id);
      listed.set(id, entry);
    }
    this.entries.clear();
    for (const id of order) this.entries.set(id, listed.get(id)!);
    const relisted = before.join('\n') !== order.join('\n');
    return { changed: rescanned.length > 0 || relisted, rescanned };
  }

  /** A document of the corpus that can be opened (the id checked), or why not as an ApiError. */
  get(id: unknown): CorpusEntry {
    const checked = checkDocumentId(id);
    const entry = this.entries.get(checked);
    if (!entry) throw new ApiError('not-found', `"${checked}" is not a document of ${this.name}`);
    if (entry.summary.refused) {
      throw new ApiError('refused-file', `${entry.id} cannot be opened: ${entry.summary.refused}`);
    }
    return entry;
  }

  /** The entry of a file, if it is one of the corpus's. */
  byPath(file: string): CorpusEntry | undefined {
    return [...this.entries.values()].find((entry) => entry.path === file);
  }

  all(): CorpusEntry[] {
    return [...this.entries.values()];
  }

  /** The documents that can be read, in corpus order. */
  readableIds(): DocumentId[] {
    return this.all()
      .filter((entry) => !entry.summary.refused)
      .map((entry) => entry.id);
  }
}

/** A file's summary and, when it could be read, its parse. */
async function scanFile(
  entry: Omit<CorpusEntry, 'summary'>,
  labels: readonly string[],
): Promise<{ summary: DocumentSummary; scanned?: ScannedDocument }> {
  const summary: DocumentSummary = {
    id: entry.id,
    name: entry.name,
    status: 'untouched',
    dirty: false,
    entities: 0,
    errors: 0,
    warnings: 0,
  };
  let text: string;
  try {
    text = await readDocument(entry.path);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    return { summary: { ...summary, refused: error.reason } };
  }
  const { doc, diagnostics } = parseWithDiagnostics(text, { labels });
  const counts = summarize(doc, diagnostics);
  const meta = await entry.state.readMeta(entry.id);
  summary.entities = counts.entities;
  summary.errors = counts.errors;
  summary.warnings = counts.warnings;
  const hash = textHash(text);
  if (reviewedHash(meta, text) === hash) summary.status = 'reviewed';
  else if (meta.baselineHash && meta.baselineHash !== hash) summary.status = 'saved';
  return { summary, scanned: { text, hash, labels, doc } };
}
