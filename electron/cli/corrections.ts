// `emend tag`, `relabel` and `untag`: corpus-wide corrections on exact text, written back surgically.
import { stat } from 'node:fs/promises';
import { plural } from '../../shared/plural';
import type { BracketDocument, DocumentEntity } from '../../shared/format/document';
import { isValidLabel } from '../../shared/format/labels';
import { entityTextProblem, serialize } from '../../shared/format/serialize';
import { isTokenEnd, isTokenStart } from '../../shared/format/tokens';
import { entitiesOverlapping } from '../../shared/model/gestures';
import { lineIndexAt, lineStarts } from '../../shared/format/position';
import { linesWithOpenMarkup } from '../../shared/format/validate';
import { applyTransaction, EditError, type Operation } from '../../shared/model/operations';
import { forTerminal, parseFlags, UsageError, warn, type CliIO, type Command } from './io';
import { Corpus, openCorpus, type CorpusDocument } from './corpus-files';
import type { NamedDocument } from './document-tree';
import { writeAllOrNothing } from './outputs';
import { checkFileWritable } from '../workspace/atomic-write';
import { unifiedDiff } from './unified-diff';
import { FileError, formatBytes } from '../workspace/file-error';
import { MAX_DOCUMENT_BYTES } from '../workspace/read-document';

type FlagValues = Record<string, string | boolean | undefined>;

interface Correction {
  summary: string;
  usage: string;
  flags: Record<string, { type: 'string' | 'boolean' }>;
  /** Checks the flags; returns the labels the correction writes (to warn about unknown ones). */
  check(values: FlagValues): string[];
  /** The operations on doc; file: its path and how many bytes it may grow by (see MAX_DOCUMENT_BYTES). */
  plan(doc: BracketDocument, values: FlagValues, file: { path: string; room: number }): Operation[];
}

const DRY_RUN_HELP = `  --dry-run   print a unified diff and write nothing
  A label not in a document's label set is warned about. Every file is written or none is.
  What was done is said on stderr; stdout holds only the dry run's diff.
  Exit status: 0 done, 1 an edit skipped, named on stderr (a tag inside an HTML tag or comment, on a
  line whose markup is broken or overlapping one tagged first; any edit whose bytes would read back
  as other entities; the rest written), 2 usage error or a file that cannot be read or written
  (nothing written).`;

function requireLabel(values: FlagValues, flag: string): string {
  const label = values[flag];
  if (typeof label !== 'string') throw new UsageError(`--${flag} is required`);
  if (!isValidLabel(label)) throw new UsageError(`--${flag} "${label}" is not a valid label`);
  return label;
}

function textFlag(values: FlagValues): string | undefined {
  const text = values.text;
  if (typeof text !== 'string') return undefined;
  const problem = entityTextProblem(text);
  if (problem) throw new UsageError(`--text cannot be an entity: ${problem}`);
  return text;
}

const matchesText = (doc: BracketDocument, entity: DocumentEntity, text: string | undefined) =>
  text === undefined || doc.text.slice(entity.start, entity.end) === text;

/** Untagged occurrences of text on whole tokens (token-aligned, overlapping no entity), at most `most`. */
function untaggedOccurrences(
  doc: BracketDocument,
  text: string,
  most: number,
): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (
    let at = doc.text.indexOf(text);
    at !== -1 && found.length < most;
    at = doc.text.indexOf(text, at + 1)
  ) {
    const end = at + text.length;
    if (!isTokenStart(doc.text, at) || !isTokenEnd(doc.text, end)) continue;
    if (entitiesOverlapping(doc.entities, at, end).length > 0) continue;
    found.push([at, end]);
  }
  return found;
}

