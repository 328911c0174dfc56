// A review report over one or more documents: changes, scores and totals, as JSON or Markdown.
import { largest } from '../long-lists';
import { threeDecimals } from '../decimals';
import { plural } from '../plural';
import { visibleText } from '../view/invisible-characters';
import { detached } from '../format/detached';
import type { BracketDocument } from '../format/document';
import {
  diffDocuments,
  type ChangeKind,
  type DocumentDiff,
  type EntityChange,
  type TextEdit,
} from './diff';
import { documentCodePoints, type PlainCodePoints } from './line-diff';
import {
  mergeCounts,
  noScore,
  SCORE_SCHEMES,
  scoresFromCounts,
  type SchemeScores,
  type Score,
  type ScoreCounts,
} from './scores';

/** A span with offsets in Unicode code points of its own version's plain text, as JSON output counts them. */
export interface JsonSpan {
  start: number;
  end: number;
  text: string;
  label?: string;
}

export interface JsonChange {
  kind: ChangeKind;
  line: number;
  column: number;
  before: JsonSpan | null;
  after: JsonSpan | null;
}

export interface JsonTextEdit {
  line: number;
  column: number;
  before: JsonSpan;
  after: JsonSpan;
}

/** A diff's changes and text edits as JSON prints them. */
export interface JsonChanges {
  changes: JsonChange[];
  textEdits: JsonTextEdit[];
}

export type ChangeCounts = Record<ChangeKind, number> & { textEdits: number };

export interface DocumentReport {
  path: string;
  /** Its path in the reference, where it was renamed since. */
  renamedFrom?: string;
  counts: ChangeCounts;
  changes: JsonChange[];
  textEdits: JsonTextEdit[];
  scores: SchemeScores;
}

export interface ReviewReport {
  /** What the documents were compared with (the reference), in words. */
  baseline: string;
  documents: DocumentReport[];
  /** Documents with at least one change or text edit. */
  changedDocuments: number;
  totals: ChangeCounts;
  /** Corpus scores: the counts of every document summed, then measured. */
  scores: SchemeScores;
  onlyBefore: string[];
  onlyAfter: string[];
  /** Documents that could not be read, so not compared, and why. */
  unreadable: UnreadableDocument[];
}

export interface UnreadableDocument {
  path: string;
  reason: string;
}

/** One compared pair: the diff of the reviewed version against the reference, and where its offsets fall in code points. */
export interface ComparedDocument {
  path: string;
  /** Its path in the reference, where it was renamed since (a git revision's). */
  renamedFrom?: string;
  diff: DocumentDiff;
  codePoints: PlainCodePoints;
}

/** Two whole versions compared (by default diffed here). */
export function compareDocuments(
  path: string,
  before: BracketDocument,
  after: BracketDocument,
  diff: DocumentDiff = diffDocuments(before, after),
): ComparedDocument {
  return { path, diff, codePoints: documentCodePoints(before, after) };
}

/** A side with its offsets turned into code points, and its text a copy that does not hold the document's. */
function jsonSpan<T extends { start: number; end: number; text: string }>(
  span: T,
  toCodePoint: (offset: number) => number,
): T {
  return {
    ...span,
    start: toCodePoint(span.start),
    end: toCodePoint(span.end),
    text: detached(span.text),
  };
}

/** The changes and text edits of a diff with code-point offsets, the shape `emend diff --json` prints. */
export function jsonChanges(document: ComparedDocument): JsonChanges {
  const { before, after } = document.codePoints;
  return {
    changes: document.diff.changes.map((change: EntityChange) => ({
      kind: change.kind,
      line: change.line,
      column: change.column,
      before: change.before && jsonSpan(change.before, before),
      after: change.after && jsonSpan(change.after, after),
    })),
    textEdits: document.diff.textEdits.map((edit: TextEdit) => ({
      line: edit.line,
      column: edit.column,
      before: jsonSpan(edit.before, before),
      after: jsonSpan(edit.after, after),
    })),
  };
}

