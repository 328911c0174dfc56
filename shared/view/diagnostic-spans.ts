// Places a document's diagnostics (reported at file offsets) on its plain text, as token spans to mark.
import type { BracketDocument, Diagnostic } from '../format/document';
import { snapToTokens } from '../format/tokens';

export interface DiagnosticSpan {
  start: number;
  end: number;
  diagnostic: Diagnostic;
}

/**
 * Maps each diagnostic's file offset to the plain text by walking the entities' markup once
 * (`[LABEL ` before, the close marker after), then widens it to the token it points at.
 * The diagnostics must be of the document as it is (as `validate` derives them). Sorted by start.
 */
export function diagnosticSpans(
  doc: BracketDocument,
  diagnostics: readonly Diagnostic[],
): DiagnosticSpan[] {
  const ordered = diagnostics.slice().sort((a, b) => a.offset - b.offset);
  const spans: DiagnosticSpan[] = [];
  let markup = 0; // markup characters of the entities passed so far
  let index = 0;
  for (const diagnostic of ordered) {
    let plain = -1;
    while (index < doc.entities.length) {
      const entity = doc.entities[index];
      const open = entity.label.length + 2;
      const close = (entity.close ?? doc.closeStyle).length;
      const fileStart = entity.start + markup;
      const fileEnd = entity.end + markup + open + close;
      if (diagnostic.offset >= fileEnd) {
        markup += open + close;
        index++;
        continue;
      }
      if (diagnostic.offset >= fileStart) {
        plain = Math.min(Math.max(diagnostic.offset - markup - open, entity.start), entity.end);
      }
      break;
    }
    if (plain === -1) plain = diagnostic.offset - markup;
    plain = Math.max(0, Math.min(plain, doc.text.length));
    const token = snapToTokens(doc.text, plain, plain) ?? {
      start: plain,
      end: Math.min(plain + 1, doc.text.length),
    };
    spans.push({ start: token.start, end: token.end, diagnostic });
  }
  return spans.sort((a, b) => a.start - b.start);
}
