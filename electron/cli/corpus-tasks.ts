// The per-document work of the corpus commands: read a document's file (or a pair's two) and reduce it to what the command prints, in a worker or in-process.
import type { Diagnostic } from '../../shared/format/document';
import { textMismatch, type TextMismatch } from '../../shared/agreement/adjudicate';
import { diagnose, parse } from '../../shared/format/parse';
import { StatsCounter, type StatsTally } from '../../shared/corpus/stats';
import {
  matchDocument,
  tagDocument,
  type CorpusForms,
  type DocumentMatches,
  type DocumentTags,
} from '../../shared/corpus/consistency-passes';
import { exportDocument, type ExportOptions, type ExportResult } from '../../shared/convert/export';
import { exportBlockers } from '../../shared/convert/export-policy';
import { ConvertError, ExportCheckError } from '../../shared/convert/messages';
import type { DocumentDiff } from '../../shared/review/diff';
import { diffSources, type SourceDiff } from '../../shared/review/line-diff';
import { jsonChanges, type JsonChanges } from '../../shared/review/report';
import { FileError, type FileErrorCode } from '../workspace/file-error';
import { readDocument, readDocumentInPieces } from '../workspace/read-document';
import { packEntities, type PackedEntities } from './packed-entities';
import { packHits, type PackedHits } from './packed-hits';

/**
 * `emend diff`'s result for a pair: its diff, with its spans in code points where JSON is printed,
 * and each version's markup errors on the lines that differ.
 */
export interface PairDiff {
  diff: DocumentDiff;
  json?: JsonChanges;
  errors: SourceDiff['errors'];
}

/**
 * `emend export`'s result for a document: its annotation errors, which refuse it; or the export's
 * failure (a bug when its own check failed); or the outputs (their contents when asked for).
 */
export type DocumentExport =
  | { blockers: Diagnostic[] }
  | { failure: { line: number; message: string; bug: boolean } }
  | ExportResult;

/**
 * `emend agree`'s result for one document's copies: where the first copy's plain text differs from
 * another's; or the plain text they share, each copy's entities (packed), and the first copy's
 * first markup error (copies that read the same have their broken markup alike), if any.
 */
export type ComparedCopies =
  | { mismatch: TextMismatch }
  | { text: string; entities: PackedEntities[]; brokenMarkup?: Diagnostic };

/** What each task makes of one document: plain data, so that it crosses a thread unchanged. */
export interface TaskResults {
  /** `emend stats`: the document's counts and surface forms. */
  stats: StatsTally;
  /** `emend validate`: the document's diagnostics. */
  validate: Diagnostic[];
  /** `emend check`, first pass: the document's tagged forms (packed) and punctuation edges. */
  check: Omit<DocumentTags, 'tagged'> & { tagged: PackedHits };
  /** `emend check`, second pass: where the document matches the corpus's forms. */
  'check-matches': DocumentMatches;
  /** `emend diff`: two versions of a document compared, BEFORE first. */
  diff: PairDiff;
  /** `emend export`: the document exported. */
  export: DocumentExport;
  /** `emend agree`: annotators' copies of a document parsed and their plain texts compared. */
  agree: ComparedCopies;
}

export type TaskName = keyof TaskResults;

/** One document to reduce: its file (for diff, the pair's two; for agree, every copy) and the label set that applies to it. */
export interface TaskInput {
  task: TaskName;
  paths: readonly string[];
  labels: readonly string[];
  /** agree: each copy's label set (`labels` is then unused). */
  copyLabels?: ReadonlyArray<readonly string[]>;
  /** validate: whether info diagnostics are wanted too (else only errors and warnings come back). */
  infos?: boolean;
  /** diff: whether the spans are wanted in code points too (JSON output). */
  codePoints?: boolean;
  /** export: its options, and whether the outputs' contents are wanted or only their extensions. */
  exporting?: { options: ExportOptions; contents: boolean };
  /** check-matches: the corpus's tagged forms. */
  forms?: CorpusForms;
}

export interface Unreadable {
  code: FileErrorCode;
  path: string;
  reason: string;
}

/** A task's answer: the result and the characters read, or the files that could not be read. */
export type TaskOutcome<T extends TaskName = TaskName> =
  { result: TaskResults[T]; characters: number } | { unreadable: Unreadable[] };

