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
import { scanEntities } from './scan';

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
  const knownLabels = new Set(labels);
  const bom = source.charCodeAt(0) === 0xfeff;
  const src = bom ? source.slice(1) : source;
  const length = src.length;

  let text = '';
  let plainLength = 0;
  let copiedUpTo = 0;
  // Sized up front (every entity starts with a `[`), so two million pushes never regrow the array.
  let opens = 0;
  for (let i = src.indexOf('['); i !== -1; i = src.indexOf('[', i + 1)) opens++;
  const entities = new Array<DocumentEntity>(opens);
  let entityCount = 0;
  const pending: PendingDiagnostic[] = [];
  let closesOfTwo = 0;
  let closesOfOne = 0;

  const report = (offset: number, code: DiagnosticCode, message: string) =>
    pending.push({ offset, code, message });

  scanEntities(src, labels, {
    entity(open, label, contentStart, contentEnd, closeAt) {
      const closeLength = closeAt + 1 - contentEnd;
      if (closeLength === 3) closesOfTwo++;
      else if (closeLength === 2) closesOfOne++;
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
  if (copiedUpTo < length) text += src.slice(copiedUpTo);
  entities.length = entityCount;

  const closeStyle: CloseStyle = closesOfOne > closesOfTwo ? ' ]' : '  ]';
  if (entities.length !== closesOfTwo && entities.length !== closesOfOne) {
    // Some closes differ from the file's style: find where each sits in the file.
    let markup = 0;
    for (const entity of entities) {
      markup += entity.label.length + 2;
      if (entity.close !== closeStyle) {
        report(
          entity.end + markup,
          'mixed-close-style',
          `close marker "${entity.close}" differs from the file's "${closeStyle}"`,
        );
      }
      markup += entity.close!.length;
    }
  }

  return {
    text,
    entities,
    origin: { source: src, text, entities },
    nextId: entities.length + 1,
    bom,
    lineEnding: detectLineEnding(src),
    closeStyle,
    labels: [...labels],
    diagnostics: toDiagnostics(src, pending),
  };
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
