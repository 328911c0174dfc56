// `emend suspects`: the corpus's likely annotation errors, worst first, each with a fix and the evidence in words.
import os from 'node:os';
import path from 'node:path';
import { importBrat } from '../../shared/convert/brat';
import type { BracketFile } from '../../shared/convert/bracket-file';
import { codePointIndex, type CodePointIndex } from '../../shared/convert/code-points';
import { importConll } from '../../shared/convert/conll';
import { importHf } from '../../shared/convert/hf';
import { forEachJsonLine } from '../../shared/convert/json-lines';
import { DOCCANO_SPAN_KEYS, readJsonl } from '../../shared/convert/jsonl';
import { importLabelStudio } from '../../shared/convert/labelstudio';
import { ConvertError, type ConvertMessage } from '../../shared/convert/messages';
import { readProdigy } from '../../shared/convert/prodigy';
import { parse } from '../../shared/format/parse';
import type { PackedFeatures } from '../../shared/suspects/features';
import { DEFAULT_FOLDS, type FoldTask, type PackedFoldTask } from '../../shared/suspects/folds';
import {
  checkTokenCount,
  PredictionIndex,
  tokenProbabilitiesByLine,
} from '../../shared/suspects/predictions';
import { rankSuspects } from '../../shared/suspects/rank';
import { plural } from '../../shared/plural';
import type { Suspect, SuspectRanking, SuspectSource } from '../../shared/suspects/suspect';
import type { TaggerModel } from '../../shared/suspects/tagger';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { Dismissals } from '../workspace/suspects-dismissals';
import { openCorpus } from './corpus-files';
import { isFolder, namedDocuments, warnSkipped } from './document-tree';
import {
  EXIT_FOUND,
  EXIT_OK,
  paint,
  parseFlags,
  printable,
  quoted,
  UsageError,
  warn,
  type CliIO,
  type Command,
} from './io';
import { labelsFlag } from './labels-flag';
import { jobsFlag, WorkerPool } from './worker-pool';

/** More folds than this only multiply the models held in memory (ten is the common choice). */
const MOST_FOLDS = 20;

const USAGE = `Usage: emend suspects [--json] [--all] [--predictions P]... [--folds K] [--limit N] [--seed S] [--labels A,B,...] [--jobs N] PATH...
  Ranks the annotations most likely wrong, worst first, one per line (path:line:col), with a fix:
    wrong-label     relabel the entity      not-an-entity   untag it
    missing-entity  tag an untagged span    wrong-boundary  retag it over another extent
  A tagger is trained on the corpus itself with K-fold cross-validation, so each document is
  scored by a model that never saw it; its disagreement is weighed with the corpus's own
  consistency (the same text labeled differently elsewhere) and, if given, an external tagger's.
  --predictions P  an external tagger's output (file or folder; repeatable): bracket .txt, CoNLL
                   (.conll .bio .iob .tsv), JSONL (doccano, Prodigy or HF; a doccano or Prodigy
                   record's "token_probabilities" list adds per-token probabilities), Label Studio
                   .json, brat .ann; what a file holds but is not read is a warning
  --folds K        cross-validation folds, 2 to ${MOST_FOLDS} (default ${DEFAULT_FOLDS})
  --limit N        print only the N worst
  --seed S         seeds folds and training: the same seed gives the same ranking (default 1)
  --labels         the label set: no fix proposes a label outside it (default: the labels the
                   corpus uses; the model learns those whatever the set)
  --jobs N         folds trained at once, each on its own thread (default: the cores, here ${os.availableParallelism()});
                   the ranking is the same for any N
  --all            list the suspects dismissed in Emend too (PATH a corpus folder: those kept in
                   its .emend/suspects.json are left out and counted)
  --json           print {"suspects":[{"path","line","column","endColumn","text","kind","label",
                   "suggestion","score","reasons"}],"dismissed","unreadable":[{"path","reason"}]}
  The score (0-1) ranks; it is not a calibrated probability of error.
  Exit status: 0 no suspects, 1 suspects, 2 usage error or unreadable input.`;

