// Corpus settings from the label palette, the theme switch, and a file changed on disk under unsaved edits.
import { chmod, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditorPage } from './support/editor-page';
import { expect, test, useCorpusOf } from './support/test';

/** Tags Pristina LOC and waits until the workspace journaled it: an unsaved edit that survives a crash. */
async function journaledEdit(editor: EditorPage): Promise<void> {
  await editor.doubleClick('Pristina');
  await editor.page.keyboard.press('2');
  await expect(editor.entity('Pristina')).toHaveCount(1);
  await editor.settled();
}

/** Journaled edits in the cable (Pristina) and in notes.txt (Brussels), notes.txt shown. */
async function journaledEditsInCableAndNotes(editor: EditorPage): Promise<void> {
  await journaledEdit(editor);
  await editor.openDocument('notes.txt');
  await editor.doubleClick('Brussels');
  await editor.page.keyboard.press('2');
  await editor.settled();
}

test('adds a label and changes a color and key; they are saved to the corpus settings', async ({
  editor,
  page,
}) => {
  const palette = page.getByRole('region', { name: 'Labels' });
  await palette.getByLabel('New label name').fill('GPE');
  await palette.getByRole('button', { name: 'Add' }).click();
  await expect(palette.getByLabel('Hotkey of GPE')).toHaveValue('5');
  await palette.getByLabel('Color of LOC').fill('#123456');
  await palette.getByLabel('Hotkey of MISC').fill('x');
  await palette.getByLabel('Hotkey of MISC').press('Tab');

  const settingsFile = path.join(editor.folder, '.emend/settings.json');
  await expect
    .poll(async () => JSON.parse(await readFile(settingsFile, 'utf8').catch(() => '{}')).labels)
    .toEqual([
      { name: 'PER', color: expect.any(String), key: '1' },
      { name: 'LOC', color: '#123456', key: '2' },
      { name: 'ORG', color: expect.any(String), key: '3' },
      { name: 'MISC', color: expect.any(String), key: 'x' },
      { name: 'GPE', color: expect.any(String), key: '5' },
    ]);
  // The new label and the new key work at once; the LOC chip takes the new color.
  await editor.doubleClick('Pristina');
  await page.keyboard.press('5');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'GPE');
  await editor.doubleClick('Ibar');
  await page.keyboard.press('x');
  await expect(editor.entity('Ibar')).toHaveAttribute('data-label', 'MISC');
  await expect(editor.entity('Kosovo').first()).toHaveCSS('border-bottom-color', 'rgb(18, 52, 86)');
});

test('the theme follows the choice and keeps it after a reload', async ({ editor, page }) => {
  const html = page.locator('html');
  await page
    .getByRole('radiogroup', { name: 'Theme' })
    .getByRole('radio', { name: 'Dark' })
    .check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(editor.view).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page
    .getByRole('radiogroup', { name: 'Theme' })
    .getByRole('radio', { name: 'Light' })
    .check();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('a file changed on disk under unsaved edits offers Keep mine / Take theirs', async ({
  editor,
  page,
}) => {
  await journaledEdit(editor);
  const file = path.join(editor.folder, 'cable.txt');
  await writeFile(file, 'Changed [ORG elsewhere  ] entirely .\n');
  const banner = page.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText('cable.txt changed on disk while you have unsaved edits.');
  // The status bar says it too, as long as the question is open.
  await expect(page.getByTestId('save-state')).toHaveText('changed on disk: unsaved edits kept');
  await banner.getByRole('button', { name: 'Take theirs' }).click();
  await expect(banner).toBeHidden();
  expect(await editor.entities()).toEqual([{ label: 'ORG', text: 'elsewhere' }]);
  await expect(page.getByTestId('save-state')).toHaveText('saved');
});

test('Take theirs says it sets unsaved edits aside, and Restore set-aside edits lays them back', async ({
  editor,
  page,
}) => {
  await journaledEdit(editor);
  const file = path.join(editor.folder, 'cable.txt');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace('[ORG KFOR  ]', '[MISC KFOR  ]'));
  const banner = page.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(banner).toContainText('sets your unsaved edits aside', { timeout: 10_000 });
  await banner.getByRole('button', { name: 'Take theirs' }).click();
  await expect(editor.entity('Pristina')).toHaveCount(0);
  await page.getByRole('button', { name: 'Restore set-aside edits' }).click();
  await expect(editor.entity('Pristina')).toHaveCount(1);
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'MISC');
  await expect(page.getByRole('button', { name: 'Restore set-aside edits' })).toBeHidden();
  await expect(page.getByTestId('save-state')).not.toHaveText('saved');
});

