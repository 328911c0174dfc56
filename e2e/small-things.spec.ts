// Small things of a full day: labels that say what is written, a current find match that stands out, toasts
// beside panels, the header and toolbar laid out on one row, markup dimmed from the first document.
import { CANONICAL_CLOSE } from '../shared/format/document';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';

test.use({ corpus: 'full-day' });

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('7. the Export dialog shows the close marker it writes, two spaces and all', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /Export/ });
  await dialog.getByLabel('Format').selectOption('brackets');
  const marker = dialog.locator('label', { hasText: 'Close every entity as' }).locator('code');
  expect(await marker.first().evaluate((code) => (code as HTMLElement).innerText)).toBe(
    `"${CANONICAL_CLOSE}"`,
  );
  // A screen reader hears the spaces the name would otherwise collapse into one.
  await expect(
    dialog.getByRole('checkbox', {
      name: `Close every entity as " ]" (${CANONICAL_CLOSE.length - 1} spaces, then ])`,
    }),
  ).toBeVisible();
});

/** The colours the current find match is painted in, and those of the entity holding it. */
function currentMatchColours(page: Page) {
  return page.evaluate(() => {
    const current = CSS.highlights.get('find-current');
    const ranges = current ? [...current] : [];
    if (ranges.length !== 1) return null;
    const range = ranges[0] as Range;
    const piece = range.startContainer.parentElement!;
    const entity = piece.closest('mark.entity')!;
    const style = getComputedStyle(piece, '::highlight(find-current)');
    const other = getComputedStyle(piece, '::highlight(find-match)');
    return {
      text: range.toString(),
      current: style.backgroundColor,
      match: other.backgroundColor,
      entity: getComputedStyle(entity).backgroundColor,
    };
  });
}

test('7. the current find match inside an entity stands out in both themes', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  for (const theme of ['Light', 'Dark']) {
    await page.getByRole('radio', { name: theme }).check();
    await editor.view.focus();
    await page.keyboard.press('ControlOrMeta+f');
    await page.keyboard.type('Cooper');
    await expect.poll(() => currentMatchColours(page).then((found) => found?.text)).toBe('Cooper');
    const colours = (await currentMatchColours(page))!;
    expect(colours.current).not.toBe(colours.match);
    expect(colours.current).not.toBe(colours.entity);
    expect(colours.current).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await page.keyboard.press('Escape');
  }
});

test('7. a toast never covers the corpus panel and its close button', async ({ editor, page }) => {
  await expect(editor.view).toBeVisible();
  await page.getByRole('button', { name: 'Consistency', exact: true }).click();
  const close = page.getByRole('button', { name: 'Close panel' });
  await expect(close).toBeVisible();
  const original = await editor.fileText('cable.txt');
  await writeFile(path.join(editor.folder, 'cable.txt'), original.replace('Tuesday', 'Monday'));
  const toast = page.getByTestId('toast').filter({ hasText: 'reloaded' });
  await expect(toast).toBeVisible();
  const toastBox = await box(toast);
  // Neither the close button nor anything else of the panel under the document is covered.
  for (const control of [close, close.locator('xpath=../..')]) {
    expect(overlap(toastBox, await box(control))).toBe(false);
  }
  await close.click();
  await expect(close).toHaveCount(0);
});

for (const width of [1024, 1400]) {
  test(`7. at ${width} px the header's border spans the window and the toolbar is one row`, async ({
    editor,
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await expect(editor.view).toBeVisible();
    const header = page.locator('header');
    const headerBox = await box(header);
    expect(headerBox.x).toBe(0);
    expect(headerBox.width).toBe(width);
    expect(await header.evaluate((element) => getComputedStyle(element).borderBottomWidth)).toBe(
      '1px',
    );
    const toolbar = page.getByRole('toolbar', { name: 'Actions' });
    const controls = toolbar.locator('button, label');
    const tops = await controls.evaluateAll((elements) =>
      elements.map((element) => element.getBoundingClientRect()),
    );
    const rows = new Set(tops.map((rect) => Math.round(rect.top + rect.height / 2)));
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(2);
    expect(Math.max(...tops.map((rect) => rect.right))).toBeLessThanOrEqual(width);
    // Every control is still there and named.
    for (const name of ['Export…', 'Suspects', 'Keyboard shortcuts', 'Dim markup']) {
      await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
    }
  });
}

test('a panel opened under the document in a narrow window comes into sight, said, the focus kept in the text', async ({
  editor,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const review = page.getByRole('region', { name: 'Review' });
  // The side panels stack under the document here, out of sight.
  await page.getByRole('region', { name: 'Labels' }).evaluate((labels) => {
    if (labels.getBoundingClientRect().top < innerHeight)
      throw new Error('the panels are in sight');
  });
  await editor.view.focus();
  await page.keyboard.press('Shift+R');
  await expect(review).toBeInViewport();
  await expect(editor.view).toBeInViewport();
  await expect(editor.view).toBeFocused();
  await expect(page.getByTestId('toast').last()).toContainText(
    'Review opened under the document: F6 takes the focus to it.',
  );
  await expect(page.getByTestId('toast').last()).toBeInViewport();
  await page.keyboard.press('F6');
  await expect(review.locator(':focus')).toHaveCount(1);
  // Wide, the panel is beside the document, in sight: nothing to say.
  await page.setViewportSize({ width: 1400, height: 900 });
  await editor.view.focus();
  await page.keyboard.press('Shift+S');
  await expect(page.getByRole('region', { name: 'Suspects queue' })).toBeInViewport();
  await expect(page.getByTestId('toast').filter({ hasText: 'opened under' })).toHaveCount(1);
});

test('7. markup is dimmed in the first document opened, as in the others', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toHaveAttribute('aria-label', 'Document cable.txt');
  await expect(page.getByRole('button', { name: 'Dim markup' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const opacity = await editor.view
    .locator('.markup')
    .first()
    .evaluate((markup) => getComputedStyle(markup).opacity);
  expect(Number(opacity)).toBeLessThan(1);
});

test('7. markup toggled before the corpus list arrives stays as chosen, and is remembered for the corpus', async ({
  page,
  served,
}) => {
  // The corpus list (which names the corpus) is answered only after the choice is made.
  let answerCorpus!: () => void;
  const chosen = new Promise<void>((resolve) => (answerCorpus = resolve));
  await page.route(/\/api\/getCorpus$/, async (route) => {
    await chosen;
    await route.continue();
  });
  await page.goto(served.url);
  const view = page.getByTestId('document-view');
  await expect(view).toHaveClass(/dim-markup/);
  await view.focus();
  await page.keyboard.press('m');
  await expect(view).not.toHaveClass(/dim-markup/);
  answerCorpus();
  await expect(page.getByRole('navigation', { name: 'Corpus' })).toContainText('cable.txt');
  await expect(view).not.toHaveClass(/dim-markup/);

  await page.unroute(/\/api\/getCorpus$/);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Corpus' })).toContainText('cable.txt');
  await expect(view).not.toHaveClass(/dim-markup/);
});
