import { describe, expect, it } from 'vitest';
import { formatDuration, formatRatio, markdownTable, percentile, percentileOf } from './stats';

describe('percentile', () => {
  it('takes the nearest rank, so the p95 of 20 samples is the 19th smallest', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 100)).toBe(20);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('is the only value of a single sample and refuses no samples', () => {
    expect(percentile([42], 95)).toBe(42);
    expect(() => percentile([], 95)).toThrow(RangeError);
  });

  it('counts a cut-off sample (null) as the slowest: null when the rank falls on one, undefined for none', () => {
    expect(percentileOf([10, null, 30], 50)).toBe(30);
    expect(percentileOf([10, null, 30], 95)).toBeNull();
    expect(percentileOf([], 50)).toBeUndefined();
  });
});

describe('printed figures', () => {
  it('shows milliseconds, seconds, and a cut-off time', () => {
    expect(formatDuration(12.4, 60_000)).toBe('12 ms');
    expect(formatDuration(1250, 60_000)).toBe('1.25 s');
    expect(formatDuration(null, 60_000)).toBe('> 60 s');
  });

  it('gives emend over the baseline, an upper bound when the baseline was cut off', () => {
    expect(formatRatio(50, 200, 60_000)).toBe('0.25');
    expect(formatRatio(600, null, 60_000)).toBe('< 0.01');
    expect(formatRatio(null, 100, 60_000)).toBe('—');
  });

  it('lines up a markdown table', () => {
    expect(markdownTable(['a', 'bb'], [['xyz', '1']])).toBe(
      ['| a   | bb |', '|-----|----|', '| xyz | 1  |'].join('\n'),
    );
  });
});
