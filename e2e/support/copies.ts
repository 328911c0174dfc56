// The annotators' copies of the adjudicate fixture, put beside a served corpus (the curator's copy), and the Agreement view.
import type { Page } from '@playwright/test';
import { cp } from 'node:fs/promises';
import path from 'node:path';

/** The fixture's copies: a gold corpus and three annotators' folders. */
export const copiesFixtures = path.resolve(import.meta.dirname, '../fixtures/adjudicate');

/** Puts the annotators' copies beside the served corpus (the curator's copy). */
export async function copiesBeside(folder: string): Promise<void> {
  for (const annotator of ['ann', 'bo', 'cy']) {
    await cp(path.join(copiesFixtures, annotator), path.join(path.dirname(folder), annotator), {
      recursive: true,
    });
  }
}

export const agreementView = (page: Page) => page.getByRole('region', { name: 'Agreement' });

/** Opens the Agreement panel, makes the choices given (by their names), and computes the copies' agreement. */
export async function computeAgreement(
  page: Page,
  copies: string,
  choices: Record<string, string> = {},
) {
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const view = agreementView(page);
  for (const [name, value] of Object.entries(choices))
    await view.getByRole('combobox', { name }).selectOption(value);
  await view.getByRole('textbox', { name: 'Copies' }).fill(copies);
  await view.getByRole('button', { name: 'Compute agreement' }).click();
  return view;
}
