import { describe, expect, it } from 'vitest';
import { placeBeside } from './popup-position';

const window = { width: 1000, height: 600 };
const popup = { width: 200, height: 150 };

describe('popup placement', () => {
  it('goes below the target when it fits', () => {
    expect(placeBeside({ left: 100, top: 100, width: 50, height: 20 }, popup, window)).toEqual({
      left: 100,
      top: 124,
    });
  });

  it('goes above a target near the bottom, and stays inside on the right', () => {
    expect(placeBeside({ left: 950, top: 550, width: 40, height: 20 }, popup, window)).toEqual({
      left: 792,
      top: 396,
    });
  });

  it('stays inside a window too small for either side', () => {
    const tall = { width: 200, height: 500 };
    expect(placeBeside({ left: 10, top: 200, width: 40, height: 20 }, tall, window).top).toBe(92);
  });
});
