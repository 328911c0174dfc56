// The colors new labels take, in order, wherever a label setting is made (corpus defaults, the palette).

export const LABEL_PALETTE: readonly string[] = [
  '#d1495b',
  '#2e86ab',
  '#3b8b5a',
  '#a26769',
  '#8f6bb3',
  '#d08c2b',
  '#3a7d7c',
  '#b5527f',
  '#6c7a89',
];

/** The color of the label at this position in a label set. */
export function paletteColor(index: number): string {
  return LABEL_PALETTE[index % LABEL_PALETTE.length];
}
