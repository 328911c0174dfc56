// Makes the README screenshots (docs/screenshots/*.png: editor, quick fix, review, corpus tools, adjudication) through `emend serve`.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';

const root = path.resolve(import.meta.dirname, '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const output = path.join(root, 'docs/screenshots');
/** The cable and a file of typical markup problems. */
const corpus = path.join(root, 'e2e/fixtures/daily');

/** The editor on the cable, an entity selected mid-document, markup dimmed (its default there). */
async function editorOnCable(page: Page): Promise<void> {
  await openDocument(page, 'cable-10PRISTINA48.txt');
  const quint = page.locator('.line[data-line="27"] mark.entity', { hasText: 'Quint' });
  await page.getByTestId('document-view').evaluate((view) => (view.scrollTop = 520));
  await quint.click();
}

/** The Problems panel with the quick fixes of a glued close open, its preview shown. */
async function quickFix(page: Page): Promise<void> {
  await openDocument(page, 'broken.txt');
  await page
    .getByRole('region', { name: 'Problems' })
    .getByRole('button', { name: /^Quick fixes for line 3: text is glued/ })
    .click();
  await page.getByRole('dialog', { name: 'Quick fixes' }).getByRole('menuitem').first().waitFor();
}

async function openDocument(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Corpus' })
    .getByRole('button', { name: new RegExp(name.replace('.', '\\.')) })
    .click();
  await page
    .getByTestId('document-view')
    .and(page.getByLabel(`Document ${name}`))
    .waitFor();
}

const SCREENS = { main: editorOnCable, 'quick-fix': quickFix };

type Theme = 'light' | 'dark';

/**
 * Opens the editor at url in each theme and size given, lets show set the screen up (it answers the
 * file name), and saves the screenshot.
 */
async function shootThemes(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  show: (page: Page, theme: Theme) => Promise<string>,
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport, colorScheme: theme });
    await page.goto(url);
    await page.getByTestId('document-view').waitFor();
    const file = path.join(output, await show(page, theme));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(root, file)}`);
    await page.close();
  }
}

/** Serves a copy of a fixture corpus while shoot runs (prepare sets things up beside the copy first). */
async function withServed(
  folder: string,
  shoot: (url: string) => Promise<void>,
  prepare?: (servedFolder: string) => Promise<void>,
): Promise<void> {
  const served = await serveCopy(folder);
  try {
    await prepare?.(served.folder);
    await shoot(served.url);
  } finally {
    await served.stop();
  }
}

async function main(): Promise<void> {
  ensureRendererBuilt();
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
    await withServed(corpus, async (url) => {
      // The editor also at 1024 px, the narrowest window it is laid out for (main-1024-light.png).
      const shots = [
        ...Object.entries(SCREENS).map(([screen, show]) => [screen, show, 1400] as const),
        ['main-1024', editorOnCable, 1024] as const,
      ];
      for (const [screen, show, width] of shots) {
        await shootThemes(browser, url, { width, height: 860 }, async (page, theme) => {
          await show(page);
          return `${screen}-${theme}.png`;
        });
      }
    });
    await reviewScreenshots(browser);
    await corpusScreenshots(browser);
    await adjudicationScreenshots(browser);
    await suspectsScreenshots(browser);
  } finally {
    await browser.close();
  }
}

/** Review against the file as first opened (light), and against a second annotator's copy (dark). */
async function reviewScreenshots(browser: Browser): Promise<void> {
  await withServed(path.join(root, 'e2e/fixtures/review'), (url) =>
    shootThemes(browser, url, { width: 1400, height: 700 }, async (page, theme) => {
      const view = page.getByTestId('document-view');
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
      return `review-${theme === 'light' ? 'first-opened' : 'annotator'}.png`;
    }),
  );
}

/** The consistency panel with a finding's fix previewed (light), the Export dialog (dark). */
async function corpusScreenshots(browser: Browser): Promise<void> {
  await withServed(path.join(root, 'e2e/fixtures/consistency'), (url) =>
    shootThemes(browser, url, { width: 1400, height: 800 }, async (page, theme) => {
      await page.getByRole('button', { name: 'Consistency' }).click();
      const panel = page.getByRole('region', { name: 'Consistency' });
      const conflict = panel.getByRole('listitem', { name: 'Label conflict Quint' });
      if (theme === 'light') {
        await conflict.locator('details').first().click();
        await conflict.getByRole('button', { name: /^Fix:/ }).first().click();
        await page.getByRole('dialog', { name: 'Apply to all' }).waitFor();
        return 'consistency-fix.png';
      }
      await conflict.waitFor();
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.getByRole('radio', { name: /whole corpus/ }).check();
      await dialog.getByRole('combobox', { name: 'Format' }).selectOption('conll');
      return 'export.png';
    }),
  );
}

/** The Agreement view's figures, and a document being adjudicated against three copies (light and dark). */
async function adjudicationScreenshots(browser: Browser): Promise<void> {
  const fixtures = path.join(root, 'e2e/fixtures/adjudicate');
  await withServed(
    path.join(fixtures, 'gold'),
    (url) =>
      shootThemes(browser, url, { width: 1400, height: 760 }, async (page, theme) => {
        await page.getByRole('button', { name: 'Agreement', exact: true }).click();
        const view = page.getByRole('region', { name: 'Agreement' });
        await view.getByRole('textbox', { name: 'Copies' }).fill('../ann ../bo ../cy');
        await view.getByRole('button', { name: 'Compute agreement' }).click();
        await view.getByRole('button', { name: /^news\.txt/ }).click();
        // The corpus keeps adjudication choices: the second theme finds the first's already made.
        const settled = page.getByTestId('settled');
        await settled.getByText(/[01] of 2 settled/).waitFor();
        if ((await settled.textContent())?.includes('0 of 2')) await page.keyboard.press('Alt+1');
        await settled.getByText('1 of 2 settled').waitFor();
        return `adjudicate-${theme}.png`;
      }),
    async (gold) => {
      for (const annotator of ['ann', 'bo', 'cy']) {
        await cp(path.join(fixtures, annotator), path.join(path.dirname(gold), annotator), {
          recursive: true,
        });
      }
    },
  );
}

/** The Suspects queue stepping through the suspects, missing entities suggested in the text (light and dark). */
async function suspectsScreenshots(browser: Browser): Promise<void> {
  await withServed(path.join(root, 'e2e/fixtures/suspects'), (url) =>
    shootThemes(browser, url, { width: 1400, height: 760 }, async (page, theme) => {
      await page.getByRole('button', { name: 'Suspects', exact: true }).click();
      await page.getByRole('list', { name: 'Suspects' }).waitFor();
      await page.getByRole('button', { name: 'Review one by one' }).click();
      await page.getByTestId('document-view').and(page.getByLabel('Document people.txt')).waitFor();
      if (theme === 'dark') await openDocument(page, 'markets.txt');
      return `suspects-${theme}.png`;
    }),
  );
}

await main();
