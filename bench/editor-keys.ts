// What the editor benchmarks share: the document view's selectors, the open conditions, and an entity reached and relabelled by keys.
import type { Page } from '@playwright/test';
import { DEFAULT_LABELS } from '../shared/format/document';
import type { Condition } from './paint-probe';

export const VIEW = '[data-testid="document-view"]';
/** Interactive: the document view holds the keyboard focus and its first line is on screen. */
export const READY: Condition = {
  selector: `${VIEW} .line`,
  present: true,
  within: VIEW,
  focused: VIEW,
};
/** Drawn: a line of the document is on screen, from the editor or from the first screen sent with the page. */
export const DRAWN: Condition = { selector: `${VIEW} .line, #first-screen .line`, present: true };

/** An edit waits this long at most to be painted. */
export const EDIT_LIMIT = 10_000;

/** The entity starting at `start` (with `label`) as either page renders it. */
export function entityAt(start: number, label?: string): string {
  const mark = `mark.entity${label ? `[data-label="${label}"]` : ''}`;
  return `${mark}[data-start="${start}"], ${mark} > [data-start="${start}"]`;
}

/** Selects the entity after the current one with Tab and says which it is. */
export async function tabToEntity(
  page: Page,
  after: number,
): Promise<{ start: number; label: string }> {
  await page.keyboard.press('Tab');
  const selected = page
    .locator(`${VIEW} mark.selected-entity:not(:has(> [data-start="${after}"]))`)
    .first();
  await selected.waitFor({ timeout: EDIT_LIMIT });
  const start = Number(await selected.locator('[data-start]').first().getAttribute('data-start'));
  return { start, label: (await selected.getAttribute('data-label')) ?? '' };
}

/** The key that gives the selection a default label. */
export function labelKey(label: string): string {
  return String(DEFAULT_LABELS.indexOf(label) + 1);
}
