// Packed entities: what crosses a thread unpacks to the same entities, labels and order kept.
import { describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { packEntities, unpackEntities } from './packed-entities';

describe('packed entities', () => {
  it('unpack to the parse’s entities: spans, labels and order', () => {
    const { entities } = parse('[PER Ana  ] in [LOC Kosovo  ], [PER Ben  ] and [ORG UN  ]\n');
    const packed = packEntities(entities);
    expect(packed.labels).toEqual(['PER', 'LOC', 'ORG']);
    expect(unpackEntities(packed)).toEqual(
      entities.map(({ start, end, label }) => ({ start, end, label })),
    );
  });

  it('unpack an empty list to an empty list', () => {
    expect(unpackEntities(packEntities([]))).toEqual([]);
  });
});
