// Keys go where the focus is: a list or panel keeps its own keys, and going to a place from a panel gives the text the focus.
import { expect, test, useCorpusOf } from './support/test';

test('Delete, label keys and arrows on a corpus-list button leave the text alone', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await expect(editor.entity('Serbs')).toHaveClass(/selected-entity/);
  const before = await editor.entities();
  await editor.sidebar.getByRole('button', { name: /^notes\.txt/ }).focus();
  for (const key of ['Delete', '2', 'ArrowDown', 'Alt+ArrowLeft', ']'])
    await page.keyboard.press(key);
  expect(await editor.entities()).toEqual(before);
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect(editor.entity('Serbs')).toHaveClass(/selected-entity/);
});

test('an entity clicked in the Entities panel takes label keys at once, the text focused', async ({
  editor,
  page,
}) => {
  const panel = page.getByRole('region', { name: 'Entities' });
  await panel.locator('summary', { hasText: 'MISC' }).click();
  await panel.getByRole('button', { name: /^Serbs/ }).click();
  await expect(editor.view).toBeFocused();
  await page.keyboard.press('3');
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'ORG');
});

test('a problem clicked in the Problems panel is selected in the focused text; Ctrl+. on a row shows its fixes', async ({
  editor,
  page,
}) => {
  await editor.openDocument('problems.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  const first = problems.locator('button.go').first();
  await first.click();
  await expect(editor.view).toBeFocused();
  await first.focus();
  await page.keyboard.press('ControlOrMeta+.');
  await expect(page.getByRole('menu')).toBeVisible();
});

test("a label's hotkey cannot take a command's key; Enter keeps a key typed, Escape the one stored", async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const labels = page.getByRole('region', { name: 'Labels' });
  const key = labels.getByRole('textbox', { name: 'Hotkey of MISC' });
  await key.fill('r');
  await key.press('Enter');
  await expect(labels.getByRole('alert')).toHaveText(
    'r is the key of “Revert (or accept) the current change”: choose another key.',
  );
  await expect(key).toHaveValue('4');
  await key.fill('7');
  await key.press('Enter');
  await expect(key).not.toBeFocused();
  await expect(key).toHaveValue('7');
  await key.fill('8');
  await key.press('Escape');
  await expect(key).toHaveValue('7');
  await editor.entity('KFOR').click();
  await page.keyboard.press('7');
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'MISC');
});

