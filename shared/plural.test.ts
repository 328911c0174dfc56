import { describe, expect, it } from 'vitest';
import { plural, someOf } from './plural';

describe('plural', () => {
  it('writes one thing in the singular and others in the plural, given or with an "s"', () => {
    expect([plural(1, 'file'), plural(0, 'file'), plural(3, 'file')]).toEqual([
      '1 file',
      '0 files',
      '3 files',
    ]);
    expect([plural(1, 'entity', 'entities'), plural(2, 'entity', 'entities')]).toEqual([
      '1 entity',
      '2 entities',
    ]);
  });

  it('names the first of a long list and counts the rest', () => {
    expect(someOf(['a', 'b'])).toBe('a, b');
    expect(someOf(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, and 2 more');
    expect(someOf(['a', 'b', 'c'], 2)).toBe('a, b, and 1 more');
  });
});
