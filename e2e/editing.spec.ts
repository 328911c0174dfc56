// Editing with the mouse: add by dragging or double-click, relabel, remove, boundaries, overlaps, history.
import { expect, test, useCorpusOf } from './support/test';
import { expectedBytes } from './support/editor-page';

test('adds an entity by dragging and pressing a label key, then saves the exact bytes', async ({
  editor,
  page,
}) => {
  await editor.drag('EULEX', 'officials');
  expect(await editor.selectionText()).toBe('EULEX officials');
  await page.keyboard.press('3');
  await expect(editor.entity('EULEX officials')).toHaveAttribute('data-label', 'ORG');
  await expect(page.getByTestId('save-state')).toHaveText('unsaved changes');
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(await expectedBytes('cable-eulex.txt'));
});

test('a drag that starts or ends mid-word snaps to whole tokens', async ({ editor, page }) => {
  await editor.drag('roops', 'stay');
  expect(await editor.selectionText()).toBe('troops stayed');
  await page.keyboard.press('Escape');
  expect(await editor.selectionText()).toBe('');
});

test('adds an entity by double-click and key, and through the label menu', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'LOC');

  await editor.doubleClick('Ibar');
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Labels' });
  await expect(menu).toBeVisible();
  // Each item is said with its key, words apart (not "MISC4").
  await expect(menu.getByRole('menuitem', { name: 'MISC key 4', exact: true })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'MISC' }).click();
  await expect(editor.entity('Ibar')).toHaveAttribute('data-label', 'MISC');
});

test('relabels and removes a clicked entity', async ({ editor, page }) => {
  await editor.entity('Serbs').click();
  await expect(page.getByTestId('selection')).toContainText('entity MISC “Serbs”');
  await page.keyboard.press('1');
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'PER');

  await editor.entity('KFOR').click();
  await page.keyboard.press('Delete');
  await expect(editor.entity('KFOR')).toHaveCount(0);
  await expect(page.getByTestId('entity-count')).toHaveText('4 entities');
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(
    await expectedBytes('cable-relabel-remove.txt'),
  );
});

test('moves an entity’s boundaries by one token with keys and toolbar buttons', async ({
  editor,
  page,
}) => {
  await editor.entity('Christopher W. Dell').click();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(editor.entity('Ambassador Christopher W. Dell')).toHaveAttribute(
    'data-label',
    'PER',
  );
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(editor.entity('Ambassador Christopher W.')).toHaveCount(1);
  await page.getByRole('button', { name: 'Start ⇥' }).click();
  await expect(editor.entity('Christopher W.')).toHaveCount(1);
  await page.keyboard.press('}');
  await expect(editor.entity('Christopher W. Dell')).toHaveCount(1);
  await editor.save();
  // Back where it started, but written fresh: same bytes as the original file.
  expect(await editor.fileBytes('cable.txt')).toEqual(await expectedBytes('cable-original.txt'));
});

test('a new span over existing entities replaces them as one undoable step', async ({
  editor,
  page,
}) => {
  await editor.drag('Serbs', 'society');
  expect(await editor.selectionText()).toBe('Serbs into Kosovo society');
  await page.keyboard.press('4');
  await expect
    .poll(() => editor.entities())
    .toEqual([
      { label: 'LOC', text: 'Kosovo' },
      { label: 'MISC', text: 'Serbs into Kosovo society' },
      { label: 'PER', text: 'Christopher W. Dell' },
      { label: 'ORG', text: 'KFOR' },
    ]);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'MISC');
  await expect(page.getByTestId('entity-count')).toHaveText('5 entities');
});

test('undo and redo go through the workspace history across a save', async ({ editor, page }) => {
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await editor.save();
  expect(await editor.fileText('cable.txt')).toContain('[LOC Pristina  ]');

  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.entity('Pristina')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('unsaved changes');
  // Undo selects what it changed: the span the entity covered.
  expect(await editor.selectionText()).toBe('Pristina');
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(await expectedBytes('cable-original.txt'));

  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'LOC');
  await expect(editor.entity('Pristina')).toHaveClass(/selected-entity/);
  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('Control+y');
  await expect(editor.entity('Pristina')).toHaveCount(1);
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(await expectedBytes('cable-pristina.txt'));
});

