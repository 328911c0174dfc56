// `emend blame`: for each entity of a file, the commit and author that last changed its label or extent.
import { largest } from '../../shared/long-lists';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { BracketDocument } from '../../shared/format/document';
import { parse } from '../../shared/format/parse';
import { lineStarts } from '../../shared/format/position';
import { plural } from '../../shared/plural';
import { diffDocuments, type EntityChange } from '../../shared/review/diff';
import { filePositions } from '../../shared/review/positions';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { labelsForPath } from '../workspace/settings';
import { fileHistory, readObjects, type CommitInfo } from './git-history';
import { gitText } from '../workspace/git-process';
import {
  EXIT_OK,
  parseFlags,
  placeColumn,
  printable,
  quoted,
  UsageError,
  type CliIO,
  type Command,
} from './io';

const USAGE = `Usage: emend blame [--json] FILE[:LINE]
  Lists each entity of FILE (or of its line LINE) with the commit, date and author that last
  changed its label or extent, and how (added, relabeled, resized). History follows renames and
  merges: an entity a merge took unchanged from a branch keeps that branch's commit. Entities
  changed in the working tree and not committed show "Not Committed Yet". In a shallow clone, an
  entity of its oldest commit is "added, or earlier": the history before it is not there.
  --json   print [{"line","column","label","text","commit","author","date","subject","change"}]
  Exit status: 0 listed, 2 usage error, unreadable file, or a file git does not track.`;

/** Who last changed an entity, and how. */
interface Credit {
  info: CommitInfo;
  change: string;
}

/** A version of the file: its document and a credit per entity. */
interface Version {
  text: string;
  doc: BracketDocument;
  credits: Credit[];
}

/** An entity of a shallow clone's oldest commit: it may have been added before, where the clone has no history. */
const ADDED_OR_EARLIER = 'added, or earlier (the history before it is not in this shallow clone)';

/** How many versions one `git cat-file` reads: few enough that a long history of a large file is never all in memory. */
const TEXTS_PER_READ = 16;

const UNCOMMITTED: CommitInfo = {
  commit: '0'.repeat(40),
  parents: [],
  author: 'Not Committed Yet',
  date: '',
  subject: '',
};

/** What a commit did to an entity, compared with the first parent's version. */
function changeName(change: EntityChange): string {
  if (change.kind === 'relabeled')
    return `relabeled ${change.before!.label} → ${change.after!.label}`;
  if (change.kind === 'resized') return `resized from ${quoted(change.before!.text)}`;
  return change.kind;
}

/**
 * Compares a parent version with a new one: for each new entity, the index of the same entity
 * (same span and label where the texts align) in the parent or -1, and the changes by new start.
 */
function compareWith(parent: BracketDocument, doc: BracketDocument) {
  const changes = new Map<number, EntityChange>();
  const changedBefore = new Set<number>();
  for (const change of diffDocuments(parent, doc).changes) {
    if (change.before) changedBefore.add(change.before.start);
    if (change.after) changes.set(change.after.start, change);
  }
  // Entities no change names are unchanged, and both versions list them in the same order.
  const kept = parent.entities.flatMap((entity, k) => (changedBefore.has(entity.start) ? [] : [k]));
  let next = 0;
  const unchanged = doc.entities.map((entity) =>
    changes.has(entity.start) || next >= kept.length ? -1 : kept[next++],
  );
  return { unchanged, changes };
}

/**
 * Credits each entity of a new version: an entity a parent version has unchanged keeps that
 * parent's credit (the first parent's first); any other is credited to info, with how it differs
 * from the first parent.
 */
function creditVersion(
  text: string,
  doc: BracketDocument,
  parents: readonly Version[],
  info: CommitInfo,
): Version {
  const credits: (Credit | null)[] = doc.entities.map(() => null);
  let firstChanges = new Map<number, EntityChange>();
  parents.forEach((parent, p) => {
    const { unchanged, changes } = compareWith(parent.doc, doc);
    if (p === 0) firstChanges = changes;
    unchanged.forEach((k, n) => {
      if (k !== -1) credits[n] ??= parent.credits[k];
    });
  });
  return {
    text,
    doc,
    credits: doc.entities.map((entity, n) => {
      const change = firstChanges.get(entity.start);
      const added = info.shallow ? ADDED_OR_EARLIER : 'added';
      return credits[n] ?? { info, change: change ? changeName(change) : added };
    }),
  };
}

/** The repository root and FILE's path from it, or a usage error when git does not track it. */
async function locate(file: string) {
  const folder = path.dirname(path.resolve(file));
  const root = (await gitText(['rev-parse', '--show-toplevel'], folder)).trim();
  const relative = path.relative(realpathSync(root), realpathSync(path.resolve(file)));
  return { root, relative: relative.split(path.sep).join('/') };
}

