// The fixes a markup problem offers, each one transaction (or a label-set change) with a preview of its line.
import { largest } from '../long-lists';
import type {
  BracketDocument,
  Diagnostic,
  DiagnosticCode,
  DocumentEntity,
} from '../format/document';
import { labelIgnoringCase } from '../format/labels';
import { lineEndFrom } from '../format/position';
import { parseWithDiagnostics } from '../format/parse';
import { serialize } from '../format/serialize';
import { tagSpans, tokenSpans } from '../format/tokens';
import { conflictBlocks, type ConflictBlock, type Span } from '../format/merge-conflicts';
import { applyTransaction, EditError, type Transaction } from './operations';
import { MAX_REWRITE_LENGTH, type Rewrite } from './rewrite';
import { plural } from '../plural';

export type QuickFixAction =
  | { kind: 'edit'; tx: Transaction }
  /** Adds labels to the corpus's label set (a settings change, not an edit of the file). */
  | { kind: 'add-labels'; labels: string[] };

export interface QuickFix {
  title: string;
  action: QuickFixAction;
  /**
   * Where the entity the fix closes starts in the plain text (a broken line's fixes): selected
   * after the fix, so that its boundaries can be adjusted at once.
   */
  selects?: number;
  /** The problem's line in the file as it is, and as the fix would write it. */
  before: string;
  after: string;
}

/** Which problem: its code and where the file had it. */
export type ProblemRef = Pick<Diagnostic, 'code' | 'line' | 'column'>;

/** The problem codes that have fixes. */
export const FIXABLE: ReadonlySet<DiagnosticCode> = new Set([
  'unclosed-entity',
  'glued-close',
  'glued-open',
  'mixed-close-style',
  'unknown-label',
  'stray-close',
  'markup-in-entity',
  'nested-entity',
  'entity-spans-lines',
  'empty-entity',
  'merge-conflict',
  'conflict-marker',
]);

/** The problems of an entity left open, whose fixes close it (or make its bracket text). */
const CLOSES_ENTITY: ReadonlySet<DiagnosticCode> = new Set([
  'unclosed-entity',
  'entity-spans-lines',
  'nested-entity',
]);

interface Found {
  source: string;
  read: BracketDocument;
  /** Every diagnostic of the source read. */
  diagnostics: readonly Diagnostic[];
  diagnostic: Diagnostic;
  /** The conflict block a merge-conflict problem is about. */
  block?: ConflictBlock;
}

/**
 * The fixes for a problem of the document as it is now (the file it would write is read again, so
 * edits since opening are taken into account); none when the problem is gone.
 */
export function quickFixes(doc: BracketDocument, problem: ProblemRef): QuickFix[] {
  if (!FIXABLE.has(problem.code)) return [];
  const source = serialize({ ...doc, bom: false });
  const { doc: read, diagnostics } = parseWithDiagnostics(source, {
    labels: doc.labels,
    bomRemoved: true,
  });
  const diagnostic = diagnostics
    .filter((candidate) => candidate.code === problem.code && candidate.line === problem.line)
    .sort((a, b) => Math.abs(a.column - problem.column) - Math.abs(b.column - problem.column))[0];
  if (!diagnostic) return [];
  const block =
    diagnostic.code === 'merge-conflict'
      ? conflictBlocks(source).find((candidate) => candidate.start === diagnostic.offset)
      : undefined;
  const found = { source, read, diagnostics, diagnostic, block };
  const fixes = proposals(doc, found);
  const selects = CLOSES_ENTITY.has(diagnostic.code)
    ? plainOffset(read, diagnostic.offset)
    : undefined;
  // A fix the editor would refuse (an entity read from the file off token boundaries) is left out.
  return fixes.flatMap(({ title, action }) => {
    try {
      const lines = preview(doc, found, action);
      return [{ title, action, ...(selects === undefined ? {} : { selects }), ...lines }];
    } catch (error) {
      if (error instanceof EditError) return [];
      throw error;
    }
  });
}

type Proposal = Pick<QuickFix, 'title' | 'action'>;

function rewrite(title: string, ...rewrites: Rewrite[]): Proposal {
  return { title, action: { kind: 'edit', tx: { ops: rewrites } } };
}

function insertAt(offset: number, insert: string): Rewrite {
  return { op: 'rewrite', offset, remove: '', insert };
}

