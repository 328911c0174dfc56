// Characters that take no room on screen (a lone carriage return, a zero-width space) are shown by a glyph, and editing beside them writes the right bytes.
import { expect, test } from './support/test';

test.use({ corpus: 'invisible' });

test('a lone carriage return and a zero-width space show as CR and ZWSP, named on hover, never part of the text', async ({
  editor,
}) => {
  const first = editor.view.locator('.line').nth(0);
  const cr = first.locator('.invisible');
  await expect(cr).toHaveAttribute('title', 'carriage return (U+000D)');
  expect(await cr.evaluate((run) => getComputedStyle(run, '::before').content)).toBe('"CR"');
  // The glyph is drawn, not written: the line's text is the document's.
  expect(await first.evaluate((line) => line.textContent)).toBe('Ann met\rRome .');
  const zwsp = editor.view.locator('.line').nth(1).locator('.invisible');
  await expect(zwsp).toHaveAttribute('title', 'zero-width space (U+200B)');
  expect(await zwsp.evaluate((run) => getComputedStyle(run, '::before').content)).toBe('"ZWSP"');

  // The word after the carriage return is tagged where it is.
  await editor.doubleClick('Rome');
  await editor.page.keyboard.press('2');
  await expect(editor.entity('Rome')).toHaveAttribute('data-label', 'LOC');
  await editor.save();
  expect(await editor.fileText('notes.txt')).toBe(
    'Ann met\r[LOC Rome  ] .\nA\u200bb [PER Zoe  ] .\n',
  );
});
