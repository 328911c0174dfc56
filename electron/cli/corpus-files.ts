// Streams the documents a command names one at a time (read, parse, hand over, drop), so memory is bounded by the largest file.
import path from 'node:path';
import type { BracketDocument, Diagnostic, Entity } from '../../shared/format/document';
import type { TextMismatch } from '../../shared/agreement/adjudicate';
import type { UnreadableDocument } from '../../shared/review/report';
import { parse } from '../../shared/format/parse';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { labelsForPath } from '../workspace/settings';
import { listDocuments, warnSkipped, type NamedDocument } from './document-tree';
import { corpusThreads, runInOrder, type WorkerPool } from './worker-pool';
import { unpackEntities } from './packed-entities';
import type { TaskInput, TaskName, TaskOutcome, TaskResults } from './corpus-tasks';
import { EXIT_USAGE, printable, UsageError, type CliIO } from './io';

/** One document of the corpus as read: its source and the label set that applies to it. */
interface CorpusText extends NamedDocument {
  source: string;
  labels: readonly string[];
}

/** One document of the corpus, read and parsed. Drop it before asking for the next. */
export interface CorpusDocument extends CorpusText {
  doc: BracketDocument;
}

/** A document and its other version at the same place in a second corpus, compared by `emend diff`. */
export interface DocumentPair {
  /** The name the pair is shown under. */
  relative: string;
  before: NamedDocument;
  after: NamedDocument;
}

/** Copies of one document at the same place in several corpora (annotators' copies: `emend agree`). */
export interface DocumentCopies {
  /** The name the copies are shown under. */
  relative: string;
  copies: NamedDocument[];
}

export interface CorpusOptions {
  /** The label set (`--labels`); by default each file's corpus settings. */
  labels?: readonly string[];
  /** Shows files done / total and throughput on stderr while reading, when stderr is a terminal. */
  io?: CliIO;
  /** Names the command in the progress line. */
  command?: string;
  /** Threads forEachResult spreads documents over (`--jobs`); 1 works in this thread. */
  jobs?: number;
}

/**
 * The documents under the paths a command was given (folders recursively, see listDocuments),
 * listed up front and read lazily.
 *
 *   const corpus = await openCorpus(positionals, { labels, io, command: 'stats' });
 *   await corpus.forEach(({ path, doc }) => report(path, doc));   // one file in memory at a time
 *   return corpus.reportUnreadable(io, 'stats') ?? EXIT_OK;
 *
 * A file that cannot be read (binary, UTF-16, not UTF-8, too large, gone) is skipped and kept in
 * `unreadable`; `strict: true` makes it throw its FileError instead (for commands that write). What
 * was named or found but cannot be read at all (a missing path, a name not in UTF-8) is in
 * `unreadable` from the start; a strict pass throws the first of it before reading any file.
 */
export class Corpus {
  readonly unreadable: FileError[];
  /** The threads of the passes run inside withThreads (null: each pass starts its own). */
  private threads: WorkerPool<TaskInput, TaskOutcome> | null = null;
  /** Inside withThreads: a pass's results may be held while the next pass reads the documents. */
  private inPasses = false;
  /** Each folder's label set, looked up once (the settings nearest a document apply to its folder). */
  private readonly folderLabels = new Map<string, Promise<readonly string[]>>();

  constructor(
    /** Every document found, in order; a path and its relative name each, no content. */
    readonly files: readonly NamedDocument[],
    /** Whether a folder was named (outputs then mirror the folder's layout). */
    readonly folders: boolean,
    private readonly options: CorpusOptions = {},
    /** What was named or found but cannot be read (see listDocuments). */
    private readonly unlisted: readonly FileError[] = [],
  ) {
    this.unreadable = [...unlisted];
  }

  /**
   * Reads, parses and hands each document to visit, in order, one at a time: the next file is read
   * once visit has returned (or its promise settled). Keep nothing of a document past its visit.
   * An unreadable file is skipped and listed in `unreadable`, or with strict its FileError thrown.
   */
  async forEach(
    visit: (document: CorpusDocument) => unknown,
    { strict = false } = {},
  ): Promise<void> {
    this.refuseUnlisted(strict);
    const load = (file: NamedDocument) => this.loadParsed(file, strict);
    await this.inTurn(this.files, (file) => this.visitFile(file, load, visit));
  }

