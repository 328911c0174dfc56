// Prints a parsed document back to bracket text: untouched entities byte for byte, edited ones in the file's style.
import type { BracketDocument, DocumentEntity } from './document';
import { insertionIndex } from './entity-order';
import { isValidLabel } from './labels';
import { isSpaceCode } from './tokens';

export type SerializeErrorCode = 'ambiguous-entity' | 'invalid-label' | 'bad-span';

/** Thrown when an entity cannot be written so that parsing gives it back unchanged. */
export class SerializeError extends Error {
  constructor(
    readonly code: SerializeErrorCode,
    readonly entity: DocumentEntity,
    reason: string,
  ) {
    super(`cannot write entity [${entity.label}] at ${entity.start}-${entity.end}: ${reason}`);
    this.name = 'SerializeError';
  }
}

/**
 * Why an entity text can never be written as one entity, or null when it may be: the same rule
 * parse reads by, so every entity parse gives can be written again (a tab at its end, a lone CR).
 * Content starts at the first character that is not whitespace, ends before the spaces of its
 * close marker, and stays on its line. Brackets inside are allowed: whether they read back
 * depends on their neighbours, which the edit model checks.
 */
export function entityTextProblem(text: string): string | null {
  if (text.length === 0) return 'its text is empty';
  if (isSpaceCode(text.charCodeAt(0))) return 'its text starts with whitespace';
  if (isSpaceCode(text.charCodeAt(text.length - 1))) return 'its text ends with whitespace';
  if (text.includes('\n')) return 'its text contains a line break';
  return null;
}

export function openMarker(label: string): string {
  return `[${label} `;
}

export function serialize(doc: BracketDocument): string {
  const prefix = doc.bom ? '\uFEFF' : '';
  const origin = doc.origin;
  if (!origin || origin.text !== doc.text) {
    return prefix + writeSpan(doc, 0, doc.text.length, 0).output;
  }
  const original = origin.entities;
  let output = prefix;
  let sourceDone = 0; // source offset up to which output is written
  let markupBefore = 0; // markup of original entities ending at or before the current point
  let nextOriginal = 0;
  let nextEntity = 0;
  for (const [start, end] of changedSpans(original, doc.entities)) {
    while (nextOriginal < original.length && original[nextOriginal].end <= start) {
      markupBefore += markupLength(doc, original[nextOriginal++]);
    }
    output += origin.source.slice(sourceDone, start + markupBefore);
    const written = writeSpan(doc, start, end, nextEntity);
    output += written.output;
    nextEntity = written.nextEntity;
    while (nextOriginal < original.length && original[nextOriginal].end <= end) {
      markupBefore += markupLength(doc, original[nextOriginal++]);
    }
    sourceDone = end + markupBefore;
  }
  return output + origin.source.slice(sourceDone);
}

/** `[` + label + space + close: what an entity adds to the plain text in the file (a parsed one, its own close). */
export function markupLength(doc: BracketDocument, entity: DocumentEntity): number {
  return entity.label.length + 2 + (entity.close ?? doc.closeStyle).length;
}

/** Part of a line as a save writes it, unchecked: what a reread judges. */
export interface WrittenRange {
  written: string;
  /** Where each entity's close marker starts in it, and the marker. */
  closes: Array<{ at: number; marker: string }>;
  /** The entities written: their indices in the document, first and one past the last. */
  first: number;
  end: number;
}

/** The plain text [from, to) of one line as a save writes it, with the entities starting in it. */
export function writtenRange(doc: BracketDocument, from: number, to: number): WrittenRange {
  const { text, entities } = doc;
  let written = '';
  let done = from;
  const closes: WrittenRange['closes'] = [];
  const first = insertionIndex(entities, from);
  let i = first;
  for (; i < entities.length && entities[i].start < to; i++) {
    const entity = entities[i];
    written += text.slice(done, entity.start) + openMarker(entity.label);
    written += text.slice(entity.start, entity.end);
    const marker = entity.close ?? doc.closeStyle;
    closes.push({ at: written.length, marker });
    written += marker;
    done = entity.end;
  }
  return { written: written + text.slice(done, to), closes, first, end: i };
}

/**
 * The plain-text spans where the entities differ from the parsed ones (compared as objects), merged
 * and in order. Outside them the file's bytes are still right.
 */
function changedSpans(
  original: readonly DocumentEntity[],
  current: readonly DocumentEntity[],
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const mark = (start: number, end: number) => {
    const last = spans.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  };
  let i = 0;
  let k = 0;
  while (i < original.length || k < current.length) {
    const before = original[i];
    const after = current[k];
    if (before === after) {
      i++;
      k++;
    } else if (after === undefined || (before !== undefined && before.start < after.start)) {
      mark(before.start, before.end);
      i++;
    } else if (before === undefined || after.start < before.start) {
      mark(after.start, after.end);
      k++;
    } else {
      mark(before.start, Math.max(before.end, after.end));
      i++;
      k++;
    }
  }
  return spans;
}

/** Writes plain text [from, to) with the entities starting in it, checking each written entity. */
function writeSpan(
  doc: BracketDocument,
  from: number,
  to: number,
  firstEntity: number,
): { output: string; nextEntity: number } {
  const { text, entities } = doc;
  let k = firstEntity;
  while (k < entities.length && entities[k].start < from) k++;
  let output = '';
  let previousEnd = from;
  for (; k < entities.length && entities[k].start < to; k++) {
    const entity = entities[k];
    if (entity.start < previousEnd || entity.end > text.length || entity.start >= entity.end) {
      throw new SerializeError('bad-span', entity, 'it overlaps another entity or leaves the text');
    }
    const content = text.slice(entity.start, entity.end);
    output += text.slice(previousEnd, entity.start);
    if (entity.close !== undefined) {
      output += openMarker(entity.label) + content + entity.close;
    } else {
      if (!isValidLabel(entity.label)) {
        throw new SerializeError('invalid-label', entity, `"${entity.label}" is not a valid label`);
      }
      const problem = entityTextProblem(content);
      if (problem) throw new SerializeError('ambiguous-entity', entity, problem);
      output += openMarker(entity.label) + content + doc.closeStyle;
    }
    previousEnd = entity.end;
  }
  return { output: output + text.slice(previousEnd, to), nextEntity: k };
}
