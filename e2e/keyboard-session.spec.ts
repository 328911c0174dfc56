// A whole annotation session without the mouse: cursor, selection, labels, boundaries, history, save.
import { expect, test } from './support/test';
import { expectedBytes } from './support/editor-page';

test('an annotator corrects a document with the keyboard only', async ({ editor, page }) => {
  const keys = async (...presses: string[]) => {
    for (const key of presses) await page.keyboard.press(key);
  };
  // The document view has focus as soon as the editor opens.
  await expect(editor.view).toBeFocused();

  // Cursor onto "EULEX" (line 2, token 6 counting the entity's three), extend over "officials", label ORG.
  await keys('ArrowRight');
  expect(await editor.selectionText()).toBe('Integrating');
  await keys('ArrowDown');
  expect(await editor.selectionText()).toBe('Ambassador');
  await keys('ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight');
  expect(await editor.selectionText()).toBe('EULEX');
  await keys('Shift+ArrowRight', '3');
  await expect(editor.entity('EULEX officials')).toHaveAttribute('data-label', 'ORG');

  // Tab to the next entity (KFOR), relabel it, widen its end by one token.
  await keys('Tab');
  await expect(editor.entity('KFOR')).toHaveClass(/selected-entity/);
  await keys('4', 'Alt+Shift+ArrowRight');
  await expect(editor.entity('KFOR troops')).toHaveAttribute('data-label', 'MISC');

  // Back to "Serbs" and remove it; undo and redo the removal.
  await keys('Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab');
  await expect(editor.entity('Serbs')).toHaveClass(/selected-entity/);
  await keys('Delete');
  await expect(editor.entity('Serbs')).toHaveCount(0);
  await keys('ControlOrMeta+z');
  await expect(editor.entity('Serbs')).toHaveCount(1);
  await keys('ControlOrMeta+Shift+z');
  await expect(editor.entity('Serbs')).toHaveCount(0);

  // Redo selected the removed span; step right to "society" and label it from the menu.
  await keys('ArrowRight', 'ArrowRight', 'ArrowRight');
  await expect.poll(() => editor.selectionText()).toBe('society');
  await keys('l', 'ArrowDown', 'Enter');
  await expect(editor.entity('society')).toHaveAttribute('data-label', 'LOC');

  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(await expectedBytes('cable-keyboard.txt'));

  // On to the next document, still without the mouse.
  await keys('Alt+PageDown');
  await expect(editor.view).toHaveAttribute('aria-label', 'Document notes.txt');
});
