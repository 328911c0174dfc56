// Label colors as one constructed style sheet (`[data-label="PER"] { --label-color: … }`), CSP-safe.
import type { LabelSetting } from '../../../shared/api/contract';
import { chipTextColor } from '../../../shared/api/label-colors';
import { isValidLabel } from '../../../shared/format/labels';

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

let sheet: CSSStyleSheet | null = null;

/** Installs (or replaces) the label colors in the document. */
export function applyLabelColors(
  labels: readonly LabelSetting[],
  target: Document = document,
): void {
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in target)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(labelColorRules(labels));
}
