// A full day of correction on the real cable: words glued to HTML, every problem repairable, true status, the keyboard everywhere.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeChord, SHORTCUTS, type Command } from '../shared/keyboard/shortcuts';
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
  await expect.poll(() => editor.selectionText()).toBe('</pre>');
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
  await expect(fixes.getByLabel('After', { exact: true })).toHaveText(
    'Signed [PER DELL  ]</pre></code>',
  );
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
  await expect(fixes.getByLabel('After', { exact: true })).toHaveText(
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

test('4. F6 and Shift+F6 move between the regions; Escape and Ctrl+Shift+F close the corpus search', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeFocused();
  const region = () =>
    page.evaluate(() => {
      const focused = document.activeElement;
      if (focused?.closest('[data-testid="document-view"]')) return 'document';
      return (
        focused?.closest('nav, [role="toolbar"], aside, footer')?.getAttribute('aria-label') ??
        focused?.closest('aside, footer')?.tagName.toLowerCase() ??
        'none'
      );
    });
  const visited: string[] = [];
  for (let step = 0; step < 5; step++) {
    await page.keyboard.press('F6');
    visited.push(await region());
  }
  // The status bar is a region too: its shortcut hint opens the overlay.
  expect(visited).toEqual(['aside', 'footer', 'Corpus', 'Actions', 'document']);
  await page.keyboard.press('Shift+F6');
  expect(await region()).toBe('Actions');
  await page.keyboard.press('F6');

  const search = page.getByLabel('Search text');
  await page.keyboard.press('ControlOrMeta+Shift+f');
  await expect(search).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Shift+f');
  await expect(search).toBeHidden();
  await expect(editor.view).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Shift+f');
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(editor.view).toBeFocused();

  // The panel under the text is a region of its own, between the text and the side panels.
  await page.keyboard.press('ControlOrMeta+Shift+k');
  await editor.view.focus();
  await page.keyboard.press('F6');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.corpus-panel'))).toBe(true);
  await page.keyboard.press('F6');
  expect(await region()).toBe('aside');
  await page.keyboard.press('Shift+F6');
  await page.keyboard.press('Shift+F6');
  expect(await region()).toBe('document');
});

test('4. Escape in a side panel, on a control or in a field, gives the focus back to the text', async ({
  editor,
  page,
}) => {
  const inSidePanel = () => page.evaluate(() => !!document.activeElement?.closest('aside'));
  for (const [key, control] of [
    ['Shift+H', null], // the focus is put in the History
    ['Shift+L', page.getByRole('textbox', { name: 'New label name' })],
    ['Shift+A', page.getByRole('textbox', { name: 'Copies' })],
    ['Shift+R', page.getByRole('combobox', { name: 'Compare with' })],
  ] as const) {
    await editor.view.focus();
    await page.keyboard.press(key);
    await control?.focus();
    await expect.poll(inSidePanel, `the focus in a side panel after ${key}`).toBe(true);
    await page.keyboard.press('Escape');
    await expect(editor.view, `Escape after ${key}`).toBeFocused();
  }
});

test('4. every toolbar tooltip names the key the shortcut table gives', async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeFocused();
  const toolbar = page.getByRole('toolbar', { name: 'Actions' });
  const expected = new Map(
    SHORTCUTS.map((shortcut) => [shortcut.command, `(${describeChord(shortcut.chords[0])})`]),
  );
  // The buttons whose key the issue found missing, by the command they run.
  const known: Array<[string | RegExp, Command]> = [
    ['Export…', 'export'],
    ['Search corpus', 'search-corpus'],
    ['Consistency', 'consistency'],
    [/^(Mark reviewed|Reviewed ✓)$/, 'mark-reviewed'],
    ['Undo', 'undo'],
    ['Keyboard shortcuts', 'help'],
  ];
  for (const [name, command] of known) {
    const title = await toolbar.getByRole('button', { name, exact: true }).getAttribute('title');
    expect(title, String(name)).toContain(expected.get(command));
  }
  // Every other control names a key, and that key is one the table gives a command first.
  const firstKeys = new Set(expected.values());
  const titles = await toolbar
    .locator('button, label')
    .evaluateAll((controls) =>
      controls.map((control) => [
        control.getAttribute('aria-label') ?? control.textContent,
        control.getAttribute('title'),
      ]),
    );
  for (const [name, title] of titles) {
    const key = /\([^()]+\)$/.exec(title ?? '')?.[0];
    expect(key && firstKeys.has(key), `${name}: ${title}`).toBe(true);
  }
});

