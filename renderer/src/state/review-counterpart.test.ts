// Which document the Review panel offers first as another annotator's copy of the open one.
import { describe, expect, it } from 'vitest';
import { counterpartOf } from './review.svelte';

describe('counterpartOf', () => {
  it("offers the copy at the same path in another annotator's folder, else the first document", () => {
    const others = ['ann/d3.txt', 'bo/d3.txt', 'bo/news/d1.txt', 'cy/news/d1.txt', 'd1.txt'];
    expect(counterpartOf('ann/news/d1.txt', others)).toBe('bo/news/d1.txt');
    expect(counterpartOf('cy/d3.txt', others)).toBe('ann/d3.txt');
    expect(counterpartOf('gold/d1.txt', others)).toBe('bo/news/d1.txt');
    expect(counterpartOf('notes.txt', others)).toBe('ann/d3.txt');
    expect(counterpartOf('notes.txt', [])).toBeNull();
  });
});
