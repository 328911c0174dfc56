// Parses bracket-annotated text into plain text + flat entities, and finds its problems, never throwing and never losing a byte.
import {
  DEFAULT_LABELS,
  type BracketDocument,
  type Diagnostic,
  type DiagnosticCode,
  type DocumentEntity,
  type LineEnding,
  type Severity,
} from './document';
import { conflictBlocks, strayMarkers } from './merge-conflicts';
import { endsLinesWithReturns, locateOffsets, LONE_RETURNS } from './position';
import {
  CloseTally,
  closeDiffersMessage,
  closeSpaces,
  scanEntities,
  type CloseStyleOf,
  type ScanSink,
} from './scan';

export interface ParseOptions {
  /** The label set; a label outside it is a warning. Defaults to PER, LOC, ORG, MISC. */
  labels?: readonly string[];
  /**
   * The source is a file's text with its byte order mark already taken off (as edits address it),
   * so a leading U+FEFF is text, not a second byte order mark.
   */
  bomRemoved?: boolean;
  /**
   * The close marker of the file the source is a part of (or how to find it): it decides whether a
   * `]` after one space closes an entity of a label outside the set (see scanEntities). Left out,
   * the source is taken for a whole file.
   */
  closeStyle?: CloseStyleOf;
}

/** Whether the source starts with a byte order mark to strip. */
const startsWithBom = (source: string, options: ParseOptions) =>
  !options.bomRemoved && source.charCodeAt(0) === 0xfeff;

const TWO_SPACE_CLOSE = '  ]';
const ONE_SPACE_CLOSE = ' ]';

const SEVERITY: Record<DiagnosticCode, Severity> = {
  'unclosed-entity': 'error',
  'entity-spans-lines': 'error',
  'stray-close': 'error',
  'nested-entity': 'error',
  'empty-entity': 'warning',
  'unknown-label': 'warning',
  'mixed-close-style': 'warning',
  'glued-close': 'warning',
  'glued-open': 'warning',
  'markup-in-entity': 'warning',
  'literal-bracket': 'info',
  'merge-conflict': 'error',
  'conflict-marker': 'warning',
  'lone-carriage-returns': 'warning',
};

type PendingDiagnostic = { offset: number; code: DiagnosticCode; message: string };

/** A document read from its bytes, and the problems found reading them. */
export interface ParsedWithDiagnostics {
  doc: BracketDocument;
  diagnostics: Diagnostic[];
}

/**
 * The document the source holds: its plain text and entities (its problems: `diagnose`). The plain
 * text is pieced together into a flat string, not a view into the source (it is the source itself
 * where the source has no entity), so a caller may keep it and let the source go.
 */
export function parse(source: string, options: ParseOptions = {}): BracketDocument {
  return read(source, options, false).doc;
}

/** The document and its diagnostics in one reading, for callers that need both at once. */
export function parseWithDiagnostics(
  source: string,
  options: ParseOptions = {},
): ParsedWithDiagnostics {
  return read(source, options, true);
}

/** A string built from many pieces, joined a thousand at a time: the pieces die young and the result is flat, where appending each made a rope of millions of nodes. */
class PlainText {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === 1024) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  done(): string {
    this.chunks.push(this.pieces.join(''));
    return this.chunks.join('');
  }
}

function read(source: string, options: ParseOptions, withDiagnostics: boolean) {
  const labels = options.labels ?? DEFAULT_LABELS;
  const bom = startsWithBom(source, options);
  const src = bom ? source.slice(1) : source;

  const text = new PlainText();
  let plainLength = 0;
  let copiedUpTo = 0;
  // Sized up front (every entity starts with a `[`), so two million pushes never regrow the array.
  let opens = 0;
  for (let i = src.indexOf('['); i !== -1; i = src.indexOf('[', i + 1)) opens++;
  const entities = new Array<DocumentEntity>(opens);
  let entityCount = 0;

  const scanned = scanWithProblems(src, labels, {
    closeStyle: options.closeStyle,
    entity(open, label, contentStart, contentEnd, closeAt) {
      const spaces = closeSpaces(src, contentEnd, closeAt);
      const closeText =
        spaces === 2
          ? TWO_SPACE_CLOSE
          : spaces === 1
            ? ONE_SPACE_CLOSE
            : src.slice(contentEnd, closeAt + 1);
      if (open > copiedUpTo) {
        text.add(src.slice(copiedUpTo, open));
        plainLength += open - copiedUpTo;
      }
      text.add(src.slice(contentStart, contentEnd));
      entities[entityCount] = {
        id: ++entityCount,
        start: plainLength,
        end: plainLength + contentEnd - contentStart,
        label,
        close: closeText,
      };
      plainLength += contentEnd - contentStart;
      copiedUpTo = closeAt + 1;
    },
  });
  if (copiedUpTo < src.length) text.add(src.slice(copiedUpTo));
  const plain = text.done();
  entities.length = entityCount;
  const { closeStyle } = scanned;
  if (withDiagnostics && scanned.mixedCloses) {
    // Some closes differ from the file's style: find where each sits in the file.
    let markup = 0;
    for (const entity of entities) {
      markup += entity.label.length + 2;
      if (entity.close !== closeStyle) scanned.closeDiffers(entity.end + markup, entity.close!);
      markup += entity.close!.length;
    }
  }

  const doc: BracketDocument = {
    text: plain,
    entities,
    origin: { source: src, text: plain, entities },
    nextId: entities.length + 1,
    bom,
    lineEnding: detectLineEnding(src),
    closeStyle,
    labels: [...labels],
  };
  return { doc, diagnostics: withDiagnostics ? toDiagnostics(src, scanned.pending) : [] };
}

