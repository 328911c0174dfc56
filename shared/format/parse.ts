// Parses bracket-annotated text into plain text + flat entities, never throwing and never losing a byte.
import {
  DEFAULT_LABELS,
  type BracketDocument,
  type CloseStyle,
  type Diagnostic,
  type DiagnosticCode,
  type DocumentEntity,
  type LineEnding,
  type Severity,
} from './document';
import { locateOffsets } from './position';
import { scanEntities, type ScanSink } from './scan';

export interface ParseOptions {
  /** The label set; a label outside it is a warning. Defaults to PER, LOC, ORG, MISC. */
  labels?: readonly string[];
}

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
  'markup-in-entity': 'warning',
  'literal-bracket': 'info',
};

type PendingDiagnostic = { offset: number; code: DiagnosticCode; message: string };

export function parse(source: string, options: ParseOptions = {}): BracketDocument {
  const labels = options.labels ?? DEFAULT_LABELS;
  const bom = source.charCodeAt(0) === 0xfeff;
  const src = bom ? source.slice(1) : source;

  let text = '';
  let plainLength = 0;
  let copiedUpTo = 0;
  // Sized up front (every entity starts with a `[`), so two million pushes never regrow the array.
  let opens = 0;
  for (let i = src.indexOf('['); i !== -1; i = src.indexOf('[', i + 1)) opens++;
  const entities = new Array<DocumentEntity>(opens);
  let entityCount = 0;

  const { diagnostics, closeStyle } = scanWithProblems(
    src,
    labels,
    (open, label, contentStart, contentEnd, closeAt) => {
      const closeLength = closeAt + 1 - contentEnd;
      const closeText =
        closeLength === 3
          ? TWO_SPACE_CLOSE
          : closeLength === 2
            ? ONE_SPACE_CLOSE
            : src.slice(contentEnd, closeAt + 1);
      if (open > copiedUpTo) {
        text += src.slice(copiedUpTo, open);
        plainLength += open - copiedUpTo;
      }
      text += src.slice(contentStart, contentEnd);
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
  );
  if (copiedUpTo < src.length) text += src.slice(copiedUpTo);
  entities.length = entityCount;

  return {
    text,
    entities,
    origin: { source: src, text, entities },
    nextId: entities.length + 1,
    bom,
    lineEnding: detectLineEnding(src),
    closeStyle,
    labels: [...labels],
    diagnostics,
  };
}

/**
 * The diagnostics parse would give the source, without building its plain text or entities (what
 * `emend validate` needs of a file).
 */
export function diagnose(source: string, options: ParseOptions = {}): Diagnostic[] {
  const src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return scanWithProblems(src, options.labels ?? DEFAULT_LABELS).diagnostics;
}

/**
 * Scans src (no byte order mark) for its entities, handed to `entity`, and its problems: the
 * scan's own, labels outside the set, and closes that differ from the file's close style.
 */
function scanWithProblems(
  src: string,
  labels: readonly string[],
  entity: ScanSink['entity'] = () => {},
): { diagnostics: Diagnostic[]; closeStyle: CloseStyle } {
  const knownLabels = new Set(labels);
  const pending: PendingDiagnostic[] = [];
  const report = (offset: number, code: DiagnosticCode, message: string) =>
    pending.push({ offset, code, message });
  // Where each close marker starts in src and how long it is, for the close style check.
  const closeStarts: number[] = [];
  const closeLengths: number[] = [];
  let closesOfTwo = 0;
  let closesOfOne = 0;

  scanEntities(src, labels, {
    entity(open, label, contentStart, contentEnd, closeAt) {
      entity(open, label, contentStart, contentEnd, closeAt);
      const closeLength = closeAt + 1 - contentEnd;
      if (closeLength === 3) closesOfTwo++;
      else if (closeLength === 2) closesOfOne++;
      closeStarts.push(contentEnd);
      closeLengths.push(closeLength);
      if (!knownLabels.has(label)) {
        report(
          open,
          'unknown-label',
          `label ${label} is not in the label set (${labels.join(', ')})`,
        );
      }
    },
    problem: report,
  });

  const closeStyle: CloseStyle = closesOfOne > closesOfTwo ? ' ]' : '  ]';
  const closes = closeStarts.length;
  if (closes !== closesOfTwo && closes !== closesOfOne) {
    for (let i = 0; i < closes; i++) {
      if (closeLengths[i] === closeStyle.length) continue;
      const close = src.slice(closeStarts[i], closeStarts[i] + closeLengths[i]);
      report(
        closeStarts[i],
        'mixed-close-style',
        `close marker "${close}" differs from the file's "${closeStyle}"`,
      );
    }
  }
  return { diagnostics: toDiagnostics(src, pending), closeStyle };
}

function detectLineEnding(src: string): LineEnding {
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
  return diagnostics;
}
