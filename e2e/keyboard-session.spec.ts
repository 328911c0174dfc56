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
  // The entity selected before, on a line below, is no longer marked.
  await expect(editor.entity('KFOR troops')).not.toHaveClass(/selected-entity/);
  await expect(editor.view.locator('.selected-entity')).toHaveCount(1);
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

test('an entity chosen where its text is already selected is marked as the selected entity', async ({
  editor,
  page,
}) => {
  // The cursor onto "Kosovo": its text, which an entity spans exactly, not the entity.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await editor.selectionText()).toBe('Kosovo');
  const kosovo = editor.entity('Kosovo').first();
  await expect(kosovo).not.toHaveClass(/selected-entity/);
  // Clicked, the entity is selected over the same text: the line shows the same parts, marked anew.
  await kosovo.click();
  await expect(kosovo).toHaveClass(/selected-entity/);
  await expect(editor.view.locator('.selected-entity')).toHaveCount(1);
});

test.describe('the real cable', () => {
  test.use({ corpus: 'full-day' });

  test('is corrected end to end with the keyboard only, DELL included', async ({
    editor,
    page,
  }) => {
    const keys = async (...presses: string[]) => {
      for (const key of presses) await page.keyboard.press(key);
    };
    /** Ctrl/⌘+F, Enter to the `which`-th match of query (the search ignores case), back to the text. */
    const findMatch = async (query: string, which: number) => {
      await keys('ControlOrMeta+f');
      const input = page.getByRole('searchbox', { name: 'Find in document' });
      await expect(input).toBeFocused();
      await input.fill(query);
      const count = page.getByTestId('find-count');
      await expect(count).toContainText(' of ');
      await expect(async () => {
        if (!(await count.textContent())?.startsWith(`${which} of`)) await keys('Enter');
        await expect(count).toHaveText(new RegExp(`^${which} of`), { timeout: 500 });
      }).toPass();
      expect(await editor.selectionText()).toBe(query);
      await keys('Escape');
      await expect(editor.view).toBeFocused();
    };
    const original = await editor.fileText('cable.txt');
    await expect(editor.view).toBeFocused();

    // Line 1 by Tab: PRISTINA → LOC, DECL: removed, KOSOVO → LOC.
    await keys('Tab', '2', 'Tab', 'Tab', 'Delete', 'Tab');
    await expect(editor.entity('KOSOVO')).toHaveClass(/selected-entity/);
    await keys('2');
    await expect(editor.entity('KOSOVO')).toHaveAttribute('data-label', 'LOC');
    // Both Quint → ORG, from the find bar (a selection covering an entity relabels it).
    await findMatch('Quint', 1);
    await keys('3');
    await findMatch('Quint', 2);
    await keys('3');
    // Pandora removed; Tab on to Stu (past European and British), → PER.
    await findMatch('Pandora', 1);
    await keys('Delete', 'Tab', 'Tab', 'Tab');
    await expect(editor.entity('Stu')).toHaveClass(/selected-entity/);
    await keys('1');
    // Every KFOR and EULEX → ORG, and DELL (glued to its closing tags) → PER.
    for (const [name, which] of [
      ['KFOR', 1],
      ['KFOR', 2],
      ['EULEX', 1],
      ['EULEX', 2],
    ] as const) {
      await findMatch(name, which);
      await keys('3');
    }
    await findMatch('DELL', 2); // the first match is "Dell" of Christopher W. Dell
    await keys('1');
    await expect(editor.entity('DELL')).toHaveAttribute('data-label', 'PER');

    await editor.save();
    const expected = original
      .replace('[ORG PRISTINA  ]', '[LOC PRISTINA  ]')
      .replace('[LOC DECL:  ]', 'DECL:')
      .replace('[ORG KOSOVO  ]', '[LOC KOSOVO  ]')
      .replaceAll('[PER Quint  ]', '[ORG Quint  ]')
      .replace('[PER Pandora  ]', 'Pandora')
      .replace('[ORG Stu  ]', '[PER Stu  ]')
      .replaceAll(/(?<=^| )(KFOR|EULEX)(?= )/gm, '[ORG $1  ]')
      .replace('\nDELL</pre>', '\n[PER DELL  ]</pre>');
    expect(await editor.fileText('cable.txt')).toBe(expected);
  });
});
