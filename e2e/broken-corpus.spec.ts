// A corpus with files the workspace refuses: each shows one clear message, the rest keeps working.
import { expect, test } from './support/test';
import { expectedBytes } from './support/editor-page';

test.use({ corpus: 'broken' });

test('refused files explain themselves and the good document still edits and saves', async ({
  editor,
  page,
}) => {
  const archive = editor.sidebar.getByRole('button', { name: /archive\.txt/ });
  const latin1 = editor.sidebar.getByRole('button', { name: /latin1\.txt/ });
  await expect(archive).toContainText('cannot open');
  await expect(latin1).toContainText('cannot open');

  await latin1.click();
  const message = page.getByTestId('refused-message');
  await expect(message).toContainText('latin1.txt cannot be opened');
  await expect(message).toContainText(/UTF-8/);
  await archive.click();
  await expect(message).toContainText('archive.txt cannot be opened');
  await expect(message).toContainText(/binary/i);

  await editor.openDocument('good.txt');
  await editor.doubleClick('Brussels');
  await page.keyboard.press('2');
  await expect(editor.entity('Brussels')).toHaveAttribute('data-label', 'LOC');
  await editor.save();
  expect(await editor.fileBytes('good.txt')).toEqual(await expectedBytes('good-brussels.txt'));
  // The refused files were left alone.
  expect((await editor.fileBytes('latin1.txt')).toString('latin1')).toBe('café [LOC Paris  ] ok\n');
});