const tagCorrection: Correction = {
  summary: 'tag untagged occurrences of a text with a label',
  usage: `Usage: emend tag --text STR --label L [--dry-run] PATH...
  Tags every untagged occurrence of STR (exact text, whole tokens) with label L.
${DRY_RUN_HELP}`,
  flags: { text: { type: 'string' }, label: { type: 'string' } },
  check(values) {
    if (textFlag(values) === undefined) throw new UsageError('--text is required');
    return [requireLabel(values, 'label')];
  },
  plan(doc, values, file) {
    const [text, label] = [values.text as string, values.label as string];
    const ops = tagOperations(doc, text, label, file.room);
    if (ops === null) {
      throw new FileError(
        'too-large',
        file.path,
        `tagging every ${JSON.stringify(text)} would make it larger than the ${formatBytes(MAX_DOCUMENT_BYTES)} Emend reads`,
      );
    }
    return ops;
  },
};

/**
 * The adds that tag every untagged occurrence of text with label, or null when they would not fit
 * in room bytes (each adds at least `[LABEL ` and ` ]`), found without listing more than would fit.
 */
export function tagOperations(
  doc: BracketDocument,
  text: string,
  label: string,
  room: number,
): Operation[] | null {
  const most = Math.floor(room / (Buffer.byteLength(label) + 4));
  const found = untaggedOccurrences(doc, text, most + 1);
  if (found.length > most) return null;
  return found.map(([start, end], index) => ({
    op: 'add',
    entity: { id: doc.nextId + index, start, end, label },
  }));
}

