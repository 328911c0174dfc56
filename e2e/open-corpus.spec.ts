// Opening a folder: the corpus, its documents' counts and problems, the panels and the status bar.
import { EditorPage } from './support/editor-page';
import { expect, test } from './support/test';

test('opens a folder: documents with counts and status, the first one shown with its entities', async ({
  editor,
  page,
}) => {
  const documents = editor.sidebar.getByRole('listitem');
  await expect(documents).toHaveCount(3);
  await expect(documents.nth(0)).toContainText('cable.txt');
  await expect(documents.nth(0)).toContainText('untouched');
  await expect(documents.nth(0)).toContainText('5 ent.');
  await expect(documents.nth(2)).toContainText('problems.txt');

  expect(await editor.entities()).toEqual([
    { label: 'LOC', text: 'Kosovo' },
    { label: 'MISC', text: 'Serbs' },
    { label: 'LOC', text: 'Kosovo' },
    { label: 'PER', text: 'Christopher W. Dell' },
    { label: 'ORG', text: 'KFOR' },
  ]);
  // The label chip is drawn by CSS: the line's text is exactly the document's plain text.
  await expect(editor.view.locator('.line').nth(0)).toHaveText(
    'Integrating Kosovo Serbs into Kosovo society .',
  );
  await expect(page.getByRole('region', { name: 'Entities' })).toContainText('LOC 2');
  await expect(page.getByTestId('entity-count')).toHaveText('5 entities');
  await expect(page.getByTestId('save-state')).toHaveText('saved');

  await editor.sidebar.getByPlaceholder('Filter documents').fill('note');
  await expect(documents).toHaveCount(1);
  await editor.openDocument('notes.txt');
  expect((await editor.entities()).map((entity) => entity.text)).toEqual([
    'European Union',
    'German',
    'British',
  ]);
});

test('a document with problems opens with them listed and marked in place', async ({
  editor,
  page,
}) => {
  await editor.openDocument('problems.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('label GPE is not in the label set');
  await expect(problems).toContainText('2:6 entity [PER runs over a line break');
  // The unknown-label entity still shows, underlined, with the message on hover.
  await expect(editor.entity('Paris')).toHaveAttribute('data-label', 'GPE');
  await expect(editor.entity('Paris').locator('span')).toHaveAttribute(
    'title',
    /label GPE is not in the label set/,
  );
  await expect(editor.piece('[PER')).toHaveClass(/problem-error/);
  // The rest of the document can be edited as usual.
  await editor.doubleClick('office');
  await page.keyboard.press('4');
  await expect(editor.entity('office')).toHaveAttribute('data-label', 'MISC');
});

test('the help overlay lists every shortcut and closes with Escape', async ({ editor, page }) => {
  await editor.view.focus();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toContainText('Label the selection PER');
  await expect(overlay).toContainText('Move the entity end one token right');
  await expect(overlay).toContainText('Ctrl/⌘+Shift+Z');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
});

test('Save all writes every edited document; Mark reviewed shows in the corpus list', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await expect(editor.entity('Pristina')).toHaveCount(1);
  await editor.openDocument('notes.txt');
  await editor.doubleClick('Brussels');
  await page.keyboard.press('2');
  await expect(editor.entity('Brussels')).toHaveCount(1);
  await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText('edited');

  await page.getByRole('button', { name: 'Save all' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect.poll(() => editor.fileText('cable.txt')).toContain('[LOC Pristina  ]');
  expect(await editor.fileText('notes.txt')).toContain('[LOC Brussels  ]');
  await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText('saved');

  await page.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(editor.sidebar.getByRole('button', { name: /notes\.txt/ })).toContainText(
    'reviewed',
  );
  await expect(page.getByRole('button', { name: 'Reviewed ✓' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('Mark reviewed with unsaved edits says it holds once saved, and saving shows the document reviewed', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await expect(page.getByTestId('save-state')).toHaveText('unsaved changes');
  await page.keyboard.press('Shift+M');
  await expect(page.getByRole('status').getByText(/^Marked cable/)).toHaveText(
    'Marked cable.txt reviewed as it is now: save it (Ctrl/⌘+S) and it shows as reviewed.',
  );
  await page.keyboard.press('ControlOrMeta+s');
  await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText(
    'reviewed',
  );
  await expect(page.getByTestId('save-state')).toHaveText('reviewed');
  await expect(page.getByRole('button', { name: 'Reviewed ✓' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('Mark reviewed with unsaved edits shows the mark pending, and pressed again takes it back before the save', async ({
  editor,
  page,
}) => {
  await editor.doubleClick('Pristina');
  await page.keyboard.press('2');
  await expect(page.getByTestId('save-state')).toHaveText('unsaved changes');
  await page.keyboard.press('Shift+M');
  const pending = page.getByRole('button', { name: 'Reviewed on save' });
  await expect(pending).toHaveAttribute('aria-pressed', 'true');
  await pending.click();
  const unmarked = page.getByRole('button', { name: 'Mark reviewed' });
  await expect(unmarked).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText('saved');
  await expect(unmarked).toHaveAttribute('aria-pressed', 'false');

  // An edit after the mark ends it, also where undoing it comes back to the text marked.
  await editor.entity('Pristina').click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Shift+M');
  await expect(pending).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(unmarked).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(unmarked).toHaveAttribute('aria-pressed', 'false');
  await editor.save();
  await expect(editor.sidebar.getByRole('button', { name: /cable\.txt/ })).toContainText(
    'untouched',
  );
  await expect(unmarked).toHaveAttribute('aria-pressed', 'false');
});

test('asks for the corpus list and its first document once each, at once, before the screen is loaded', async ({
  page,
  served,
}) => {
  // Each request is answered, and the screen's code delivered, only once both requests were sent:
  // requests sent one after the other, or after the screen was mounted, never get there.
  const sent = { getCorpus: 0, openSource: 0 };
  let bothSent!: () => void;
  const both = new Promise<void>((resolve) => (bothSent = resolve));
  await page.route(/\/api\/(getCorpus|openSource)$/, async (route) => {
    sent[new URL(route.request().url()).pathname.slice('/api/'.length) as keyof typeof sent]++;
    if (sent.getCorpus > 0 && sent.openSource > 0) bothSent();
    await both;
    await route.continue();
  });
  await page.route(/\/assets\/screen-[^/]*\.js$/, async (route) => {
    await both;
    await route.continue();
  });
  await page.goto(served.url);
  const editor = new EditorPage(page, served.folder);
  await expect(editor.view.locator('.line').first()).toHaveText(
    'Integrating Kosovo Serbs into Kosovo society .',
  );
  await expect(page.getByRole('region', { name: 'Entities' })).toContainText('LOC 2');
  expect(sent).toEqual({ getCorpus: 1, openSource: 1 });
});

test('a page opened without the token says so once, and lists no documents as if a filter hid them', async ({
  page,
  served,
}) => {
  const address = new URL(served.url);
  address.search = '';
  await page.goto(address.href);
  const said = page.getByText('holds no valid token for this host');
  await expect(said.first()).toBeVisible();
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect(said).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Corpus' })).not.toContainText('match');
});
