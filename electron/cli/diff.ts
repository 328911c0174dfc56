// `emend diff`: what changed between two versions of bracket files (entities, text, scores), like diff(1).
import path from 'node:path';
import { threeDecimals } from '../../shared/decimals';
import { plural } from '../../shared/plural';
import type { DocumentDiff, EntityChange, EntitySide } from '../../shared/review/diff';
import { ReportBuilder, reportMarkdown, type UnreadableDocument } from '../../shared/review/report';
import {
  mergeCounts,
  noScore,
  SCORE_SCHEMES,
  scoresFromCounts,
  type SchemeScores,
  type Score,
  type ScoreCounts,
} from '../../shared/review/scores';
import { openCorpus, type DocumentPair } from './corpus-files';
import type { PairDiff } from './corpus-tasks';
import { holds, isFolder, listSide, matchByPath, type NamedDocument } from './document-tree';
import { compareRevisions } from './git-revisions';
import {
  EXIT_FOUND,
  EXIT_OK,
  paint,
  parseFlags,
  placeColumn,
  quoted,
  diagnosticLine,
  UsageError,
  type CliIO,
  type Command,
} from './io';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend diff [--json | --report md|json] [--jobs N] BEFORE AFTER
       emend diff [--json | --report md|json] [--jobs N] REV1 REV2 -- PATH...
  Compares two bracket files, or two folders (files matched by relative path), BEFORE as the
  reference. Lists entities added, removed, relabeled (same span) and resized (overlapping span),
  with line:column in AFTER (a removed entity's: where its words are there); edits of the plain
  text apart; and scores: strict (= conlleval), exact, partial and type, overall and per label
  (– where neither version holds an entity; --json gives 0 there, as conlleval does).
  --json   print {"changes":[{"kind","line","column","before","after"}],"textEdits":[...],
           "scores":{"strict":{"precision","recall","f1",...,"labels":{...}},...}}; offsets in
           Unicode code points of each version's plain text
  --report md|json   print a review report instead: per document changes and scores, corpus
           totals and a per-label table, as Markdown or JSON (the app's review report)
  REV1 REV2 -- PATH...  compares the bracket files under PATH at two git revisions (branches,
           tags, commits), files matched by their paths in the repository: agreement between
           annotators' branches before a merge.
${JOBS_USAGE}
  Lines are compared by their text first; only the lines that differ are parsed. Markup errors
  of either version on those lines are printed to stderr as path:line:col (a change there may be
  misread: an entity left open reads as a removal). Folders are
  compared pair by pair, in order; a document in one folder only is listed (only in BEFORE, only
  in AFTER) and left out of the scores, which are over the documents both hold; a file that
  cannot be read is listed at the end (exit status 2).
  Exit status: 0 same annotations, 1 they differ, 2 usage error or unreadable input.`;

/** BEFORE's documents matched with AFTER's by relative path, and the relative paths found on one side only. */
function pairFolders(before: readonly NamedDocument[], after: readonly NamedDocument[]) {
  const { matched, missing } = matchByPath([before, after]);
  return {
    pairs: matched.map(({ relative, copies }): DocumentPair => ({
      relative,
      before: copies[0],
      after: copies[1],
    })),
    onlyBefore: missing[1],
    onlyAfter: missing[0],
  };
}

const KIND_COLOR = {
  added: 'green',
  removed: 'red',
  relabeled: 'yellow',
  resized: 'yellow',
} as const;

function entityText(entity: EntitySide): string {
  return `[${entity.label} ${quoted(entity.text)}]`;
}

function describe(change: EntityChange): string {
  if (change.kind === 'added') return entityText(change.after!);
  if (change.kind === 'removed') return entityText(change.before!);
  if (change.kind === 'relabeled') {
    return `${quoted(change.after!.text)} ${change.before!.label} → ${change.after!.label}`;
  }
  return `${entityText(change.before!)} → ${entityText(change.after!)}`;
}

const number = (value: number) => threeDecimals(value).padStart(9);
/** A count right-aligned under its 4-letter heading, always a space before it however large. */
const count = (value: number) => ` ${String(value).padStart(4)}`;

/** A score row; where neither version holds an entity there is no score, printed – (0 in --json, as conlleval gives). */
function scoreRow(name: string, score: Score): string {
  const { precision, recall, f1, correct, incorrect, partial, missed, spurious } = score;
  const figures = [precision, recall, f1].map((value) =>
    noScore(score) ? '–'.padStart(9) : number(value),
  );
  return `  ${name.padEnd(14)}${figures.join('')}${[correct, incorrect, partial, missed, spurious].map(count).join('')}`;
}

/** One line per entity change, then per text edit, with line:column: how every entity diff is shown. */
export function printChanges(io: CliIO, diff: DocumentDiff): void {
  for (const change of diff.changes) {
    const where = placeColumn(change.line, change.column);
    io.out(
      `  ${where}${paint(io, KIND_COLOR[change.kind], change.kind.padEnd(10))} ${describe(change)}\n`,
    );
  }
  for (const edit of diff.textEdits) {
    const where = placeColumn(edit.line, edit.column);
    io.out(
      `  ${where}${paint(io, 'cyan', 'text'.padEnd(10))} ${quoted(edit.before.text)} → ${quoted(edit.after.text)}\n`,
    );
  }
}

/** Where each compared pair goes as soon as it is compared; finish writes what comes after them all. */
interface DiffOutput {
  add(path: string, compared: PairDiff): void;
  finish(scores: SchemeScores, left: LeftOut): void;
}

/** The documents of two folders not compared: on one side only, or unreadable. */
interface LeftOut {
  onlyBefore: string[];
  onlyAfter: string[];
  /** Each file that could not be read. */
  unreadable: UnreadableDocument[];
  /** The documents those files are versions of (one unreadable in both folders counts once). */
  notCompared: number;
}

/** How many documents unreadable files are versions of: their paths under the folders, told apart. */
function documentsOf(
  unreadable: readonly UnreadableDocument[],
  folders: readonly string[],
): number {
  const relatives = unreadable.map(({ path: file }) => {
    const folder = folders.find((given) => holds(given, file));
    return folder === undefined ? file : path.relative(folder, file);
  });
  return new Set(relatives).size;
}

/** The listing: each pair's changes printed as it is compared, then scores and a summary. */
function humanOutput(io: CliIO, folders: boolean): DiffOutput {
  const totals = { added: 0, removed: 0, relabeled: 0, resized: 0 };
  let edits = 0;
  let compared = 0;
  return {
    add(path, { diff }) {
      compared++;
      if (diff.changes.length === 0 && diff.textEdits.length === 0) return;
      if (folders) io.out(`${paint(io, 'bold', path)}\n`);
      printChanges(io, diff);
      for (const change of diff.changes) totals[change.kind]++;
      edits += diff.textEdits.length;
    },
    finish(scores, { onlyBefore, onlyAfter, notCompared: unreadable }) {
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
      const noEntity = noScore(scores.strict);
      const summary =
        changes === 0
          ? `same annotations${noEntity && compared > 0 ? ' (neither holds an entity: no score)' : ''}`
          : `${plural(changes, 'change')}: ${Object.entries(totals)
              .map(([kind, n]) => `${n} ${kind}`)
              .join(', ')}`;
      // Documents on one side only make the versions differ (exit 1), whatever the pairs say.
      const unpaired = [
        onlyBefore.length > 0 ? `${plural(onlyBefore.length, 'document')} only in BEFORE` : '',
        onlyAfter.length > 0 ? `${plural(onlyAfter.length, 'document')} only in AFTER` : '',
      ].filter(Boolean);
      const notCompared =
        unreadable > 0 ? [`${plural(unreadable, 'document')} not compared (unreadable)`] : [];
      const paired =
        changes > 0
          ? summary
          : compared === 0
            ? 'no document compared'
            : notCompared.length > 0
              ? 'same annotations in the documents compared'
              : unpaired.length > 0
                ? 'same annotations in the documents both have'
                : summary;
      io.out(
        `\n${[`${paired}${edits > 0 ? `; ${plural(edits, 'text edit')}` : ''}`, ...unpaired, ...notCompared].join('; ')}\n`,
      );
    },
  };
}

/**
 * `--json`, written as the pairs are compared: the changes at once; the text edits, which come after
 * them all, kept as JSON text until the end (a copy, so no document text is held).
 */
function jsonOutput(io: CliIO, folders: boolean): DiffOutput {
  const textEdits: string[] = [];
  let opened = false;
  return {
    add(path, compared) {
      const where = folders ? { path } : {};
      const json = compared.json!;
      if (json.changes.length > 0) {
        const changes = json.changes.map((change) => JSON.stringify({ ...where, ...change }));
        io.out(`${opened ? ',' : '{"changes":['}${changes.join(',')}`);
        opened = true;
      }
      if (json.textEdits.length > 0)
        textEdits.push(
          json.textEdits.map((edit) => JSON.stringify({ ...where, ...edit })).join(','),
        );
    },
    finish(scores, left) {
      const { onlyBefore, onlyAfter, unreadable } = left;
      const rest = JSON.stringify({
        scores,
        ...(folders ? { onlyBefore, onlyAfter, unreadable } : {}),
      });
      io.out(
        `${opened ? '' : '{"changes":['}],"textEdits":[${textEdits.join(',')}],${rest.slice(1)}\n`,
      );
    },
  };
}

/** `--report md|json`: a compact record per pair (see ReportBuilder), the report written at the end. */
function reportOutput(io: CliIO, markdown: boolean, baseline: string): DiffOutput {
  const report = new ReportBuilder();
  return {
    add: (path, { diff, json }) => report.add(path, diff, json!),
    finish(_scores, { onlyBefore, onlyAfter, unreadable }) {
      const result = report.result(baseline, onlyBefore, onlyAfter, unreadable);
      io.out(markdown ? reportMarkdown(result) : `${JSON.stringify(result)}\n`);
    },
  };
}

const DIFF_FLAGS = {
  json: { type: 'boolean' },
  report: { type: 'string' },
  jobs: { type: 'string' },
} as const;

/**
 * The words before `--` of `diff [FLAGS] REV1 REV2 -- PATH...`: the flags (with the values of those
 * that take one, so `--report md` names no revision) and the revisions.
 */
function flagsAndRevisions(words: readonly string[]): { flags: string[]; revisions: string[] } {
  const flags: string[] = [];
  const revisions: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-')) {
      revisions.push(word);
      continue;
    }
    flags.push(word);
    const takesValue = DIFF_FLAGS[word.slice(2) as keyof typeof DIFF_FLAGS]?.type === 'string';
    if (takesValue && i + 1 < words.length) flags.push(words[++i]);
  }
  return { flags, revisions };
}

export const diffCommand: Command = {
  summary: 'list entity changes and scores between two versions (files or folders)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const split = args.indexOf('--');
    if (split !== -1) {
      const { flags, revisions } = flagsAndRevisions(args.slice(0, split));
      return compareRevisions(revisions, args.slice(split + 1), io, (before, after, named) =>
        diffCommand.run([...flags, before, after], named),
      );
    }
    const { values, positionals } = parseFlags(args, DIFF_FLAGS);
    const jobs = jobsFlag(values.jobs);
    if (values.json && values.report !== undefined)
      throw new UsageError('give --json or --report, not both');
    if (values.report !== undefined && values.report !== 'md' && values.report !== 'json')
      throw new UsageError('--report takes md or json');
    if (positionals.length !== 2) throw new UsageError('give exactly two paths: BEFORE AFTER');
    const [beforePath, afterPath] = positionals;
    const folders = await isFolder(beforePath);
    if (folders !== (await isFolder(afterPath)))
      throw new UsageError('BEFORE and AFTER must both be files or both folders');
    // AFTER's unreadable names are listed with BEFORE's (a pair of files must both be read).
    const afterListing = await listSide(afterPath, folders);
    const corpus = await openCorpus(
      [beforePath],
      { io, command: 'diff', jobs },
      afterListing.unreadable,
    );
    const after = afterListing.documents;
    const { pairs, onlyBefore, onlyAfter } = folders
      ? pairFolders(corpus.files, after)
      : {
          pairs: [{ relative: afterPath, before: corpus.files[0], after: after[0] }],
          onlyBefore: [],
          onlyAfter: [],
        };
    const output = values.report
      ? reportOutput(io, values.report === 'md', beforePath)
      : values.json
        ? jsonOutput(io, folders)
        : humanOutput(io, folders);
    let counts: ScoreCounts = mergeCounts([]);
    let changed = false;
    // Two named files must both be read; in folders an unreadable file is skipped and listed.
    await corpus.forEachPairResult(
      pairs,
      Boolean(values.json || values.report),
      (pair, compared) => {
        const { diff, errors } = compared;
        // Where a version's markup is broken, a change there may be misread: said beside it.
        for (const [side, path] of [
          ['before', pair.before.path],
          ['after', pair.after.path],
        ] as const) {
          for (const error of errors[side]) io.err(`${diagnosticLine(io, path, error)}\n`);
        }
        output.add(pair.relative, compared);
        counts = mergeCounts([counts, diff.counts]);
        changed ||= diff.changes.length > 0;
      },
      { strict: !folders },
    );
    const unreadable = corpus.unreadableListed();
    output.finish(scoresFromCounts(counts), {
      onlyBefore,
      onlyAfter,
      unreadable,
      notCompared: documentsOf(unreadable, [beforePath, afterPath]),
    });
    const differ = changed || onlyBefore.length > 0 || onlyAfter.length > 0;
    return corpus.reportUnreadable(io, 'diff') ?? (differ ? EXIT_FOUND : EXIT_OK);
  },
};
