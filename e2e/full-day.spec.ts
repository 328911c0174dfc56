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

test('2. a nested entity and an unclosed one each have fixes; the entity they close is selected', async ({
  editor,
  page,
}) => {
  await editor.openDocument('repairs.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
  // Labeling on the nested line is refused and its fixes are offered instead.
  await editor.doubleClick('joined');
  await page.keyboard.press('1');
  // Close before the inner entity or after any token before it (four), unwrap, or make literal.
  await expect(fixes.getByRole('menuitem')).toHaveCount(6);
  await expect(fixes.getByRole('menuitem', { name: 'Close it after “Jane Doe”' })).toBeFocused();
  await expect(fixes.getByRole('menuitem', { name: /^Unwrap the inner \[ORG/ })).toBeVisible();
  await expect(fixes.getByLabel('After')).toHaveText(
    'Later [PER Jane Doe  ] of the [ORG ICO  ] joined .',
  );
  await page.keyboard.press('Enter');
  await expect(editor.entity('Jane Doe')).toHaveClass(/selected-entity/);
  await page.keyboard.press('}');
  await expect(editor.entity('Jane Doe of')).toHaveAttribute('data-label', 'PER');

  // The unclosed entity: a close after each token up to the line's end, the capitalized run first.
  await problems.getByRole('button', { name: /^Quick fixes for line 3: entity \[LOC/ }).click();
  await expect(fixes.getByRole('menuitem')).toHaveText([
    'Close it after “Kosovo Force”',
    'Close it after “Kosovo”',
    'Close it after “Kosovo Force never”',
    'Close it after “Kosovo Force never closes”',
    'Make the bracket literal text',
  ]);
  await page.keyboard.press('Enter');
  await expect(editor.entity('Kosovo Force')).toHaveClass(/selected-entity/);
  await expect(problems).not.toContainText(/not closed|opened inside/);
  await editor.save();
  expect((await editor.fileText('repairs.txt')).split('\n').slice(1)).toEqual([
    'Later [PER Jane Doe of  ] the [ORG ICO  ] joined .',
    'We saw [LOC Kosovo Force  ] never closes',
    '',
  ]);
});
