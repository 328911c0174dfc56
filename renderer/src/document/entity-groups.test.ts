import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { firstWithLabel, labelCounts } from './entity-groups';

const doc = parse('[PER Ann  ] met [LOC Rome  ] , [PER Bo  ] and [PER Cy  ] in [ORG UN  ] .\n');

describe('entity groups', () => {
  it('counts entities per label, labels in alphabetical order', () => {
    expect(labelCounts(doc.entities)).toEqual([
      ['LOC', 1],
      ['ORG', 1],
      ['PER', 3],
    ]);
  });

  it('lists the first entities of a label in document order, no more than asked', () => {
    const names = (limit: number) =>
      firstWithLabel(doc.entities, 'PER', limit).map((e) => doc.text.slice(e.start, e.end));
    expect(names(2)).toEqual(['Ann', 'Bo']);
    expect(names(10)).toEqual(['Ann', 'Bo', 'Cy']);
  });
});
