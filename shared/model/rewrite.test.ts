import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { applyTransaction, EditError } from './operations';

describe('text rewrites', () => {
  it('change the bytes at their offset, keep the ids of entities that did not move, and undo exactly', () => {
    const source = '\uFEFFA [PER Ann  ] met [LOC Kosovo  ]. and [ORG UN ]\r\nnext\r\n';
    const doc = parse(source);
    const bracket = serialize(doc).slice(1).indexOf('].'); // offsets leave out the BOM
    const { doc: fixed, inverse } = applyTransaction(doc, {
      ops: [{ op: 'rewrite', offset: bracket + 1, remove: '', insert: ' ' }],
    });
    expect(serialize(fixed)).toBe(
      '\uFEFFA [PER Ann  ] met [LOC Kosovo  ] . and [ORG UN ]\r\nnext\r\n',
    );
    expect(fixed.entities.map((entity) => entity.id)).toEqual([1, 2, 3]);
    expect(fixed.text).toBe('A Ann met Kosovo . and UN\r\nnext\r\n');
    expect(serialize(applyTransaction(fixed, inverse).doc)).toBe(source);
  });

  it('give fresh ids to entities they make, and later entity edits save surgically', () => {
    const doc = parse('x [LOC Kosovo never closes\n[PER Ann ] y\n');
    const { doc: fixed } = applyTransaction(doc, {
      ops: [{ op: 'rewrite', offset: 13, remove: '', insert: '  ]' }],
    });
    expect(fixed.entities.map(({ id, label }) => ({ id, label }))).toEqual([
      { id: 2, label: 'LOC' },
      { id: 1, label: 'PER' },
    ]);
    const relabeled = applyTransaction(fixed, { ops: [{ op: 'relabel', id: 2, label: 'ORG' }] });
    // The untouched entity keeps its one-space close: only the relabeled one is rewritten.
    expect(serialize(relabeled.doc)).toBe('x [ORG Kosovo  ] never closes\n[PER Ann ] y\n');
  });

  it('read the file back as it would be reread: a U+FEFF they put first is refused, one after a BOM kept', () => {
    const plain = parse('Ann met Bob\n');
    const atStart = { op: 'rewrite' as const, offset: 0, remove: '', insert: '\ufeff' };
    expect(() => applyTransaction(plain, { ops: [atStart] })).toThrow(/byte order mark/);
    const marked = parse('\ufeff[PER Ann  ] met Bob\n');
    const { doc: fixed } = applyTransaction(marked, { ops: [atStart] });
    expect(serialize(fixed)).toBe('\ufeff\ufeff[PER Ann  ] met Bob\n');
    expect(fixed.text).toBe('\ufeffAnn met Bob\n');
    expect(fixed.entities.map(({ start, end }) => [start, end])).toEqual([[1, 4]]);
  });

  it('are refused when they would write a NUL or a lone surrogate, as imports are', () => {
    const doc = parse('A [PER Ann  ] 😀 b\n');
    const rewrite = (offset: number, remove: string, insert: string) => () =>
      applyTransaction(doc, { ops: [{ op: 'rewrite', offset, remove, insert }] });
    expect(rewrite(0, '', 'x\u0000')).toThrow(
      'the file would hold a NUL character (U+0000) at code point 1: a text file cannot hold it',
    );
    expect(rewrite(0, '', '\ud800')).toThrow(
      'the file would hold a lone surrogate U+D800 at code point 0: UTF-8 cannot store it',
    );
    const emoji = serialize(doc).indexOf('😀');
    expect(rewrite(emoji, '\ud83d', '')).toThrow(/lone surrogate U\+DE00 at code point 14/);
  });

  it('are refused when the text is not there', () => {
    const doc = parse('A [PER Ann  ] b\n');
    expect(() =>
      applyTransaction(doc, { ops: [{ op: 'rewrite', offset: 0, remove: 'B', insert: '' }] }),
    ).toThrow(EditError);
  });

  it('share a transaction with entity edits, in order, and undo with them', () => {
    const source = 'A [PER Ann  ]. b\n';
    const doc = parse(source);
    const applied = applyTransaction(doc, {
      ops: [
        { op: 'relabel', id: 1, label: 'ORG' },
        { op: 'rewrite', offset: 13, remove: '', insert: ' ' },
        { op: 'relabel', id: 1, label: 'LOC' },
      ],
    });
    expect(serialize(applied.doc)).toBe('A [LOC Ann  ] . b\n');
    expect(serialize(applyTransaction(applied.doc, applied.inverse).doc)).toBe(source);
  });

  it('undo gives back the bytes, for any single-character insert', () => {
    const source = 'The [ORG European Union  ] sent [PER Javier Solana  ] to Pristina .\n';
    const doc = parse(source);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: source.length }),
        fc.constantFrom(' ', ']', '[', 'x'),
        (offset, insert) => {
          const applied = applyTransaction(doc, {
            ops: [{ op: 'rewrite', offset, remove: '', insert }],
          });
          expect(serialize(applied.doc)).toBe(
            source.slice(0, offset) + insert + source.slice(offset),
          );
          expect(serialize(applyTransaction(applied.doc, applied.inverse).doc)).toBe(source);
        },
      ),
    );
  });
});
