// The editor bugs seen in daily use, each a spec that failed before its fix (issue "First run and daily use").
import type { Page } from '@playwright/test';
import { expect, test, useCorpusOf } from './support/test';

test.use({ corpus: 'daily' });

const CABLE = 'cable-10PRISTINA48.txt';

test('1. the label menu opens next to the entity, inside the window, without scrolling', async ({
  editor,
  page,
}) => {
  await editor.openDocument(CABLE);
  const quint = page.locator('.line[data-line="27"] mark.entity', { hasText: 'Quint' });
  await quint.scrollIntoViewIfNeeded();
  await quint.click();
  const scrolled = await editor.view.evaluate((view) => view.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Labels' });
  await expect(menu).toBeInViewport({ ratio: 1 });
  await expect(quint).toBeInViewport();
  expect(await editor.view.evaluate((view) => view.scrollTop)).toBe(scrolled);
  const [entityBox, menuBox] = [await quint.boundingBox(), await menu.boundingBox()];
  expect(Math.abs(menuBox!.y - (entityBox!.y + entityBox!.height))).toBeLessThan(40);
});

test('2. the Problems panel shows close markers as code with their spaces visible', async ({
  editor,
  page,
}) => {
  await editor.openDocument('broken.txt');
  const problem = page
    .getByRole('region', { name: 'Problems' })
    .getByRole('listitem')
    .filter({ hasText: 'differs from' });
  await expect(problem.locator('code')).toHaveText(['␣]', '␣␣]']);
});

test('3. labeling inside a broken line is refused and the repair is offered', async ({
  editor,
  page,
}) => {
  await editor.openDocument('broken.txt');
  const before = await editor.entities();
  await editor.doubleClick('Kosovo');
  await page.keyboard.press('2');
  await expect(page.getByTestId('toast').filter({ hasText: 'Line 2' })).toContainText(
    'is not closed',
  );
  expect(await editor.entities()).toEqual(before);
  const fixes = page.getByRole('dialog', { name: 'Quick fixes' });
  await fixes.getByRole('menuitem', { name: 'Close it after “Kosovo”' }).click();
  await expect(editor.entity('Kosovo')).toHaveAttribute('data-label', 'LOC');
  await editor.save();
  expect((await editor.fileText('broken.txt')).split('\n')[1]).toBe(
    'We saw [LOC Kosovo  ] never closes',
  );
});

test('4. giving a label a key another label has asks which label keeps it', async ({
  editor: _editor, // opens the page
  page,
}) => {
  const labels = page.getByRole('region', { name: 'Labels' });
  await labels.getByRole('textbox', { name: 'Hotkey of PER' }).fill('2');
  await labels.getByRole('textbox', { name: 'Hotkey of PER' }).press('Enter');
  const question = labels.getByRole('alert');
  await expect(question).toContainText('2 is the key of LOC');
  await expect(labels.getByRole('textbox', { name: 'Hotkey of LOC' })).toHaveValue('2');
  await question.getByRole('button', { name: 'Keep it for LOC' }).click();
  await expect(labels.getByRole('textbox', { name: 'Hotkey of PER' })).toHaveValue('1');
  await expect(labels.getByRole('textbox', { name: 'Hotkey of LOC' })).toHaveValue('2');

  await labels.getByRole('textbox', { name: 'Hotkey of PER' }).fill('2');
  await labels.getByRole('textbox', { name: 'Hotkey of PER' }).press('Enter');
  await labels.getByRole('button', { name: 'Give it to PER' }).click();
  await expect(labels.getByRole('textbox', { name: 'Hotkey of PER' })).toHaveValue('2');
  await expect(labels.getByRole('textbox', { name: 'Hotkey of LOC' })).toHaveValue('');
});

test('4b. a key chosen after a question about another key answers it: the question goes, and its answer cannot undo the later choice', async ({
  editor: _editor, // opens the page
  page,
}) => {
  const labels = page.getByRole('region', { name: 'Labels' });
  const orgKey = labels.getByRole('textbox', { name: 'Hotkey of ORG' });
  await orgKey.fill('1');
  await orgKey.press('Enter');
  await expect(labels.getByRole('alert')).toContainText('1 is the key of PER');
  await orgKey.fill('7');
  await orgKey.press('Enter');
  await expect(labels.getByRole('alert')).toHaveCount(0);
  await expect(orgKey).toHaveValue('7');
  await expect(labels.getByRole('textbox', { name: 'Hotkey of PER' })).toHaveValue('1');
  await expect(labels.getByRole('button', { name: 'Give it to ORG' })).toHaveCount(0);
});

test('4d. removing a label while the panel asks about a key drops the question: no key moves that was not asked for', async ({
  editor: _editor, // opens the page
  page,
}) => {
  const labels = page.getByRole('region', { name: 'Labels' });
  const key = (name: string) => labels.getByRole('textbox', { name: `Hotkey of ${name}` });
  const orgKey = await key('ORG').inputValue();
  await key('LOC').fill('1');
  await key('LOC').press('Enter');
  await expect(labels.getByRole('alert')).toContainText('1 is the key of PER');
  await labels.getByRole('button', { name: 'Remove PER from the label set' }).click();
  await labels.getByRole('button', { name: 'Remove PER', exact: true }).click();
  await expect(labels.getByRole('button', { name: /^Give it to/ })).toHaveCount(0);
  await expect(key('ORG')).toHaveValue(orgKey);
  await expect(key('LOC')).not.toHaveValue('');
});

test("4c. a label's hotkey is shown as it is typed everywhere: a small x is not Shift+X", async ({
  editor,
  page,
}) => {
  const labels = page.getByRole('region', { name: 'Labels' });
  await labels.getByRole('textbox', { name: 'Hotkey of LOC' }).fill('x');
  await labels.getByRole('textbox', { name: 'Hotkey of LOC' }).press('Enter');
  await editor.view.focus();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(
    overlay.getByRole('definition').filter({ hasText: 'Label the selection LOC' }),
  ).toBeVisible();
  await expect(overlay.getByRole('term').filter({ hasText: /^x$/ })).toHaveCount(1);
  await expect(overlay.getByRole('term').filter({ hasText: /^X$/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await editor.view.focus();
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('selection LOC');
  await expect(palette.getByRole('option').first().locator('kbd')).toHaveText('x');
});

test('5. Escape then → puts the cursor after the entity that was selected', async ({
  editor,
  page,
}) => {
  await editor.openDocument(CABLE);
  const quint = page.locator('.line[data-line="27"] mark.entity', { hasText: 'Quint' });
  await quint.scrollIntoViewIfNeeded();
  await quint.click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  expect(await editor.selectionText()).toBe('and');
  await expect(page.locator('.line[data-line="27"] .selected')).toBeInViewport();
});

test('6. the ? overlay fits the window, in columns', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1100, height: 560 });
  await editor.view.focus();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
  await expect(overlay).toBeInViewport({ ratio: 1 });
});

test('7. Ctrl/⌘+F finds in the whole document: count, next, previous', async ({ editor, page }) => {
  await editor.openDocument(CABLE);
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('easing');
  const count = page.getByTestId('find-count');
  await expect(count).toHaveText('1 of 4');
  for (const shown of ['2 of 4', '3 of 4', '4 of 4']) {
    await find.press('Enter');
    await expect(count).toHaveText(shown);
  }
  // The last match is on line 47, far outside the lines rendered at first.
  await expect(page.locator('.line[data-line="47"] .selected')).toBeInViewport();
  expect(await editor.selectionText()).toBe('easing');
  expect(await page.evaluate(() => CSS.highlights.get('find-match')?.size ?? 0)).toBeGreaterThan(0);
  await find.press('Shift+Enter');
  await expect(count).toHaveText('3 of 4');
  // A new search starts at the cursor, not at the top of the view: the third match is selected.
  await editor.view.evaluate((view) => (view.scrollTop = 0));
  await find.fill('easin');
  await expect(count).toHaveText('3 of 4');
  await find.fill('no such words');
  await expect(count).toHaveText('no matches');
  await find.press('Escape');
  await expect(editor.view).toBeFocused();

  // Opened again, it finds the query it kept, from the cursor; Enter steps on from there.
  await page.keyboard.press('ControlOrMeta+f');
  await find.fill('easing');
  await expect(count).toHaveText('3 of 4');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+f');
  await expect(find).toHaveValue('easing');
  await expect(count).toHaveText('3 of 4');
  await find.press('Enter');
  await expect(count).toHaveText('4 of 4');
});

test('7b. leaving Find leaves the whole words of the match selected, so a label key tags them', async ({
  editor,
  page,
}) => {
  await editor.openDocument(CABLE);
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+f');
  await page.getByRole('searchbox', { name: 'Find in document' }).fill('irectio');
  await expect.poll(() => editor.selectionText()).toBe('IRECTIO');
  await page.keyboard.press('Escape');
  await expect(editor.view).toBeFocused();
  await expect.poll(() => editor.selectionText()).toBe('DIRECTION');
  await page.keyboard.press('1');
  await expect(editor.entity('DIRECTION')).toHaveAttribute('data-label', 'PER');
});

test.describe('a document with CRLF line ends', () => {
  useCorpusOf({ 'crlf.txt': 'First [PER Alice  ] line .\r\nSecond line with Bob here .\r\n' });

  test('7c. leaving Find with no match leaves what was selected before it, not a prefix’s match', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('crlf.txt');
    const find = page.getByRole('searchbox', { name: 'Find in document' });
    const count = page.getByTestId('find-count');
    const selection = page.getByTestId('selection');
    // Nothing selected before: nothing selected after, and a label key tags nothing.
    await editor.view.focus();
    await page.keyboard.press('ControlOrMeta+f');
    await find.pressSequentially('Secx');
    await expect(count).toHaveText('no matches');
    await expect(selection).toHaveText('nothing selected');
    await page.keyboard.press('Escape');
    await expect(editor.view).toBeFocused();
    await expect(selection).toHaveText('nothing selected');
    await page.keyboard.press('2');
    expect(await editor.entities()).toEqual([{ label: 'PER', text: 'Alice' }]);
    // A word selected before: it is selected again, and the label key tags it.
    await editor.doubleClick('Bob');
    await page.keyboard.press('ControlOrMeta+f');
    await find.fill('');
    await find.pressSequentially('Secx');
    await expect(count).toHaveText('no matches');
    await page.keyboard.press('Escape');
    await expect(selection).toHaveText('“Bob” on line 2');
    await page.keyboard.press('2');
    await expect(editor.entity('Bob')).toHaveAttribute('data-label', 'LOC');
    expect(await editor.entities()).toEqual([
      { label: 'PER', text: 'Alice' },
      { label: 'LOC', text: 'Bob' },
    ]);
  });
});

