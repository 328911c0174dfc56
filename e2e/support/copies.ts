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
