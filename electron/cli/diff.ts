// `emend diff`: what changed between two versions of bracket files (entities, text, scores), like diff(1).
import { promises as fs } from 'node:fs';
import {
  diffDocuments,
  type DocumentDiff,
  type EntityChange,
  type EntitySide,
} from '../../shared/review/diff';
import {
  buildReport,
  jsonChanges,
  reportMarkdown,
  type ComparedDocument,
} from '../../shared/review/report';
import {
  mergeCounts,
  SCORE_SCHEMES,
  scoresFromCounts,
  type SchemeScores,
  type Score,
} from '../../shared/review/scores';
import { FileError } from '../workspace/files';
import { namedDocuments } from './document-tree';
import { compareRevisions } from './git-revisions';
import { EXIT_FOUND, EXIT_OK, paint, parseFlags, UsageError, type CliIO, type Command } from './io';
import { loadDocuments } from './load';

const USAGE = `Usage: emend diff [--json | --report md|json] BEFORE AFTER
       emend diff [--json | --report md|json] REV1 REV2 -- PATH...
  Compares two bracket files, or two folders (files matched by relative path), BEFORE as the
  reference. Lists entities added, removed, relabeled (same span) and resized (overlapping span),
  with line:column; edits of the plain text apart; and scores: strict (= conlleval), exact,
  partial and type, overall and per label.
  --json   print {"changes":[{"kind","line","column","before","after"}],"textEdits":[...],
           "scores":{"strict":{"precision","recall","f1",...,"labels":{...}},...}}; offsets in
           Unicode code points of each version's plain text
  --report md|json   print a review report instead: per document changes and scores, corpus
           totals and a per-label table, as Markdown or JSON (the app's review report)
  REV1 REV2 -- PATH...  compares the bracket files under PATH at two git revisions (branches,
           tags, commits), files matched by their paths in the repository: agreement between
           annotators' branches before a merge.
  Exit status: 0 same annotations, 1 they differ, 2 usage error or unreadable input.`;

type FileDiff = ComparedDocument;

async function isFolder(given: string): Promise<boolean> {
  try {
    return (await fs.stat(given)).isDirectory();
  } catch {
    throw new FileError('not-found', given, 'no such file or folder');
  }
}

/** The document pairs to compare, and the relative paths found on one side only. */
async function pairFiles(beforePath: string, afterPath: string) {
  const [beforeFolder, afterFolder] = [await isFolder(beforePath), await isFolder(afterPath)];
  if (beforeFolder !== afterFolder)
    throw new UsageError('BEFORE and AFTER must both be files or both folders');
  const before = (await namedDocuments([beforePath])).documents;
  const after = (await namedDocuments([afterPath])).documents;
  if (!beforeFolder)
    return {
      pairs: [{ path: afterPath, before: beforePath, after: afterPath }],
      onlyBefore: [],
      onlyAfter: [],
    };
  const afterByPath = new Map(after.map((document) => [document.relative, document.path]));
  const beforeNames = new Set(before.map((document) => document.relative));
  return {
    pairs: before
      .filter((document) => afterByPath.has(document.relative))
      .map((document) => ({
        path: document.relative,
        before: document.path,
        after: afterByPath.get(document.relative)!,
      })),
    onlyBefore: before
      .filter((document) => !afterByPath.has(document.relative))
      .map((document) => document.relative),
    onlyAfter: after
      .filter((document) => !beforeNames.has(document.relative))
      .map((document) => document.relative),
  };
}

const KIND_COLOR = {
  added: 'green',
  removed: 'red',
  relabeled: 'yellow',
  resized: 'yellow',
} as const;

function entityText(entity: EntitySide): string {
  return `[${entity.label} ${JSON.stringify(entity.text)}]`;
}

function describe(change: EntityChange): string {
  if (change.kind === 'added') return entityText(change.after!);
  if (change.kind === 'removed') return entityText(change.before!);
  if (change.kind === 'relabeled') {
    return `${JSON.stringify(change.after!.text)} ${change.before!.label} → ${change.after!.label}`;
  }
  return `${entityText(change.before!)} → ${entityText(change.after!)}`;
}

const number = (value: number) => value.toFixed(3).padStart(9);
const count = (value: number) => String(value).padStart(5);

function scoreRow(name: string, score: Score): string {
  const { precision, recall, f1, correct, incorrect, partial, missed, spurious } = score;
  return `  ${name.padEnd(14)}${number(precision)}${number(recall)}${number(f1)}${[correct, incorrect, partial, missed, spurious].map(count).join('')}`;
}