  /**
   * Runs a task (see corpus-tasks) on each document, on `jobs` threads, and hands each result to
   * visit in the documents' order, as forEach does. An unreadable file is skipped and listed in
   * `unreadable`, or with strict its FileError thrown, in its turn.
   */
  async forEachResult<T extends Exclude<TaskName, 'diff' | 'agree'>>(
    task: T,
    visit: (file: NamedDocument, result: TaskResults[T]) => unknown,
    {
      strict = false,
      exporting,
      forms,
      infos,
    }: Pick<TaskInput, 'exporting' | 'forms' | 'infos'> & { strict?: boolean } = {},
  ): Promise<void> {
    const labels = this.options.labels;
    await this.runTasks(
      task,
      this.files,
      async (file) => ({
        paths: [file.path],
        labels: labels ?? (await this.labelsOf(file.path)),
        exporting,
        forms,
        infos,
      }),
      visit,
      strict,
    );
  }

  /**
   * `emend diff` on pairs of documents, two versions of one, as forEachResult: each pair compared
   * (with BEFORE's label set) on a thread (with codePoints, its spans in code points too), the
   * results handed to visit in order.
   */
  async forEachPairResult(
    pairs: readonly DocumentPair[],
    codePoints: boolean,
    visit: (pair: DocumentPair, result: TaskResults['diff']) => unknown,
    { strict = false } = {},
  ): Promise<void> {
    await this.runTasks(
      'diff',
      pairs,
      async (pair) => ({
        paths: [pair.before.path, pair.after.path],
        labels: this.options.labels ?? (await this.labelsOf(pair.before.path)),
        codePoints,
      }),
      visit,
      strict,
    );
  }

  /**
   * `emend agree` on tuples of copies of one document, as forEachResult: each tuple's copies read,
   * parsed and their plain texts compared on a thread, the results handed to visit in order. A tuple
   * with an unreadable copy is skipped and every unreadable copy listed in `unreadable`.
   */
  async forEachCopiesResult(
    tuples: readonly DocumentCopies[],
    visit: (
      tuple: DocumentCopies,
      compared:
        | { mismatch: TextMismatch }
        | { text: string; entities: Entity[][]; brokenMarkup?: Diagnostic },
    ) => unknown,
  ): Promise<void> {
    const labels = this.options.labels;
    await this.runTasks(
      'agree',
      tuples,
      async (tuple) => ({
        paths: tuple.copies.map((copy) => copy.path),
        labels: [],
        copyLabels: await Promise.all(
          tuple.copies.map((copy) => labels ?? this.labelsOf(copy.path)),
        ),
      }),
      (tuple, compared) =>
        visit(
          tuple,
          'mismatch' in compared
            ? compared
            : { ...compared, entities: compared.entities.map(unpackEntities) },
        ),
      false,
    );
  }

  /**
   * Runs passes (forEachResult and the like) on the same worker threads, started once: a second
   * pass finds them loaded and their code warm. They are stopped when passes settles.
   */
  async withThreads<T>(passes: () => Promise<T>): Promise<T> {
    this.threads = corpusThreads(this.options.jobs ?? 1);
    this.inPasses = true;
    try {
      return await passes();
    } finally {
      await this.threads?.stop();
      this.threads = null;
      this.inPasses = false;
    }
  }

  /**
   * Runs each item's task (see runInOrder) and hands the results to visit in the items' order, on
   * the threads of withThreads, else on threads of its own (none for a single item).
   */
  private async runTasks<Item, T extends TaskName>(
    task: T,
    items: readonly Item[],
    inputOf: (item: Item) => Omit<TaskInput, 'task'> | Promise<Omit<TaskInput, 'task'>>,
    visit: (item: Item, result: TaskResults[T]) => unknown,
    strict: boolean,
  ): Promise<void> {
    this.refuseUnlisted(strict);
    async function* inputs(): AsyncGenerator<TaskInput> {
      for (const item of items) yield { task, ...(await inputOf(item)) };
    }
    const progress = startProgress(this.options, items.length);
    const threads =
      items.length > 1 ? (this.threads ?? corpusThreads(this.options.jobs ?? 1)) : null;
    let next = 0;
    // A lone document's result is held while no other document is read: it needs no copy.
    const copied = items.length > 1 || this.inPasses;
    try {
      await runInOrder(inputs(), threads, copied, async (outcome) => {
        const item = items[next++];
        if ('unreadable' in outcome) {
          for (const { code, path, reason } of outcome.unreadable) {
            const error = new FileError(code, path, reason);
            if (strict) throw error;
            this.listUnreadable(error);
          }
          progress.step(0);
          return;
        }
        await visit(item, outcome.result as TaskResults[T]);
        progress.step(outcome.characters);
      });
    } finally {
      progress.done();
      if (threads !== this.threads) await threads?.stop();
    }
  }