const relabelCorrection: Correction = {
  summary: 'change the label of entities (optionally only those with a text)',
  usage: `Usage: emend relabel [--text STR] --from L --to M [--dry-run] PATH...
  Relabels every entity labelled L (and whose text is STR, if given) to M.
${DRY_RUN_HELP}`,
  flags: { text: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  check(values) {
    textFlag(values);
    requireLabel(values, 'from');
    return [requireLabel(values, 'to')];
  },
  plan(doc, values) {
    const text = textFlag(values);
    return doc.entities
      .filter((entity) => entity.label === values.from && matchesText(doc, entity, text))
      .filter((entity) => entity.label !== values.to)
      .map((entity) => ({ op: 'relabel', id: entity.id, label: values.to as string }));
  },
};

const untagCorrection: Correction = {
  summary: 'remove entities with a text and/or a label',
  usage: `Usage: emend untag [--text STR] [--label L] [--dry-run] PATH...
  Removes every entity whose text is STR and/or whose label is L (at least one is required).
${DRY_RUN_HELP}`,
  flags: { text: { type: 'string' }, label: { type: 'string' } },
  check(values) {
    const text = textFlag(values);
    if (values.label !== undefined) requireLabel(values, 'label');
    if (text === undefined && values.label === undefined) {
      throw new UsageError('give --text, --label or both (untag never removes every entity)');
    }
    return [];
  },
  plan(doc, values) {
    const text = textFlag(values);
    return doc.entities
      .filter((entity) => values.label === undefined || entity.label === values.label)
      .filter((entity) => matchesText(doc, entity, text))
      .map((entity) => ({ op: 'remove', id: entity.id }));
  },
};

interface Applied {
  doc: BracketDocument;
  applied: number;
  /** Operations the edit model refused, with the line of the entity each was about. */
  skipped: Array<{ line: number; message: string }>;
}

/** Where in the text an operation of a correction applies (corrections make no text rewrites). */
function operationStart(doc: BracketDocument, op: Operation): number {
  if (op.op === 'add') return op.entity.start;
  if (op.op === 'rewrite') return 0;
  return doc.entities.find((entity) => entity.id === op.id)?.start ?? 0;
}

/**
 * The operations as one transaction; when one is refused, each on its own, skipping the refused.
 * A tag on a line whose markup is broken is skipped first: it would nest in that markup.
 */
function applyCorrection(doc: BracketDocument, planned: Operation[]): Applied {
  const starts = lineStarts(doc.text);
  const lineOf = (op: Operation) => lineIndexAt(starts, operationStart(doc, op)) + 1;
  const openMarkup = linesWithOpenMarkup(doc);
  const skipped: Applied['skipped'] = [];
  const ops = planned.filter((op) => {
    const nests = op.op === 'add' && openMarkup.has(lineOf(op));
    if (nests)
      skipped.push({ line: lineOf(op), message: 'its line has broken markup: repair it first' });
    return !nests;
  });
  try {
    return { doc: applyTransaction(doc, { ops }).doc, applied: ops.length, skipped };
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
  }
  let current = doc;
  let applied = 0;
  for (const op of ops) {
    try {
      current = applyTransaction(current, { ops: [op] }).doc;
      applied++;
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      skipped.push({ line: lineOf(op), message: error.message });
    }
  }
  return { doc: current, applied, skipped };
}

function commandFor(commandName: string, correction: Correction): Command {
  return {
    summary: correction.summary,
    usage: correction.usage,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, {
        ...correction.flags,
        'dry-run': { type: 'boolean' },
      });
      const written = correction.check(values);
      // Planned twice per file (to list, then to write), each time against the room it has to grow.
      const plan = ({ path, doc, source }: Pick<CorpusDocument, 'path' | 'doc' | 'source'>) =>
        correction.plan(doc, values, {
          path,
          room: MAX_DOCUMENT_BYTES - Buffer.byteLength(source),
        });
      const dryRun = values['dry-run'] === true;
      const corpus = await openCorpus(positionals, { io });
      // First pass: plan every file; only which files change is kept (and a dry run's diffs, printed
      // once every file it changes is known to be writable: a refused run prints no patch).
      const targets: NamedDocument[] = [];
      const diffs: string[] = [];
      let changes = 0;
      let skipped = 0;
      // Each label outside a label set is warned of once, at the first file the run changes.
      const warned = new Set<string>();
      await corpus.forEach(({ path, relative, source, doc }) => {
        const ops = plan({ path, doc, source });
        if (ops.length === 0) return;
        for (const label of written) {
          const outside = `${label}\n${doc.labels.join(', ')}`;
          if (doc.labels.includes(label) || warned.has(outside)) continue;
          warned.add(outside);
          warn(
            io,
            `emend ${commandName}`,
            `${path}: label ${label} is not in the label set (${doc.labels.join(', ')})`,
          );
        }
        const result = applyCorrection(doc, ops);
        for (const refused of result.skipped) {
          warn(io, `${path}:${refused.line}`, `skipped: ${refused.message}`);
        }
        skipped += result.skipped.length;
        if (result.applied === 0) return;
        changes += result.applied;
        targets.push({ path, relative });
        if (dryRun) diffs.push(forTerminal(io, unifiedDiff(path, source, serialize(result.doc))));
      });
      // Files that cannot be read stop the run before any is written: each named, as every refusal.
      const unreadable = corpus.reportUnreadable(io, commandName, 'nothing written');
      if (unreadable !== undefined) return unreadable;
      if (dryRun) {
        // A dry run refuses what the run would: a file it may not write.
        for (const { path } of targets) {
          await checkFileWritable(path, await stat(path)).catch((error: unknown) => {
            if (error instanceof Error) error.message += '; the run would write nothing';
            throw error;
          });
        }
        for (const diff of diffs) io.out(diff);
      } else {
        // Second pass: each file that changes, read again and staged before the next is read; all
        // are put in place once every one is staged, so a failure leaves every file as it was.
        await writeAllOrNothing(io, commandName, (batch) =>
          new Corpus(targets, corpus.folders, { io }).forEach(
            async (file) =>
              batch.stage(
                file.path,
                serialize(applyCorrection(file.doc, plan(file)).doc),
                file.source,
              ),
            { strict: true },
          ),
        );
      }
      const files = plural(targets.length, 'file');
      const skippedNote = skipped > 0 ? `, ${skipped} skipped` : '';
      const summary = `${plural(changes, 'change')} in ${files}${skippedNote}${dryRun ? ' (dry run, nothing written)' : ''}\n`;
      // On stderr, dry run or not: what was written never hangs on an output that cannot be written.
      io.err(summary);
      return skipped > 0 ? 1 : 0;
    },
  };
}

export const tag = commandFor('tag', tagCorrection);
export const relabel = commandFor('relabel', relabelCorrection);
export const untag = commandFor('untag', untagCorrection);
