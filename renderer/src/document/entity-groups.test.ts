import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { applyTransaction } from '../../../shared/model/operations';
import { firstWithLabel, LabelTally } from './entity-groups';

const doc = parse('[PER Ann  ] met [LOC Rome  ] , [PER Bo  ] and [PER Cy  ] in [ORG UN  ] .\n');

describe('entity groups', () => {
  it('counts entities per label, labels in alphabetical order', () => {
    expect(new LabelTally().of(doc.entities)).toEqual([
      ['LOC', 1],
      ['ORG', 1],
      ['PER', 3],
    ]);
  });

  it('keeps the counts right edit after edit, and for another document', () => {
    const tally = new LabelTally();
    tally.of(doc.entities);
    const relabeled = applyTransaction(doc, { ops: [{ op: 'relabel', id: 2, label: 'PER' }] }).doc;
    expect(tally.of(relabeled.entities)).toEqual([
      ['ORG', 1],
      ['PER', 4],
    ]);
    const removed = applyTransaction(relabeled, {
      ops: [
        { op: 'remove', id: 1 },
        { op: 'remove', id: 5 },
      ],
    }).doc;
    expect(tally.of(removed.entities)).toEqual([['PER', 3]]);
    expect(tally.of(doc.entities)).toEqual([
      ['LOC', 1],
      ['ORG', 1],
      ['PER', 3],
    ]);
    expect(tally.of(parse('[MISC x  ]\n').entities)).toEqual([['MISC', 1]]);
  });

  it('lists the first entities of a label in document order, no more than asked', () => {
    const names = (limit: number) =>
      firstWithLabel(doc.entities, 'PER', limit).map((e) => doc.text.slice(e.start, e.end));
    expect(names(2)).toEqual(['Ann', 'Bo']);
    expect(names(10)).toEqual(['Ann', 'Bo', 'Cy']);
  });
});