const PREDICTION_EXTENSIONS = ['.txt', '.conll', '.bio', '.iob', '.tsv', '.jsonl', '.json', '.ann'];

/** A positive whole number flag, or undefined when absent. */
function countFlag(
  value: string | undefined,
  name: string,
  least: number,
  most = Infinity,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < least || number > most)
    throw new UsageError(
      `--${name} must be a whole number ${most === Infinity ? `of at least ${least}` : `from ${least} to ${most}`}`,
    );
  return number;
}

/**
 * The prediction files a path names: the file, or the files of known formats under a folder, walked
 * as a corpus folder is (a brat .txt goes with its .ann); each link left out is a warning.
 */
async function predictionFiles(target: string, io: CliIO): Promise<string[]> {
  const { documents, skipped } = await namedDocuments([target], {
    takes: (file) => PREDICTION_EXTENSIONS.includes(path.extname(file)),
    kind: `prediction file (${PREDICTION_EXTENSIONS.join(', ')})`,
  });
  warnSkipped(io, 'emend suspects', skipped);
  const files = documents.map((document) => document.path);
  const annotated = new Set(files.filter((file) => file.endsWith('.ann')));
  return files.filter((file) => !annotated.has(file.replace(/\.txt$/u, '.ann')));
}

/** Reads one prediction file into index, by its extension, returning its warnings; a bad file throws naming it and its line. */
async function addPredictions(file: string, index: PredictionIndex): Promise<ConvertMessage[]> {
  const extension = path.extname(file);
  const converted = (convert: () => BracketFile) => {
    const { doc, warnings } = convert();
    index.add(doc.text, doc.entities);
    return warnings;
  };
  try {
    if (extension === '.ann') {
      const base = file.slice(0, -'.ann'.length);
      const files = { ann: await readDocument(file), txt: await readDocument(`${base}.txt`) };
      return converted(() => importBrat(files));
    }
    const source = await readDocument(file);
    if (extension === '.txt') {
      const doc = parse(source);
      index.add(doc.text, doc.entities);
      return [];
    }
    if (extension === '.json') return converted(() => importLabelStudio(source));
    if (extension === '.jsonl') return addJsonl(source, index);
    return converted(() => importConll(source));
  } catch (error) {
    if (error instanceof ConvertError)
      throw new FileError('unreadable', file, `line ${error.line}: ${error.message}`);
    throw error;
  }
}

/** Whether a JSONL file holds Prodigy tasks: some record has a "spans" list, none a doccano list of spans. */
function holdsProdigyTasks(source: string): boolean {
  let spans = false;
  let doccano = false;
  forEachJsonLine(source, (value) => {
    const record = (value ?? {}) as Record<string, unknown>;
    spans ||= Array.isArray(record.spans);
    doccano ||= DOCCANO_SPAN_KEYS.some((key) => Array.isArray(record[key]));
  });
  return spans && !doccano;
}

/**
 * A JSONL file: Prodigy tasks or doccano records, by what they hold (with per-token probabilities
 * when given), else HF; returns the converter's warnings.
 */
function addJsonl(source: string, index: PredictionIndex): ConvertMessage[] {
  const warnings: ConvertMessage[] = [];
  let records;
  try {
    records = (holdsProdigyTasks(source) ? readProdigy : readJsonl)(source, warnings);
  } catch (error) {
    try {
      const { doc, warnings: hf } = importHf(source);
      index.add(doc.text, doc.entities);
      return hf;
    } catch {
      throw error;
    }
  }
  const probabilities = tokenProbabilitiesByLine(source);
  for (const { text, entities, line } of records) {
    const tokens = probabilities.get(line);
    if (tokens) checkTokenCount(text, tokens, line);
    index.add(text, entities, tokens);
  }
  return warnings;
}

/** Trains each fold of one ranking on the pool's threads, their shared feature table packed once. */
function threadTrainer(pool: WorkerPool<PackedFoldTask, TaggerModel>) {
  let features: PackedFeatures | undefined;
  return (task: FoldTask): Promise<TaggerModel> => {
    features ??= task.features.pack();
    return pool.run({ ...task, features });
  };
}

