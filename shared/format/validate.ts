// Diagnostics and counts derived from a document as it is now (after edits, saves, label changes), never kept from its first read.
import type { BracketDocument, Diagnostic, DiagnosticCode, Severity } from './document';
import { diagnose } from './parse';
import { countsByLabel } from './labels';
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

/** Problems that leave a line's markup open: an entity tagged on such a line would nest in it. */
export const BREAKS_LINE: ReadonlySet<DiagnosticCode> = new Set([
  'unclosed-entity',
  'entity-spans-lines',
  'nested-entity',
]);

/**
 * The lines of the file (1-based) whose markup is left open (see BREAKS_LINE): nothing may be tagged
 * on them until it is repaired. Markup that does not parse stays in the text as it is, so a document
 * whose text holds no `[` has none.
 */
export function linesWithOpenMarkup(doc: BracketDocument): ReadonlySet<number> {
  return doc.text.includes('[') ? openMarkupLines(validate(doc)) : new Set();
}

/**
 * The lines whose markup is left open, from a document's diagnostics already derived: an entity
 * that runs over a line break leaves open the next line too, where its close is.
 */
export function openMarkupLines(diagnostics: readonly Diagnostic[]): ReadonlySet<number> {
  return new Set(
    diagnostics
      .filter(({ code }) => BREAKS_LINE.has(code))
      .flatMap(({ code, line }) => (code === 'entity-spans-lines' ? [line, line + 1] : [line])),
  );
}

export interface DocumentCounts {
  entities: number;
  errors: number;
  warnings: number;
  /** Entities per label. */
  labels: Record<string, number>;
}

/** Problems by severity: errors and warnings are counted as problems everywhere; notes (info) apart. */
export function countBySeverity(
  diagnostics: readonly { severity: Severity }[],
): Record<'errors' | 'warnings' | 'notes', number> {
  const counts = { errors: 0, warnings: 0, notes: 0 };
  for (const { severity } of diagnostics) {
    if (severity === 'error') counts.errors++;
    else if (severity === 'warning') counts.warnings++;
    else counts.notes++;
  }
  return counts;
}

/** What the corpus list shows of a document: its entities, per label, and its problems by severity. */
export function summarize(
  doc: BracketDocument,
  diagnostics: readonly Diagnostic[],
): DocumentCounts {
  const labels = countsByLabel();
  for (const entity of doc.entities) labels[entity.label] = (labels[entity.label] ?? 0) + 1;
  const { errors, warnings } = countBySeverity(diagnostics);
  return { entities: doc.entities.length, errors, warnings, labels };
}