function emptyChangeCounts(): ChangeCounts {
  return { added: 0, removed: 0, relabeled: 0, resized: 0, textEdits: 0 };
}

/** How many changes of each kind a diff holds. */
export function countChanges(diff: DocumentDiff): ChangeCounts {
  const counts = emptyChangeCounts();
  for (const change of diff.changes) counts[change.kind]++;
  counts.textEdits = diff.textEdits.length;
  return counts;
}

export function changeTotal(counts: ChangeCounts): number {
  return counts.added + counts.removed + counts.relabeled + counts.resized;
}

/** "12 changes: 5 relabeled, 4 added, 3 removed" (kinds that occur, most first); "no changes". */
export function changeSummary(counts: ChangeCounts): string {
  const total = changeTotal(counts);
  const kinds = (['added', 'removed', 'relabeled', 'resized'] as const)
    .filter((kind) => counts[kind] > 0)
    .sort((a, b) => counts[b] - counts[a])
    .map((kind) => `${counts[kind]} ${kind}`);
  const edits = counts.textEdits > 0 ? plural(counts.textEdits, 'text edit') : '';
  if (total === 0) return edits || 'no changes';
  const changes = `${plural(total, 'change')}: ${kinds.join(', ')}`;
  return edits ? `${changes}; ${edits}` : changes;
}

/**
 * A report built one compared document at a time: each is kept as its compact DocumentReport (no
 * document text) and its score counts are summed as it comes, so the documents can be dropped.
 */
export class ReportBuilder {
  private readonly documents: DocumentReport[] = [];
  private readonly totals = emptyChangeCounts();
  private changedDocuments = 0;
  private counts: ScoreCounts = mergeCounts([]);

  /**
   * Adds a compared pair: its path, diff, and the diff's changes as JSON prints them (see
   * jsonChanges); renamedFrom, its path in the reference where it was renamed since.
   */
  add(path: string, diff: DocumentDiff, json: JsonChanges, renamedFrom?: string): void {
    const counts = countChanges(diff);
    for (const key of Object.keys(this.totals) as (keyof ChangeCounts)[])
      this.totals[key] += counts[key];
    if (changeTotal(counts) + counts.textEdits > 0) this.changedDocuments++;
    this.documents.push({
      path,
      ...(renamedFrom && { renamedFrom }),
      counts,
      ...json,
      scores: diff.scores,
    });
    this.counts = mergeCounts([this.counts, diff.counts]);
  }

  result(
    baseline: string,
    onlyBefore: string[] = [],
    onlyAfter: string[] = [],
    unreadable: UnreadableDocument[] = [],
  ): ReviewReport {
    return { baseline, ...this.counted(onlyBefore, onlyAfter, unreadable) };
  }

  /** The report but for the words naming its baseline (which the editor gives). */
  counted(
    onlyBefore: string[] = [],
    onlyAfter: string[] = [],
    unreadable: UnreadableDocument[] = [],
  ): Omit<ReviewReport, 'baseline'> {
    return {
      documents: this.documents,
      changedDocuments: this.changedDocuments,
      totals: this.totals,
      scores: scoresFromCounts(this.counts),
      onlyBefore,
      onlyAfter,
      unreadable,
    };
  }
}

/** The report of documents compared, with those that could not be (`unreadable`, each with why). */
export function buildReport(
  baseline: string,
  documents: readonly ComparedDocument[],
  unreadable: UnreadableDocument[] = [],
): ReviewReport {
  const report = new ReportBuilder();
  for (const document of documents)
    report.add(document.path, document.diff, jsonChanges(document), document.renamedFrom);
  return report.result(baseline, [], [], unreadable);
}

/** A measure of a score with three decimals; – where the score is none (neither version holds an entity). */
const measure = (score: Score, value: number) => (noScore(score) ? '–' : threeDecimals(value));

/**
 * Text as a Markdown code span, line breaks shown as ⏎ and characters that take no room by their
 * glyph (`<BOM>`): fenced by more backticks than it holds in a row, so its own are shown as they
 * are; in a table cell its pipes escaped, as GFM asks there only. No text at all: (nothing).
 */