/** The fix in words: `relabel as ORG`, `untag`, `tag as ORG`, `retag "New York" as LOC`. */
function fixInWords({ suggestion }: Suspect): string {
  switch (suggestion.kind) {
    case 'relabel':
      return `relabel as ${suggestion.label}`;
    case 'remove':
      return 'untag';
    case 'add':
      return `tag as ${suggestion.label}`;
    case 'extent':
      return `retag ${quoted(suggestion.text)} as ${suggestion.label}`;
  }
}

/** A progress line at most ten times a second; nothing without a terminal. */
function progressReporter(io: CliIO) {
  let shown = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (!io.progress || (now - shown < 100 && done < total)) return;
    shown = now;
    io.progress(`suspects: ${Math.floor((100 * done) / total)}% (reading, training, scoring)`);
  };
}

export const suspectsCommand: Command = {
  summary: 'rank likely annotation errors, worst first, each with a fix',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      json: { type: 'boolean' },
      predictions: { type: 'string', multiple: true },
      folds: { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      labels: { type: 'string' },
      jobs: { type: 'string' },
      all: { type: 'boolean' },
    });
    const folds = countFlag(values.folds, 'folds', 2, MOST_FOLDS);
    const limit = countFlag(values.limit, 'limit', 1);
    const seed = countFlag(values.seed, 'seed', 0);
    const labels = labelsFlag(values.labels);
    const jobs = Math.min(jobsFlag(values.jobs), folds ?? DEFAULT_FOLDS);
    // Reading shows in the command's own progress line, not in one of the corpus's.
    const corpus = await openCorpus(positionals, {
      labels,
      io: { ...io, progress: undefined },
      command: 'suspects',
    });
    const dismissed = values.all ? null : await dismissalsOf(positionals);
    let predictions: PredictionIndex | undefined;
    for (const target of values.predictions ?? []) {
      predictions ??= new PredictionIndex();
      for (const file of await predictionFiles(target, io)) {
        for (const { line, message } of await addPredictions(file, predictions))
          warn(io, `${file}:${line}`, message);
      }
    }
    // Each document is read in turn, twice (encoding, then scoring): memory holds one at a time
    // (and, for --json, where each one's code points take two UTF-16 units).
    const codePoints = new Map<string, CodePointIndex>();
    // The documents read (as the summary counts them, as validate does): where none could be, the
    // model's caution (nothing tagged) is no news.
    const read = new Set<string>();
    const source: SuspectSource = {
      count: corpus.files.length,
      forEach: (visit) =>
        corpus.forEach(({ path, doc }) => {
          read.add(path);
          if (values.json && !codePoints.has(path)) codePoints.set(path, codePointIndex(doc.text));
          return visit({ path, doc });
        }),
    };
    const onProgress = progressReporter(io);
    const pool = jobs > 1 ? new WorkerPool<PackedFoldTask, TaggerModel>('fold-worker', jobs) : null;
    let ranking;
    try {
      // With dismissals to leave out, the limit is taken after them.
      const options = {
        folds,
        limit: dismissed ? undefined : limit,
        seed,
        labels,
        predictions,
        onProgress,
      };
      ranking = await rankSuspects(source, {
        ...options,
        ...(pool && { trainer: threadTrainer(pool) }),
      });
    } finally {
      io.progress?.('');
      await pool?.stop();
    }
    const { caution, unchecked, unusedLabels } = ranking;
    const kept = dismissed ? dismissed.leaveOut(ranking.suspects) : ranking.suspects;
    const suspects = kept.slice(0, limit);
    const dismissedCount = ranking.suspects.length - kept.length;
    if (caution && read.size > 0) warn(io, 'emend suspects', caution);
    if (unusedLabels.length > 0) warn(io, 'emend suspects', unusedLabelsMessage(unusedLabels));
    for (const { path, lines } of unchecked) {
      warn(
        io,
        `${path}:${lines[0]}`,
        lines.length === 1
          ? 'not checked for suspects: its markup is broken (emend validate names the problem)'
          : `${plural(lines.length, 'line')} not checked for suspects, from this one on: their markup is broken (emend validate names the problems)`,
      );
    }
    if (predictions && predictions.matched === 0) {
      warn(
        io,
        'emend suspects',
        `the predictions matched no line of the corpus (${plural(predictions.size, 'predicted line')}; ` +
          'lines are compared by their exact text): ' +
          'they were not weighed in. Are they of another corpus, or tokenized otherwise?',
      );
    }
    if (values.json) {
      const shaped = suspects.map((suspect) =>
        shapeForJson(suspect, codePoints.get(suspect.path)!),
      );
      const unreadable = corpus.unreadableListed();
      io.out(`${JSON.stringify({ suspects: shaped, dismissed: dismissedCount, unreadable })}\n`);
    } else {
      for (const suspect of suspects) {
        const label = suspect.label === null ? 'untagged' : suspect.label;
        io.out(
          `${suspect.path}:${suspect.line}:${suspect.column}: ${paint(io, 'yellow', suspect.kind)} ` +
            `${quoted(suspect.text)} ${label}: ${fixInWords(suspect)} ` +
            `(score ${suspect.score.toFixed(2)}): ${printable(suspect.reasons.join('; '))}\n`,
        );
      }
      if (dismissedCount > 0)
        io.err(
          `${plural(dismissedCount, 'suspect')} dismissed in Emend, not listed (--all lists ${dismissedCount === 1 ? 'it' : 'them'})\n`,
        );
      io.err(`${plural(read.size, 'file')}: ${plural(suspects.length, 'suspect')}\n`);
    }
    return corpus.reportUnreadable(io, 'suspects') ?? (suspects.length > 0 ? EXIT_FOUND : EXIT_OK);
  },
};

