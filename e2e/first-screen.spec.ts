// The first screen `emend serve` sends with the page: the document's first lines, drawn before any of the editor's scripts run, where the editor then draws them.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { serveCopy, type Served } from './support/serve';

const fixture = (name: string) => path.resolve(import.meta.dirname, 'fixtures', name);

/** Where each line and each entity of `lines` is on screen, and what it says. */
function boxes(page: Page, lines: string) {
  return page.locator(`${lines}, ${lines} > mark`).evaluateAll((elements) =>
    elements.map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      const text = element.textContent;
      return { text, box: [x, y, width, height].map(Math.round) };
    }),
  );
}

/**
 * Opens the served editor with the editor's own script held (never answered): the page shows what
 * the host sent. Not refused: a script that fails to load soon puts a notice in its place.
 */
async function withoutTheEditor(page: Page, served: Served) {
  await page.route('**/assets/index-*.js', () => undefined);
  await page.goto(served.url, { waitUntil: 'commit' });
}

test('the first lines are drawn from the page alone, where the editor then draws them', async ({
  browser,
}) => {
  const served = await serveCopy(fixture('corpus'));
  try {
    const still = await browser.newContext({ javaScriptEnabled: false });
    const page = await still.newPage();
    await page.goto(served.url);
    const first = page.locator('#first-screen .line').first();
    await expect(first).toHaveText('Integrating Kosovo Serbs into Kosovo society .');
    await expect(first.locator('mark[data-label="MISC"]')).toHaveText('Serbs');
    const sent = await boxes(page, '#first-screen .line');
    await still.close();

    const live = await browser.newContext();
    const editor = await live.newPage();
    await editor.goto(served.url);
    const view = editor.getByTestId('document-view');
    await expect(view.locator('.line').first()).toBeVisible();
    await expect(editor.locator('#first-screen')).toHaveCount(0);
    const drawn = await boxes(editor, '[data-testid="document-view"] .line');
    expect(drawn.length).toBeGreaterThan(3);
    expect(sent.slice(0, drawn.length)).toEqual(drawn);
    await live.close();
  } finally {
    await served.stop();
  }
});

test('an editor that cannot load says so in place of the first screen', async ({ page }) => {
  const served = await serveCopy(fixture('corpus'));
  try {
    await page.route('**/assets/screen-*.js', (route) => route.abort());
    await page.goto(served.url);
    await expect(page.getByText('The editor could not be loaded')).toBeVisible();
    await expect(page.locator('#first-screen')).toHaveCount(0);
  } finally {
    await served.stop();
  }
});

test('every script the page runs on opening is marked for V8 to compile whole as it loads', async ({
  page,
}) => {
  const served = await serveCopy(fixture('corpus'));
  try {
    const scripts: Array<Promise<string>> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response.text());
    });
    await page.goto(served.url);
    await expect(page.getByTestId('document-view').locator('.line').first()).toBeVisible();
    const texts = await Promise.all(scripts);
    expect(texts.length).toBeGreaterThan(1);
    // The hint counts only as the file's very first line (V8's explicit compile hints).
    for (const text of texts) expect(text.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
  } finally {
    await served.stop();
  }
});

test('hostile markup in the first screen is text, and nothing in it runs', async ({ page }) => {
  const served = await serveCopy(fixture('hostile'));
  try {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await withoutTheEditor(page, served);
    const lines = page.locator('#first-screen .line');
    await expect(lines.first()).toContainText(`<script>window.__pwned = 'script'</script>`);
    await expect(lines.nth(1)).toContainText("${window.__pwned='literal'}");
    await expect(
      page.locator('#first-screen').locator('script, img, a, iframe, svg, b'),
    ).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  } finally {
    await served.stop();
  }
});

test("the first screen comes in the theme the user chose, or else the system's", async ({
  page,
}) => {
  const served = await serveCopy(fixture('corpus'));
  const background = page.locator('.first-screen-document');
  const DARK = 'rgb(20, 22, 26)';
  const LIGHT = 'rgb(255, 255, 255)';
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await withoutTheEditor(page, served);
    await expect(background).toHaveCSS('background-color', DARK);

    // Chosen in the editor: Light, against the dark system.
    await page.unrouteAll();
    await page.goto(served.url);
    await page.getByRole('radio', { name: 'Light' }).check();
    await withoutTheEditor(page, served);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(background).toHaveCSS('background-color', LIGHT);

    await page.unrouteAll();
    await page.goto(served.url);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.emulateMedia({ colorScheme: 'light' });
    await withoutTheEditor(page, served);
    await expect(background).toHaveCSS('background-color', DARK);
  } finally {
    await served.stop();
  }
});

test('a reload shows the document that was open, from its first screen on', async ({ browser }) => {
  const served = await serveCopy(fixture('corpus'));
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await page
      .getByRole('navigation', { name: 'Corpus' })
      .getByRole('button', { name: /problems\.txt/ })
      .click();
    await expect(view).toHaveAttribute('aria-label', 'Document problems.txt');
    const firstLine = await view.locator('.line').first().textContent();
    // The token is not left in the address (history, bookmarks, screenshots): a cookie holds it.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    // The page's address names the document: a reload, and the page alone, show it.
    const sentScreens: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'document') sentScreens.push(await response.text());
    });
    await page.reload();
    await expect(view).toHaveAttribute('aria-label', 'Document problems.txt');
    await expect(view.locator('.line').first()).toHaveText(firstLine!);
    expect(sentScreens).toHaveLength(1);
    expect(sentScreens[0]).not.toContain('Integrating');
    await context.close();
  } finally {
    await served.stop();
  }
});

test('an address naming no document it can show opens the first one, or says why it cannot', async ({
  browser,
}) => {
  const served = await serveCopy(fixture('corpus'));
  try {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(served.folder, 'binary.txt'), Buffer.from([0, 1, 2, 0xff]));
    const page = await browser.newPage();
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await expect(view).toHaveAttribute('aria-label', 'Document cable.txt');
    const base = new URL(page.url());
    for (const named of ['../../etc/passwd', 'x'.repeat(5000), '<b>notes</b>.txt', 'nothing.txt']) {
      base.searchParams.set('document', named);
      await page.goto(base.href);
      await expect(view, named.slice(0, 20)).toHaveAttribute('aria-label', 'Document cable.txt');
      await expect(page.locator('#first-screen')).toHaveCount(0);
    }
    // A document Emend refuses, named: its refusal is shown, as when it is clicked.
    base.searchParams.set('document', 'binary.txt');
    await page.goto(base.href);
    await expect(page.getByTestId('refused-message')).toContainText('binary.txt cannot be opened');
    await expect(page.locator('#first-screen')).toHaveCount(0);
    await page.close();
  } finally {
    await served.stop();
  }
});

test('the side panels follow the first lines on a page that never falls idle', async ({ page }) => {
  // As on a machine always busy: no idle callback ever runs. What follows the first lines must not
  // wait for one, or (on a page that does fall idle) the first keys land on it.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
    window.cancelIdleCallback = () => undefined;
  });
  const served = await serveCopy(fixture('corpus'));
  try {
    await page.goto(served.url);
    await expect(page.getByTestId('document-view').getByText('society').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Entities' })).toBeVisible();
  } finally {
    await served.stop();
  }
});
