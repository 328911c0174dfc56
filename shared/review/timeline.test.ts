import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { emptyHistory, recordEdit, type HistoryEntry } from '../model/history';
import { applyTransaction, type Transaction } from '../model/operations';
import { documentsAtPoints, restoreTransaction, summarizeEntry } from './timeline';

const FILE = 'KFOR met KFOR and [PER Quint  ] in [LOC Pristina  ] , KFOR said .\n';

/** Applies transactions one by one and returns the final document and its undo entries. */
function edit(txs: Transaction[]) {
  let doc = parse(FILE);
  let history = emptyHistory;
  txs.forEach((tx, time) => {
    const applied = applyTransaction(doc, tx);
    history = recordEdit(history, { forward: tx, inverse: applied.inverse, time });
    doc = applied.doc;
  });
  return { doc, entries: history.done as HistoryEntry[] };
}

const tagKfor: Transaction = {
  ops: [0, 9, 38].map((start, i) => ({
    op: 'add',
    entity: { id: 10 + i, start, end: start + 4, label: 'ORG' },
  })),
};
const relabelQuint: Transaction = { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] };
const removePristina: Transaction = { ops: [{ op: 'remove', id: 2 }] };

describe('a document timeline', () => {
  const { doc, entries } = edit([tagKfor, relabelQuint, removePristina]);
  const docs = documentsAtPoints(doc, entries);

  it('rebuilds the document at every point', () => {
    expect(docs.map((point) => serialize(point))).toEqual([
      FILE,
      '[ORG KFOR  ] met [ORG KFOR  ] and [PER Quint  ] in [LOC Pristina  ] , [ORG KFOR  ] said .\n',
      '[ORG KFOR  ] met [ORG KFOR  ] and [ORG Quint  ] in [LOC Pristina  ] , [ORG KFOR  ] said .\n',
      '[ORG KFOR  ] met [ORG KFOR  ] and [ORG Quint  ] in Pristina , [ORG KFOR  ] said .\n',
    ]);
  });

  it('summarizes each entry in one line', () => {
    expect(entries.map((entry, k) => summarizeEntry(docs[k], docs[k + 1], entry))).toEqual([
      'tagged 3 × KFOR as ORG',
      'relabeled Quint PER → ORG',
      'removed Pristina (LOC)',
    ]);
  });

  it('restores any point as one transaction, byte for byte', () => {
    for (let point = 0; point < docs.length - 1; point++) {
      const tx = restoreTransaction(entries, point)!;
      expect(serialize(applyTransaction(doc, tx).doc)).toBe(serialize(docs[point]));
    }
    expect(restoreTransaction(entries, entries.length)).toBeNull();
  });
});

describe('restoring a version', () => {
  it('brings back a removed entity with its own close marker', () => {
    const file = 'In [LOC Paris ] , [LOC Rome  ] and [LOC Oslo  ] .\n';
    const original = parse(file);
    const removed = applyTransaction(original, { ops: [{ op: 'remove', id: 1 }] });
    const entries: HistoryEntry[] = [
      { forward: { ops: [{ op: 'remove', id: 1 }] }, inverse: removed.inverse, time: 0 },
    ];
    const restored = applyTransaction(removed.doc, restoreTransaction(entries, 0)!).doc;
    expect(serialize(restored)).toBe(file);
  });
});
