import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { serialize, SerializeError } from './serialize';

describe('serialize', () => {
  it('writes a new entity in the file’s own close style', () => {
    const two = parse('[PER Ana  ] met Bob .');
    const one = parse('[PER Ana ] met Bob .');
    const add = (doc: typeof two) => ({
      ...doc,
      entities: [...doc.entities, { id: 9, start: 8, end: 11, label: 'PER' }],
    });
    expect(serialize(add(two))).toBe('[PER Ana  ] met [PER Bob  ] .');
    expect(serialize(add(one))).toBe('[PER Ana ] met [PER Bob ] .');
  });

  it('writes an edited entity (no original close) in the file style, others untouched', () => {
    const doc = parse('[LOC Paris ] , [LOC Rome  ] and [LOC Oslo  ] .');
    const edited = { ...doc, entities: doc.entities.map(({ close: _close, ...entity }) => entity) };
    expect(serialize(edited)).toBe('[LOC Paris  ] , [LOC Rome  ] and [LOC Oslo  ] .');
  });

  it('writes an entity holding literal brackets when they read back', () => {
    const doc = { ...parse('see [1] here'), entities: [{ id: 1, start: 4, end: 7, label: 'PER' }] };
    expect(serialize(doc)).toBe('see [PER [1]  ] here');
    expect(parse(serialize(doc)).entities.map(({ start, end }) => [start, end])).toEqual([[4, 7]]);
  });

  it.each([
    ['a line break', 'John\nSmith', 0, 10],
    ['surrounding space', 'a b', 1, 3],
  ])('refuses an entity whose text holds %s, with a typed error', (_what, text, start, end) => {
    const doc = { ...parse(text), entities: [{ id: 1, start, end, label: 'PER' }] };
    expect(() => serialize(doc)).toThrow(SerializeError);
    try {
      serialize(doc);
    } catch (error) {
      expect((error as SerializeError).code).toBe('ambiguous-entity');
      expect((error as SerializeError).message).toMatch(/cannot write entity \[PER\]/);
    }
  });

  // A tab or carriage return before a close's spaces is the close's (its entity ends at its last
  // token), so an edit writes the close in the file's style without it.
  it.each([
    ['a lone CR', 'x [PER a\rb  ] y\n', 'x [ORG a\rb  ] y\n'],
    ['a tab before its close', 'x [PER a\t  ] y\n', 'x [ORG a  ] y\n'],
    [
      'a lone CR before its close, one-space closes',
      'x [PER a\r ] y [LOC z ]\n',
      'x [ORG a ] y [ORG z ]\n',
    ],
  ])(
    'writes an edited entity holding %s that parse read, and it reads back',
    (_what, source, expected) => {
      const doc = parse(source);
      const relabeled = {
        ...doc,
        entities: doc.entities.map(({ close: _close, ...entity }) => ({ ...entity, label: 'ORG' })),
      };
      const written = serialize(relabeled);
      expect(written).toBe(expected);
      const reread = parse(written);
      expect(reread.text).toBe(doc.text);
      expect(reread.entities.map(({ start, end }) => [start, end])).toEqual(
        doc.entities.map(({ start, end }) => [start, end]),
      );
    },
  );

  it('refuses an invalid label and overlapping entities', () => {
    const doc = parse('a b c');
    expect(() =>
      serialize({ ...doc, entities: [{ id: 1, start: 0, end: 1, label: 'not a label' }] }),
    ).toThrow(/not a valid label/);
    expect(() =>
      serialize({
        ...doc,
        entities: [
          { id: 1, start: 0, end: 3, label: 'PER' },
          { id: 2, start: 2, end: 3, label: 'PER' },
        ],
      }),
    ).toThrow(SerializeError);
  });
});
