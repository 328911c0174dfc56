import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../shared/api/contract';
import { Corpus } from './corpus.svelte';

const summary = (id: string): DocumentSummary => ({
  id,
  name: id,
  status: 'untouched',
  dirty: false,
  entities: 1,
  errors: 0,
  warnings: 0,
});

describe('the corpus list', () => {
  const loaded = () => {
    const corpus = new Corpus();
    corpus.load({ root: '/c', name: 'c', documents: ['a.txt', 'b.txt', 'c.txt'].map(summary) });
    return corpus;
  };

  it('finds a document and its neighbours, and changes one summary', () => {
    const corpus = loaded();
    expect(corpus.find('b.txt')?.id).toBe('b.txt');
    expect(corpus.find('z.txt')).toBeUndefined();
    expect(corpus.neighbour('b.txt', 1)?.id).toBe('c.txt');
    expect(corpus.neighbour('a.txt', -1)).toBeUndefined();
    corpus.update('b.txt', { dirty: true, status: 'edited' });
    expect(corpus.find('b.txt')).toMatchObject({ dirty: true, status: 'edited', entities: 1 });
    expect(corpus.documents.map((document) => document.status)).toEqual([
      'untouched',
      'edited',
      'untouched',
    ]);
  });

  it('keeps the list as it is for a change that changes nothing, or a document it lacks', () => {
    const corpus = loaded();
    corpus.update('b.txt', { status: 'edited' });
    const list = corpus.documents;
    corpus.update('b.txt', { status: 'edited', entities: 1 });
    corpus.update('z.txt', { status: 'edited' });
    expect(corpus.documents).toBe(list);
  });

  it('finds documents in a list given anew', () => {
    const corpus = loaded();
    corpus.documents = ['c.txt', 'a.txt'].map(summary);
    expect(corpus.neighbour('c.txt', 1)?.id).toBe('a.txt');
    expect(corpus.find('b.txt')).toBeUndefined();
  });
});
