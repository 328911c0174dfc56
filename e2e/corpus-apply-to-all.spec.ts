// Apply to all over a three-file corpus: search, the preview with one hit unticked, and one undo for all.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EditorPage } from './support/editor-page';
import { expect, test, useCorpusOf } from './support/test';

test.use({ corpus: 'consistency' });

const original = (name: string) =>
  readFile(path.resolve(import.meta.dirname, 'fixtures/consistency', name), 'utf8');

/**
 * Searches the corpus for text (the count it should find checked), chooses the action and label
 * to apply, and opens the preview; returns the search panel and the preview dialog.
 */
async function previewApplyToAll(
  page: Page,
  { text, count, action, label }: { text: string; count: string; action: string; label: string },
) {
  await page.getByRole('button', { name: 'Search corpus' }).click();
  const panel = page.getByRole('region', { name: 'Search the corpus' });
  await panel.getByRole('searchbox', { name: 'Search text' }).fill(text);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByTestId('search-count')).toHaveText(count);
  await panel.getByRole('combobox', { name: 'Apply to all' }).selectOption(action);
  await panel.getByRole('combobox', { name: 'Label to apply' }).selectOption(label);
  await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
  return { panel, preview: page.getByRole('dialog', { name: 'Apply to all' }) };
}

/**
 * Searches a document's corpus for the untagged occurrences of text (the count it should find
 * checked) and opens the preview of tagging them; returns the search panel and the preview.
 */
async function previewTagUntagged(
  editor: EditorPage,
  document: string,
  text: string,
  count: string,
) {
  const panel = await editor.searchCorpusFor(document, text);
  await panel.getByRole('combobox', { name: 'Tagging' }).selectOption('untagged');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByTestId('search-count')).toHaveText(count);
  await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
  return { panel, preview: editor.page.getByRole('dialog', { name: 'Apply to all' }) };
}

test('relabels Quint in two of three files, then undoes both at once', async ({ editor, page }) => {
  await editor.openDocument('a.txt');
  await page.getByRole('button', { name: 'Search corpus' }).click();
  const panel = page.getByRole('region', { name: 'Search the corpus' });
  await panel.getByRole('searchbox', { name: 'Search text' }).fill('Quint');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByTestId('search-count')).toHaveText('3 hits in 3 of 3 documents');
  await expect(panel.getByRole('list', { name: 'Hits' }).getByRole('listitem')).toHaveText([
    /a\.txt:1:5\s*The PERQuint met in Pristina/,
    /b\.txt:1:20\s*Ambassadors of the ORGQuint and KFOR/,
    /c\.txt:1:5\s*The ORGQuint said/,
  ]);

  await panel.getByRole('combobox', { name: 'Apply to all' }).selectOption('relabel');
  await panel.getByRole('combobox', { name: 'Label to apply' }).selectOption('MISC');
  await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
  const preview = page.getByRole('dialog', { name: 'Apply to all' });
  await expect(preview.getByRole('checkbox')).toHaveCount(3);
  await preview.getByRole('checkbox', { name: /^c\.txt:1:5/ }).uncheck();
  await preview.getByRole('button', { name: 'Apply to 2 hits' }).click();
  await expect(preview).toBeHidden();

  // The document on screen changed through the editor; the others in the workspace. The view
  // stays where the annotator was: nothing is selected for them (a label key would relabel it).
  await expect(editor.entity('Quint')).toHaveAttribute('data-label', 'MISC');
  await expect(page.getByTestId('selection')).toHaveText('nothing selected');
  await page.getByRole('button', { name: 'Save all' }).click();
  await expect
    .poll(() => editor.fileText('b.txt'))
    .toBe((await original('b.txt')).replace('[ORG Quint  ]', '[MISC Quint  ]'));
  expect(await editor.fileText('a.txt')).toBe(
    (await original('a.txt')).replace('[PER Quint  ]', '[MISC Quint  ]'),
  );
  expect(await editor.fileText('c.txt')).toBe(await original('c.txt'));

  await page.getByRole('button', { name: /^Undo apply-to-all \(2 documents\)/ }).click();
  await expect(editor.entity('Quint')).toHaveAttribute('data-label', 'PER');
  await page.getByRole('button', { name: 'Save all' }).click();
  for (const name of ['a.txt', 'b.txt', 'c.txt']) {
    await expect.poll(() => editor.fileText(name)).toBe(await original(name));
  }
});

