// The one rule for labels, used by the parser, the edit model, settings and the CLI; reading label lists.

/** A label starts with a letter and holds letters, digits, `_` and `-` (`PER`, `creative-work`), any length. */
export const LABEL_SOURCE = String.raw`\p{L}[\p{L}\p{N}_-]*`;

const LABEL_PATTERN = new RegExp(`^${LABEL_SOURCE}$`, 'u');

export function isValidLabel(label: string): boolean {
  return LABEL_PATTERN.test(label);
}

/**
 * The label of a set that name is, ignoring case (`PER` for `per`, or for `PER` itself): a label set
 * holds no two labels differing only in case, so such a name is that label, not a new one.
 */
export function labelIgnoringCase(name: string, labels: Iterable<string>): string | undefined {
  const folded = name.toLowerCase();
  for (const label of labels) if (label.toLowerCase() === folded) return label;
  return undefined;
}

/**
 * Splits `PER,LOC, ORG` into labels; returns the invalid ones separately, and whether a name between
 * commas is empty (`PER,,LOC`).
 */
export function parseLabelList(list: string): {
  labels: string[];
  invalid: string[];
  empty: boolean;
} {
  const all = list.split(',').map((name) => name.trim());
  const names = all.filter((name) => name.length > 0);
  return {
    labels: [...new Set(names.filter(isValidLabel))],
    invalid: names.filter((name) => !isValidLabel(name)),
    empty: names.length < all.length,
  };
}

/** An empty count per label, holding no key already: a label may be named `toString` or `constructor`. */
export const countsByLabel = (): Record<string, number> =>
  Object.create(null) as Record<string, number>;
