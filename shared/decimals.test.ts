import { describe, expect, it } from 'vitest';
import { threeDecimals } from './decimals';

describe('threeDecimals', () => {
  it('prints three decimals, and a figure rounding to zero without a sign', () => {
    expect(threeDecimals(0.8125)).toBe('0.813');
    expect(threeDecimals(-0.25)).toBe('-0.250');
    expect(threeDecimals(-0.0003)).toBe('0.000');
    expect(threeDecimals(-0)).toBe('0.000');
    expect(threeDecimals(1)).toBe('1.000');
  });
});
