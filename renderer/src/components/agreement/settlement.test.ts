// How a place's standing reads in the adjudication panel and under the text.
import { describe, expect, it } from 'vitest';
import { describeSettlement } from './settlement';

const ANNOTATORS = ['ann', 'bo', 'cy'];

describe('describeSettlement', () => {
  it('names whose version a place holds, or that it holds no entity, or entities set by hand', () => {
    expect(describeSettlement({ kind: 'open' }, ANNOTATORS)).toBe('open');
    expect(describeSettlement({ kind: 'version', annotators: [0, 2] }, ANNOTATORS)).toBe(
      'settled: ann, cy',
    );
    // "None" chosen where every annotator marked an entity is no hand edit.
    expect(describeSettlement({ kind: 'none' }, ANNOTATORS)).toBe('settled: no entity');
    expect(describeSettlement({ kind: 'hand' }, ANNOTATORS)).toBe('settled by hand');
  });
});
