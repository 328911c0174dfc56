// Splits one line into what the view renders: plain pieces and entities, flagged for marks and selection.
import type { DocumentEntity, Entity } from '../format/document';
import type { DiagnosticSpan } from './diagnostic-spans';
import { invisibleOffsets } from './invisible-characters';
import type { ReviewSpan } from './review-marks';

/** A run of text with one set of flags; start/end are document offsets. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  selected: boolean;
  /** Looks like HTML markup or an entity reference (`<a href=…>`, `&amp;`). */
  markup: boolean;
  /** One character that takes no room on screen (see invisible-characters), shown by a glyph. */
  invisible: boolean;
  /** Messages of the diagnostics marked on this run. */
  problems: string;
  severity: '' | 'error' | 'warning' | 'info';
  /** Review marks on this run: `removed`, `old-extent`, `text` (space-separated), or ''. */
  review: string;
  /** The label of a removed entity that starts here, shown as a ghost chip before the run. */
  ghost: string;
  /** The label of the suggested (likely missing) entity the run is in, or ''. */
  suggested: string;
  /** The label of a suggested entity that starts here, shown as a dashed chip before the run. */
  suggestion: string;
}

export type Part =
  | { kind: 'text'; start: number; pieces: Piece[] }
  | { kind: 'entity'; start: number; entity: DocumentEntity; pieces: Piece[] };

export interface LineContent {
  /** Document offset of the line's first character. */
  start: number;
  text: string;
  /** Entities starting on the line, sorted. */
  entities: readonly DocumentEntity[];
  diagnostics: readonly DiagnosticSpan[];
  selection: { start: number; end: number } | null;
  /** Review spans touching the line (while reviewing). */
  review?: readonly ReviewSpan[];
  /** Suggested entities (likely missing ones) touching the line, sorted. */
  suggestions?: readonly Entity[];
}

const MARKUP_RUN = /<[^<>\n]*>|&#?\w{1,32};/g;
const SEVERITY_RANK = { '': 0, info: 1, warning: 2, error: 3 } as const;

function markupRuns(text: string, start: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  MARKUP_RUN.lastIndex = 0;
  for (let match = MARKUP_RUN.exec(text); match; match = MARKUP_RUN.exec(text)) {
    runs.push([start + match.index, start + match.index + match[0].length]);
  }
  return runs;
}

export function lineParts(line: LineContent): Part[] {
  const lineEnd = line.start + line.text.length;
  const markup = markupRuns(line.text, line.start);
  const cuts = new Set<number>([line.start, lineEnd]);
  const clamp = (offset: number) => Math.max(line.start, Math.min(offset, lineEnd));
  for (const entity of line.entities) cuts.add(clamp(entity.start)).add(clamp(entity.end));
  for (const span of line.diagnostics) cuts.add(clamp(span.start)).add(clamp(span.end));
  for (const [from, to] of markup) cuts.add(from).add(to);
  const invisible = new Set(invisibleOffsets(line.text).map((offset) => line.start + offset));
  for (const at of invisible) cuts.add(at).add(at + 1);
  for (const span of line.review ?? []) cuts.add(clamp(span.start)).add(clamp(span.end));
  for (const span of line.suggestions ?? []) cuts.add(clamp(span.start)).add(clamp(span.end));
  if (line.selection) cuts.add(clamp(line.selection.start)).add(clamp(line.selection.end));
  const points = [...cuts].sort((a, b) => a - b);

  const parts: Part[] = [];
  let entityIndex = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    while (entityIndex < line.entities.length && line.entities[entityIndex].end <= from)
      entityIndex++;
    const entity = line.entities[entityIndex];
    const inEntity = entity !== undefined && entity.start <= from && to <= entity.end;
    // Cut before and after each one, a piece starting at an invisible character is that character.
    const piece = makePiece(line, from, to, markup, invisible.has(from));
    const last = parts[parts.length - 1];
    if (inEntity) {
      if (last?.kind === 'entity' && last.entity === entity) last.pieces.push(piece);
      else parts.push({ kind: 'entity', start: from, entity, pieces: [piece] });
    } else if (last?.kind === 'text') {
      last.pieces.push(piece);
    } else {
      parts.push({ kind: 'text', start: from, pieces: [piece] });
    }
  }
  return parts;
}

function makePiece(
  line: LineContent,
  from: number,
  to: number,
  markup: Array<[number, number]>,
  invisible: boolean,
): Piece {
  const problems: string[] = [];
  let severity: Piece['severity'] = '';
  for (const span of line.diagnostics) {
    if (span.start <= from && to <= span.end) {
      problems.push(
        `line ${span.diagnostic.line}:${span.diagnostic.column} ${span.diagnostic.message}`,
      );
      if (SEVERITY_RANK[span.diagnostic.severity] > SEVERITY_RANK[severity])
        severity = span.diagnostic.severity;
    }
  }
  const selection = line.selection;
  const review = (line.review ?? []).filter((span) => span.start <= from && to <= span.end);
  return {
    start: from,
    end: to,
    text: line.text.slice(from - line.start, to - line.start),
    invisible,
    selected: selection !== null && selection.start <= from && to <= selection.end && from < to,
    markup: markup.some(([a, b]) => a <= from && to <= b),
    problems: problems.join('\n'),
    severity,
    review: [...new Set(review.map((span) => span.kind))].join(' '),
    ghost: review.find((span) => span.kind === 'removed' && span.start === from)?.label ?? '',
    suggested: line.suggestions?.find((span) => span.start <= from && to <= span.end)?.label ?? '',
    suggestion: line.suggestions?.find((span) => span.start === from)?.label ?? '',
  };
}

/** The same items in the same order (compared as objects). */
function sameItems<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((item, index) => item === b[index]);
}

function sameContent(a: LineContent, b: LineContent): boolean {
  return (
    a.start === b.start &&
    a.text === b.text &&
    a.selection?.start === b.selection?.start &&
    a.selection?.end === b.selection?.end &&
    sameItems(a.entities, b.entities) &&
    sameItems(a.diagnostics, b.diagnostics) &&
    sameItems(a.review, b.review) &&
    sameItems(a.suggestions, b.suggestions)
  );
}

/**
 * The parts of the rendered lines, made again only for a line whose content changed: after an
 * edit, the other lines keep their parts (the same array), so the view leaves them alone.
 */
export class LinePartsCache {
  private made = new Map<number, { line: LineContent; parts: Part[] }>();
  private asked = new Map<number, { line: LineContent; parts: Part[] }>();

  /** The parts of the line with this index. */
  partsOf(index: number, line: LineContent): Part[] {
    const known = this.made.get(index);
    const parts = known && sameContent(known.line, line) ? known.parts : lineParts(line);
    this.asked.set(index, { line, parts });
    return parts;
  }

  /** Keeps only the lines asked for since the last sweep. */
  sweep(): void {
    this.made = this.asked;
    this.asked = new Map();
  }
}
