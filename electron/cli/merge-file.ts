// `emend merge-file`: git's merge driver for bracket files, merging entities, with git's line merge as the fallback.
import { plural } from '../../shared/plural';
import type { BracketDocument } from '../../shared/format/document';
import { parseWithDiagnostics } from '../../shared/format/parse';
import { mergeDocuments } from '../../shared/review/merge';
import { writeFileAtomic } from '../workspace/atomic-write';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { labelsForPath } from '../workspace/settings';
import { runGit } from '../workspace/git-process';
import {
  EXIT_FOUND,
  EXIT_OK,
  EXIT_USAGE,
  parseFlags,
  printable,
  UsageError,
  type CliIO,
  type Command,
} from './io';

const USAGE = `Usage: emend merge-file [--path P] [--marker-size N] BASE OURS THEIRS
  Three-way merge of bracket files, as git's merge driver (%O %A %B, --path=%P, --marker-size %L):
  the result is written over OURS. Text merges by line as git merges it; on lines whose text is
  the same in all three, entities merge one by one, so different entities changed on one line
  merge cleanly, and one entity changed two ways (relabeled or resized differently, removed on one
  side and changed on the other) is a conflict between git's markers (ours, then theirs).
  A version that does not parse as a bracket file is merged by \`git merge-file\` instead, and
  stderr says so.
  Exit status: 0 merged cleanly, 1 conflicts left in OURS, 2 usage error or unreadable input.`;

/**
 * Why a version cannot be merged by entities: its first annotation error, or its file problem;
 * `missing` when it is not there at all, which git's line merge cannot mend either.
 */
type Version = { doc: BracketDocument } | { problem: string; missing?: boolean };

async function readVersion(
  file: string,
  name: string,
  labels: readonly string[],
): Promise<Version> {
  let source: string;
  try {
    source = await readDocument(file);
  } catch (error) {
    if (error instanceof FileError)
      return {
        problem: `${name} cannot be read: ${error.reason}`,
        missing: error.code === 'not-found',
      };
    throw error;
  }
  const { doc, diagnostics } = parseWithDiagnostics(source, { labels });
  const error = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (!error) return { doc };
  return { problem: `${name} does not parse (${error.line}:${error.column}: ${error.message})` };
}

/** The longest conflict marker merged (git's default is 7). */
const MAX_MARKER_SIZE = 1_000_000;

/** git's own line merge, writing into ours; returns how many conflicts it left (negative: failure). */
async function gitMergeFile(base: string, ours: string, theirs: string, markerSize: number) {
  const run = await runGit(
    [
      'merge-file',
      `--marker-size=${markerSize}`,
      '-L',
      'ours',
      '-L',
      'base',
      '-L',
      'theirs',
      '--',
      ours,
      base,
      theirs,
    ],
    process.cwd(),
  );
  return { conflicts: run.code > 127 ? -1 : run.code, stderr: run.stderr };
}

export const mergeFileCommand: Command = {
  summary: "three-way merge of bracket files by entity (git's merge driver)",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      path: { type: 'string' },
      'marker-size': { type: 'string' },
    });
    if (positionals.length !== 3) throw new UsageError('give three files: BASE OURS THEIRS');
    // git passes the size .gitattributes sets, whatever it is; a refusal would leave ours unmerged.
    const markerSize = Number(values['marker-size'] ?? 7);
    if (!Number.isInteger(markerSize) || markerSize < 1 || markerSize > MAX_MARKER_SIZE)
      throw new UsageError('--marker-size takes a whole number from 1 to 1000000');
    const [basePath, oursPath, theirsPath] = positionals;
    const target = values.path ?? oursPath;
    const shown = printable(target);
    // All three read with the file's label set (its corpus settings), as the diff driver reads them.
    const labels = await labelsForPath(target);
    const versions = [
      await readVersion(basePath, 'the base version', labels),
      await readVersion(oursPath, 'our version', labels),
      await readVersion(theirsPath, 'their version', labels),
    ];
    const at = versions.findIndex((version) => 'problem' in version);
    const problem = versions[at];
    if (problem && 'problem' in problem && problem.missing) {
      io.err(`emend merge-file: ${printable(positionals[at])}: ${problem.problem}\n`);
      return EXIT_USAGE;
    }
    if (problem && 'problem' in problem) {
      io.err(
        `emend merge-file: ${shown}: ${problem.problem}; merging by lines with git merge-file\n`,
      );
      const fallback = await gitMergeFile(basePath, oursPath, theirsPath, markerSize);
      if (fallback.conflicts < 0) {
        io.err(`emend merge-file: ${shown}: git merge-file failed: ${fallback.stderr.trim()}\n`);
        return EXIT_USAGE;
      }
      return fallback.conflicts > 0 ? EXIT_FOUND : EXIT_OK;
    }
    const [base, ours, theirs] = versions.map(
      (version) => (version as { doc: BracketDocument }).doc,
    );
    const merged = mergeDocuments(base, ours, theirs, { markerSize });
    await writeFileAtomic(oursPath, merged.text);
    if (merged.conflicts > 0) {
      const marker = merged.text.search(new RegExp(`^${'<'.repeat(markerSize)} `, 'm'));
      const line = merged.text.slice(0, marker).split('\n').length;
      io.err(
        `emend merge-file: ${shown}: ${plural(merged.conflicts, 'conflict')} left between markers, the first at line ${line}\n`,
      );
      return EXIT_FOUND;
    }
    return EXIT_OK;
  },
};