test('tags every untagged occurrence of the selected entity; a hit opens its document', async ({
  editor,
  page,
}) => {
  const { panel, preview } = await previewTagUntagged(
    editor,
    'a.txt',
    'KFOR',
    '1 hit in 1 of 3 documents',
  );
  await preview.getByRole('button', { name: 'Apply to 1 hit' }).click();
  await expect(page.getByText('tag as ORG: 1 changed in 1 document.')).toBeVisible();

  // The hits are searched again: no untagged KFOR is left; the tagged one opens its document.
  await expect(panel.getByTestId('search-count')).toHaveText('no hits in 3 documents');
  await panel.getByRole('combobox', { name: 'Tagging' }).selectOption('tagged');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('button', { name: /^b\.txt/ }).click();
  await expect(editor.view).toHaveAttribute('aria-label', 'Document b.txt');
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'ORG');
});

test('the hits follow edits made in the editor: relabeled there, the hit shows the new label', async ({
  editor,
  page,
}) => {
  const panel = await editor.searchCorpusFor('a.txt', 'Quint');
  const hits = panel.getByRole('list', { name: 'Hits' }).getByRole('listitem');
  await expect(hits.first()).toHaveText(/a\.txt:1:5\s*The PERQuint met in Pristina/);
  await editor.entity('Quint').click();
  await page.keyboard.press('2');
  await expect(editor.entity('Quint')).toHaveAttribute('data-label', 'LOC');
  await expect(hits.first()).toHaveText(/a\.txt:1:5\s*The LOCQuint met in Pristina/);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(hits.first()).toHaveText(/a\.txt:1:5\s*The PERQuint met in Pristina/);
});

test('the preview of Tag as says which hits replace an entity they overlap', async ({
  editor,
  page,
}) => {
  await editor.openDocument('a.txt');
  const { preview } = await previewApplyToAll(page, {
    text: 'Pristina',
    count: '5 hits in 3 of 3 documents',
    action: 'tag',
    label: 'LOC',
  });
  // "Pristina" inside [LOC Pristina Airport] (twice in b.txt, once in c.txt) cuts that entity.
  await expect(preview.locator('.summary')).toContainText(
    '3 of them replace an entity they overlap (marked "replaces an entity").',
  );
  await expect(preview.getByText('replaces an entity', { exact: true })).toHaveCount(3);
});

test.describe('a hit on a line whose markup is broken', () => {
  useCorpusOf({
    'a.txt': 'The [ORG KFOR  ] left .\nKFOR stayed in [LOC Pristina .\nKFOR returned .\n',
  });

  test('is left as it was, and the notice says where and why', async ({ editor, page }) => {
    const { preview } = await previewTagUntagged(
      editor,
      'a.txt',
      'KFOR',
      '2 hits in 1 of 1 document',
    );
    await preview.getByRole('button', { name: 'Apply to 2 hits' }).click();
    await expect(
      page.getByText(
        'tag as ORG: 1 changed in 1 document; 1 left as it was: a.txt:2 (its line has broken ' +
          'markup: repair it first).',
      ),
    ).toBeVisible();
  });
});

test.describe('an apply to all cancelled before it changed a document', () => {
  // The workspace answers the cancelled run 409 (Chromium logs it).
  test.use({ expectedStatuses: [409] });

  test('leaves the document on screen as it is too, and says nothing was changed', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('a.txt');
    await page.route('**/api/applyToAll', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'cancelled', message: 'cancelled' }),
      }),
    );
    const { preview } = await previewApplyToAll(page, {
      text: 'Quint',
      count: '3 hits in 3 of 3 documents',
      action: 'relabel',
      label: 'MISC',
    });
    await preview.getByRole('button', { name: 'Apply to 3 hits' }).click();
    await expect(page.getByText('Apply to all cancelled: no document was changed.')).toBeVisible();
    await expect(editor.entity('Quint')).toHaveAttribute('data-label', 'PER');
    await expect(page.getByRole('button', { name: /^Undo apply-to-all/ })).toHaveCount(0);
  });
});

