import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { applyTransaction } from '../model/operations';
import { tagSpan } from '../model/gestures';
import { LineIndex } from './line-index';

const source =
  'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] society .\r\n\r\n[PER Dell  ] spoke .\nlast line';

describe('LineIndex', () => {
  const doc = parse(source);
  const lines = new LineIndex(doc.text);

  it('knows each line and its text without the line break', () => {
    expect(lines.count).toBe(4);
    expect(lines.lineText(0)).toBe('Integrating Kosovo Serbs into Kosovo society .');
    expect(lines.lineText(1)).toBe('');
    expect(lines.lineText(2)).toBe('Dell spoke .');
    expect(lines.lineText(3)).toBe('last line');
    expect(lines.lineOf(doc.text.indexOf('spoke'))).toBe(2);
  });

  it('finds the entities of each line', () => {
    expect(lines.on(doc.entities, 0).map((entity) => entity.label)).toEqual(['LOC', 'MISC', 'LOC']);
    expect(lines.on(doc.entities, 1)).toEqual([]);
    expect(
      lines.on(doc.entities, 2).map((entity) => doc.text.slice(entity.start, entity.end)),
    ).toEqual(['Dell']);
    expect(lines.on(doc.entities, 3)).toEqual([]);
  });

  it('sees an edit through the document’s sorted entities without being rebuilt', () => {
    const start = doc.text.indexOf('spoke');
    const { doc: edited } = applyTransaction(doc, tagSpan(doc, start, start + 5, 'MISC'));
    expect(lines.on(edited.entities, 2).map((entity) => entity.label)).toEqual(['PER', 'MISC']);
  });

  it('finds exactly the entities of a line among 150k entities', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `w${i} a b c d e f`).join('\n');
    const big = new LineIndex(text);
    const entities = big.starts.flatMap((start, i) => [
      { id: 3 * i, start, end: start + 2, label: 'PER' },
      {
        id: 3 * i + 1,
        start: start + 3 + String(i).length,
        end: start + 4 + String(i).length,
        label: 'LOC',
      },
      {
        id: 3 * i + 2,
        start: start + 5 + String(i).length,
        end: start + 6 + String(i).length,
        label: 'ORG',
      },
    ]);
    for (let line = 0; line < 1000; line++) expect(big.on(entities, 40_000 + line)).toHaveLength(3);
  });
});
