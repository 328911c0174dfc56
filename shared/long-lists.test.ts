import { describe, expect, it } from 'vitest';
import { append, largest } from './long-lists';

const many = Array.from({ length: 500_000 }, (_, index) => index);

describe('lists longer than a call takes arguments', () => {
  it('append adds them all, in order', () => {
    expect(() => [0].push(...many)).toThrow(RangeError);
    const into = [-1];
    append(into, many);
    expect(into.length).toBe(500_001);
    expect(into[1]).toBe(0);
    expect(into[500_000]).toBe(499_999);
  });

  it('largest finds the largest, or the least given', () => {
    expect(() => Math.max(...many)).toThrow(RangeError);
    expect(largest(many)).toBe(499_999);
    expect(largest(many, 600_000)).toBe(600_000);
    expect(largest([], 12)).toBe(12);
  });
});
