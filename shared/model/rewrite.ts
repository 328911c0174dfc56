// Text rewrites: the one edit that changes a file's bytes (quick fixes of malformed markup), with its inverse.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { unstorableText } from '../format/storable';

/**
 * Replaces `remove` at `offset` of the file as it would be written now (without its BOM) by
 * `insert`. Its inverse swaps the two strings. Rewrites in one transaction apply in order.
 */
export interface Rewrite {
  op: 'rewrite';
  offset: number;
  remove: string;
  insert: string;
}

/** The longest text a rewrite may remove or insert: fixes touch markup, not paragraphs. */
export const MAX_REWRITE_LENGTH = 256;

export type RewriteResult = { doc: BracketDocument; inverse: Rewrite[] } | { problem: string };

/**
 * Applies rewrites to the written file and reads it back: the new document's origin is the new
 * file, so saving copies it byte for byte. Entities whose text did not move keep their ids (undo
 * and redo refer to them); entities the rewrite made take fresh ids.
 */
export function applyRewrites(doc: BracketDocument, rewrites: readonly Rewrite[]): RewriteResult {
  let source = serialize({ ...doc, bom: false });
  const inverse: Rewrite[] = [];
  for (const rewrite of rewrites) {
    const { offset, remove, insert } = rewrite;
    if (
      !Number.isInteger(offset) ||
      typeof remove !== 'string' ||
      typeof insert !== 'string' ||
      remove.length + insert.length === 0 ||
      Math.max(remove.length, insert.length) > MAX_REWRITE_LENGTH
    ) {
      return { problem: 'a text rewrite needs an offset and at most 256 characters to change' };
    }
    if (offset < 0 || !source.startsWith(remove, offset) || offset > source.length) {
      return { problem: 'the text to rewrite is not there (any more)' };
    }
    source = source.slice(0, offset) + insert + source.slice(offset + remove.length);
    inverse.unshift({ op: 'rewrite', offset, remove: insert, insert: remove });
  }
  const unstorable = unstorableText(source);
  if (unstorable) return { problem: `the file would hold ${unstorable}` };
  if (!doc.bom && source.charCodeAt(0) === 0xfeff) {
    return { problem: 'the file would start with U+FEFF, which reads back as a byte order mark' };
  }
  const read = parse(source, { labels: doc.labels, bomRemoved: true });
  const kept = keepIds(doc, read.entities, read.text);
  const entities = kept.entities;
  return {
    doc: {
      ...read,
      bom: doc.bom,
      entities,
      nextId: kept.nextId,
      origin: { source, text: read.text, entities },
    },
    inverse,
  };
}

/**
 * The read entities with the ids of the document's entities at the same place: the text before the
 * first change and after the last keeps its offsets (shifted by the length change after it).
 */
function keepIds(
  doc: BracketDocument,
  read: readonly DocumentEntity[],
  text: string,
): { entities: DocumentEntity[]; nextId: number } {
  const before = doc.text;
  const limit = Math.min(before.length, text.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  ) {
    suffix++;
  }
  const shift = text.length - before.length;
  const idAt = new Map<string, number>();
  for (const entity of doc.entities) {
    const moved = entity.end <= prefix ? 0 : entity.start >= before.length - suffix ? shift : null;
    if (moved !== null) {
      idAt.set(`${entity.start + moved}:${entity.end + moved}:${entity.label}`, entity.id);
    }
  }
  let nextId = doc.nextId;
  const entities = read.map((entity) => {
    const id = idAt.get(`${entity.start}:${entity.end}:${entity.label}`) ?? nextId++;
    return { ...entity, id };
  });
  return { entities, nextId };
}
