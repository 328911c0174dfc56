// A full day of correction on the real cable: words glued to HTML, every problem repairable, true status, the keyboard everywhere.
import { expect, test } from './support/test';

test.use({ corpus: 'full-day' });

test('1. a word glued to HTML is tagged without its tags: DELL</pre></code>', async ({
  editor,
  page,
}) => {
  // The last line, scrolled into the page (line heights are estimated until measured).
  await expect(async () => {
    await editor.view.evaluate((view) => (view.scrollTop = view.scrollHeight));
    await expect(editor.piece('DELL')).toBeVisible({ timeout: 200 });
  }).toPass();
  await editor.doubleClick('DELL');
  await expect.poll(() => editor.selectionText()).toBe('DELL');
  await page.keyboard.press('1');
  await expect(editor.entity('DELL')).toHaveAttribute('data-label', 'PER');
  // The cursor steps over the tags as tokens of their own.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  expect(await editor.selectionText()).toBe('</pre>');
  const original = await editor.fileText('cable.txt');
  await editor.save();
  expect(await editor.fileText('cable.txt')).toBe(
    original.replace('\nDELL</pre>', '\n[PER DELL  ]</pre>'),
  );
  // A close marker followed by a tag is not glued to it.
  await expect(page.getByText(/is glued/)).toHaveCount(0);
});

test('1. markup inside an entity has a fix that takes the tags out', async ({ editor, page }) => {
  await editor.openDocument('repairs.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  await problems
    .getByRole('button', { name: /^Quick fixes for line 1: entity \[PER contains markup/ })
    .click();
  const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
  await expect(
    fixes.getByRole('menuitem', { name: 'Keep only “DELL” in the entity' }),
  ).toBeFocused();
  await expect(fixes.getByLabel('After')).toHaveText('Signed [PER DELL  ]</pre></code>');
  await page.keyboard.press('Enter');
  await expect(problems).not.toContainText('contains markup');
  await expect(problems).not.toContainText('glued');
  await editor.save();
  expect((await editor.fileText('repairs.txt')).split('\n')[0]).toBe(
    'Signed [PER DELL  ]</pre></code>',
  );
});
