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

export interface ParseOptions {
  /** The label set; a label outside it is a warning. Defaults to PER, LOC, ORG, MISC. */
  labels?: readonly string[];
}

/** `[` + label + spaces, matched at a `[`. */
const OPEN = /\[(\p{L}[\p{L}\p{N}_-]*)( +)/uy;
const MARKUP = /<[A-Za-z/!]/;

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

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

export function parse(source: string, options: ParseOptions = {}): BracketDocument {
  const labels = options.labels ?? DEFAULT_LABELS;
  const knownLabels = new Set(labels);
  const bom = source.charCodeAt(0) === 0xfeff;
  const src = bom ? source.slice(1) : source;
  const length = src.length;

  const pieces: string[] = [];
  let plainLength = 0;
  let copiedUpTo = 0;
  const entities: DocumentEntity[] = [];
  const closeOffsets: number[] = [];
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
  const matchOpen = (at: number) => {
    OPEN.lastIndex = at;
    return OPEN.exec(src);
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

    const match = matchOpen(open);
    if (!match) {
      report(open, 'literal-bracket', 'literal `[` kept as text');
      pos = open + 1;
      continue;
    }
    const label = match[1];
    const contentStart = open + match[0].length;
    const next = src.charCodeAt(contentStart);
    if (next === 93 /* ] */) {
      report(open, 'empty-entity', `empty entity [${label} ] kept as text`);
      pos = contentStart + 1;
      continue;
    }
    if (match[2].length > 1 || contentStart >= length || isSpace(next)) {
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
        if (matchOpen(innerOpen)) {
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
    const closeText = src.slice(contentEnd, closeAt + 1);
    if (closeText.length === 3) closesOfTwo++;
    else if (closeText.length === 2) closesOfOne++;
    if (open > copiedUpTo) {
      pieces.push(src.slice(copiedUpTo, open));
      plainLength += open - copiedUpTo;
    }
    const content = src.slice(contentStart, contentEnd);
    pieces.push(content);
    entities.push({
      id: entities.length + 1,
      start: plainLength,
      end: plainLength + content.length,
      label,
      close: closeText,
    });
    closeOffsets.push(contentEnd);
    plainLength += content.length;
    copiedUpTo = closeAt + 1;
    pos = closeAt + 1;

    if (!knownLabels.has(label)) {
      report(
        open,
        'unknown-label',
        `label ${label} is not in the label set (${labels.join(', ')})`,
      );
    }
    if (content.indexOf('<') !== -1 && MARKUP.test(content)) {
      report(open, 'markup-in-entity', `entity [${label} contains markup`);
    }
    if (closeAt + 1 < length && !isSpace(src.charCodeAt(closeAt + 1))) {
      report(closeAt, 'glued-close', 'text is glued to the close marker `]`');
    }
  }
  if (copiedUpTo < length) pieces.push(src.slice(copiedUpTo));

  const closeStyle: CloseStyle = closesOfOne > closesOfTwo ? ' ]' : '  ]';
  entities.forEach((entity, index) => {
    if (entity.close !== closeStyle) {
      report(
        closeOffsets[index],
        'mixed-close-style',
        `close marker "${entity.close}" differs from the file's "${closeStyle}"`,
      );
    }
  });

  return {
    text: pieces.join(''),
    entities,
    nextId: entities.length + 1,
    bom,
    lineEnding: detectLineEnding(src),
    closeStyle,
    labels: [...labels],
    diagnostics: toDiagnostics(src, pending),
  };
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
  const positions = locateOffsets(
    src,
    pending.map((item) => item.offset),
  );
  return pending.map((item, index) => ({
    ...positions[index],
    severity: SEVERITY[item.code],
    code: item.code,
    message: item.message,
    offset: item.offset,
  }));
}