test.describe('entities glued to punctuation', () => {
  useCorpusOf({ 'glued.txt': "We met in [LOC Kosovo  ]. Then [PER Ann  ]'s car .\n" });

  /** Finds text in the open document (Ctrl/⌘+F), then leaves Find (Escape). */
  async function findAndLeave(page: Page, text: string): Promise<void> {
    await page.keyboard.press('ControlOrMeta+f');
    await page.getByRole('searchbox', { name: 'Find in document' }).fill(text);
    await page.keyboard.press('Escape');
  }

  test('7d. leaving Find on an entity glued to punctuation selects the entity: a label key relabels it, Delete removes it', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('glued.txt');
    await editor.view.focus();
    await findAndLeave(page, 'Kosovo');
    await expect.poll(() => editor.selectionText()).toBe('Kosovo');
    await page.keyboard.press('3');
    await findAndLeave(page, 'Ann');
    await expect.poll(() => editor.selectionText()).toBe('Ann');
    await page.keyboard.press('Delete');
    expect(await editor.entities()).toEqual([{ label: 'ORG', text: 'Kosovo' }]);
  });

  test('7e. an entity selected by leaving Find is the selected entity for every key: its boundaries move, the bar names it', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('glued.txt');
    await editor.view.focus();
    await findAndLeave(page, 'Ann');
    await expect(page.locator('footer.status')).toContainText('entity PER “Ann” on line 1');
    await expect(page.getByRole('button', { name: 'Remove', exact: true })).toBeEnabled();
    await page.keyboard.press('[');
    expect(await editor.entities()).toEqual([
      { label: 'LOC', text: 'Kosovo' },
      { label: 'PER', text: 'Then Ann' },
    ]);
  });
});

test('8. a 0-byte file says it is empty', async ({ editor, page }) => {
  await editor.openDocument('empty.txt');
  await expect(page.getByText('empty.txt is empty (0 bytes).')).toBeVisible();
});