test("the label set's questions take the focus, and answering them or a hotkey gives it to the text", async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const labels = page.getByRole('region', { name: 'Labels' });
  const key = labels.getByRole('textbox', { name: 'Hotkey of MISC' });
  await key.fill('7');
  await key.press('Enter');
  await expect(editor.view).toBeFocused();

  // A key another label has: the question is asked with the focus on its first answer.
  await key.fill('1');
  await key.press('Enter');
  await expect(labels.getByRole('button', { name: 'Give it to MISC' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(labels.getByRole('button', { name: 'Keep it for PER' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.view).toBeFocused();

  // Removing a label asks first, the focus on keeping it.
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).click();
  await expect(labels.getByRole('button', { name: 'Keep ORG' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.view).toBeFocused();
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).click();
  await labels.getByRole('button', { name: 'Remove ORG', exact: true }).click();
  await expect(editor.view).toBeFocused();
});

test("Escape answers the label set's questions as their Keep button, and the text has the focus", async ({
  editor,
  page,
}) => {
  await expect(editor.view).toBeVisible();
  const labels = page.getByRole('region', { name: 'Labels' });
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).press('Enter');
  await expect(labels.getByRole('button', { name: 'Keep ORG' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(labels.getByRole('button', { name: 'Keep ORG' })).toBeHidden();
  await expect(labels.getByRole('button', { name: 'Remove ORG', exact: true })).toBeHidden();
  await expect(editor.view).toBeFocused();
  await expect(labels.getByRole('button', { name: 'ORG', exact: true })).toBeVisible();
  // From elsewhere in the panel too (the × that asked, Shift+Tab back from the question).
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).press('Enter');
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).focus();
  await page.keyboard.press('Escape');
  await expect(labels.getByRole('button', { name: 'Keep ORG' })).toBeHidden();
  await expect(editor.view).toBeFocused();
  // From a hotkey field: its stored key back, and the question answered.
  await labels.getByRole('button', { name: 'Remove ORG from the label set' }).press('Enter');
  await labels.getByRole('textbox', { name: 'Hotkey of MISC' }).press('Escape');
  await expect(labels.getByRole('button', { name: 'Keep ORG' })).toBeHidden();
  await expect(editor.view).toBeFocused();

  const key = labels.getByRole('textbox', { name: 'Hotkey of MISC' });
  await key.fill('1');
  await key.press('Enter');
  await expect(labels.getByRole('button', { name: 'Give it to MISC' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(labels.getByRole('button', { name: 'Keep it for PER' })).toBeHidden();
  await expect(editor.view).toBeFocused();
  await expect(labels.getByRole('textbox', { name: 'Hotkey of PER' })).toHaveValue('1');
});

test('a toolbar button that edits the document gives the text the focus, as the keys would have it', async ({
  editor,
  page,
}) => {
  const toolbar = page.getByRole('toolbar', { name: 'Actions' });
  // The toolbar takes a selection or an edit once it is painted: a button is pressed once enabled,
  // as a user sees it.
  const press = async (name: string) => {
    const button = toolbar.getByRole('button', { name, exact: true });
    await expect(button).toBeEnabled();
    await button.press('Enter');
    await expect(editor.view, name).toBeFocused();
  };
  await editor.entity('Christopher W. Dell').click();
  for (const name of ['⇤ Start', 'Start ⇥', '⇤ End', 'End ⇥']) await press(name);
  await expect(editor.entity('Christopher W. Dell')).toHaveCount(1);
  // Edits are left to undo: Undo stays enabled, and the text takes the focus all the same.
  await press('Undo');
  await press('Redo');
});

test('after apply to all from the corpus search, the focus is not lost', async ({
  editor,
  page,
}) => {
  const panel = await editor.searchCorpusFor('cable.txt', 'KFOR');
  await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
  const preview = page.getByRole('dialog', { name: 'Apply to all' });
  await preview.getByRole('button', { name: /^Apply to \d+ hits?$/ }).press('Enter');
  await expect(preview).toBeHidden();
  await expect(page.getByText('tag as ORG')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('after a quick fix is applied from the keyboard, the text has the focus again', async ({
  editor,
  page,
}) => {
  await editor.openDocument('problems.txt');
  const fix = page.getByRole('region', { name: 'Problems' }).locator('button.fix').first();
  await fix.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Fixes' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Fixes' })).toHaveCount(0);
  await expect(editor.view).toBeFocused();
});

test('Shift+H opens the History with the focus in it and, pressed again, gives the focus back to the text', async ({
  editor,
  page,
}) => {
  await editor.entity('KFOR').click();
  await page.keyboard.press('Shift+H');
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toBeVisible();
  await expect(history).toBeFocused();
  await page.keyboard.press('Shift+H');
  await expect(history).toHaveCount(0);
  await expect(editor.view).toBeFocused();
});

test.describe('the corpus list', () => {
  test.use({ corpus: 'adjudicate' });

  test('names each document with its folder, and the filter takes Enter, ↓ and Escape', async ({
    editor,
    page,
  }) => {
    const documents = editor.sidebar.getByRole('button', { name: /^news\.txt/ });
    await expect(documents).toHaveText([
      /^news\.txt ann /,
      /^news\.txt bo /,
      /^news\.txt cy /,
      /^news\.txt expected /,
      /^news\.txt gold /,
    ]);
    const filter = editor.sidebar.getByRole('searchbox', { name: 'Filter documents' });
    await filter.fill('cy/');
    await filter.press('Enter');
    await expect(editor.view).toHaveAttribute('aria-label', /Document cy\/brief\.txt/);
    await filter.fill('news');
    await filter.press('ArrowDown');
    await expect(documents.first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(documents.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(filter).toBeFocused();
    await filter.press('Escape');
    await expect(editor.view).toBeFocused();
  });
});

test('a theme chosen by click keeps the window keys working; its arrows stay its own', async ({
  editor,
  page,
}) => {
  const themes = page.getByRole('radiogroup', { name: 'Theme' });
  const dark = themes.getByRole('radio', { name: 'Dark' });
  await dark.click();
  await expect(dark).toBeFocused();
  const before = await editor.entities();
  // The arrows move between the themes (picking none, as in a toolbar), not the text's cursor.
  await page.keyboard.press('ArrowDown');
  await expect(themes.getByRole('radio', { name: 'System' })).toBeFocused();
  await expect(dark).toBeChecked();
  expect(await editor.entities()).toEqual(before);
  await page.keyboard.press('Shift+A');
  await expect(page.getByRole('textbox', { name: 'Copies' })).toBeVisible();
});

test.describe('a panel action by key', () => {
  // Copies that are not there are answered 404, which Chromium logs.
  test.use({ expectedStatuses: [404] });

  test("Ctrl+Enter runs the focused panel's action: compare the corpus, compute the agreement", async ({
    editor,
    page,
  }) => {
    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(overlay).toContainText("Run the focused panel's action");
    await page.keyboard.press('Escape');
    await editor.view.focus();
    await page.keyboard.press('Shift+C');
    const corpusReview = page.getByRole('region', { name: 'Corpus review' });
    await expect(corpusReview.getByRole('status')).toContainText('documents changed');
    await editor.entity('Serbs').click();
    await page.keyboard.press('1'); // PER
    await corpusReview.getByRole('combobox', { name: 'Compare the corpus with' }).focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(corpusReview.getByRole('status')).toContainText('1 change: 1 relabeled');
    await editor.view.focus();
    await page.keyboard.press('Shift+A');
    const agreement = page.getByRole('region', { name: 'Agreement' });
    await agreement.getByRole('textbox', { name: 'Copies' }).fill('no-such-a no-such-b');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(agreement.getByRole('alert')).toContainText('no-such-a');
  });
});

test.describe('a document of blank lines only, shown first', () => {
  useCorpusOf({
    'blanks.txt': '\n'.repeat(50),
    'talks.txt': 'Talks in [LOC Pristina  ] .\n',
  });

  test('chosen again by Enter in the corpus list, gives the focus to its text as another would', async ({
    editor,
    page,
  }) => {
    await expect(editor.view).toHaveAttribute('aria-label', 'Document blanks.txt');
    await editor.sidebar.getByRole('button', { name: /^blanks\.txt/ }).focus();
    await page.keyboard.press('Enter');
    await expect(editor.view).toBeFocused();
    await editor.sidebar.getByRole('button', { name: /^talks\.txt/ }).focus();
    await page.keyboard.press('Enter');
    await expect(editor.view).toHaveAttribute('aria-label', 'Document talks.txt');
    await expect(editor.view).toBeFocused();
  });
});

test.describe('a long document by keys alone', () => {
  const lines = Array.from({ length: 400 }, (_, k) => `first${k + 1} middle last${k + 1}`);
  useCorpusOf({ 'pages.txt': `${lines.join('\n')}\n` });

  test('PageDown and PageUp move the cursor a page, Home and End along its line, Ctrl+End and Ctrl+Home to the document ends', async ({
    editor,
    page,
  }) => {
    const selection = page.getByTestId('selection');
    const lineOf = async () =>
      Number(/on line (\d+)/.exec((await selection.textContent()) ?? '')?.[1]);
    await editor.view.focus();
    // With no cursor yet, Ctrl+End goes to the document's last token (not the first in view).
    await page.keyboard.press('ControlOrMeta+End');
    await expect(selection).toHaveText('“last400” on line 400');
    await page.keyboard.press('ControlOrMeta+Home');
    await expect(selection).toHaveText('“first1” on line 1');
    await page.keyboard.press('PageDown');
    await expect.poll(lineOf).toBeGreaterThan(10);
    const paged = await lineOf();
    // The cursor is on screen, and the next arrow goes on from it (not back to the top).
    await expect(editor.view.locator('.selected')).toBeInViewport();
    await page.keyboard.press('ArrowDown');
    await expect(selection).toHaveText(`“first${paged + 1}” on line ${paged + 1}`);
    await page.keyboard.press('PageUp');
    await expect.poll(lineOf).toBeLessThan(paged);
    await page.keyboard.press('End');
    await expect(selection).toContainText('“last');
    await page.keyboard.press('Shift+Home');
    await expect.poll(() => editor.selectionText()).toMatch(/^first\d+ middle last\d+$/);
    await page.keyboard.press('ControlOrMeta+End');
    await expect(selection).toHaveText('“last400” on line 400');
    await expect(editor.view.locator('.selected')).toBeInViewport();
    await page.keyboard.press('ControlOrMeta+Home');
    await expect(selection).toHaveText('“first1” on line 1');
    await page.keyboard.press('ControlOrMeta+Shift+End');
    await expect(selection).toHaveText(/^“first1 middle .*” on line 1$/s);
    // The view follows the selection's end: its lines drawn (once it has scrolled) end with the
    // document's last token.
    await expect.poll(() => editor.selectionText()).toMatch(/last400$/);
  });
});

test('Tab after Escape goes on from where the selection was, not from the top', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('met');
  await expect(editor.view.locator('.selected')).toHaveText('met');
  await page.keyboard.press('Escape');
  await expect(editor.view.locator('.selected')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(editor.entity('KFOR')).toHaveClass(/selected-entity/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(editor.entity('Christopher W. Dell')).toHaveClass(/selected-entity/);
});

test('the command palette finds any command by its name and runs it where the focus was', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('troops');
  await expect(editor.view.locator('.selected')).toHaveText('troops');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const field = palette.getByRole('combobox', { name: 'Command' });
  await expect(field).toBeFocused();
  // Labels are commands too: "misc" finds labeling the selection MISC.
  await field.fill('label misc');
  await expect(palette.getByRole('option').first()).toContainText('Label the selection MISC');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(editor.entity('troops')).toHaveAttribute('data-label', 'MISC');
  // What starts a word comes first: "rev" lists Review's commands before "previous".
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await field.fill('rev');
  await expect(palette.getByRole('option').first()).toContainText('Review');
  await page.keyboard.press('Escape');
  // Enter runs the first match (↑ and ↓ choose another).
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await field.fill('undo');
  await expect(palette.getByRole('option').first().locator('.name')).toHaveText('Undo');
  await page.keyboard.press('Enter');
  await expect(editor.entity('troops')).toHaveCount(0);
  // A click runs a command too; Escape closes without running any.
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await field.fill('keyboard shortcuts');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await field.fill('overlay');
  await palette.getByRole('option', { name: /Show or hide this overlay/ }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test.describe('a line that wraps into many rows, by keys alone', () => {
  const words = Array.from({ length: 600 }, (_, k) => `word${k + 1}`);
  useCorpusOf({ 'wrapped.txt': `${words.join(' ')}\nnext line\n` });

  test('↓ and ↑ go down and up its rows, PageDown and PageUp a page of them, then on to the next line', async ({
    editor,
    page,
  }) => {
    const selection = page.getByTestId('selection');
    const wordNumber = async () =>
      Number(/“word(\d+)” on line 1/.exec((await selection.textContent()) ?? '')?.[1]);
    const selected = editor.view.locator('.selected').first();
    const top = () => selected.evaluate((element) => element.getBoundingClientRect().top);
    await editor.view.focus();
    await page.keyboard.press('ControlOrMeta+Home');
    await expect(selection).toHaveText('“word1” on line 1');
    const firstRow = await top();
    // ↓ goes to the word drawn under the first, on the next row of the same line.
    await page.keyboard.press('ArrowDown');
    await expect.poll(wordNumber).toBeGreaterThan(5);
    const perRow = (await wordNumber()) - 1;
    expect(Math.round((await top()) - firstRow)).toBe(28);
    await page.keyboard.press('ArrowUp');
    await expect(selection).toHaveText('“word1” on line 1');
    // A page of rows down, the cursor kept in view, and back up.
    await page.keyboard.press('PageDown');
    await expect.poll(wordNumber).toBeGreaterThan(5 * perRow);
    await expect(selected).toBeInViewport();
    await page.keyboard.press('PageUp');
    await expect(selection).toHaveText('“word1” on line 1');
    // From its last row, ↓ goes on to the next line's first row, and ↑ back to the last row.
    await page.keyboard.press('End');
    await expect(selection).toHaveText('“word600” on line 1');
    await page.keyboard.press('ArrowDown');
    await expect(selection).toHaveText(/on line 2$/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(wordNumber).toBeGreaterThan(600 - perRow);
    // ↑ from a line below comes into a wrapped line by its last row, not its first.
    await page.keyboard.press('ControlOrMeta+End');
    await expect(selection).toHaveText('“line” on line 2');
    await page.keyboard.press('ArrowUp');
    await expect.poll(wordNumber).toBeGreaterThan(600 - perRow);
  });
});

test('a label menu the focus leaves closes: keys typed in another field never relabel', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Labels' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('F6');
  await expect(menu).toBeHidden();
  await page.keyboard.press('Shift+L');
  const name = page.getByRole('textbox', { name: 'New label name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('NEW LABEL2');
  await expect(name).toHaveValue('NEW LABEL2');
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'MISC');
  await expect(page.getByTestId('save-state')).toHaveText('saved');
});

test('a modal dialog keeps the keys: F6 and the panel keys stay out, its own key closes it', async ({
  editor,
  page,
}) => {
  await page.keyboard.press('ControlOrMeta+Shift+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  for (const key of ['F6', 'Shift+F6', 'ControlOrMeta+Shift+f', 'ControlOrMeta+Shift+k', '?']) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((box) => box.contains(document.activeElement)), key).toBe(true);
  }
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Search the corpus' })).toHaveCount(0);
  // The browser does not act on a chord the dialog leaves (F1: its help), and Ctrl+S still saves.
  await page.evaluate(() => {
    const seen: Record<string, boolean> = {};
    (window as unknown as { prevented: Record<string, boolean> }).prevented = seen;
    window.addEventListener('keydown', (event) => (seen[event.key] = event.defaultPrevented));
  });
  await page.keyboard.press('F1');
  await page.keyboard.press('ControlOrMeta+s');
  expect(
    await page.evaluate(() => (window as unknown as { prevented: object }).prevented),
  ).toMatchObject({ F1: true, s: true });
  await page.keyboard.press('ControlOrMeta+Shift+e');
  await expect(dialog).toBeHidden();
  await expect(editor.view).toBeFocused();
});

test("a dialog's text field keeps its own chords: Ctrl+Home goes to the start of what was typed", async ({
  editor,
  page,
}) => {
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  const field = page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox');
  await expect(field).toBeFocused();
  await page.keyboard.type('undo');
  await page.keyboard.press('Control+Home');
  expect(await field.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(0);
});

test('F1 from a field shows the shortcuts (it types nothing there)', async ({ editor, page }) => {
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.locator('#document-find')).toBeFocused();
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});
