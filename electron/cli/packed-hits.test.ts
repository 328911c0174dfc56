// Packed hits: what crosses a thread unpacks to the same hits, order, labels and file positions kept.
import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../shared/corpus/consistency-passes';
import { parse } from '../../shared/format/parse';
import { packedHitList, packHits, type PackedHits } from './packed-hits';

const unpack = (packed: PackedHits) => {
  const list = packedHitList(packed);
  return Array.from({ length: list.length }, (_, k) => list.hit(k));
};

describe('packed hits', () => {
  it('unpack to the first pass’s hits: spans, texts, labels, positions and order', () => {
    const doc = parse('[PER Ana  ] in [LOC Kosovo  ],\n🙂 [PER Ana  ] and [ORG UN [x]  ]\n');
    const { tagged } = tagDocument('a.txt', doc, false);
    const packed = packHits('a.txt', tagged);
    expect(packed.texts).toEqual(['Ana', 'Kosovo', 'UN [x]']);
    expect(packed.labels).toEqual(['PER', 'LOC', 'ORG']);
    expect(unpack(packed)).toEqual(tagged);
  });

  it('keeps a hit without a label and one inside an entity', () => {
    const hits = [
      { path: 'a.txt', start: 0, end: 3, text: 'Ana', label: null, overlaps: true },
      { path: 'a.txt', start: 4, end: 6, text: 'in', label: null, overlaps: false },
    ].map((hit) => ({ ...hit, line: 1, column: hit.start + 1, before: '', after: '' }));
    expect(unpack(packHits('a.txt', hits))).toEqual(hits);
  });

  it('refuses hits with context or of another document, which it would lose', () => {
    const doc = parse('[PER Ana  ] .\n');
    expect(() => packHits('a.txt', tagDocument('a.txt', doc, true).tagged)).toThrow(/context/);
    expect(() => packHits('b.txt', tagDocument('a.txt', doc, false).tagged)).toThrow(/a\.txt/);
  });
});
