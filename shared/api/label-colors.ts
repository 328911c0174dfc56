// The colors new labels take, in order, wherever a label setting is made (corpus defaults, the palette),
// the chip text color that reads on each, and the style rules that give label elements their colors.
import { isValidLabel } from '../format/labels';
import type { LabelSetting } from './contract';

/**
 * First the Okabe–Ito set (distinct under the common colour-vision deficiencies), most distinct
 * first, so PER, LOC, ORG and MISC get blue, orange, bluish green and reddish purple; grey eighth.
 * Then, for larger label sets, eight of Paul Tol's muted colours, each apart from all the others
 * for normal vision (their chips' names tell them apart where the colours cannot).
 */
export const LABEL_PALETTE: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#999999',
  '#332288',
  '#882255',
  '#999933',
  '#DDCC77',
  '#117733',
  '#AA4499',
  '#CC6677',
  '#44AA99',
];

/** The color of the label at this position in a label set. */
export function paletteColor(index: number): string {
  return LABEL_PALETTE[index % LABEL_PALETTE.length];
}

/** The color a new label takes: the first of the palette no label has (they stay apart), else by count. */
export function freeColor(labels: readonly LabelSetting[]): string {
  const used = new Set(labels.map((label) => label.color.toLowerCase()));
  return (
    LABEL_PALETTE.find((color) => !used.has(color.toLowerCase())) ?? paletteColor(labels.length)
  );
}

/** The id of the first screen's link to the label colors, which the editor's own sheet replaces. */
export const FIRST_LABEL_COLORS_ID = 'first-label-colors';

/** WCAG relative luminance of a `#rrggbb` color. */
export function luminance(hex: string): number {
  const channel = (at: number) => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colors (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on a chip of this color. */
export function chipTextColor(background: string): string {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff')
    ? '#000000'
    : '#ffffff';
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The rules giving each label element its color; labels and colors are validated, never pasted raw. */
export function labelColorRules(labels: readonly LabelSetting[]): string {
  return labels
    .filter((label) => isValidLabel(label.name) && HEX_COLOR.test(label.color))
    .map(
      (label) =>
        `[data-label="${label.name}"] { --label-color: ${label.color}; --label-text: ${chipTextColor(label.color)}; }`,
    )
    .join('\n');
}
