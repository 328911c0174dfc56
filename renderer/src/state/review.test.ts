// The Review panel's words and choices: which document it offers first as another annotator's copy of the open one, and how it names the baseline it shows.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { counterpartOf, describeBaseline } from './review.svelte';

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

describe('describeBaseline', () => {
  it('names a git baseline read under the name the document had there', () => {
    const doc = parse('');
    const source = { kind: 'git', revision: 'HEAD~2' } as const;
    expect(describeBaseline({ id: 'news/bonn.txt', source, doc })).toBe('git revision HEAD~2');
    expect(
      describeBaseline({ id: 'news/bonn.txt', source, doc, renamedFrom: 'news/berlin.txt' }),
    ).toBe('git revision HEAD~2 (then news/berlin.txt)');
  });
});
