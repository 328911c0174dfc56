// Splits one line into what the view renders: plain pieces and entities, flagged for marks and selection.
import type { DocumentEntity, Entity } from '../format/document';
import { tagEnd } from '../format/tokens';
import type { DiagnosticSpan } from './diagnostic-spans';
import { invisibleOffsets } from './invisible-characters';
import type { ReviewSpan } from './review-marks';

/** A run of text with one set of flags; start/end are document offsets. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  selected: boolean;
  /** An HTML tag or what looks like an entity reference (`<a href=…>`, `&amp;`). */
  markup: boolean;
  /** One character that takes no room on screen (see invisible-characters), shown by a glyph. */
  invisible: boolean;
  /** Messages of the diagnostics marked on this run (without their place: the run is it). */
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

/** A character reference, or a `<` that may open an HTML tag (tagEnd says). */
const MARKUP_RUN = /<|&#?\w{1,32};/g;
const SEVERITY_RANK = { '': 0, info: 1, warning: 2, error: 3 } as const;

function markupRuns(text: string, start: number): Span[] {
  const runs: Span[] = [];
  MARKUP_RUN.lastIndex = 0;
  for (let match = MARKUP_RUN.exec(text); match; match = MARKUP_RUN.exec(text)) {
    const end = match[0] === '<' ? tagEnd(text, match.index) : match.index + match[0].length;
    if (end === -1) continue;
    MARKUP_RUN.lastIndex = end;
    runs.push({ start: start + match.index, end: start + end });
  }
  return runs;
}

interface Span {
  start: number;
  end: number;
}

const NONE: never[] = [];

/**
 * Spans met in order of position: asked at increasing offsets (the line's cuts), it says which spans
 * cover the run starting there and which start there, each in the spans' own order. One pass over
 * the line, however many pieces and spans it has (a check of every span per piece was quadratic).
 */
class SpanSweep<T extends Span> {
  private readonly byStart: number[];
  private next = 0;
  private active: number[] = [];
  /** The spans covering the run from the offset last asked (every span's end is a cut). */
  covering: readonly T[] = NONE;
  /** The spans starting at the offset last asked. */
  starting: readonly T[] = NONE;

  constructor(private readonly spans: readonly T[]) {
    this.byStart = spans.map((_, k) => k).sort((a, b) => spans[a].start - spans[b].start || a - b);
  }

  at(offset: number): void {
    let starting: T[] | null = null;
    let changed = false;
    for (; this.next < this.byStart.length; this.next++) {
      const k = this.byStart[this.next];
      const span = this.spans[k];
      if (span.start > offset) break;
      // Spans of one start come in their own order (the sort's tie-break).
      if (span.start === offset) (starting ??= []).push(span);
      this.active.push(k);
      changed = true;
    }
    this.starting = starting ?? NONE;
    if (changed || this.active.some((k) => this.spans[k].end <= offset)) {
      this.active = this.active.filter((k) => this.spans[k].end > offset).sort((a, b) => a - b);
      this.covering = this.active.length > 0 ? this.active.map((k) => this.spans[k]) : NONE;
    }
  }
}

/** The sweeps of a line's marks, moved together from cut to cut. */
interface LineSweeps {
  markup: SpanSweep<Span>;
  diagnostics: SpanSweep<DiagnosticSpan>;
  review: SpanSweep<ReviewSpan>;
  suggestions: SpanSweep<Entity>;
}

export function lineParts(line: LineContent): Part[] {
  const lineEnd = line.start + line.text.length;
  const markup = markupRuns(line.text, line.start);
  const cuts = new Set<number>([line.start, lineEnd]);
  const clamp = (offset: number) => Math.max(line.start, Math.min(offset, lineEnd));
  for (const entity of line.entities) cuts.add(clamp(entity.start)).add(clamp(entity.end));
  for (const span of line.diagnostics) cuts.add(clamp(span.start)).add(clamp(span.end));
  for (const run of markup) cuts.add(run.start).add(run.end);
  const invisible = new Set(invisibleOffsets(line.text).map((offset) => line.start + offset));
  for (const at of invisible) cuts.add(at).add(at + 1);
  for (const span of line.review ?? []) cuts.add(clamp(span.start)).add(clamp(span.end));
  for (const span of line.suggestions ?? []) cuts.add(clamp(span.start)).add(clamp(span.end));
  if (line.selection) cuts.add(clamp(line.selection.start)).add(clamp(line.selection.end));
  const points = [...cuts].sort((a, b) => a - b);

  const sweeps: LineSweeps = {
    markup: new SpanSweep(markup),
    diagnostics: new SpanSweep(line.diagnostics),
    review: new SpanSweep(line.review ?? []),
    suggestions: new SpanSweep(line.suggestions ?? []),
  };
  const moved = Object.values(sweeps);
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
    for (const sweep of moved) sweep.at(from);
    const piece = makePiece(line, from, to, sweeps, invisible.has(from));
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
  sweeps: LineSweeps,
  invisible: boolean,
): Piece {
  let severity: Piece['severity'] = '';
  for (const span of sweeps.diagnostics.covering)
    if (SEVERITY_RANK[span.diagnostic.severity] > SEVERITY_RANK[severity])
      severity = span.diagnostic.severity;
  // Messages alone: the pointer is on the token, and an edit before it on the line moving its column
  // would draw the token (and its segment) again.
  const problems = sweeps.diagnostics.covering.map(({ diagnostic }) => diagnostic.message);
  const selection = line.selection;
  const review = sweeps.review.covering;
  return {
    start: from,
    end: to,
    text: line.text.slice(from - line.start, to - line.start),
    invisible,
    selected: selection !== null && selection.start <= from && to <= selection.end && from < to,
    markup: sweeps.markup.covering.length > 0,
    problems: problems.join('\n'),
    severity,
    review: [...new Set(review.map((span) => span.kind))].join(' '),
    ghost: sweeps.review.starting.find((span) => span.kind === 'removed')?.label ?? '',
    suggested: sweeps.suggestions.covering[0]?.label ?? '',
    suggestion: sweeps.suggestions.starting[0]?.label ?? '',
  };
}

/** The same items in the same order (compared as objects). */
function sameItems<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((item, index) => item === b[index]);
}

/**
 * The same diagnostics at the same places: derived again after each edit, a line's diagnostics are
 * new objects though most say what they said, and the line is not drawn again for that.
 */
function sameDiagnostics(a: readonly DiagnosticSpan[], b: readonly DiagnosticSpan[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((span, index) => {
    const other = b[index];
    return (
      span.start === other.start &&
      span.end === other.end &&
      span.diagnostic.severity === other.diagnostic.severity &&
      span.diagnostic.message === other.diagnostic.message
    );
  });
}

function sameContent(a: LineContent, b: LineContent): boolean {
  return (
    a.start === b.start &&
    a.text === b.text &&
    a.selection?.start === b.selection?.start &&
    a.selection?.end === b.selection?.end &&
    sameItems(a.entities, b.entities) &&
    sameDiagnostics(a.diagnostics, b.diagnostics) &&
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