test('unsaved edits survive a crash: the editor says they were recovered', async ({
  editor,
  served,
  page,
}) => {
  await journaledEdit(editor);
  await page.goto('about:blank'); // closes the event stream before the host goes away
  await served.restart();
  await page.goto(served.url);
  const banner = page.getByRole('status').filter({ hasText: 'recovered' });
  await expect(banner).toContainText('1 unsaved edit was recovered');
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'LOC');
  await expect(page.getByTestId('save-state')).toHaveText('unsaved changes');
  // Undone, nothing recovered is unsaved; redone, it is again; saved, it is kept: the banner goes.
  await editor.view.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(banner).toBeHidden();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(banner).toBeVisible();
  await editor.save();
  await expect(banner).toBeHidden();
  expect(await editor.fileText('cable.txt')).toContain('[LOC Pristina');
});

test('leaving the page while edits are not yet journaled asks first; once they are, it leaves and they survive', async ({
  editor,
  page,
}) => {
  // The workspace is slow to answer: the edits stay shown but pending.
  const held: Array<() => Promise<void>> = [];
  let holding = true;
  await page.route('**/api/applyEdit', (route) =>
    holding ? held.push(() => route.continue()) : route.continue(),
  );
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await expect(page.getByTestId('pending-edits')).toBeVisible();
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true }).catch(() => undefined);
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss(); // stay on the page
  expect(page.isClosed()).toBe(false);

  // Let go: a request that comes while the held ones are let go passes, never held for good.
  holding = false;
  for (const release of held.splice(0)) await release();
  await page.unroute('**/api/applyEdit');
  await editor.settled();
  page.on('dialog', (unexpected) => void unexpected.dismiss());
  let askedAgain = false;
  page.on('dialog', () => (askedAgain = true));
  await page.reload();
  await expect(editor.entity('Pristina')).toHaveAttribute('data-label', 'LOC');
  expect(askedAgain).toBe(false);
});

test('Save all saves what it can and names the document it could not save, and why', async ({
  editor,
  page,
}) => {
  await journaledEditsInCableAndNotes(editor);
  // Another program rewrites the cable under its unsaved edit.
  await writeFile(path.join(editor.folder, 'cable.txt'), 'Rewritten elsewhere .\n');
  await page.keyboard.press('ControlOrMeta+Shift+s');
  await expect(page.getByTestId('toast').last()).toContainText(
    'Saved 1 document. 1 document not saved: cable.txt changed on disk: keep your version or take theirs first.',
  );
  expect(await editor.fileText('notes.txt')).toContain('from [LOC Brussels  ] .');
  expect(await editor.fileText('cable.txt')).toBe('Rewritten elsewhere .\n');

  // A document that cannot be written: its message is a sentence already, ended once.
  await editor.doubleClick('Peter');
  await page.keyboard.press('1');
  await editor.settled();
  await chmod(path.join(editor.folder, 'notes.txt'), 0o444);
  await page.keyboard.press('ControlOrMeta+Shift+s');
  await expect(page.getByTestId('toast').last()).toContainText('your edits are kept.');
  await expect(page.getByTestId('toast').last()).not.toContainText('..');
  await chmod(path.join(editor.folder, 'notes.txt'), 0o644);
});

test('a read-only file says so when opened, before an edit is made; saved once writable, it stops saying', async ({
  editor,
  page,
}) => {
  await chmod(path.join(editor.folder, 'notes.txt'), 0o444);
  await editor.openDocument('notes.txt');
  const banner = page.getByRole('status').filter({ hasText: 'read-only' });
  await expect(banner).toContainText(
    'notes.txt is read-only (mode 0444); make it writable to save. Your edits are kept (in its journal) until it is saved.',
  );
  await editor.doubleClick('Peter');
  await page.keyboard.press('1');
  await chmod(path.join(editor.folder, 'notes.txt'), 0o644);
  await editor.save();
  await expect(banner).toBeHidden();
  expect(await editor.fileText('notes.txt')).toContain('[PER Peter');
});

test('a file made read-only while open says so at once, and stops saying once writable again', async ({
  editor,
  page,
}) => {
  await editor.openDocument('notes.txt');
  await editor.doubleClick('Peter');
  await page.keyboard.press('1');
  await editor.settled();
  const file = path.join(editor.folder, 'notes.txt');
  await chmod(file, 0o444);
  const banner = page.getByRole('status').filter({ hasText: 'read-only' });
  await expect(banner).toContainText(
    'notes.txt is read-only (mode 0444); make it writable to save.',
    {
      timeout: 10_000,
    },
  );
  await chmod(file, 0o644);
  await expect(banner).toBeHidden({ timeout: 10_000 });
  await editor.save();
  expect(await editor.fileText('notes.txt')).toContain('[PER Peter');
});