  /**
   * forEach over tuples of copies of one document: each copy read, parsed and cut down to what a
   * comparison needs (see comparable) in turn, all handed to visit together and dropped before the
   * next tuple is read. With firstWhole the first copy keeps its full parse (what saving needs). A
   * tuple with an unreadable copy is skipped and the copy listed in `unreadable` (with strict, its
   * FileError thrown).
   */
  async forEachCopies(
    tuples: readonly DocumentCopies[],
    visit: (docs: BracketDocument[], tuple: DocumentCopies) => unknown,
    { strict = false, firstWhole = false } = {},
  ): Promise<void> {
    this.refuseUnlisted(strict);
    await this.inTurn(tuples, (tuple) =>
      this.visitCopies(tuple, (docs) => visit(docs, tuple), strict, firstWhole),
    );
  }

  /** With strict, throws the FileError of the first path that could not be listed (see listDocuments). */
  private refuseUnlisted(strict: boolean): void {
    if (strict && this.unlisted.length > 0) throw this.unlisted[0];
  }

  /** Runs step on each item in order, with the progress line; step returns the characters it read. */
  private async inTurn<T>(items: readonly T[], step: (item: T) => Promise<number>): Promise<void> {
    const progress = startProgress(this.options, items.length);
    try {
      for (const item of items) progress.step(await step(item));
    } finally {
      progress.done();
    }
  }

  /**
   * One file, in its own call: when it returns, no frame holds the document any more, so it is
   * garbage before the next file is read (a loop variable would keep it alive for one more file).
   * Returns how many characters were read.
   */
  private async visitFile<Document extends CorpusText>(
    file: NamedDocument,
    load: (file: NamedDocument) => Promise<Document | undefined>,
    visit: (document: Document) => unknown,
  ): Promise<number> {
    const document = await load(file);
    if (document === undefined) return 0;
    await visit(document);
    return document.source.length;
  }

  /** One tuple of copies, in its own call as visitFile is. */
  private async visitCopies(
    tuple: DocumentCopies,
    visit: (docs: BracketDocument[]) => unknown,
    strict: boolean,
    firstWhole: boolean,
  ): Promise<number> {
    const docs: BracketDocument[] = [];
    let characters = 0;
    let unreadable = false;
    // Every copy is read, so that each unreadable one is listed.
    for (const [k, file] of tuple.copies.entries()) {
      const loaded = await this.loadComparable(file, strict, firstWhole && k === 0);
      unreadable ||= loaded === undefined;
      if (unreadable || loaded === undefined) continue;
      docs.push(loaded.doc);
      characters += loaded.characters;
    }
    if (unreadable) return 0;
    await visit(docs);
    return characters;
  }

  /**
   * One copy as a comparison needs it (see comparable), or whole, and how many characters were
   * read: its source and full parse are garbage once this returns, before the next copy is read.
   */
  private async loadComparable(file: NamedDocument, strict: boolean, whole = false) {
    const document = await this.loadParsed(file, strict);
    if (document === undefined) return undefined;
    return {
      doc: whole ? document.doc : comparable(document.doc),
      characters: document.source.length,
    };
  }

  /** Reads and parses one document (its bytes are given back once decoded: see readDocument). */
  private async loadParsed(
    file: NamedDocument,
    strict: boolean,
  ): Promise<CorpusDocument | undefined> {
    const read = await this.load(file, strict);
    if (read === undefined) return undefined;
    const { source, labels } = read;
    return { ...file, source, labels, doc: parse(source, { labels }) };
  }

