// Finds the entities and malformed markup of bracket source in one pass, allocating nothing per entity: what parse builds on and what counting reads directly.
import type { CloseStyle, DiagnosticCode } from './document';
import { LABEL_SOURCE } from './labels';
import { isSpaceCode, isTagEdge, tagStartsAt } from './tokens';

/** What a scan reports, in source order. */
export interface ScanSink {
  /**
   * An entity: `[label ` at open, its content src[contentStart, contentEnd), then its close marker
   * (spaces and `]`) up to and including closeAt.
   */
  entity(
    open: number,
    label: string,
    contentStart: number,
    contentEnd: number,
    closeAt: number,
  ): void;
  /** A problem at a source offset. Leave it out to skip the checks only problems need. */
  problem?(offset: number, code: DiagnosticCode, message: string): void;
}

/**
 * The close marker of the file a scanned source belongs to, or how to find it when it is needed
 * (rarely: see scanEntities). Left out, it is the source's own (see fileCloseStyle).
 */
export type CloseStyleOf = CloseStyle | (() => CloseStyle);

/** A label after `[`, for labels that are not plain ASCII (the common case is scanned by hand). */
const UNICODE_LABEL = new RegExp(LABEL_SOURCE, 'uy');

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

/**
 * How a literal-bracket diagnostic ends when the file's close style made its `[` text (an unknown
 * label closed with one space in a two-space file): such text reads otherwise once the style turns.
 */
export const STYLE_LITERAL = `is not in the label set and " ]" is not this file's close`;

/**
 * The spaces of the close marker src[from, closeAt] (its white space, then the `]` at closeAt): 1 for
 * ` ]`, 2 for `  ]`, 0 for any other (more spaces, a tab among them).
 */
export function closeSpaces(src: string, from: number, closeAt: number): number {
  const length = closeAt - from;
  // A `]` closes only after a space.
  if (length === 1) return 1;
  return length === 2 && src.charCodeAt(from) === 32 ? 2 : 0;
}

/** How a literal-bracket diagnostic ends when its `[` opened a label outside the set that nothing closes. */
const UNCLOSED_LITERAL = 'is not in the label set and nothing closes it on its line';

/** Entities' close markers counted by their spaces: the file's style, and whether some differ. */
export class CloseTally {
  private all = 0;
  private ofOne = 0;
  private ofTwo = 0;

  /** Counts a close marker of so many spaces before its `]` (see closeSpaces; by -1: takes one back). */
  add(spaces: number, by: 1 | -1 = 1): void {
    this.all += by;
    if (spaces === 1) this.ofOne += by;
    else if (spaces === 2) this.ofTwo += by;
  }

  copy(): CloseTally {
    return Object.assign(new CloseTally(), this);
  }

  /** One space then `]` where more entities close so than with two, else two spaces. */
  get style(): CloseStyle {
    return this.ofOne > this.ofTwo ? ' ]' : '  ]';
  }

  /** Whether some closes differ from the others. */
  get mixed(): boolean {
    return this.all !== this.ofOne && this.all !== this.ofTwo;
  }
}

/**
 * The close marker most of src's entities are written with, counted as the scan reads closes
 * whatever the file's style: every `]` after a space closing an entity.
 */
export function fileCloseStyle(src: string, labels: readonly string[]): CloseStyle {
  const closes = new CloseTally();
  const entity: ScanSink['entity'] = (_open, _label, _start, end, closeAt) =>
    closes.add(closeSpaces(src, end, closeAt));
  scanEntities(src, labels, { entity }, ' ]');
  return closes.style;
}

/** The message of a close marker that differs from its file's close style, both quoted as JSON (a tab shown as \t). */
export function closeDiffersMessage(close: string, style: string): string {
  return `close marker ${JSON.stringify(close)} differs from the file's ${JSON.stringify(style)}`;
}

/**
 * Scans src (without its byte order mark) for entities and malformed markup, reporting both to sink
 * in source order. Labels found in `labels` are reported as those very strings, so a million
 * entities share a few label strings.
 *
 * In a file whose entities close with two spaces, a `]` after one space is a literal `]` token as
 * often as a close (FORMAT.md): it closes an entity whose label is in the label set (a close
 * written in another style, reported as such), but not one whose label is not — `[Haters u can kill
 * yourself ]` in WNUT-17 is text, its brackets literal. Only then is the file's style needed:
 * `closeStyle` gives it (a part of a file must: its own closes may not tell), else it is counted
 * from src.
 */
