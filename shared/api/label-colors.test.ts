import { describe, expect, it } from 'vitest';
import { chipTextColor, contrastRatio, LABEL_PALETTE, paletteColor } from './label-colors';

// Machado, Oliveira & Fernandes (2009) full-severity simulation matrices, on linear RGB.
const DEFICIENCIES: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
  none: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

const linear = (hex: string) =>
  [1, 3, 5].map((at) => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });

/** CIELAB (D65) of a linear RGB color. */
function lab([r, g, b]: number[]): number[] {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  [r, g, b] = [r, g, b].map(clamp);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function seenAs(hex: string, matrix: number[][]): number[] {
  const rgb = linear(hex);
  return lab(matrix.map((row) => row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]));
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('the label palette', () => {
  it('keeps the default labels (PER, LOC, ORG, MISC) apart under each common colour-vision deficiency', () => {
    const defaults = LABEL_PALETTE.slice(0, 4);
    for (const [name, matrix] of Object.entries(DEFICIENCIES)) {
      for (let i = 0; i < defaults.length; i++) {
        for (let k = i + 1; k < defaults.length; k++) {
          const apart = distance(seenAs(defaults[i], matrix), seenAs(defaults[k], matrix));
          // CIE76 ΔE; the former PER/MISC reds were 5 apart for a deuteranope.
          expect(apart, `${defaults[i]} vs ${defaults[k]} (${name})`).toBeGreaterThan(15);
        }
      }
    }
  });

  it('gives each of sixteen labels (a set as large as OntoNotes nearly) its own colour, all apart', () => {
    const colors = Array.from({ length: 16 }, (_, index) => paletteColor(index));
    expect(new Set(colors).size).toBe(16);
    for (let i = 0; i < colors.length; i++) {
      for (let k = i + 1; k < colors.length; k++) {
        const apart = distance(
          seenAs(colors[i], DEFICIENCIES.none),
          seenAs(colors[k], DEFICIENCIES.none),
        );
        expect(apart, `${colors[i]} vs ${colors[k]}`).toBeGreaterThan(15);
      }
    }
  });

  it('gives every chip text of AA contrast', () => {
    for (const color of LABEL_PALETTE) {
      expect(contrastRatio(color, chipTextColor(color)), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('rates contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