/** The file's versions through HEAD's history, then its working copy; each entity credited. */
async function blameFile(file: string): Promise<Version> {
  const working = await readDocument(file);
  const { root, relative } = await locate(file);
  const labels = await labelsForPath(file);
  const history = await fileHistory(root, relative);
  const head = history.at(-1)?.commit;
  const read = history.filter((entry) => entry.path && (entry.changes || entry.parents.length > 1));
  const textOf = new Map<string, string | null>();
  let fetched = 0;
  // Versions stay in memory only while a later commit still has them as a parent.
  const children = new Map<string, number>();
  for (const entry of history)
    for (const parent of entry.parents) children.set(parent, (children.get(parent) ?? 0) + 1);
  const versions = new Map<string, Version | null>();
  for (const entry of history) {
    if (fetched < read.length && read[fetched].commit === entry.commit) {
      const batch = read.slice(fetched, fetched + TEXTS_PER_READ);
      const texts = await readObjects(
        root,
        batch.map((each) => `${each.commit}:${each.path}`),
      );
      batch.forEach((each, k) => textOf.set(each.commit, texts[k]));
      fetched += batch.length;
    }
    const parents = entry.parents
      .map((parent) => versions.get(parent) ?? null)
      .filter((version) => version !== null);
    // A commit that leaves the file as its parent had it shares the parent's version.
    const text = textOf.get(entry.commit);
    textOf.delete(entry.commit);
    versions.set(
      entry.commit,
      entry.path === null || text === null
        ? null
        : text === undefined
          ? (parents[0] ?? null)
          : (parents.find((parent) => parent.text === text) ??
            creditVersion(text, parse(text, { labels }), parents, entry)),
    );
    for (const parent of entry.parents) {
      const left = children.get(parent)! - 1;
      children.set(parent, left);
      if (left === 0 && parent !== head) versions.delete(parent);
    }
  }
  const version = head === undefined ? null : versions.get(head);
  if (!version && history.at(-1)?.path)
    throw new FileError(
      'invalid-utf8',
      file,
      'its committed version (HEAD) is not UTF-8 text: commit it as UTF-8 text, then blame it',
    );
  if (!version) throw new UsageError(`${file}: git has no committed version of this file`);
  return working === version.text
    ? version
    : creditVersion(working, parse(working, { labels }), [version], UNCOMMITTED);
}
/** FILE or FILE:LINE. */
function target(argument: string): { file: string; line: number | null } {
  const match = /^(.*):(\d+)$/.exec(argument);
  if (!match) return { file: argument, line: null };
  return { file: match[1], line: Number(match[2]) };
}

export const blameCommand: Command = {
  summary: 'for each entity, the commit and author that last changed it (git)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('give one FILE or FILE:LINE');
    const { file, line } = target(positionals[0]);
    const version = await blameFile(file);
    const { text } = version.doc;
    const lines = lineStarts(text).length - (text.endsWith('\n') ? 1 : 0);
    if (line !== null && (line < 1 || line > lines))
      throw new UsageError(`${file} has no line ${line} (it has ${plural(lines, 'line')})`);
    const at = filePositions(version.doc);
    const rows = version.doc.entities
      .map((entity, k) => ({ ...at(entity.start), entity, credit: version.credits[k] }))
      .filter((row) => line === null || row.line === line)
      .map(({ line, column, entity, credit }) => ({
        line,
        column,
        label: entity.label,
        text: version.doc.text.slice(entity.start, entity.end),
        commit: credit.info.commit,
        author: credit.info.author,
        date: credit.info.date,
        subject: credit.info.subject,
        change: credit.change,
      }));
    if (values.json) {
      io.out(`${JSON.stringify(rows)}\n`);
      return EXIT_OK;
    }
    const entityWidth = largest(
      rows.map((row) => row.label.length + quoted(row.text).length + 3),
      0,
    );
    // A commit's author and subject are anyone's text: shown with their control characters escaped.
    const authors = rows.map((row) => printable(row.author));
    const authorWidth = largest(
      authors.map((author) => author.length),
      0,
    );
    rows.forEach((row, k) => {
      const entity = `[${row.label} ${quoted(row.text)}]`;
      const subject = row.subject ? `  (${printable(row.subject)})` : '';
      io.out(
        `  ${placeColumn(row.line, row.column)}${entity.padEnd(entityWidth)}  ${row.commit.slice(0, 8)}  ${row.date.padEnd(10)}  ${authors[k].padEnd(authorWidth)}  ${row.change}${subject}\n`,
      );
    });
    return EXIT_OK;
  },
};