function proposals(
  doc: BracketDocument,
  { source, read, diagnostics, diagnostic, block }: Found,
): Proposal[] {
  const at = diagnostic.offset;
  switch (diagnostic.code) {
    case 'glued-close':
      return [rewrite('Insert a space after the close marker', insertAt(at + 1, ' '))];
    case 'glued-open':
      return [rewrite('Insert a space before the open marker', insertAt(at, ' '))];
    case 'stray-close':
      return [rewrite('Remove the stray close marker', closeRemoved(source, at))];
    case 'unclosed-entity':
      return [...closeChoices(source, contentAfter(source, at), read.closeStyle), literal(at)];
    case 'entity-spans-lines': {
      // The close that starts the next line was this entity's: each fix takes it away too (it is
      // further on, so taken first: the other rewrite's offset stays as read).
      const orphan = closeRemoved(source, leadingCloseAfter(source, at));
      const content = contentAfter(source, at);
      return [...closeChoices(source, content, read.closeStyle), literal(at)].map(
        ({ title, action }) =>
          action.kind === 'edit'
            ? rewrite(title, orphan, ...(action.tx.ops as Rewrite[]))
            : { title, action },
      );
    }
    case 'nested-entity': {
      const content = contentAfter(source, at);
      const inner = innerOpen(source, content);
      const label = labelAt(source, at);
      const innerLabel = labelAt(source, inner);
      let before = inner;
      while (before > content && /\s/.test(source[before - 1])) before--;
      return [
        ...closeChoices(source, content, read.closeStyle, before),
        rewrite(`Unwrap the inner [${innerLabel} (its close then ends ${label})`, {
          op: 'rewrite',
          offset: inner,
          remove: `[${innerLabel} `,
          insert: '',
        }),
        literal(at),
      ];
    }
    case 'empty-entity': {
      const close = source.indexOf(']', at) + 1;
      const spaced =
        source[at - 1] === ' ' && (close === source.length || /\s/.test(source[close]));
      const start = spaced ? at - 1 : at;
      return [
        rewrite('Remove the empty entity', {
          op: 'rewrite',
          offset: start,
          remove: source.slice(start, close),
          insert: '',
        }),
      ];
    }
    case 'mixed-close-style': {
      const normalize = (offset: number): Rewrite => ({
        op: 'rewrite',
        offset,
        remove: source.slice(offset, source.indexOf(']', offset) + 1),
        insert: read.closeStyle,
      });
      const all = diagnostics
        .filter((other) => other.code === 'mixed-close-style')
        .map((other) => normalize(other.offset))
        .reverse(); // from the end, so each offset still holds when its turn comes
      const style = JSON.stringify(read.closeStyle);
      return [
        rewrite(`Write this close as ${style}`, normalize(at)),
        ...(all.length > 1
          ? [rewrite(`Write all ${all.length} differing closes as ${style}`, ...all)]
          : []),
      ];
    }
    case 'markup-in-entity': {
      const written = heldAt(read, read, source, at);
      if (!written) return [];
      const held = heldAt(doc, read, source, at);
      const words = held && withoutEdgeTags(doc.text, held);
      // The entity's markup is removed as text, so the fix holds even where untagging is refused.
      const open = `[${written.label} `;
      const closeAt = at + open.length + written.end - written.start;
      const close = written.close ?? read.closeStyle;
      return [
        ...(held && words
          ? [
              {
                title: `Keep only “${doc.text.slice(words.start, words.end)}” in the entity`,
                action: {
                  kind: 'edit' as const,
                  tx: { ops: [{ op: 'resize' as const, id: held.id, ...words }] },
                },
              },
            ]
          : []),
        rewrite(
          'Remove the entity, keeping its text',
          { op: 'rewrite', offset: closeAt, remove: close, insert: '' },
          { op: 'rewrite', offset: at, remove: open, insert: '' },
        ),
      ];
    }
    case 'merge-conflict': {
      if (!block) return [];
      const { ours, base, theirs } = block;
      const keep = (title: string, ...kept: Span[]) =>
        rewrite(title, ...removalsKeeping(source, block, kept));
      return [
        keep(`Keep ours (${lineCount(source, ours)})`, ours),
        keep(`Keep theirs (${lineCount(source, theirs)})`, theirs),
        keep('Keep both, ours first', ours, theirs),
        ...(base ? [keep(`Keep the base (${lineCount(source, base)})`, base)] : []),
      ];
    }
    case 'conflict-marker': {
      const feed = source.indexOf('\n', at);
      const line = { start: at, end: feed === -1 ? source.length : feed + 1 };
      return [rewrite('Remove the marker line', ...removals(source, [line]))];
    }
    case 'unknown-label': {
      const label = labelAt(source, at);
      const held = heldAt(doc, read, source, at);
      // `per` beside PER is PER mistyped: it is relabeled as PER first, never added (see labelIgnoringCase).
      const known = labelIgnoringCase(label, doc.labels);
      const targets = known
        ? [known, ...doc.labels.filter((other) => other !== known)]
        : doc.labels;
      const relabels: Proposal[] = held
        ? targets.map((target) => ({
            title: `Relabel as ${target}`,
            action: {
              kind: 'edit',
              tx: { ops: [{ op: 'relabel', id: held.id, label: target }] },
            },
          }))
        : [];
      if (known) return relabels;
      // Every label of the document outside the set (a corpus of its own labels, WNUT's say).
      const lacking = [
        ...new Set(
          diagnostics
            .filter(({ code }) => code === 'unknown-label')
            .map(({ offset }) => labelAt(source, offset))
            .filter((other) => !labelIgnoringCase(other, doc.labels)),
        ),
      ];
      const addAll: Proposal[] =
        lacking.length > 1
          ? [
              {
                title: `Add all ${lacking.length} labels this document uses that the set lacks: ${lacking.join(', ')}`,
                action: { kind: 'add-labels', labels: lacking },
              },
            ]
          : [];
      return [
        { title: `Add ${label} to the label set`, action: { kind: 'add-labels', labels: [label] } },
        ...addAll,
        ...relabels,
      ];
    }
    default:
      return [];
  }
}

