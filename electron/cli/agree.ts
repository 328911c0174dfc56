// `emend agree`: how far several annotators' copies of a corpus agree, overall, per label and per document.
import { append, largest } from '../../shared/long-lists';
import { AgreementTally } from '../../shared/agreement/figures';
import type { AgreementFigures, AgreementReport, PairFigures } from '../../shared/agreement/report';
import type { Figure } from '../../shared/agreement/coefficients';
import { unusedLabelWarnings } from '../../shared/agreement/warnings';
import { refusalLine } from '../../shared/convert/export-policy';
import { threeDecimals } from '../../shared/decimals';
import { plural } from '../../shared/plural';
import { mismatchMessage, onCopies, openCopies } from './copies';
import { labelsFlag } from './labels-flag';
import { EXIT_OK, EXIT_USAGE, paint, printable, type CliIO, type Command } from './io';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend agree [--json] [--labels A,B] [--jobs N] A B [C ...]
       emend agree [--json] [--labels A,B] [--jobs N] REV1 REV2 [REV3 ...] -- PATH...
  How far annotators agree: each of A B C ... is one annotator's copy, a bracket file or a folder
  (files matched by relative path, as diff does), or a git revision (an annotator's branch) of the
  files under PATH. The copies of a document must have the same plain text.
  Prints overall, per label and per document:
    per pair (the first named as reference): token-level Cohen's κ and Gwet's AC1; strict, exact,
      partial and type precision/recall/F1 of the entities (as nervaluate, SemEval-2013);
    over all copies: token-level Fleiss' κ, Krippendorff's α (nominal) and Gwet's AC1, and
      Krippendorff's unitizing α over the entities' spans;
  and warnings where a figure should not be trusted. A token's category is the label of the entity
  covering it, else O.
  --json   print {"annotators":[...],"items":N,"pairs":[{"a","b","cohenKappa","strictF1",...}],
           "fleissKappa","krippendorffAlpha","unitizingAlpha","gwetAC1","entities":[...],
           "labels":{LABEL:{...}},"documents":[{"path",...}],"warnings":[...],
           "unreadable":[{"path","reason"}]}; pairs in the order
           (1,2), (1,3), ..., (2,3), ...; a figure the data cannot give is null
  --labels A,B   compare only the entities of these labels (a token in another's counts as O)
${JOBS_USAGE}
  Documents one copy lacks, cannot be read, or whose copies' plain texts differ, are left out and
  named in the warnings. Exit status: 0 done, 2 usage error, unreadable input, or no document compared (every
  one left out).`;

const figure = (value: Figure) => (value === null ? '–' : threeDecimals(value)).padStart(8);
/** The mean of the figures the data gives; null when it gives none. */
function mean(values: readonly Figure[]): Figure {
  const given = values.filter((value) => value !== null);
  return given.length === 0 ? null : given.reduce((sum, value) => sum + value, 0) / given.length;
}
/** The mean strict F1 over pairs: one number for a label or document line. */
const meanStrictF1 = (pairs: readonly PairFigures[]) => mean(pairs.map((pair) => pair.strictF1));

const PAIR_HEADINGS = [
  'κ',
  'AC1',
  'strict P',
  'strict R',
  'strict F1',
  'exact F1',
  'partial F1',
  'type F1',
];
const ALL_HEADINGS = ["Fleiss' κ", 'α', 'unitizing', 'AC1', 'strict F1'];

function heading(io: CliIO, first: string, width: number, names: readonly string[]): string {
  return paint(
    io,
    'dim',
    `  ${first.padEnd(width)}${names.map((name) => name.padStart(11)).join('')}\n`,
  );
}

function row(name: string, width: number, values: ReadonlyArray<Figure>): string {
  return `  ${name.padEnd(width)}${values.map((value) => `   ${figure(value)}`).join('')}\n`;
}

/** One line of the all-copies figures (overall, a label, a document). */
function allCopiesRow(name: string, width: number, figures: AgreementFigures): string {
  return row(name, width, [
    figures.fleissKappa,
    figures.krippendorffAlpha,
    figures.unitizingAlpha,
    figures.gwetAC1,
    meanStrictF1(figures.pairs),
  ]);
}

function printReport(io: CliIO, report: AgreementReport): void {
  const { annotators } = report;
  io.out(
    `${paint(io, 'bold', `Agreement of ${annotators.length} copies`)}: ${annotators.join(', ')}\n` +
      `${plural(report.items, 'token')} in ${plural(report.documents.length, 'document')}; entities per copy: ${report.entities.join(', ')}\n\n`,
  );
  const pairNames = report.pairs.map((pair) => `${pair.a} – ${pair.b}`);
  const pairWidth = largest(
    pairNames.map((name) => name.length + 1),
    12,
  );
  io.out(`Pairs (the first as reference):\n${heading(io, '', pairWidth, PAIR_HEADINGS)}`);
  report.pairs.forEach((pair, k) =>
    io.out(
      row(pairNames[k], pairWidth, [
        pair.cohenKappa,
        pair.gwetAC1,
        pair.strictPrecision,
        pair.strictRecall,
        pair.strictF1,
        pair.exactF1,
        pair.partialF1,
        pair.typeF1,
      ]),
    ),
  );
  io.out(`\nAll copies (strict F1: mean over pairs):\n${heading(io, '', pairWidth, ALL_HEADINGS)}`);
  io.out(allCopiesRow('overall', pairWidth, report));
  const labels = Object.keys(report.labels);
  if (labels.length > 0) {
    io.out(`\nPer label (that label against all others):\n`);
    const width = largest(
      labels.map((label) => label.length + 1),
      12,
    );
    io.out(heading(io, '', width, [...ALL_HEADINGS, 'entities']));
    for (const label of labels) {
      const figures = report.labels[label];
      io.out(
        `${allCopiesRow(label, width, figures).trimEnd()}   ${figures.entities.join('/').padStart(8)}\n`,
      );
    }
  }
  if (report.documents.length > 1) {
    io.out(`\nPer document:\n`);
    const width = largest(
      report.documents.map((document) => document.path.length + 1),
      12,
    );
    io.out(heading(io, '', width, [...ALL_HEADINGS, 'tokens']));
    for (const document of report.documents) {
      io.out(
        `${allCopiesRow(document.path, width, document).trimEnd()}   ${String(document.items).padStart(8)}\n`,
      );
    }
  }
  if (report.warnings.length > 0) {
    io.out(`\n${paint(io, 'yellow', 'Warnings:')}\n`);
    for (const warning of report.warnings) io.out(`  - ${warning}\n`);
  }
}

/** The report as --json prints it: the fields in the documented order. */
function jsonReport(report: AgreementReport) {
  const { annotators, items, pairs, fleissKappa, krippendorffAlpha, unitizingAlpha, gwetAC1 } =
    report;
  return {
    annotators,
    items,
    pairs,
    fleissKappa,
    krippendorffAlpha,
    unitizingAlpha,
    gwetAC1,
    entities: report.entities,
    labels: report.labels,
    documents: report.documents,
    warnings: report.warnings,
  };
}

/** EXIT_USAGE, said on stderr, when every document was left out (the warnings say why). */
function nothingCompared(io: CliIO, report: AgreementReport): number | undefined {
  if (report.documents.length > 0) return undefined;
  io.err('emend agree: no document was compared (see the warnings)\n');
  return EXIT_USAGE;
}

export const agreeCommand: Command = {
  summary: "agreement between annotators' copies (κ, α, unitizing α, F1)",
  usage: USAGE,
  run: (args: string[], given: CliIO) =>
    onCopies(
      args,
      { json: { type: 'boolean' }, labels: { type: 'string' }, jobs: { type: 'string' } },
      given,
      async (values, paths, annotators, io) => {
        const only = labelsFlag(values.labels);
        const copies = await openCopies(paths, {
          labels: only,
          io,
          command: 'agree',
          jobs: jobsFlag(values.jobs),
        });
        const tally = new AgreementTally(annotators);
        const documentWarnings: string[] = [];
        const used = new Set<string>();
        // Each document's copies are parsed on a thread; the tally takes them in document order.
        await copies.corpus.forEachCopiesResult(copies.tuples, async (tuple, compared) => {
          if ('mismatch' in compared)
            documentWarnings.push(
              `${await mismatchMessage(compared.mismatch, tuple)}: ${tuple.relative} left out.`,
            );
          else {
            if (compared.brokenMarkup)
              documentWarnings.push(
                `${refusalLine(printable(tuple.copies[0].path), compared.brokenMarkup)}: in every copy alike, so its text is compared as it reads (emend validate)`,
              );
            for (const copy of compared.entities) for (const { label } of copy) used.add(label);
            const entities = only
              ? compared.entities.map((copy) => copy.filter(({ label }) => only.includes(label)))
              : compared.entities;
            tally.add(tuple.relative, compared.text, entities);
          }
        });
        copies.missing.forEach((paths, k) => {
          for (const relative of paths)
            documentWarnings.push(`${annotators[k]} has no ${relative}: left out.`);
        });
        for (const { path: file, reason } of copies.corpus.unreadable) {
          const tuple = copies.tuples.find((held) =>
            held.copies.some((copy) => copy.path === file),
          );
          documentWarnings.push(
            `${printable(file)}: cannot be read (${reason})${tuple ? `: ${tuple.relative} left out` : ''}.`,
          );
        }
        const report = tally.report();
        append(report.warnings, [...unusedLabelWarnings(only ?? [], used), ...documentWarnings]);
        if (values.json)
          io.out(
            `${JSON.stringify({ ...jsonReport(report), unreadable: copies.corpus.unreadableListed() })}\n`,
          );
        else printReport(io, report);
        return (
          copies.corpus.reportUnreadable(io, 'agree') ?? nothingCompared(io, report) ?? EXIT_OK
        );
      },
    ),
};
