// The one export policy of the CLI and the Export dialog: a document with annotation errors is not exported.
import type { BracketDocument, Diagnostic } from '../format/document';
import { validate } from '../format/validate';

/** The errors that keep a document from being exported (none: it may be exported). */
export function exportBlockers(doc: BracketDocument): Diagnostic[] {
  return validate(doc).filter((diagnostic) => diagnostic.severity === 'error');
}

/** One refusal, as every caller names it: `name:line:column: code: message`. */
export function refusalLine(name: string, error: Diagnostic): string {
  return `${name}:${error.line}:${error.column}: ${error.code}: ${error.message}`;
}
