// Annotators' copies of a corpus named on the command line (files, folders, or REV... -- PATH), matched by relative path.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { BracketDocument } from '../../shared/format/document';
import {
  copiesMarkupError,
  mismatchPlace,
  textMismatch,
  type TextMismatch,
} from '../../shared/agreement/adjudicate';
import { repeatedCopyMessage } from '../../shared/agreement/repeated-copy';
import { append } from '../../shared/long-lists';
import type { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { Corpus, type CorpusOptions, type DocumentCopies } from './corpus-files';
import { isFolder, listSide, matchByPath } from './document-tree';
import { withRevisions } from './git-revisions';
import { parseFlags, UsageError, type CliIO } from './io';

type FlagOptions = Parameters<typeof parseFlags>[1];

/**
 * Parses a command's flags and runs it on the copies its arguments name: paths (files or folders)
 * or `REV1 REV2... -- PATH...` (each revision's files under PATH in a temp folder). run gets the
 * flags, the paths to read, the annotators' names (the paths or revisions as given) and the io to
 * write with (naming a revision's files `REV:PATH`).
 */
export async function onCopies<T extends FlagOptions>(
  args: string[],
  options: T,
  io: CliIO,
  run: (
    values: ReturnType<typeof parseFlags<T>>['values'],
    paths: string[],
    annotators: string[],
    io: CliIO,
  ) => Promise<number>,
): Promise<number> {
  const split = args.indexOf('--');
  const { values, positionals } = parseFlags(split === -1 ? args : args.slice(0, split), options);
  if (split !== -1) {
    refuseRepeated(positionals, positionals);
    return withRevisions(positionals, args.slice(split + 1), io, (folders, named) =>
      run(values, folders, positionals, named),
    );
  }
  if (positionals.length < 2) throw new UsageError('give at least two copies: A B [C ...]');
  refuseRepeated(positionals, await Promise.all(positionals.map(resolved)));
  return run(values, positionals, annotatorNames(positionals), io);
}

function refuseRepeated(given: readonly string[], keys: readonly string[]): void {
  const repeated = repeatedCopyMessage(given, keys);
  if (repeated) throw new UsageError(repeated);
}

/** The file or folder a path names, links followed (as given where it does not exist: reading it says so). */
const resolved = (given: string) => realpath(given).catch(() => path.resolve(given));

/** Each copy's name: its file or folder name, or the path as given where two names would be the same. */
function annotatorNames(paths: readonly string[]): string[] {
  const trimmed = paths.map((given) => given.replace(/[\\/]+$/, ''));
  const names = trimmed.map((given) => path.basename(given));
  return new Set(names).size === names.length ? names : trimmed;
}

export interface Copies {
  corpus: Corpus;
  /** The documents every copy holds, each with its copies in annotator order. */
  tuples: DocumentCopies[];
  /** missing[k]: relative paths that copy k lacks and another holds. */
  missing: string[][];
  /** Whether folders were named (else one file each). */
  folders: boolean;
}

/** Lists the documents of each copy (nothing read yet) and matches them by relative path. */
export async function openCopies(
  paths: readonly string[],
  options: CorpusOptions,
): Promise<Copies> {
  const kinds = await Promise.all(paths.map(isFolder));
  const folders = kinds[0];
  if (kinds.some((kind) => kind !== folders))
    throw new UsageError('the copies must all be files or all folders');
  // What a side holds but cannot be read (a name not in UTF-8) is listed unreadable with the
  // corpus's own: reported, or refused by a strict pass, while the other documents are compared.
  const sides = [];
  const unreadable: FileError[] = [];
  for (const given of paths) {
    const listing = await listSide(given, folders);
    sides.push(listing.documents);
    append(unreadable, listing.unreadable);
  }
  const { matched, missing } = folders
    ? matchByPath(sides)
    : {
        matched: [{ relative: sides[0][0].relative, copies: sides.map((side) => side[0]) }],
        missing: paths.map(() => []),
      };
  return {
    corpus: new Corpus(sides[0], folders, options, unreadable),
    tuples: matched,
    missing,
    folders,
  };
}

/** Why copies of one document cannot be compared (see mismatchMessage); null when they can. */
export async function copiesDiffer(
  docs: readonly BracketDocument[],
  tuple: DocumentCopies,
): Promise<string | null> {
  const mismatch = textMismatch(docs.map((doc) => doc.text));
  return mismatch && mismatchMessage(mismatch, tuple);
}

/**
 * Why a copy's plain text differs from the first copy's: a markup error in either on or before the
 * first differing line (see copiesMarkupError), else the copy and the line. The two files are read
 * again: only for documents that cannot be compared.
 */
export async function mismatchMessage(
  mismatch: TextMismatch,
  tuple: DocumentCopies,
): Promise<string> {
  const first = tuple.copies[0].path;
  const differing = tuple.copies[mismatch.copy].path;
  const copies = await Promise.all(
    [differing, first].map(async (file) => ({
      file,
      source: await readDocument(file),
      repair: `emend validate ${file}`,
    })),
  );
  return (
    copiesMarkupError(copies, mismatch.line) ??
    `${differing}: its plain text differs from ${first} ${mismatchPlace(mismatch)}`
  );
}
