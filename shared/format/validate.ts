// Diagnostics and counts derived from a document as it is now (after edits, saves, label changes), never kept from its first read.
import type { BracketDocument, Diagnostic } from './document';
import { parse } from './parse';
import { serialize } from './serialize';

/** Whether two label sets are the same labels in the same order. */
export const sameLabels = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((label, index) => label === b[index]);

/**
 * The diagnostics of the document as a save would write it, against the label set: what its bytes
 * read back as. A document unedited since it was read (with the same labels) keeps its own.
 */
export function validate(doc: BracketDocument, labels: readonly string[]): Diagnostic[] {
  const { origin } = doc;
  if (
    origin &&
    origin.entities === doc.entities &&
    origin.text === doc.text &&
    sameLabels(labels, doc.labels)
  ) {
    return [...doc.diagnostics];
  }
  return [...parse(serialize(doc), { labels }).diagnostics];
}

export interface DocumentCounts {
  entities: number;
  errors: number;
  warnings: number;
  /** Entities per label. */
  labels: Record<string, number>;
}

/** What the corpus list shows of a document: its entities, per label, and its problems by severity. */
export function summarize(
  doc: BracketDocument,
  diagnostics: readonly Diagnostic[] = doc.diagnostics,
): DocumentCounts {
  const labels: Record<string, number> = {};
  for (const entity of doc.entities) labels[entity.label] = (labels[entity.label] ?? 0) + 1;
  let errors = 0;
  let warnings = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
  }
  return { entities: doc.entities.length, errors, warnings, labels };
}
