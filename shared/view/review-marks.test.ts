import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { diffDocuments } from '../review/diff';
import { baselineToCurrent } from '../review/revert';
import { lineParts } from './line-parts';
import { reviewMarks, spansOn } from './review-marks';

const BASELINE = parse('[PER Ann  ] met [LOC Rome  ] and [ORG KFOR troops  ] here .\n');
const CURRENT = parse('[ORG Ann  ] met Rome and [ORG KFOR  ] troops here [MISC now  ] .\n');

describe('review marks', () => {
  const marks = reviewMarks(
    diffDocuments(BASELINE, CURRENT),
    CURRENT,
    baselineToCurrent(BASELINE, CURRENT),
  );

  it('marks changed entities by id with their old label, and spans for what is gone', () => {
    expect([...marks.entities.values()]).toEqual([
      { kind: 'relabeled', oldLabel: 'PER' },
      { kind: 'resized' },
      { kind: 'added' },
    ]);
    const text = (span: { start: number; end: number }) => CURRENT.text.slice(span.start, span.end);
    expect(marks.spans.map((span) => [span.kind, text(span), span.label])).toEqual([
      ['removed', 'Rome', 'LOC'],
      ['old-extent', 'KFOR troops', 'ORG'],
      ['text', 'now ', undefined],
    ]);
  });

  it('gives the line pieces their review classes and a ghost chip where a removed entity starts', () => {
    const parts = lineParts({
      start: 0,
      text: CURRENT.text.slice(0, -1),
      entities: CURRENT.entities,
      diagnostics: [],
      selection: null,
      review: spansOn(marks, 0, CURRENT.text.length),
    });
    const pieces = parts.flatMap((part) => part.pieces);
    const rome = pieces.find((piece) => piece.text === 'Rome')!;
    expect([rome.review, rome.ghost]).toEqual(['removed', 'LOC']);
    expect(pieces.filter((piece) => piece.review === 'old-extent').map((p) => p.text)).toEqual([
      'KFOR',
      ' troops',
    ]);
  });
});
