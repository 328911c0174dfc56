// Hostile markup inside a document is shown as text and runs nothing.
import {
  CONTENT_SECURITY_POLICY,
  PAGE_CONTENT_SECURITY_POLICY,
} from '../shared/api/content-security-policy';
import { expect, test } from './support/test';

test.use({ corpus: 'hostile' });

test('script tags, event handlers, javascript: links and template syntax stay inert text', async ({
  editor,
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await expect(editor.view.locator('.line').nth(0)).toContainText(
    `<script>window.__pwned = 'script'</script>`,
  );
  await expect(editor.view.locator('.line').nth(1)).toContainText(
    `{{constructor.constructor('window.__pwned="template"')()}}`,
  );
  await expect(editor.view.locator('.line').nth(1)).toContainText("${window.__pwned='literal'}");
  await expect(editor.view.locator('.line').nth(2)).toContainText('&lt;b&gt;');
  await expect(editor.view.locator('script, img, a, iframe, svg, b')).toHaveCount(0);

  // Clicking the would-be link and editing around it runs nothing and navigates nowhere.
  const url = page.url();
  await editor.entity('Acme').click();
  await page.keyboard.press('1');
  await expect(editor.entity('Acme')).toHaveAttribute('data-label', 'PER');
  await editor.doubleClick('onerror="window.__pwned');
  await page.keyboard.press('4');
  // The document has markup, so it is dimmed by default; `m` shows it at full strength.
  await expect(editor.view).toHaveClass(/dim-markup/);
  await page.keyboard.press('m');
  await expect(editor.view).not.toHaveClass(/dim-markup/);
  // Let every render and task the edits scheduled run: two animation frames, then a macrotask.
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))),
      ),
  );

  expect(page.url()).toBe(url);
  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
  ).toBeUndefined();
  await expect(page.locator('body script, body img, body iframe')).toHaveCount(0);
});

test('the page carries the one content security policy, in its header and its meta element', async ({
  page,
  served,
}) => {
  const response = await page.goto(served.url);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    PAGE_CONTENT_SECURITY_POLICY,
  );
  expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
});
