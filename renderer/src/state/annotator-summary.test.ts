import { describe, expect, it } from 'vitest';
import { annotatorSummaries, summaryMarkdown } from './annotator-summary';

const e = (start: number, end: number, label: string) => ({ start, end, label });

describe('the annotator summary', () => {
  it('counts what each annotator had kept, overruled and missed, by label', () => {
    const summaries = annotatorSummaries(
      ['ann', 'bo'],
      [
        {
          id: 'a.txt',
          copies: [
            [e(0, 3, 'PER'), e(5, 9, 'LOC')],
            [e(0, 3, 'ORG'), e(5, 9, 'LOC')],
          ],
          result: [e(0, 3, 'PER'), e(5, 9, 'LOC'), e(12, 15, 'MISC')],
          undecided: [],
        },
      ],
    );
    expect(summaries).toEqual([
      {
        annotator: 'ann',
        documents: 1,
        entities: 2,
        kept: 2,
        overruled: 0,
        overruledLabels: {},
        missed: 1,
        missedLabels: { MISC: 1 },
        undecided: 0,
      },
      {
        annotator: 'bo',
        documents: 1,
        entities: 2,
        kept: 1,
        overruled: 1,
        overruledLabels: { ORG: 1 },
        missed: 2,
        missedLabels: { MISC: 1, PER: 1 },
        undecided: 0,
      },
    ]);
    expect(summaryMarkdown(summaries, ['a.txt'])).toContain(
      '| bo | 2 | 1 | 1 | ORG 1 | 2 | MISC 1, PER 1 | 0 |',
    );
  });

  it('counts an entity at a place not yet decided as undecided, neither kept nor overruled', () => {
    // The place over 5–9 is still open: the result holds nothing there yet.
    const [ann] = annotatorSummaries(
      ['ann'],
      [
        {
          id: 'a.txt',
          copies: [[e(0, 3, 'PER'), e(5, 9, 'LOC')]],
          result: [e(0, 3, 'PER')],
          undecided: [{ start: 5, end: 9 }],
        },
      ],
    );
    expect(ann).toMatchObject({ entities: 2, kept: 1, overruled: 0, missed: 0, undecided: 1 });
  });
});
