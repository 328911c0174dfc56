import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { entityAt, entityWithId, insertionIndex } from './entity-order';

const doc = parse('[PER Ann  ] met [LOC Rome  ] and [ORG UN  ] .\n');

describe('entity order', () => {
  it('finds where a start falls among the entities', () => {
    expect(insertionIndex(doc.entities, 0)).toBe(0);
    expect(insertionIndex(doc.entities, 5)).toBe(1);
    expect(insertionIndex(doc.entities, 1000)).toBe(3);
  });

  it('finds an entity by id, where it is said to start or elsewhere', () => {
    const rome = doc.entities[1];
    expect(entityWithId(doc.entities, rome.id, rome.start)).toBe(rome);
    expect(entityWithId(doc.entities, rome.id, 0)).toBe(rome);
    expect(entityWithId(doc.entities, rome.id)).toBe(rome);
    expect(entityWithId(doc.entities, 99, rome.start)).toBeUndefined();
  });

  it('finds the entity spanning exactly a span, and none for a span it only starts or covers', () => {
    const rome = doc.entities[1];
    expect(entityAt(doc.entities, rome.start, rome.end)).toBe(rome);
    expect(entityAt(doc.entities, rome.start, rome.end - 1)).toBeUndefined();
    expect(entityAt(doc.entities, rome.start + 1, rome.end)).toBeUndefined();
    expect(entityAt(doc.entities, 1000, 1001)).toBeUndefined();
  });
});
