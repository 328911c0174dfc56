// The label colors (shared/api/label-colors.ts) installed as one constructed style sheet, CSP-safe.
import type { LabelSetting } from '../../../shared/api/contract';
import { FIRST_LABEL_COLORS_ID, labelColorRules } from '../../../shared/api/label-colors';

let sheet: CSSStyleSheet | null = null;

/**
 * Installs (or replaces) the label colors in the document; the first screen's linked colors go, so a
 * label removed since loses its color at once.
 */
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
  target.getElementById(FIRST_LABEL_COLORS_ID)?.remove();
}
