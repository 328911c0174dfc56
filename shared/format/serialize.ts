// Prints a parsed document back to bracket text: untouched entities byte for byte, edited ones in the file's style.
import type { BracketDocument, DocumentEntity } from './document';
import { isValidLabel } from './labels';

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

/** Why an entity text cannot be written unambiguously, or null when it can. */
export function entityTextProblem(text: string): string | null {
  if (text.length === 0) return 'its text is empty';
  if (/^\s|\s$/.test(text)) return 'its text starts or ends with whitespace';
  if (/[[\]]/.test(text)) return 'its text contains a bracket';
  if (/[\r\n]/.test(text)) return 'its text contains a line break';
  return null;
}

export function openMarker(label: string): string {
  return `[${label} `;
}

export function serialize(doc: BracketDocument): string {
  const { text } = doc;
  const parts: string[] = doc.bom ? ['\uFEFF'] : [];
  let previousEnd = 0;
  for (const entity of doc.entities) {
    if (entity.start < previousEnd || entity.end > text.length || entity.start >= entity.end) {
      throw new SerializeError('bad-span', entity, 'it overlaps another entity or leaves the text');
    }
    const content = text.slice(entity.start, entity.end);
    parts.push(text.slice(previousEnd, entity.start));
    if (entity.close !== undefined) {
      parts.push(openMarker(entity.label), content, entity.close);
    } else {
      if (!isValidLabel(entity.label)) {
        throw new SerializeError('invalid-label', entity, `"${entity.label}" is not a valid label`);
      }
      const problem = entityTextProblem(content);
      if (problem) throw new SerializeError('ambiguous-entity', entity, problem);
      parts.push(openMarker(entity.label), content, doc.closeStyle);
    }
    previousEnd = entity.end;
  }
  parts.push(text.slice(previousEnd));
  return parts.join('');
}