test('a file deleted on disk under unsaved edits says so; saving writes it again with them', async ({
  editor,
  page,
}) => {
  await journaledEdit(editor);
  const file = path.join(editor.folder, 'cable.txt');
  await rm(file);
  const banner = page.getByRole('alert').filter({ hasText: 'deleted on disk' });
  await expect(banner).toHaveText(
    'cable.txt was deleted on disk. Your unsaved edits are kept here: saving writes the file again with them.',
    { timeout: 10_000 },
  );
  await editor.save();
  await expect(banner).toBeHidden();
  expect(await readFile(file, 'utf8')).toContain('[LOC Pristina  ]');
});

test('a document not on screen whose file is deleted or changed under unsaved edits says so in the corpus list', async ({
  editor,
  page,
}) => {
  await journaledEditsInCableAndNotes(editor);
  await editor.openDocument('problems.txt');
  const order = await editor.sidebar.getByRole('button').allTextContents();
  await rm(path.join(editor.folder, 'cable.txt'));
  await writeFile(path.join(editor.folder, 'notes.txt'), 'Rewritten elsewhere .\n');
  const row = (name: string) => editor.sidebar.getByRole('button', { name: new RegExp(`${name}`) });
  await expect(row('cable.txt')).toContainText('deleted on disk', { timeout: 10_000 });
  await expect(row('notes.txt')).toContainText('changed on disk', { timeout: 10_000 });
  // The deleted one keeps its place in the list.
  const names = (texts: string[]) => texts.map((text) => text.match(/\w+\.txt/)?.[0]);
  expect(names(await editor.sidebar.getByRole('button').allTextContents())).toEqual(names(order));
  await page.keyboard.press('ControlOrMeta+Shift+s');
  await expect(page.getByTestId('toast').last()).toContainText(
    'Saved 1 document. Written again, deleted on disk before: cable.txt.',
  );
  await expect(row('cable.txt')).not.toContainText('deleted on disk');
});

test.describe('a document whose folder is moved away under unsaved edits', () => {
  useCorpusOf({ 'news/a.txt': 'Pristina is far .\n', 'b.txt': 'Near .\n' });

  test('says a save writes it once its folder is back, and then it does', async ({
    editor,
    page,
  }) => {
    await editor.sidebar.getByRole('button', { name: /^a\.txt/ }).click();
    await expect(editor.view).toHaveAttribute('aria-label', 'Document news/a.txt');
    await journaledEdit(editor);
    await rename(path.join(editor.folder, 'news'), path.join(editor.folder, 'elsewhere'));
    await expect(page.getByRole('alert').filter({ hasText: 'news/a.txt' })).toHaveText(
      'news/a.txt cannot be read on disk now: its folder is gone (moved, renamed or removed). ' +
        'Your unsaved edits are kept here: saving writes the file again with them, once its folder is back.',
      { timeout: 10_000 },
    );
    await mkdir(path.join(editor.folder, 'news'));
    await editor.save();
    await expect
      .poll(() => readFile(path.join(editor.folder, 'news/a.txt'), 'utf8').catch(() => ''))
      .toContain('[LOC Pristina  ]');
  });
});

test('a file deleted on disk without unsaved edits is closed, with a notice', async ({
  editor,
  page,
}) => {
  await rm(path.join(editor.folder, 'cable.txt'));
  await expect(
    page.getByTestId('toast').filter({ hasText: 'cable.txt was deleted on disk.' }),
  ).toBeVisible({ timeout: 10_000 });
  await expect(editor.view).toBeHidden();
  await expect(page.getByText('No document open.')).toBeVisible();
});

test('a file replaced by a folder without unsaved edits is closed, saying so', async ({
  editor,
  page,
}) => {
  await rm(path.join(editor.folder, 'cable.txt'));
  await mkdir(path.join(editor.folder, 'cable.txt'));
  // Told as the file's change (shown refused) or as the folder's (closed, with a notice): the
  // watcher that notices first says it.
  await expect(page.getByText(/is a folder, not a file/).first()).toBeVisible({
    timeout: 10_000,
  });
  await expect(editor.view).toBeHidden();
});