/** One line per entity change, then per text edit, with line:column: how every entity diff is shown. */
export function printChanges(io: CliIO, diff: DocumentDiff): void {
  for (const change of diff.changes) {
    const where = `${change.line}:${change.column}`.padEnd(9);
    io.out(
      `  ${where}${paint(io, KIND_COLOR[change.kind], change.kind.padEnd(10))} ${describe(change)}\n`,
    );
  }
  for (const edit of diff.textEdits) {
    const where = `${edit.line}:${edit.column}`.padEnd(9);
    io.out(
      `  ${where}${paint(io, 'cyan', 'text'.padEnd(10))} ${JSON.stringify(edit.before.text)} → ${JSON.stringify(edit.after.text)}\n`,
    );
  }
}

function printHuman(
  io: CliIO,
  files: FileDiff[],
  scores: SchemeScores,
  onlyBefore: string[],
  onlyAfter: string[],
  folders: boolean,
) {
  const totals = { added: 0, removed: 0, relabeled: 0, resized: 0 };
  let edits = 0;
  for (const { path, diff } of files) {
    if (diff.changes.length === 0 && diff.textEdits.length === 0) continue;
    if (folders) io.out(`${paint(io, 'bold', path)}\n`);
    printChanges(io, diff);
    for (const change of diff.changes) totals[change.kind]++;
    edits += diff.textEdits.length;
  }
  for (const path of onlyBefore) io.out(`only in BEFORE: ${path}\n`);
  for (const path of onlyAfter) io.out(`only in AFTER: ${path}\n`);
  io.out(
    `\nScores (BEFORE as reference):\n  ${''.padEnd(14)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'f1'.padStart(9)}  COR  INC  PAR  MIS  SPU\n`,
  );
  for (const scheme of SCORE_SCHEMES) io.out(`${scoreRow(scheme, scores[scheme])}\n`);
  const labels = Object.keys(scores.strict.labels);
  if (labels.length > 0) {
    io.out('Per label (strict):\n');
    for (const label of labels) io.out(`${scoreRow(label, scores.strict.labels[label])}\n`);
  }
  const changes = totals.added + totals.removed + totals.relabeled + totals.resized;
  const summary =
    changes === 0
      ? 'same annotations'
      : `${changes} change${changes === 1 ? '' : 's'}: ${Object.entries(totals)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`;
  io.out(`\n${summary}${edits > 0 ? `; ${edits} text edit${edits === 1 ? '' : 's'}` : ''}\n`);
}

function toJson(
  files: FileDiff[],
  scores: SchemeScores,
  onlyBefore: string[],
  onlyAfter: string[],
  folders: boolean,
) {
  const changes = [];
  const textEdits = [];
  for (const file of files) {
    const where = folders ? { path: file.path } : {};
    const json = jsonChanges(file);
    changes.push(...json.changes.map((change) => ({ ...where, ...change })));
    textEdits.push(...json.textEdits.map((edit) => ({ ...where, ...edit })));
  }
  return { changes, textEdits, scores, ...(folders ? { onlyBefore, onlyAfter } : {}) };
}

export const diffCommand: Command = {
  summary: 'list entity changes and scores between two versions (files or folders)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const split = args.indexOf('--');
    if (split !== -1) {
      const flags = args.slice(0, split - 2);
      return compareRevisions(
        args.slice(Math.max(0, split - 2), split),
        args.slice(split + 1),
        (before, after) => diffCommand.run([...flags, before, after], io),
      );
    }
    const { values, positionals } = parseFlags(args, {
      json: { type: 'boolean' },
      report: { type: 'string' },
    });
    if (values.report !== undefined && values.report !== 'md' && values.report !== 'json')
      throw new UsageError('--report takes md or json');
    if (positionals.length !== 2) throw new UsageError('give exactly two paths: BEFORE AFTER');
    const [beforePath, afterPath] = positionals;
    const folders = await isFolder(beforePath);
    const { pairs, onlyBefore, onlyAfter } = await pairFiles(beforePath, afterPath);
    const files: FileDiff[] = [];
    for (const pair of pairs) {
      const [before] = await loadDocuments([pair.before]);
      const [after] = await loadDocuments([pair.after]);
      files.push({
        path: pair.path,
        before: before.doc,
        after: after.doc,
        diff: diffDocuments(before.doc, after.doc),
      });
    }
    const scores = scoresFromCounts(mergeCounts(files.map((file) => file.diff.counts)));
    if (values.report) {
      const report = buildReport(`${beforePath}`, files, onlyBefore, onlyAfter);
      io.out(values.report === 'md' ? reportMarkdown(report) : `${JSON.stringify(report)}\n`);
    } else if (values.json)
      io.out(`${JSON.stringify(toJson(files, scores, onlyBefore, onlyAfter, folders))}\n`);
    else printHuman(io, files, scores, onlyBefore, onlyAfter, folders);
    const differ =
      onlyBefore.length > 0 ||
      onlyAfter.length > 0 ||
      files.some((file) => file.diff.changes.length > 0);
    return differ ? EXIT_FOUND : EXIT_OK;
  },
};
