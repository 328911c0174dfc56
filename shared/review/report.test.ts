import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { buildReport, changeSummary, compareDocuments, reportMarkdown } from './report';

const fixtureText = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

function compared(name: string, beforeText: string, afterText: string) {
  return compareDocuments(name, parse(beforeText), parse(afterText));
}

describe('review report', () => {
  it('counts changes per document and over the corpus, and sums the scores', () => {
    const report = buildReport('first opened', [
      compared('a.txt', fixtureText('before.txt'), fixtureText('after.txt')),
      compared('b.txt', '[PER Ann  ] and [LOC Rome  ]\n', '[PER Ann  ] and [LOC Rome  ]\n'),
      compared('c.txt', '[PER Ann  ] met Bob\n', '[ORG Ann  ] met [PER Bob  ]\n'),
    ]);
    expect(report.changedDocuments).toBe(2);
    expect(report.totals).toEqual({ added: 2, removed: 1, relabeled: 2, resized: 1, textEdits: 2 });
    expect(report.documents.map((document) => changeSummary(document.counts))).toEqual([
      '4 changes: 1 added, 1 removed, 1 relabeled, 1 resized; 2 text edits',
      'no changes',
      '2 changes: 1 added, 1 relabeled',
    ]);
    // By hand, strict: a 2 COR 2 INC 1 MIS 1 SPU; b 2 COR; c 1 INC 1 SPU.
    // COR 4, INC 3, MIS 1, SPU 2: possible 8, actual 9, P 4/9, R 4/8.
    expect(report.scores.strict).toMatchObject({
      correct: 4,
      incorrect: 3,
      missed: 1,
      spurious: 2,
    });
    expect(report.scores.strict.precision).toBeCloseTo(4 / 9, 10);
    expect(report.scores.strict.recall).toBeCloseTo(0.5, 10);
    expect(report.scores.strict.f1).toBeCloseTo((2 * (4 / 9) * 0.5) / (4 / 9 + 0.5), 10);
  });

  it('counts offsets in code points, as emend diff --json does', () => {
    const report = buildReport('x', [
      compared('e.txt', '😀 [LOC Zürich  ]\n', '😀 [ORG Zürich  ]\n'),
    ]);
    expect(report.documents[0].changes[0].after).toEqual({
      start: 2,
      end: 8,
      label: 'ORG',
      text: 'Zürich',
    });
  });

  it('writes Markdown with the scores, a per-label table and each change, markup shown as code', () => {
    const markdown = reportMarkdown(
      buildReport('disk', [
        compared('a|b.txt', '[PER <b>Ann</b>  ] met Bob\n', '[ORG <b>Ann</b>  ] met Bob\n'),
      ]),
    );
    expect(markdown).toContain('Compared with: disk (the reference).');
    expect(markdown).toContain('1 of 1 document changed; 1 change: 1 relabeled.');
    expect(markdown).toContain('| strict | 0.000 | 0.000 | 0.000 | 0 | 1 | 0 | 0 | 0 |');
    expect(markdown).toContain('| exact | 1.000 | 1.000 | 1.000 | 1 | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain('| ORG | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 |');
    expect(markdown).toContain('| `a\\|b.txt` | 1 change: 1 relabeled | 0.000 |');
    expect(markdown).toContain('- 1:1 relabeled `<b>Ann</b>` PER → ORG');
    // Outside a table a pipe is shown as it is: GFM keeps the backslash of `\|` there.
    expect(markdown).toContain('### `a|b.txt`');
  });

  it('shows no score (–) for a document where neither version holds an entity, as emend diff does', () => {
    const markdown = reportMarkdown(
      buildReport('disk', [
        compared('a.txt', '[PER Ann  ] .\n', '[PER Ann  ] .\n'),
        compared('s.txt', 'plain text only\n', 'plain text only\n'),
      ]),
    );
    expect(markdown).toContain('| `a.txt` | no changes | 1.000 |');
    expect(markdown).toContain('| `s.txt` | no changes | – |');
    const none = reportMarkdown(buildReport('disk', [compared('s.txt', 'x\n', 'x\n')]));
    expect(none).toContain('| strict | – | – | – | 0 | 0 | 0 | 0 | 0 |');
  });

  it('shows a character that takes no room as its glyph, and no text as nothing', () => {
    const markdown = reportMarkdown(
      buildReport('disk', [
        compared('a.txt', 'Hi [PER Ann  ] .\n', '\uFEFFHi [PER Ann\u200b  ] .\n'),
      ]),
    );
    expect(markdown).toContain('- 1:1 text (nothing) → `<BOM>`');
    expect(markdown).not.toMatch(/[\uFEFF\u200B]/);
  });

  it('shows text holding backticks as it is, in a code span fenced by more of them', () => {
    const markdown = reportMarkdown(
      buildReport('disk', [
        compared('a.txt', '[PER x`y  ] met [LOC `z  ]\n', '[ORG x`y  ] met [ORG `z  ]\n'),
      ]),
    );
    expect(markdown).toContain('- 1:1 relabeled ``x`y`` PER → ORG');
    expect(markdown).toContain('relabeled `` `z `` LOC → ORG');
  });
});
