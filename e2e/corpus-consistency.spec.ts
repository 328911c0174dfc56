// The consistency panel: a planted label conflict is listed, and its one-click fix (previewed) resolves it.
import type { Page } from '@playwright/test';
import type { EditorPage } from './support/editor-page';
import { expect, test } from './support/test';

test.use({ corpus: 'consistency' });

/** Opens a.txt and the consistency report from the text with its key; the panel, once it is made. */
async function openReport(editor: EditorPage, page: Page) {
  await editor.openDocument('a.txt');
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+Shift+k');
  const panel = page.getByRole('region', { name: 'Consistency' });
  await expect(panel.getByTestId('finding-count')).toHaveText('5 findings');
  return panel;
}

test('the planted Quint conflict appears and its fix relabels the odd one out', async ({
  editor,
  page,
}) => {
  const panel = await openReport(editor, page);
  const conflict = panel.getByRole('listitem', { name: 'Label conflict Quint' });
  await expect(conflict).toContainText('tagged PER 1, ORG 2');
  await expect(panel.getByRole('listitem', { name: 'Possible miss KFOR' })).toBeVisible();
  await expect(panel.getByRole('listitem', { name: 'Boundary DECL:' })).toBeVisible();
  // A trim is named as one, in the panel and in its preview (it is made by tagging the trimmed span).
  await panel
    .getByRole('listitem', { name: 'Boundary " Kosovo Times' })
    .getByRole('button', { name: 'Fix: Trim to "Kosovo Times" (1)' })
    .click();
  const trim = page.getByRole('dialog', { name: 'Apply to all' });
  await expect(trim.getByRole('heading')).toHaveText('Apply to all: trim to "Kosovo Times"');
  await page.keyboard.press('Escape');
  await expect(trim).toBeHidden();

  await conflict.getByRole('button', { name: 'Fix: Relabel as ORG (1)' }).click();
  const preview = page.getByRole('dialog', { name: 'Apply to all' });
  await expect(preview.getByRole('checkbox')).toHaveCount(1);
  await expect(preview.getByRole('checkbox')).toBeChecked();
  await preview.getByRole('button', { name: 'Apply to 1 hit' }).click();

  await expect(editor.entity('Quint')).toHaveAttribute('data-label', 'ORG');
  await expect(panel.getByTestId('finding-count')).toHaveText('4 findings');
  await expect(panel.getByRole('listitem', { name: 'Label conflict Quint' })).toHaveCount(0);

  // The miss's fix tags KFOR in another document.
  await panel
    .getByRole('listitem', { name: 'Possible miss KFOR' })
    .getByRole('button', { name: 'Fix: Tag as ORG (1)' })
    .click();
  await page
    .getByRole('dialog', { name: 'Apply to all' })
    .getByRole('button', { name: 'Apply to 1 hit' })
    .click();
  await expect(panel.getByTestId('finding-count')).toHaveText('3 findings');
  await page.getByRole('button', { name: 'Save all' }).click();
  await expect.poll(() => editor.fileText('b.txt')).toContain('and [ORG KFOR  ] landed');
});

test('the consistency panel takes the focus as it opens, so Escape closes it at once', async ({
  editor,
  page,
}) => {
  const panel = await openReport(editor, page);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(editor.view).toBeFocused();
});

test("a finding's occurrences opened stay open, and shown, when the corpus is checked again", async ({
  editor,
  page,
}) => {
  const panel = await openReport(editor, page);
  const miss = panel.getByRole('listitem', { name: 'Possible miss KFOR' });
  await miss.locator('summary').click();
  await expect(miss.getByRole('list', { name: 'Occurrences' }).getByRole('listitem')).toHaveCount(
    2,
  );
  await panel.getByRole('button', { name: 'Check again' }).click();
  await expect(panel.getByTestId('finding-count')).toHaveText('5 findings');
  await expect(miss.getByRole('list', { name: 'Occurrences' }).getByRole('listitem')).toHaveCount(
    2,
  );
  // The others stay closed.
  const conflict = panel.getByRole('listitem', { name: 'Label conflict Quint' });
  await expect(conflict.getByRole('list', { name: 'Occurrences' })).toHaveCount(0);
});
