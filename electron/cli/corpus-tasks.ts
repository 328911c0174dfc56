// The per-document work of the corpus commands: read one file and reduce it to what the command prints, in a worker or in-process.
import type { BracketDocument, Diagnostic } from '../../shared/format/document';
import { diagnose, parse } from '../../shared/format/parse';
import { StatsCounter, type StatsTally } from '../../shared/corpus/stats';
import { FileError, type FileErrorCode } from '../workspace/file-error';
import { readDocumentWithBytes } from '../workspace/read-document';

/** What each task makes of one document: plain data, so that it crosses a thread unchanged. */
export interface TaskResults {
  /** `emend stats`: the document's counts and surface forms. */
  stats: StatsTally;
  /** `emend validate`: the document's diagnostics. */
  validate: Diagnostic[];
  /** `emend check`: the parse, cut down to its text and entities. */
  check: BracketDocument;
}

export type TaskName = keyof TaskResults;

/** One document to reduce: its file and the label set that applies to it. */
export interface TaskInput {
  task: TaskName;
  path: string;
  labels: readonly string[];
}

/** A task's answer: the result and the characters read, or why the file could not be read. */
export type TaskOutcome<T extends TaskName = TaskName> =
  | { result: TaskResults[T]; characters: number }
  | { unreadable: { code: FileErrorCode; path: string; reason: string } };

const TASKS: {
  [T in TaskName]: (source: string, bytes: Uint8Array, labels: readonly string[]) => TaskResults[T];
} = {
  stats(source, bytes, labels) {
    const counter = new StatsCounter();
    counter.add(source, bytes, labels);
    return counter.tally();
  },
  validate: (source, _bytes, labels) => diagnose(source, { labels }),
  check(source, _bytes, labels) {
    // Only the text and entities are needed: the file's source is let go.
    return { ...parse(source, { labels }), origin: undefined };
  },
};

/** Reads one document and runs its task; an unreadable file is an outcome, any other failure throws. */
export async function runTask({ task, path, labels }: TaskInput): Promise<TaskOutcome> {
  let read;
  try {
    read = await readDocumentWithBytes(path);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    return { unreadable: { code: error.code, path: error.path, reason: error.reason } };
  }
  return { result: TASKS[task](read.text, read.bytes, labels), characters: read.text.length };
}