/**
 * Rewrites that remove all of a conflict block but the kept sides (in order): from its end back,
 * so that each offset still holds when its turn comes, each in pieces a rewrite may hold.
 */
function removalsKeeping(source: string, block: ConflictBlock, kept: readonly Span[]): Rewrite[] {
  const gaps: Span[] = [];
  let from = block.start;
  for (const side of kept) {
    gaps.push({ start: from, end: side.start });
    from = side.end;
  }
  gaps.push({ start: from, end: block.end });
  return removals(source, gaps);
}

/** Rewrites removing spans of the source (in order, none overlapping): from the last back, in pieces. */
function removals(source: string, spans: readonly Span[]): Rewrite[] {
  return [...spans].reverse().flatMap(({ start, end }) => {
    const pieces: Rewrite[] = [];
    for (let at = start; at < end;) {
      let next = Math.min(end, at + MAX_REWRITE_LENGTH);
      // A piece never ends between the two halves of a surrogate pair.
      if (next < end && /[\uD800-\uDBFF]/.test(source[next - 1])) next--;
      pieces.push({ op: 'rewrite', offset: start, remove: source.slice(at, next), insert: '' });
      at = next;
    }
    return pieces;
  });
}

/** How many lines a side of a conflict holds, in words. */
function lineCount(source: string, side: Span): string {
  return plural(source.slice(side.start, side.end).split('\n').length - 1, 'line');
}

/** The label written after the `[` at offset. */
function labelAt(source: string, offset: number): string {
  return source.slice(offset + 1, source.indexOf(' ', offset));
}

/** The document's entity whose `[` is at offset in the written file. */
function heldAt(
  doc: BracketDocument,
  read: BracketDocument,
  source: string,
  offset: number,
): DocumentEntity | undefined {
  const start = plainOffset(read, offset);
  const label = labelAt(source, offset);
  return doc.entities.find((candidate) => candidate.start === start && candidate.label === label);
}

/**
 * The entity's extent without the tags at its edges (`DELL</pre>` → `DELL`), or null when that is
 * all it has or there are none to drop.
 */
function withoutEdgeTags(
  text: string,
  entity: DocumentEntity,
): { start: number; end: number } | null {
  const content = text.slice(entity.start, entity.end);
  const tags = tagSpans(content);
  const words = tokenSpans(content).filter(
    ([start, end]) => !tags.some(([tagStart, tagEnd]) => tagStart <= start && end <= tagEnd),
  );
  if (words.length === 0) return null;
  const start = entity.start + words[0][0];
  const end = entity.start + words[words.length - 1][1];
  return start === entity.start && end === entity.end ? null : { start, end };
}

/** Where a source offset outside entity markup (an entity's `[`) falls in the plain text. */
function plainOffset(read: BracketDocument, offset: number): number {
  let markup = 0;
  for (const entity of read.entities) {
    if (entity.start + markup >= offset) break;
    markup += entity.label.length + 2 + (entity.close?.length ?? 0);
  }
  return offset - markup;
}