test('4. Delete removes the entity a text selection covers exactly; panel actions have keys', async ({
  editor,
  page,
}) => {
  // The cursor (a text selection, not the entity) onto PRISTINA, the 15th token (after <code>, <pre> and C O N F I D E N T I A L).
  for (let step = 0; step < 15; step++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => editor.selectionText()).toBe('PRISTINA');
  await page.keyboard.press('Delete');
  await expect(editor.entity('PRISTINA')).toHaveCount(0);

  // Review: n to the change, r reverts it.
  await page.keyboard.press('Shift+r');
  const changes = page.getByRole('list', { name: 'Changes' });
  await expect(changes.getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('n');
  await page.keyboard.press('r');
  await expect(changes.getByRole('listitem')).toHaveCount(0);
  await expect(editor.entity('PRISTINA')).toHaveAttribute('data-label', 'ORG');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Alt+s');
  expect((await download).suggestedFilename()).toBe('cable.txt-review.md');
  await page.keyboard.press('Shift+r');

  // Mark reviewed (once saved), the theme, a new label.
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await page.keyboard.press('Shift+m');
  await expect(page.getByRole('button', { name: 'Reviewed ✓' })).toBeVisible();
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.keyboard.press('Shift+t');
  await page.keyboard.press('Shift+t');
  await expect.poll(theme).not.toBe(before);
  await page.keyboard.press('Shift+l');
  await expect(page.getByRole('textbox', { name: 'New label name' })).toBeFocused();
  await page.keyboard.press('Escape');

  // A consistency finding's fix is previewed with Alt+F.
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+Shift+k');
  await expect(page.getByRole('list', { name: 'Findings' })).toBeVisible();
  await page.keyboard.press('Alt+f');
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('3. the corpus list drops "edited" after undo to the saved point and counts problems as they are fixed', async ({
  editor,
  page,
}) => {
  const cable = editor.sidebar.getByRole('button', { name: /cable\.txt/ });
  // (The cable opens with <code><pre>: a word, not a tag, is what an entity may start with.)
  await editor.doubleClick('SIPDIS');
  await page.keyboard.press('1');
  await expect(cable).toContainText('edited');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(cable).not.toContainText('edited');
  await expect(cable).toContainText('untouched');

  const repairs = editor.sidebar.getByRole('button', { name: /repairs\.txt/ });
  await editor.openDocument('repairs.txt');
  await expect(repairs.getByTitle('errors')).toHaveText('✖ 2');
  const problems = page.getByRole('region', { name: 'Problems' });
  await problems.getByRole('button', { name: /^Quick fixes for line 3: entity \[LOC/ }).click();
  await page.keyboard.press('Enter');
  await expect(repairs.getByTitle('errors')).toHaveText('✖ 1');
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(repairs.getByTitle('errors')).toHaveText('✖ 2');
  await expect(repairs).not.toContainText('edited');
});

test('3. a document added to the folder while Emend runs appears in the corpus list and opens', async ({
  editor,
  page,
}) => {
  await expect(editor.sidebar.getByRole('button', { name: /repairs\.txt/ })).toBeVisible();
  await writeFile(path.join(editor.folder, 'added.txt'), 'Sent to [LOC Pristina  ] today .\n');
  const added = editor.sidebar.getByRole('button', { name: /added\.txt/ });
  await expect(added).toBeVisible();
  await added.click();
  await expect(editor.view).toHaveAttribute('aria-label', 'Document added.txt');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'LOC');
  await rm(path.join(editor.folder, 'repairs.txt'));
  await expect(editor.sidebar.getByRole('button', { name: /repairs\.txt/ })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