/** What diagnose reads a source with, and what it gives back. */
export interface DiagnoseOptions extends ParseOptions {
  /** Whether info diagnostics are given too (the default), or only errors and warnings. */
  infos?: boolean;
}

/**
 * The diagnostics parse would give the source, without building its plain text or entities (what
 * `emend validate` needs of a file).
 */
export function diagnose(source: string, options: DiagnoseOptions = {}): Diagnostic[] {
  const src = startsWithBom(source, options) ? source.slice(1) : source;
  const labels = options.labels ?? DEFAULT_LABELS;
  const scanned = scanWithProblems(src, labels, {
    closeStyle: options.closeStyle,
    infos: options.infos,
  });
  if (scanned.mixedCloses) {
    // Some closes differ from the file's style: a second scan finds them (rare, and nothing is kept
    // per entity on the first).
    const styleSpaces = scanned.closeStyle.length - 1;
    scanEntities(
      src,
      labels,
      {
        entity(_open, _label, _contentStart, contentEnd, closeAt) {
          if (closeSpaces(src, contentEnd, closeAt) !== styleSpaces) {
            scanned.closeDiffers(contentEnd, src.slice(contentEnd, closeAt + 1));
          }
        },
      },
      options.closeStyle,
    );
  }
  return toDiagnostics(src, scanned.pending);
}

/** How scanWithProblems scans: the close style to expect, where each entity goes, which problems to keep. */
interface ProblemScan {
  closeStyle?: CloseStyleOf;
  /** Each entity as it is scanned. */
  entity?: ScanSink['entity'];
  /** Whether info diagnostics are kept (the default), or only errors and warnings. */
  infos?: boolean;
}

/**
 * Scans src (no byte order mark) for its entities, handed to `entity`, and its problems: the scan's
 * own and labels outside the set (infos among them unless `infos` is false). Whether closes differ
 * from the file's close style is only counted: the caller finds which (parse from its entities,
 * diagnose by scanning again) and tells closeDiffers, so nothing is kept per entity here.
 */
function scanWithProblems(
  src: string,
  labels: readonly string[],
  { closeStyle, entity = () => {}, infos = true }: ProblemScan,
) {
  const knownLabels = new Set(labels);
  const pending: PendingDiagnostic[] = [];
  // A file can hold a literal bracket on every line: infos not wanted are not kept.
  const report = (offset: number, code: DiagnosticCode, message: string) => {
    if (infos || SEVERITY[code] !== 'info') pending.push({ offset, code, message });
  };
  const closes = new CloseTally();

  scanEntities(
    src,
    labels,
    {
      entity(open, label, contentStart, contentEnd, closeAt) {
        entity(open, label, contentStart, contentEnd, closeAt);
        closes.add(closeSpaces(src, contentEnd, closeAt));
        if (!knownLabels.has(label)) {
          report(
            open,
            'unknown-label',
            `label ${label} is not in the label set (${labels.join(', ')})`,
          );
        }
      },
      problem: report,
    },
    closeStyle,
  );

  const blocks = conflictBlocks(src);
  for (const offset of strayMarkers(src, blocks)) {
    report(
      offset,
      'conflict-marker',
      'a merge conflict marker outside a complete conflict (one half resolved?): remove the line',
    );
  }
  for (const block of blocks) {
    const text = src.slice(block.start, block.end);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    report(
      block.start,
      'merge-conflict',
      `unresolved merge conflict (${lines} lines, from <<<<<<< to >>>>>>>): keep one side, or both`,
    );
  }

  const { style } = closes;
  return {
    pending,
    closeStyle: style,
    mixedCloses: closes.mixed,
    /** Reports the close marker at offset (where its spaces start), which differs from the style. */
    closeDiffers: (offset: number, close: string) =>
      report(offset, 'mixed-close-style', closeDiffersMessage(close, style)),
  };
}

export function detectLineEnding(src: string): LineEnding {
  let feeds = 0;
  let crlfs = 0;
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) {
    feeds++;
    if (i > 0 && src.charCodeAt(i - 1) === 13) crlfs++;
  }
  if (feeds === 0) return 'none';
  if (crlfs === 0) return '\n';
  return crlfs === feeds ? '\r\n' : 'mixed';
}

function toDiagnostics(src: string, pending: PendingDiagnostic[]): Diagnostic[] {
  pending.sort((a, b) => a.offset - b.offset);
  const offsets = new Array<number>(pending.length);
  for (let i = 0; i < pending.length; i++) offsets[i] = pending[i].offset;
  const positions = locateOffsets(src, offsets);
  const diagnostics = new Array<Diagnostic>(pending.length);
  for (let i = 0; i < pending.length; i++) {
    const { offset, code, message } = pending[i];
    const { line, column } = positions[i];
    diagnostics[i] = { line, column, severity: SEVERITY[code], code, message, offset };
  }
  // A file of classic Mac OS reads as one line: said once, at its start.
  if (endsLinesWithReturns(src)) {
    const code = 'lone-carriage-returns';
    const severity = SEVERITY[code];
    diagnostics.unshift({ line: 1, column: 1, offset: 0, severity, code, message: LONE_RETURNS });
  }
  return diagnostics;
}
