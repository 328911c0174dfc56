// The fixes a markup problem offers, each one transaction (or a label-set change) with a preview of its line.
import type {
  BracketDocument,
  Diagnostic,
  DiagnosticCode,
  DocumentEntity,
} from '../format/document';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { tagSpans, tokenSpans } from '../format/tokens';
import { applyTransaction, type Transaction } from './operations';
import type { Rewrite } from './rewrite';

export type QuickFixAction =
  | { kind: 'edit'; tx: Transaction }
  /** Adds the label to the corpus's label set (a settings change, not an edit of the file). */
  | { kind: 'add-label'; label: string };

export interface QuickFix {
  title: string;
  action: QuickFixAction;
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
  'mixed-close-style',
  'unknown-label',
  'stray-close',
  'markup-in-entity',
]);

interface Found {
  source: string;
  read: BracketDocument;
  diagnostic: Diagnostic;
}

/**
 * The fixes for a problem of the document as it is now (the file it would write is read again, so
 * edits since opening are taken into account); none when the problem is gone.
 */
export function quickFixes(doc: BracketDocument, problem: ProblemRef): QuickFix[] {
  if (!FIXABLE.has(problem.code)) return [];
  const source = serialize({ ...doc, bom: false });
  const read = parse(source, { labels: doc.labels });
  const diagnostic = read.diagnostics
    .filter((candidate) => candidate.code === problem.code && candidate.line === problem.line)
    .sort((a, b) => Math.abs(a.column - problem.column) - Math.abs(b.column - problem.column))[0];
  if (!diagnostic) return [];
  const found = { source, read, diagnostic };
  const fixes = proposals(doc, found);
  return fixes.map(({ title, action }) => ({
    title,
    action,
    ...preview(doc, found, action),
  }));
}

type Proposal = Pick<QuickFix, 'title' | 'action'>;

function rewrite(title: string, ...rewrites: Rewrite[]): Proposal {
  return { title, action: { kind: 'edit', tx: { ops: rewrites } } };
}

function insertAt(offset: number, insert: string): Rewrite {
  return { op: 'rewrite', offset, remove: '', insert };
}

function proposals(doc: BracketDocument, { source, read, diagnostic }: Found): Proposal[] {
  const at = diagnostic.offset;
  switch (diagnostic.code) {
    case 'glued-close':
      return [rewrite('Insert a space after the close marker', insertAt(at + 1, ' '))];
    case 'stray-close': {
      let start = at;
      while (start > 0 && source[start - 1] === ' ') start--;
      const remove = source.slice(start, at + 1);
      return [
        rewrite('Remove the stray close marker', {
          op: 'rewrite',
          offset: start,
          remove,
          insert: '',
        }),
      ];
    }
    case 'unclosed-entity': {
      const literal = rewrite('Make the bracket literal text', insertAt(at + 1, ' '));
      const content = source.indexOf(' ', at) + 1;
      const run = tokenRunEnd(source, content);
      if (run <= content) return [literal];
      const firstToken = firstTokenEnd(source, content, run);
      const closeAfter = (end: number) =>
        rewrite(`Close it after “${source.slice(content, end)}”`, insertAt(end, read.closeStyle));
      return [closeAfter(run), ...(firstToken < run ? [closeAfter(firstToken)] : []), literal];
    }
    case 'mixed-close-style': {
      const normalize = (offset: number): Rewrite => ({
        op: 'rewrite',
        offset,
        remove: source.slice(offset, source.indexOf(']', offset) + 1),
        insert: read.closeStyle,
      });
      const all = read.diagnostics
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
      const held = heldAt(doc, read, source, at);
      if (!held) return [];
      const words = withoutEdgeTags(doc.text, held);
      const { id } = held;
      return [
        ...(words
          ? [
              {
                title: `Keep only “${doc.text.slice(words.start, words.end)}” in the entity`,
                action: {
                  kind: 'edit' as const,
                  tx: { ops: [{ op: 'resize' as const, id, ...words }] },
                },
              },
            ]
          : []),
        {
          title: 'Remove the entity, keeping its text',
          action: { kind: 'edit', tx: { ops: [{ op: 'remove', id }] } },
        },
      ];
    }
    case 'unknown-label': {
      const label = labelAt(source, at);
      const held = heldAt(doc, read, source, at);
      return [
        { title: `Add ${label} to the label set`, action: { kind: 'add-label', label } },
        ...(held
          ? doc.labels.map((known) => ({
              title: `Relabel as ${known}`,
              action: {
                kind: 'edit' as const,
                tx: { ops: [{ op: 'relabel' as const, id: held.id, label: known }] },
              },
            }))
          : []),
      ];
    }
    default:
      return [];
  }
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
  const start = entityStartAt(read, offset);
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

/** The plain-text start of the entity whose `[` is at offset in the written file. */
function entityStartAt(read: BracketDocument, offset: number): number {
  let markup = 0;
  for (const entity of read.entities) {
    const open = entity.start + markup;
    if (open === offset) return entity.start;
    if (open > offset) break;
    markup += entity.label.length + 2 + (entity.close?.length ?? 0);
  }
  return -1;
}

/** Where the tokens from `from` stop: at the line end or a bracket, without trailing spaces. */
function tokenRunEnd(source: string, from: number): number {
  let end = from;
  while (end < source.length && !'\r\n[]'.includes(source[end])) end++;
  while (end > from && /\s/.test(source[end - 1])) end--;
  return end;
}

function firstTokenEnd(source: string, from: number, limit: number): number {
  let end = from;
  while (end < limit && !/\s/.test(source[end])) end++;
  return end;
}

/** The problem's line before and after the fix (no fix adds or removes a line). */
function preview(
  doc: BracketDocument,
  { source, diagnostic }: Found,
  action: QuickFixAction,
): { before: string; after: string } {
  const before = lineOf(source, diagnostic.line);
  if (action.kind !== 'edit') return { before, after: before };
  const fixed = applyTransaction(doc, action.tx).doc;
  return { before, after: lineOf(serialize({ ...fixed, bom: false }), diagnostic.line) };
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
