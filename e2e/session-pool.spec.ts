// A corpus review opens every document; the one on screen stays open and still follows its file.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/test';

test.use({ corpus: 'twelve' });

test('after a corpus review of more documents than stay open, the shown document is still reloaded when its file changes', async ({
  editor,
  page,
}) => {
  await expect(editor.view.locator('.line').first()).toHaveText(
    'Ana met the envoy in Pristina on day 01 .',
  );
  await page.getByRole('button', { name: 'Corpus review' }).click();
  const documents = page
    .getByRole('region', { name: 'Corpus review' })
    .getByRole('table', { name: 'Documents' });
  // Comparing twelve documents is long work with a progress line: under load it outlasts 5 s.
  await expect(documents.getByRole('button', { name: 'day-12.txt', exact: true })).toBeVisible({
    timeout: 30_000,
  });

  await writeFile(path.join(editor.folder, 'day-01.txt'), 'Now [ORG KFOR  ] wrote this .\n');
  await expect(editor.view.locator('.line').first()).toHaveText('Now KFOR wrote this .');
  await expect(
    page.getByTestId('toast').filter({ hasText: 'changed on disk and was reloaded' }),
  ).toBeVisible();
});
