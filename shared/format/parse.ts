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
import { LABEL_SOURCE } from './labels';
import { locateOffsets } from './position';
import { isSpaceCode } from './tokens';

export interface ParseOptions {
  /** The label set; a label outside it is a warning. Defaults to PER, LOC, ORG, MISC. */
  labels?: readonly string[];
}

/** A label after `[`, for labels that are not plain ASCII (the common case is scanned by hand). */
const UNICODE_LABEL = new RegExp(LABEL_SOURCE, 'uy');
const MARKUP = /<[A-Za-z/!]/;
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

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isAsciiLabelChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}

/** Where the label starting after the `[` at `open` ends, or -1 when none starts there. */
function labelEnd(src: string, open: number): number {
  let i = open + 1;
  let code = src.charCodeAt(i);
  if (isAsciiLetter(code)) {
    do code = src.charCodeAt(++i);
    while (isAsciiLabelChar(code));
    if (code < 128 || Number.isNaN(code)) return i;
  } else if (!(code >= 128)) {
    return -1;
  }
  UNICODE_LABEL.lastIndex = open + 1;
  return UNICODE_LABEL.test(src) ? UNICODE_LABEL.lastIndex : -1;
}

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
  const explainedCloses = new Set<number>();
  let closesOfTwo = 0;
  let closesOfOne = 0;

  const report = (offset: number, code: DiagnosticCode, message: string) =>
    pending.push({ offset, code, message });

  // Cursors to the next `[`, `]` and line feed, moved forward only, so every scan is linear.
  let nextOpen = src.indexOf('[');
  let nextClose = src.indexOf(']');
  let nextNewline = src.indexOf('\n');
  const seekOpen = (from: number) => {
    if (nextOpen !== -1 && nextOpen < from) nextOpen = src.indexOf('[', from);
    return nextOpen === -1 ? length : nextOpen;
  };
  const seekClose = (from: number) => {
    if (nextClose !== -1 && nextClose < from) nextClose = src.indexOf(']', from);
    return nextClose === -1 ? length : nextClose;
  };
  const seekNewline = (from: number) => {
    if (nextNewline !== -1 && nextNewline < from) nextNewline = src.indexOf('\n', from);
    return nextNewline === -1 ? length : nextNewline;
  };
  /** The label set's own strings, so two million entities share four label strings. */
  const labelAt = (open: number, end: number) => {
    for (const known of labels) {
      if (known.length === end - open - 1 && src.startsWith(known, open + 1)) return known;
    }
    return src.slice(open + 1, end);
  };
  /** Whether `[` + label + space starts at this `[` (what opens an entity). */
  const opensEntity = (at: number) => {
    const end = labelEnd(src, at);
    return end !== -1 && src.charCodeAt(end) === 32;
  };
  /** A `]` preceded by a space closes an entity; returns where its spaces start. */
  const closeStartAt = (bracket: number, floor: number) => {
    let start = bracket;
    while (start > floor && src.charCodeAt(start - 1) === 32) start--;
    return start;
  };

  let pos = 0;
  while (pos < length) {
    const open = seekOpen(pos);
    const close = seekClose(pos);
    if (open >= length && close >= length) break;

    if (close < open) {
      if (!explainedCloses.has(close)) {
        if (close >= 2 && src.charCodeAt(close - 1) === 32 && src.charCodeAt(close - 2) === 32) {
          report(close, 'stray-close', 'close marker `]` with no entity open');
        } else {
          report(close, 'literal-bracket', 'literal `]` kept as text');
        }
      }
      pos = close + 1;
      continue;
    }

    const afterLabel = labelEnd(src, open);
    if (afterLabel === -1 || src.charCodeAt(afterLabel) !== 32) {
      report(open, 'literal-bracket', 'literal `[` kept as text');
      pos = open + 1;
      continue;
    }
    const label = labelAt(open, afterLabel);
    let contentStart = afterLabel + 1;
    while (src.charCodeAt(contentStart) === 32) contentStart++;
    const next = src.charCodeAt(contentStart);
    if (next === 93 /* ] */) {
      report(open, 'empty-entity', `empty entity [${label} ] kept as text`);
      pos = contentStart + 1;
      continue;
    }
    if (contentStart - afterLabel > 1 || contentStart >= length || isSpaceCode(next)) {
      if (contentStart >= length || next === 10 || next === 13) {
        report(open, 'unclosed-entity', `entity [${label} is not closed on its line`);
      } else {
        report(open, 'literal-bracket', 'literal `[` kept as text');
      }
      pos = open + 1;
      continue;
    }

    // Look for this entity's close on the same line, watching for an entity opened inside it.
    const lineEnd = seekNewline(contentStart);
    let scan = contentStart;
    let closeAt = -1;
    let nestedAt = -1;
    while (scan < lineEnd) {
      const innerOpen = seekOpen(scan);
      const bracket = seekClose(scan);
      if (innerOpen < bracket && innerOpen < lineEnd) {
        if (opensEntity(innerOpen)) {
          nestedAt = innerOpen;
          break;
        }
        scan = innerOpen + 1;
        continue;
      }
      if (bracket >= lineEnd) break;
      if (src.charCodeAt(bracket - 1) === 32) {
        closeAt = bracket;
        break;
      }
      scan = bracket + 1;
    }

    if (nestedAt !== -1) {
      report(open, 'nested-entity', `entity [${label} has another entity opened inside it`);
      pos = nestedAt;
      continue;
    }
    if (closeAt === -1) {
      const closeOnNextLine = lineEnd < length ? findLeadingClose(src, lineEnd + 1) : -1;
      if (closeOnNextLine !== -1) {
        explainedCloses.add(closeOnNextLine);
        report(open, 'entity-spans-lines', `entity [${label} runs over a line break`);
      } else {
        report(open, 'unclosed-entity', `entity [${label} is not closed on its line`);
      }
      pos = contentStart;
      continue;
    }

    const contentEnd = closeStartAt(closeAt, contentStart);
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
    pos = closeAt + 1;

    if (!knownLabels.has(label)) {
      report(
        open,
        'unknown-label',
        `label ${label} is not in the label set (${labels.join(', ')})`,
      );
    }
    if (hasMarkup(src, contentStart, contentEnd)) {
      report(open, 'markup-in-entity', `entity [${label} contains markup`);
    }
    if (closeAt + 1 < length && !isSpaceCode(src.charCodeAt(closeAt + 1))) {
      report(closeAt, 'glued-close', 'text is glued to the close marker `]`');
    }
  }
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

/** Whether src[from, to) holds something like an HTML tag (`<a`, `</`, `<!`). */
function hasMarkup(src: string, from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) {
    if (src.charCodeAt(i) === 60 /* < */ && MARKUP.test(src[i] + src[i + 1])) return true;
  }
  return false;
}

/** The offset of a close marker that comes on this line before any `[`, or -1. */
function findLeadingClose(src: string, lineStart: number): number {
  for (let i = lineStart; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if (code === 10 || code === 91 /* [ */) return -1;
    if (code === 93 && i > lineStart && src.charCodeAt(i - 1) === 32) return i;
  }
  return -1;
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