export function scanEntities(
  src: string,
  labels: readonly string[],
  sink: ScanSink,
  closeStyle: CloseStyleOf = () => fileCloseStyle(src, labels),
): void {
  const length = src.length;
  let style = typeof closeStyle === 'string' ? closeStyle : undefined;
  const styleOfFile = () => (style ??= (closeStyle as () => CloseStyle)());
  const report = sink.problem?.bind(sink);
  const explainedCloses = new Set<number>();

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

  /** The line feed ending the line at `at` (a carriage return before it allowed), else -1. */
  const lineFeedAt = (at: number) => {
    const code = src.charCodeAt(at);
    if (code === 13 && src.charCodeAt(at + 1) === 10) return at + 1;
    return code === 10 ? at : -1;
  };
  /**
   * Reports the entity opened at `open` as running over a line break when the line after the line
   * feed at `feed` starts with a close marker (explained by it, not reported as stray); false when not.
   */
  const spansLines = (open: number, label: string, feed: number): boolean => {
    const close = feed !== -1 && feed < length ? findLeadingClose(src, feed + 1) : -1;
    if (close === -1) return false;
    explainedCloses.add(close);
    report?.(open, 'entity-spans-lines', `entity [${label} runs over a line break`);
    return true;
  };

  let pos = 0;
  while (pos < length) {
    const open = seekOpen(pos);
    const close = seekClose(pos);
    if (open >= length && close >= length) break;

    if (close < open) {
      if (report && !explainedCloses.has(close)) {
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
      // `[PER` ending its line, its close on the next: an entity broken after its label.
      if (afterLabel === -1 || !spansLines(open, labelAt(open, afterLabel), lineFeedAt(afterLabel)))
        report?.(open, 'literal-bracket', 'literal `[` kept as text');
      pos = open + 1;
      continue;
    }
    const label = labelAt(open, afterLabel);
    let contentStart = afterLabel + 1;
    while (src.charCodeAt(contentStart) === 32) contentStart++;
    const next = src.charCodeAt(contentStart);
    if (next === 93 /* ] */) {
      report?.(
        open,
        'empty-entity',
        `empty entity ${src.slice(open, contentStart + 1)} kept as text`,
      );
      pos = contentStart + 1;
      continue;
    }
    if (contentStart - afterLabel > 1 || contentStart >= length || isSpaceCode(next)) {
      if (contentStart >= length || next === 10 || next === 13) {
        if (!spansLines(open, label, lineFeedAt(contentStart)))
          report?.(open, 'unclosed-entity', `entity [${label} is not closed on its line`);
      } else {
        report?.(open, 'literal-bracket', 'literal `[` kept as text');
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

    if (nestedAt !== -1 || closeAt === -1) {
      // Unless it runs over a line break: a label outside the set that nothing closes before the
      // line ends or another entity opens is text (`[citation needed]`), as a file of no entities
      // may hold; one of the set is an error.
      if (nestedAt !== -1 || !spansLines(open, label, lineEnd)) {
        if (!labels.includes(label))
          report?.(
            open,
            'literal-bracket',
            `literal \`[\` kept as text: ${label} ${UNCLOSED_LITERAL}`,
          );
        else if (nestedAt !== -1)
          report?.(open, 'nested-entity', `entity [${label} has another entity opened inside it`);
        else report?.(open, 'unclosed-entity', `entity [${label} is not closed on its line`);
      }
      pos = nestedAt !== -1 ? nestedAt : contentStart;
      continue;
    }

    // A `]` preceded by a space closes the entity; its content ends at its last token, the white
    // space before the `]` (a tab typed before the spaces too) being the close's.
    let contentEnd = closeAt;
    while (contentEnd > contentStart && isSpaceCode(src.charCodeAt(contentEnd - 1))) contentEnd--;
    if (closeAt - contentEnd === 1 && !labels.includes(label) && styleOfFile() === '  ]') {
      report?.(open, 'literal-bracket', `literal \`[\` kept as text: ${label} ${STYLE_LITERAL}`);
      pos = open + 1;
      continue;
    }
    sink.entity(open, label, contentStart, contentEnd, closeAt);
    pos = closeAt + 1;

    if (report) {
      if (hasMarkup(src, contentStart, contentEnd)) {
        report(open, 'markup-in-entity', `entity [${label} contains markup`);
      }
      // Text glued before the open marker makes the entity cut a token (`Goldsmith[PER Ann  ]`);
      // a tag ending there (`</b>[PER Ann  ]`) or a close (a glued close already) does not.
      const before = open > 0 ? src.charCodeAt(open - 1) : 32;
      if (!isSpaceCode(before) && before !== 93 /* ] */ && !isTagEdge(src, open)) {
        report(open, 'glued-open', 'text is glued to the open marker `[`');
      }
      // A close followed by an HTML tag ends a token there (`[PER DELL  ]</pre>`): not glued.
      const after = closeAt + 1;
      if (after < length && !isSpaceCode(src.charCodeAt(after)) && !isTagEdge(src, after)) {
        report(closeAt, 'glued-close', 'text is glued to the close marker `]`');
      }
    }
  }
}

/** Whether an HTML tag starts in src[from, to) (looked for there only: a scan stays linear). */
function hasMarkup(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (src.charCodeAt(i) === 60 /* < */ && tagStartsAt(src, i)) return true;
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