/** The tasks that work on the documents' whole texts (stats counts a piece at a time: countDocument). */
const TASKS: {
  [T in Exclude<TaskName, 'stats'>]: (texts: string[], input: TaskInput) => TaskResults[T];
} = {
  validate: ([text], { labels, infos }) => diagnose(text, { labels, infos }),
  // The report prints no context: the hits are sent back without it.
  check([text], { paths, labels }) {
    const tags = tagDocument(paths[0], parse(text, { labels }), false);
    return { ...tags, tagged: packHits(tags.path, tags.tagged) };
  },
  'check-matches': ([text], { paths, labels, forms }) =>
    matchDocument(paths[0], parse(text, { labels }), forms!, false),
  diff([before, after], { labels, codePoints }) {
    const { diff, codePoints: toCodePoints, errors } = diffSources(before, after, labels);
    return codePoints
      ? { diff, errors, json: jsonChanges({ path: '', diff, codePoints: toCodePoints }) }
      : { diff, errors };
  },
  export([text], { labels, exporting }) {
    const doc = parse(text, { labels });
    const blockers = exportBlockers(doc);
    if (blockers.length > 0) return { blockers };
    try {
      const { outputs, warnings } = exportDocument(text, doc, exporting!.options);
      if (exporting!.contents) return { outputs, warnings };
      return { outputs: outputs.map(({ extension }) => ({ extension, content: '' })), warnings };
    } catch (error) {
      if (!(error instanceof ConvertError)) throw error;
      const bug = error instanceof ExportCheckError;
      return { failure: { line: error.line, message: error.message, bug } };
    }
  },
  agree(texts, { copyLabels }) {
    const docs = texts.map((text, copy) => parse(text, { labels: copyLabels![copy] }));
    const mismatch = textMismatch(docs.map((doc) => doc.text));
    if (mismatch) return { mismatch };
    const entities = docs.map((doc) => packEntities(doc.entities));
    // Broken markup stays in the text as it reads, a bracket among it: only then is it looked for.
    const text = docs[0].text;
    const brokenMarkup = /[[\]]/.test(text)
      ? diagnose(texts[0], { labels: copyLabels![0], infos: false }).find(
          (diagnostic) => diagnostic.severity === 'error',
        )
      : undefined;
    return brokenMarkup ? { text, entities, brokenMarkup } : { text, entities };
  },
};

/**
 * Reads a task's files, every one (so that each unreadable one is listed), and runs the task; any
 * other failure throws. Each file is read while the one before it is decoded (a pair's second
 * version is on its way while the first is decoded), no more than one ahead.
 */
export async function runTask(input: TaskInput): Promise<TaskOutcome> {
  const { task } = input;
  if (task === 'stats') return countDocument(input);
  const texts: string[] = [];
  const unreadable: Unreadable[] = [];
  let ahead = readDocument(input.paths[0]);
  for (let k = 0; k < input.paths.length; k++) {
    const reading = ahead;
    if (k + 1 < input.paths.length) {
      ahead = readDocument(input.paths[k + 1]);
      // Its failure is taken in its turn, not reported as unhandled before.
      ahead.catch(() => {});
    }
    try {
      texts.push(await reading);
    } catch (error) {
      unreadable.push(unreadableFile(error));
    }
  }
  if (unreadable.length > 0) return { unreadable };
  const characters = texts.reduce((sum, text) => sum + text.length, 0);
  return { result: TASKS[task](texts, input), characters };
}

/**
 * `emend stats` on one document: counted a piece at a time as it is read (see
 * readDocumentInPieces), a file that cannot be read counting for nothing.
 */
async function countDocument({ paths, labels }: TaskInput): Promise<TaskOutcome<'stats'>> {
  const counter = new StatsCounter();
  try {
    const characters = await readDocumentInPieces(paths[0], (text, bytes, first) =>
      counter.add(text, bytes, labels, first),
    );
    return { result: counter.tally(), characters };
  } catch (error) {
    return { unreadable: [unreadableFile(error)] };
  }
}

/** A file that could not be read, as listed; any other failure throws. */
function unreadableFile(error: unknown): Unreadable {
  if (!(error instanceof FileError)) throw error;
  return { code: error.code, path: error.path, reason: error.reason };
}

/**
 * runTask in this thread, its outcome copied as a worker thread's is: a string cut from a document's
 * text (an entity's form, a message quoting it) keeps the whole text alive while it is held, and a
 * command holds some results until the corpus is done (`check`'s forms), so a result made here would
 * hold every document it was cut from.
 */
export async function runTaskHere(input: TaskInput): Promise<TaskOutcome> {
  return structuredClone(await runTask(input));
}
