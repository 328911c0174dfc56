// @vitest-environment node
// The problem schedule on open: the problems found reading a document are shown as they are, unless the labels changed since.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type Diagnostic } from '../../../shared/format/document';
import { parseWithDiagnostics } from '../../../shared/format/parse';
import { lineStarts } from '../../../shared/format/position';
import { validate } from '../../../shared/format/validate';
import { ProblemSchedule } from './problem-schedule';

const SOURCE = readFileSync(
  new URL('../../../shared/format/fixtures/malformed.txt', import.meta.url),
  'utf8',
);

/** A schedule over the malformed fixture read against the default labels, with the labels now; what it showed. */
function opened(labelsNow: readonly string[]) {
  const { doc, diagnostics } = parseWithDiagnostics(SOURCE, { labels: DEFAULT_LABELS });
  const shown: Array<readonly Diagnostic[]> = [];
  const schedule = new ProblemSchedule(
    () => ({ doc, labels: labelsNow, starts: lineStarts(doc.text) }),
    (_doc, found) => shown.push(found),
  );
  schedule.anew({ doc, diagnostics, labels: DEFAULT_LABELS });
  return { doc, diagnostics, shown };
}

describe('ProblemSchedule on open', () => {
  it('shows the problems found reading the document, which are what a full check gives', () => {
    const { doc, diagnostics, shown } = opened(DEFAULT_LABELS);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBe(diagnostics);
    expect(shown[0]).toEqual(validate(doc, DEFAULT_LABELS));
  });

  it('derives them in full when the labels changed since the document was read', () => {
    const labels = [...DEFAULT_LABELS, 'GPE'];
    const { doc, shown } = opened(labels);
    expect(shown).toEqual([validate(doc, labels)]);
    expect(shown[0].map((diagnostic) => diagnostic.code)).not.toContain('unknown-label');
  });
});
