// What a label may look like, and reading a label list from the command line or settings.

/** A label starts with a letter and holds letters, digits, `_` and `-` (`PER`, `creative-work`). */
export const LABEL_PATTERN = /^\p{L}[\p{L}\p{N}_-]*$/u;

export function isValidLabel(label: string): boolean {
  return label.length <= 64 && LABEL_PATTERN.test(label);
}

/** Splits `PER,LOC, ORG` into labels; returns the invalid ones separately. */
export function parseLabelList(list: string): { labels: string[]; invalid: string[] } {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return {
    labels: [...new Set(names.filter(isValidLabel))],
    invalid: names.filter((name) => !isValidLabel(name)),
  };
}