  /** Reads one document and finds its label set; undefined when it cannot be read (see read). */
  private async load(file: NamedDocument, strict: boolean): Promise<CorpusText | undefined> {
    const source = await this.read(file, strict);
    if (source === undefined) return undefined;
    const labels = this.options.labels ?? (await this.labelsOf(file.path));
    return { ...file, source, labels };
  }

  /**
   * A document's label set (see labelsForPath), found once for its folder: a corpus's documents are
   * handed to threads as soon as one is free, so none waits on a lookup of its folder's settings.
   */
  private labelsOf(file: string): Promise<readonly string[]> {
    const folder = path.dirname(path.resolve(file));
    let labels = this.folderLabels.get(folder);
    if (!labels) this.folderLabels.set(folder, (labels = labelsForPath(folder)));
    return labels;
  }

  private async read(file: NamedDocument, strict: boolean) {
    try {
      return await readDocument(file.path);
    } catch (error) {
      if (strict || !(error instanceof FileError)) throw error;
      this.listUnreadable(error);
      return undefined;
    }
  }

  /** Keeps a file that could not be read in `unreadable`, once: a second pass finds it again. */
  private listUnreadable(error: FileError): void {
    if (!this.unreadable.some(({ path }) => path === error.path)) this.unreadable.push(error);
  }

  /** The unreadable files as `--json` lists them: `"unreadable":[{"path","reason"}]`. */
  unreadableListed(): UnreadableDocument[] {
    return this.unreadable.map(({ path, reason }) => ({ path, reason }));
  }

  /**
   * Says on stderr what could not be read (a file, a folder holding no document, a missing path):
   * one in one line, several under a count, and what followed (`nothing written`) where given;
   * EXIT_USAGE when there were any, else undefined.
   */
  reportUnreadable(io: CliIO, command: string, consequence?: string): number | undefined {
    if (this.unreadable.length === 0) return undefined;
    const then = consequence ? `; ${consequence}` : '';
    if (this.unreadable.length === 1) {
      io.err(`emend ${command}: ${printable(this.unreadable[0].message)}${then}\n`);
      return EXIT_USAGE;
    }
    io.err(`emend ${command}: ${this.unreadable.length} paths could not be read:\n`);
    for (const error of this.unreadable) io.err(`  ${printable(error.message)}\n`);
    if (consequence) io.err(`emend ${command}: ${consequence}\n`);
    return EXIT_USAGE;
  }
}

/**
 * What comparing a document needs of its parse: its text (a string of its own, see parse) and its
 * entities; not the origin kept for saving, which holds the file's source. About half the memory of
 * the parse, so that two versions of a large document fit side by side.
 */
function comparable(doc: BracketDocument): BracketDocument {
  return { ...doc, origin: undefined };
}

/**
 * Lists the documents under paths (nothing is read yet): a missing path is unreadable (see Corpus),
 * as is each of `unlisted`, what another listing found unreadable (the folder `diff` compares with);
 * each symbolic link or document left out is a warning on stderr.
 */
export async function openCorpus(
  paths: readonly string[],
  options: CorpusOptions = {},
  unlisted: readonly FileError[] = [],
) {
  if (paths.length === 0) throw new UsageError('no PATH given');
  const { documents, folders, unreadable, skipped } = await listDocuments(paths);
  const command = options.command === undefined ? 'emend' : `emend ${options.command}`;
  if (options.io) warnSkipped(options.io, command, skipped);
  return new Corpus(documents, folders, options, [...unreadable, ...unlisted]);
}

/** A progress line redrawn at most ten times a second; nothing at all without a terminal. */
function startProgress({ io, command = 'emend' }: CorpusOptions, total: number) {
  const show = io?.progress;
  if (!show) return { step: (_characters: number) => undefined, done: () => undefined };
  const started = Date.now();
  let shown = 0;
  let files = 0;
  let characters = 0;
  return {
    step(read: number) {
      files++;
      characters += read;
      const now = Date.now();
      if (now - shown < 100 && files < total) return;
      shown = now;
      const megabytes = characters / 1024 / 1024;
      const seconds = Math.max(0.001, (now - started) / 1000);
      show(
        `${command}: ${files}/${total} files, ${megabytes.toFixed(1)} MB, ${(megabytes / seconds).toFixed(1)} MB/s`,
      );
    },
    done: () => show(''),
  };
}