/** Where the tokens from `from` stop: at the line end or a bracket, without trailing spaces. */
function tokenRunEnd(source: string, from: number): number {
  let end = from;
  while (end < source.length && !'\r\n[]'.includes(source[end])) end++;
  while (end > from && /\s/.test(source[end - 1])) end--;
  return end;
}

/** The `[` of the first entity opened after from, on its line (the scan found one). */
function innerOpen(source: string, from: number): number {
  for (let at = source.indexOf('[', from); at !== -1; at = source.indexOf('[', at + 1)) {
    if (/^\[\p{L}[\p{L}\p{N}_-]* /u.test(source.slice(at, at + 200))) return at;
  }
  return source.length;
}

/** Where the content of the entity opened at `open` starts: after its label's space, on its line. */
function contentAfter(source: string, open: number): number {
  const space = source.indexOf(' ', open);
  const feed = source.indexOf('\n', open);
  return space !== -1 && (feed === -1 || space < feed)
    ? space + 1
    : feed === -1
      ? source.length
      : feed;
}

/** The close marker that starts the line after the one at `from` (before any `[`; the scan found one). */
function leadingCloseAfter(source: string, from: number): number {
  for (let at = source.indexOf('\n', from) + 1; at < source.length; at++) {
    if (source[at] === ']' && source[at - 1] === ' ') return at;
  }
  return source.length;
}

/** Removes the close marker at `at` with the spaces before it. */
function closeRemoved(source: string, at: number): Rewrite {
  let start = at;
  while (start > 0 && source[start - 1] === ' ') start--;
  return { op: 'rewrite', offset: start, remove: source.slice(start, at + 1), insert: '' };
}

/**
 * Closing the entity whose content starts at `content` after each of its tokens up to `end` (by
 * default the end of its run of text): the end of the run of capitalized tokens it starts with first
 * (the likely name), then the others in order.
 */
function closeChoices(
  source: string,
  content: number,
  close: string,
  end = tokenRunEnd(source, content),
): Proposal[] {
  const tokens = tokenSpans(source.slice(content, end));
  if (tokens.length === 0) return [];
  let likely = 0;
  const capitalized = ([start]: [number, number]) => /^\p{Lu}/u.test(source.slice(content + start));
  if (capitalized(tokens[0]))
    while (likely + 1 < tokens.length && capitalized(tokens[likely + 1])) likely++;
  const order = [likely, ...[...tokens.keys()].filter((index) => index !== likely)];
  return order.map((index) => {
    const after = content + tokens[index][1];
    return rewrite(`Close it after “${source.slice(content, after)}”`, insertAt(after, close));
  });
}

function literal(open: number): Proposal {
  return rewrite('Make the bracket literal text', insertAt(open + 1, ' '));
}

/**
 * The problem's line before and after the fix (no fix adds or removes a line but a merge
 * conflict's, whose preview is the block and what it leaves).
 */
function preview(
  doc: BracketDocument,
  { source, diagnostic, block }: Found,
  action: QuickFixAction,
): { before: string; after: string } {
  const start = block?.start ?? lineStartOf(source, diagnostic.line);
  const rewrites =
    action.kind === 'edit' && action.tx.ops.every((op) => op.op === 'rewrite')
      ? (action.tx.ops as Rewrite[])
      : null;
  // The problem's line, and on to the last line a rewrite reaches (an orphaned close taken too).
  const end = block
    ? block.end
    : largest(
        (rewrites ?? []).map(({ offset, remove }) => lineEndFrom(source, offset + remove.length)),
        lineEndFrom(source, start),
      );
  const shown = source.slice(start, end);
  const before = previewLines(shown);
  if (action.kind !== 'edit') return { before, after: before };
  if (rewrites) {
    // Rewrites of the source, in the order given: only those within what is shown show in it.
    let after = shown;
    for (const { offset, remove, insert } of rewrites) {
      const at = offset - start;
      if (at >= 0 && at <= shown.length)
        after = after.slice(0, at) + insert + after.slice(at + remove.length);
    }
    return { before, after: previewLines(after) };
  }
  const fixed = applyTransaction(doc, action.tx).doc;
  return { before, after: lineOf(serialize({ ...fixed, bom: false }), diagnostic.line) };
}

/** Lines as a preview shows them: no carriage returns, no last line break. */
const previewLines = (text: string) => text.replace(/\r?\n$/, '').replace(/\r$/gm, '');

function lineStartOf(text: string, line: number): number {
  let start = 0;
  for (let n = 1; n < line; n++) start = text.indexOf('\n', start) + 1;
  return start;
}

function lineOf(text: string, line: number): string {
  const start = lineStartOf(text, line);
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
