// Diagnostics and counts derived from a document as it is now (after edits, saves, label changes), never kept from its first read.
import type { BracketDocument, Diagnostic } from './document';
import { diagnose } from './parse';
import { serialize } from './serialize';

/** Whether two label sets are the same labels in the same order. */
export const sameLabels = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((label, index) => label === b[index]);

/**
 * The diagnostics of the document as a save would write it, against the label set (by default the
 * one it was read against): what its bytes read back as.
 */
export function validate(
  doc: BracketDocument,
  labels: readonly string[] = doc.labels,
): Diagnostic[] {
  return diagnose(serialize(doc), { labels });
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
  diagnostics: readonly Diagnostic[],
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