test.describe('a hit inside an HTML tag', () => {
  useCorpusOf({ 'a.txt': 'The [ORG KFOR  ] left .\nKFOR stayed <!-- KFOR --> here .\n' });

  test('is marked in the preview and not ticked: the apply changes only the others', async ({
    editor,
    page,
  }) => {
    const { preview } = await previewTagUntagged(
      editor,
      'a.txt',
      'KFOR',
      '2 hits in 1 of 1 document',
    );
    await expect(preview.locator('.summary')).toContainText(
      'Left as they are: 1 inside an HTML tag, where no entity may start or end.',
    );
    const inTag = preview.getByRole('checkbox', { name: /inside the HTML tag <!-- KFOR -->/ });
    await expect(inTag).not.toBeChecked();
    await expect(inTag).toBeDisabled();
    await preview.getByRole('button', { name: 'Apply to 1 hit' }).click();
    await expect(page.getByText('tag as ORG: 1 changed in 1 document.')).toBeVisible();
    await expect(editor.entity('KFOR')).toHaveCount(2);
  });
});

test('a filter changed after a search searches again; a text changed but not searched offers no apply over the old hits', async ({
  editor: _editor, // opens the page
  page,
}) => {
  await page.getByRole('button', { name: 'Search corpus' }).click();
  const panel = page.getByRole('region', { name: 'Search the corpus' });
  const count = panel.getByTestId('search-count');
  await panel.getByRole('searchbox', { name: 'Search text' }).fill('KFOR');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(count).toHaveText(/hits? in/);
  const all = await count.textContent();
  await panel.getByRole('combobox', { name: 'Tagging' }).selectOption('untagged');
  await expect(count).not.toHaveText(all!);
  const untagged = await count.textContent();
  await panel.getByRole('combobox', { name: 'Tagging' }).selectOption('any');
  await expect(count).toHaveText(all!);
  expect(untagged).not.toBe(all);

  await panel.getByRole('searchbox', { name: 'Search text' }).fill('Quint');
  await expect(panel.getByRole('button', { name: 'Preview apply to all…' })).toBeDisabled();
  await expect(count).toContainText('press Search');
  await panel.getByRole('searchbox', { name: 'Search text' }).press('Enter');
  await expect(panel.getByRole('button', { name: 'Preview apply to all…' })).toBeEnabled();
  await expect(count).not.toContainText('press Search');
});

test("the panels' actions without a key are in the command palette: preview apply to all, undo it", async ({
  editor,
  page,
}) => {
  const run = async (name: string) => {
    await editor.view.focus();
    await page.keyboard.press('ControlOrMeta+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Command' }).fill(name);
    await expect(palette.getByRole('option').first()).toContainText(name);
    await page.keyboard.press('Enter');
  };
  const { preview: first } = await previewApplyToAll(page, {
    text: 'KFOR',
    count: '2 hits in 2 of 3 documents',
    action: 'tag',
    label: 'ORG',
  });
  await first.getByRole('button', { name: 'Cancel' }).click();
  await run("Preview apply to all over the search's hits");
  const preview = page.getByRole('dialog', { name: 'Apply to all' });
  await expect(preview).toBeVisible();
  await preview.getByRole('button', { name: /^Apply/ }).click();
  const undo = page.getByRole('button', { name: /^Undo apply-to-all/ });
  await expect(undo).toBeVisible();
  await run('Undo apply to all');
  await expect(undo).toHaveCount(0);
  for (const name of ['a.txt', 'b.txt', 'c.txt'])
    expect(await editor.fileText(name)).toBe(await original(name));
});