test('shift-click extends the selection to whole tokens', async ({ editor }) => {
  await editor.clickWord('EULEX');
  expect(await editor.selectionText()).toBe('EULEX');
  await editor.clickWord('Pristina', { shift: true });
  expect(await editor.selectionText()).toBe('EULEX officials in Pristina');
});

test("a word inside an HTML tag's attributes cannot be tagged: the tag would be cut, the file unchanged", async ({
  editor,
  page,
}) => {
  const before = await editor.entities();
  await editor.doubleClick("href='#par1'>");
  await expect(editor.view.locator('.selected')).toHaveText("href='#par1'>");
  await page.keyboard.press('4');
  await expect(page.getByTestId('toast').first()).toContainText(
    "an entity cannot start or end inside the HTML tag <a id='par1' href='#par1'>",
  );
  expect(await editor.entities()).toEqual(before);
  await expect(page.getByTestId('save-state')).toHaveText('saved');
});

test.describe('a click on blank space', () => {
  useCorpusOf({ 'gaps.txt': '[ORG KFOR  ] troops stayed .\n\nwide          gap here .\n' });

  test('selects nothing: the next key edits no entity left selected before', async ({
    editor,
    page,
  }) => {
    await editor.openDocument('gaps.txt');
    const status = page.locator('footer.status');
    const selectKfor = async () => {
      await editor.clickWord('KFOR');
      await expect(status).toContainText('entity ORG “KFOR” on line 1');
    };
    // The empty line between, then the middle of a run of spaces.
    await selectKfor();
    const empty = await editor.view.locator('.line[data-line="2"]').boundingBox();
    await page.mouse.click(empty!.x + 40, empty!.y + empty!.height / 2);
    await expect(status).toContainText('nothing selected');
    await page.keyboard.press('Delete');
    await selectKfor();
    const gap = await editor.view.evaluate((view) => {
      const line = view.querySelector('.line[data-line="3"]')!;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('     ');
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + 3);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    await page.mouse.click(gap!.x, gap!.y);
    await expect(status).toContainText('nothing selected');
    await page.keyboard.press('4');
    await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'ORG');
    // Below the last line, and past the end of a line: no word is under the pointer either.
    const view = await editor.view.boundingBox();
    const lastLine = await editor.view.locator('.line[data-line="3"]').boundingBox();
    const firstLine = editor.view.locator('.line[data-line="1"]');
    const lineEnd = await firstLine.evaluate((line) => {
      const range = document.createRange();
      range.selectNodeContents(line);
      const rects = [...range.getClientRects()];
      return { right: Math.max(...rects.map((rect) => rect.right)), y: rects[0].top + 8 };
    });
    for (const [x, y] of [
      [view!.x + 200, lastLine!.y + lastLine!.height + 40],
      [lineEnd.right + 40, lineEnd.y],
    ]) {
      await selectKfor();
      await page.mouse.click(x, y);
      await expect(status).toContainText('nothing selected');
    }
    // A click a few pixels above or below a word's letters, still in its line, takes the word.
    const troops = await editor.view.evaluate((view) => {
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('troops');
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'troops'.length);
        const { left, width, top, bottom } = range.getBoundingClientRect();
        return { x: left + width / 2, top, bottom, first: left + 1 };
      }
      return null;
    });
    for (const [x, y] of [
      [troops!.x, troops!.top - 3],
      [troops!.x, troops!.bottom + 3],
      [troops!.first, (troops!.top + troops!.bottom) / 2],
    ]) {
      await page.mouse.click(x, y);
      await expect(status).toContainText('“troops” on line 1');
      await page.keyboard.press('Escape');
    }
  });
});