test('a file replaced by a folder under unsaved edits says so until the file is back', async ({
  editor,
  page,
}) => {
  await journaledEdit(editor);
  const file = path.join(editor.folder, 'cable.txt');
  const original = await readFile(file);
  await rm(file);
  await mkdir(file);
  const banner = page.getByRole('alert').filter({ hasText: 'cannot be read on disk' });
  await expect(banner).toContainText(
    'cable.txt cannot be read on disk now: is a folder, not a file. Your unsaved edits are kept here: saving writes the file again with them, once the folder is moved away.',
    { timeout: 10_000 },
  );
  // Shown again after another document, it still says so.
  await editor.openDocument('notes.txt');
  await expect(banner).toBeHidden();
  await editor.openDocument('cable.txt');
  await expect(banner).toContainText('is a folder, not a file');
  await rm(file, { recursive: true });
  await writeFile(file, original);
  await expect(banner).toBeHidden({ timeout: 10_000 });
  await editor.save();
  expect(await readFile(file, 'utf8')).toContain('[LOC Pristina  ]');
});

test('a file turned unreadable on disk under unsaved edits says why; saving writes it again with them', async ({
  editor,
  page,
}) => {
  await journaledEdit(editor);
  const file = path.join(editor.folder, 'cable.txt');
  await writeFile(file, Buffer.from('Latin-1 caf\xe9 .\n', 'latin1'));
  const banner = page.getByRole('alert').filter({ hasText: 'cannot be read on disk' });
  await expect(banner).toHaveText(
    'cable.txt cannot be read on disk now: not valid UTF-8 (line 1, byte 12 of the file). Your unsaved edits are kept here: saving writes the file again with them.',
    { timeout: 10_000 },
  );
  await editor.save();
  await expect(banner).toBeHidden();
  expect(await readFile(file, 'utf8')).toContain('[LOC Pristina  ]');
});

test('a file turned binary on disk without unsaved edits is shown refused, as the corpus list says', async ({
  editor,
  page,
}) => {
  await writeFile(path.join(editor.folder, 'cable.txt'), 'Alpha\0 [PER Ann  ]\n');
  const message = page.getByTestId('refused-message');
  await expect(message).toContainText('cable.txt cannot be opened', { timeout: 10_000 });
  await expect(message).toContainText('binary file (NUL byte on line 1), not a text document');
  await expect(editor.view).toBeHidden();
  const listed = editor.sidebar.getByRole('button', { name: /cable\.txt/ });
  await expect(listed).toContainText('cannot open');
  await expect(listed).toHaveAttribute(
    'title',
    'binary file (NUL byte on line 1), not a text document',
  );
  // Readable again: it is shown again, as the list shows it.
  await writeFile(path.join(editor.folder, 'cable.txt'), 'Alpha [PER Ann  ] again .\n');
  await expect(editor.view.locator('.line').first()).toHaveText('Alpha Ann again .', {
    timeout: 10_000,
  });
  await expect(message).toBeHidden();
});

test.describe(() => {
  test.use({ expectedStatuses: [500] }); // the refused edit's answer (save-failed)

  test('an edit the workspace refuses (its journal cannot be written) is undone, and the corpus list says untouched again', async ({
    editor,
    page,
  }) => {
    // The documents' state folder is a link, which the workspace refuses to write through.
    const elsewhere = path.join(path.dirname(editor.folder), 'elsewhere');
    const documents = path.join(editor.folder, '.emend', 'documents');
    await mkdir(elsewhere);
    await rm(documents, { recursive: true, force: true });
    await mkdir(path.dirname(documents), { recursive: true });
    await symlink(elsewhere, documents);
    await editor.doubleClick('Pristina');
    await page.keyboard.press('2');
    await expect(page.getByTestId('toast').last()).toContainText('the edit was undone');
    await expect(page.getByTestId('save-state')).toHaveText('saved');
    await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText(
      'untouched',
    );
  });
});

test('two editors on one corpus see each other’s edits', async ({ editor, served, browser }) => {
  const other = await browser.newPage();
  await other.goto(served.url);
  const otherView = other.getByTestId('document-view');
  await expect(otherView.locator('mark.entity')).toHaveCount(5);
  await editor.entity('KFOR').click();
  await editor.page.keyboard.press('Delete');
  await expect(otherView.locator('mark.entity')).toHaveCount(4);
  // The other editor is at the new revision: its own edit is accepted, and shows up here.
  await otherView.locator('mark.entity', { hasText: 'Serbs' }).click();
  await other.keyboard.press('1');
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'PER');
  await other.close();
});

test('a save in one editor shows as saved in the other’s status bar', async ({
  editor,
  served,
  browser,
}) => {
  const other = await browser.newPage();
  await other.goto(served.url);
  const otherState = other.getByTestId('save-state');
  await expect(other.getByTestId('document-view').locator('mark.entity')).toHaveCount(5);
  await editor.entity('KFOR').click();
  await editor.page.keyboard.press('Delete');
  await expect(otherState).toHaveText('unsaved changes');
  await editor.page.keyboard.press('Control+s');
  await expect(editor.page.getByTestId('save-state')).toHaveText('saved');
  await expect(otherState).toHaveText('saved');
  await other.close();
});

