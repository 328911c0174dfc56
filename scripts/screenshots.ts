// Makes the README screenshots (docs/screenshots/*.png: the editor, review) through `emend serve`.
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';

const root = path.resolve(import.meta.dirname, '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const output = path.join(root, 'docs/screenshots');

async function main(): Promise<void> {
  ensureRendererBuilt();
  const samples = path.join(root, 'samples');
  const corpus = existsSync(samples) ? samples : path.join(root, 'e2e/fixtures/corpus');
  const served = await serveCopy(corpus);
  const browser = await chromium.launch(
    existsSync(SYSTEM_CHROMIUM)
      ? {
          executablePath: SYSTEM_CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
        }
      : {},
  );
  try {
    await mkdir(output, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
        colorScheme: theme,
      });
      await page.goto(served.url);
      const view = page.getByTestId('document-view');
      await view.waitFor();
      // Show an annotator mid-task: a document with problems, one entity selected, its label group open.
      const withProblems = page
        .getByRole('navigation', { name: 'Corpus' })
        .getByRole('button', { name: /▲|✖/ });
      if ((await withProblems.count()) > 0) await withProblems.first().click();
      await view.locator('mark.entity').nth(1).click();
      const label = await view.locator('mark.entity').nth(1).getAttribute('data-label');
      await page
        .getByRole('region', { name: 'Entities' })
        .locator(`summary[data-label="${label}"]`)
        .click();
      await page.mouse.move(0, 0);
      const file = path.join(output, `main-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(root, file)}`);
      await page.close();
    }
    await reviewScreenshots(browser);
  } finally {
    await browser.close();
    await served.stop();
  }
}

/** Review against the file as first opened (light), and against a second annotator's copy (dark). */
async function reviewScreenshots(browser: Browser): Promise<void> {
  const served = await serveCopy(path.join(root, 'e2e/fixtures/review'));
  try {
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 700 },
        colorScheme: theme,
      });
      await page.goto(served.url);
      const view = page.getByTestId('document-view');
      await view.waitFor();
      const entity = (text: string) => view.locator('mark.entity', { hasText: text }).first();
      if (theme === 'light') {
        // Two edits; the dark pass finds them recovered from the journal.
        await entity('Serbs').click();
        await page.keyboard.press('1');
        await entity('KFOR').click();
        await page.keyboard.press('Delete');
      }
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      const review = page.getByRole('region', { name: 'Review' });
      if (theme === 'dark') {
        await review.getByLabel('Compare with').selectOption('file');
        await review.getByLabel('Document').selectOption('second-annotator.txt');
        await review.getByRole('button', { name: 'Compare' }).click();
      }
      await review.getByRole('list', { name: 'Changes' }).waitFor();
      await page.mouse.move(0, 0);
      const file = path.join(
        output,
        `review-${theme === 'light' ? 'first-opened' : 'annotator'}.png`,
      );
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(root, file)}`);
      await page.close();
    }
  } finally {
    await served.stop();
  }
}

await main();