/**
 * The suspects dismissed in Emend, for PATH given alone as a corpus folder (its
 * .emend/suspects.json): keyed as the app keys them, by each document's path from the folder.
 */
async function dismissalsOf(
  positionals: readonly string[],
): Promise<{ leaveOut(suspects: readonly Suspect[]): Suspect[] } | null> {
  if (positionals.length !== 1 || !(await isFolder(positionals[0]))) return null;
  const root = positionals[0];
  const dismissals = new Dismissals(root);
  await dismissals.load();
  if (dismissals.size === 0) return null;
  return {
    leaveOut(suspects) {
      const asInEmend = suspects.map((suspect, index) => ({
        ...suspect,
        path: path.relative(root, suspect.path).split(path.sep).join('/'),
        index,
      }));
      return dismissals.undismissed(asInEmend).map(({ index }) => suspects[index]);
    },
  };
}

/**
 * Why labels of --labels are never proposed: no document uses them; a label used with other
 * letter case is named (labels are case-sensitive).
 */
function unusedLabelsMessage(unused: SuspectRanking['unusedLabels']): string {
  const named = unused.map(({ label, usedAs }) =>
    usedAs ? `${label} (the documents use ${usedAs}: labels are case-sensitive)` : label,
  );
  const them = unused.length === 1 ? 'it' : 'them';
  return `no document uses ${named.join(', ')}: the model cannot learn ${them}, and no fix proposes ${them}`;
}

/**
 * A suspect as --json prints it: all but its UTF-16 span and its sentence, an extent fix's
 * plain-text offsets in code points (as its columns).
 */
function shapeForJson(suspect: Suspect, offsets: CodePointIndex) {
  const {
    start: _start,
    end: _end,
    sentence: _sentence,
    sentenceStart: _sentenceStart,
    ...shown
  } = suspect;
  const { suggestion } = suspect;
  if (suggestion.kind !== 'extent') return shown;
  const [from, to] = [suggestion.from, suggestion.to].map(offsets.toCodePoint);
  return { ...shown, suggestion: { ...suggestion, from, to } };
}