function code(text: string, inTable = false): string {
  if (text === '') return '(nothing)';
  const flat = visibleText(text.replace(/\r?\n/g, '⏎'));
  const shown = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longest = largest(
    (shown.match(/`+/g) ?? []).map((run) => run.length),
    0,
  );
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A document's path as code, with its path in the reference where it was renamed since. */
function documentName({ path, renamedFrom }: DocumentReport, inTable = false): string {
  const name = code(path, inTable);
  return renamedFrom ? `${name} (then ${code(renamedFrom, inTable)})` : name;
}

function scoreCells(score: Score): string {
  return `${measure(score, score.precision)} | ${measure(score, score.recall)} | ${measure(score, score.f1)}`;
}

function describeChange(change: JsonChange): string {
  const entity = (span: JsonSpan) => `[${span.label} ${code(span.text)}]`;
  if (change.kind === 'added') return entity(change.after!);
  if (change.kind === 'removed') return entity(change.before!);
  if (change.kind === 'relabeled')
    return `${code(change.after!.text)} ${change.before!.label} → ${change.after!.label}`;
  return `${entity(change.before!)} → ${entity(change.after!)}`;
}

/** The report as Markdown, for a pull request or a review note. */
export function reportMarkdown(report: ReviewReport): string {
  const lines: string[] = [];
  lines.push('# Review report', '');
  lines.push(`Compared with: ${report.baseline} (the reference).`, '');
  lines.push(
    `${report.changedDocuments} of ${plural(report.documents.length, 'document')} changed; ${changeSummary(report.totals)}.`,
    '',
  );
  lines.push('## Scores', '');
  lines.push('| scheme | precision | recall | F1 | COR | INC | PAR | MIS | SPU |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scheme of SCORE_SCHEMES) {
    const score = report.scores[scheme];
    lines.push(
      `| ${scheme} | ${scoreCells(score)} | ${score.correct} | ${score.incorrect} | ${score.partial} | ${score.missed} | ${score.spurious} |`,
    );
  }
  const labels = Object.keys(report.scores.strict.labels);
  if (labels.length > 0) {
    lines.push('', '## Per label', '');
    lines.push('| label | strict P | strict R | strict F1 | exact F1 | partial F1 | type F1 |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const label of labels) {
      const f1 = (scheme: 'exact' | 'partial' | 'type') => {
        const score = report.scores[scheme].labels[label];
        return measure(score, score.f1);
      };
      lines.push(
        `| ${label} | ${scoreCells(report.scores.strict.labels[label])} | ${f1('exact')} | ${f1('partial')} | ${f1('type')} |`,
      );
    }
  }
  lines.push('', '## Documents', '');
  lines.push('| document | changes | strict F1 |');
  lines.push('|---|---|---:|');
  for (const document of report.documents) {
    lines.push(
      `| ${documentName(document, true)} | ${changeSummary(document.counts)} | ${measure(document.scores.strict, document.scores.strict.f1)} |`,
    );
  }
  for (const document of report.documents) {
    if (document.changes.length === 0 && document.textEdits.length === 0) continue;
    lines.push('', `### ${documentName(document)}`, '');
    for (const change of document.changes)
      lines.push(`- ${change.line}:${change.column} ${change.kind} ${describeChange(change)}`);
    for (const edit of document.textEdits)
      lines.push(
        `- ${edit.line}:${edit.column} text ${code(edit.before.text)} → ${code(edit.after.text)}`,
      );
  }
  for (const path of report.onlyBefore) lines.push('', `Only in the reference: ${code(path)}`);
  for (const path of report.onlyAfter)
    lines.push('', `Only in the reviewed version: ${code(path)}`);
  for (const { path, reason } of report.unreadable)
    lines.push('', `Not compared (unreadable): ${code(path)}: ${reason}`);
  return `${lines.join('\n')}\n`;
}