test('a file changed on disk without unsaved edits is reloaded in place', async ({
  editor,
  page,
}) => {
  await writeFile(path.join(editor.folder, 'cable.txt'), 'Now [PER Someone  ] else wrote this .\n');
  await expect(editor.view.locator('.line').first()).toHaveText('Now Someone else wrote this .', {
    timeout: 10_000,
  });
  expect(await editor.entities()).toEqual([{ label: 'PER', text: 'Someone' }]);
  await expect(
    page.getByTestId('toast').filter({ hasText: 'changed on disk and was reloaded' }),
  ).toBeVisible();
});

test('a label is removed after a confirmation; a name differing only in case is refused', async ({
  editor,
  page,
}) => {
  const palette = page.getByRole('region', { name: 'Labels' });
  await palette.getByLabel('New label name').fill('per');
  await palette.getByRole('button', { name: 'Add' }).click();
  await expect(palette.getByRole('alert')).toHaveText(
    'per differs from PER only in case: use PER, or name it otherwise.',
  );
  await palette.getByRole('button', { name: 'Remove MISC from the label set' }).click();
  await expect(palette.getByRole('button', { name: 'Keep MISC' })).toBeFocused();
  // Asked of another label while the question is open, the question and its focus move to it.
  await palette.getByRole('button', { name: 'Remove ORG from the label set' }).click();
  await expect(palette.getByRole('button', { name: 'Keep ORG' })).toBeFocused();
  await page.keyboard.press('Enter');
  await palette.getByRole('button', { name: 'Remove MISC from the label set' }).click();
  await palette.getByRole('button', { name: 'Keep MISC' }).click();
  await expect(palette.getByRole('button', { name: 'MISC', exact: true })).toBeVisible();
  await palette.getByRole('button', { name: 'Remove MISC from the label set' }).click();
  await palette.getByRole('button', { name: 'Remove MISC', exact: true }).click();
  await expect(palette.getByRole('button', { name: 'MISC', exact: true })).toHaveCount(0);
  // Its entity stays, flagged as an unknown label; the settings file no longer lists it.
  await expect(editor.entity('Serbs')).toHaveAttribute('data-label', 'MISC');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('MISC');
  const settingsFile = path.join(editor.folder, '.emend/settings.json');
  await expect
    .poll(async () =>
      JSON.parse(await readFile(settingsFile, 'utf8').catch(() => '{}')).labels?.map(
        (label: { name: string }) => label.name,
      ),
    )
    .toEqual(['PER', 'LOC', 'ORG']);
  // Its colour goes with it at once (the first screen's colours no longer give it), and a label
  // added next takes the colour it freed, not one another label still has.
  const colorOf = (text: string) =>
    editor
      .entity(text)
      .evaluate((mark) => getComputedStyle(mark).getPropertyValue('--label-color').trim());
  await expect.poll(() => colorOf('Serbs')).toBe('');
  await palette.getByRole('button', { name: 'Remove LOC from the label set' }).click();
  await palette.getByRole('button', { name: 'Remove LOC', exact: true }).click();
  await palette.getByLabel('New label name').fill('GPE');
  await palette.getByRole('button', { name: 'Add' }).click();
  await expect(palette.getByLabel('Color of GPE')).toHaveValue('#e69f00');
  await expect(palette.getByLabel('Color of ORG')).toHaveValue('#009e73');
});

test('Shift+L selects the text a refused new label left in its box, so typing replaces it', async ({
  editor,
  page,
}) => {
  const palette = page.getByRole('region', { name: 'Labels' });
  const box = palette.getByRole('textbox', { name: 'New label name' });
  await editor.view.focus();
  await page.keyboard.press('Shift+L');
  await expect(box).toBeFocused();
  await page.keyboard.type('per');
  await page.keyboard.press('Enter');
  await expect(palette.getByRole('alert')).toHaveText(
    'per differs from PER only in case: use PER, or name it otherwise.',
  );
  await page.keyboard.press('Escape');
  await expect(editor.view).toBeFocused();
  await page.keyboard.press('Shift+L');
  await expect(box).toBeFocused();
  await page.keyboard.type('GPE');
  await expect(box).toHaveValue('GPE');
  await page.keyboard.press('Enter');
  await expect(palette.getByRole('button', { name: 'GPE', exact: true })).toBeVisible();
  await expect(box).toHaveValue('');
});
