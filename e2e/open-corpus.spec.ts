// Opening a folder: the corpus, its documents' counts and problems, the panels and the status bar.
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

test('asks for the corpus list and its first document once each, together, while the screen is mounted', async ({
  editor,
  page,
}) => {
  await expect(page.getByRole('region', { name: 'Entities' })).toBeVisible();
  const opening = await page.evaluate(() => ({
    calls: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.startsWith('/api/'))
      .map((entry) => ({
        method: new URL(entry.name).pathname.slice('/api/'.length),
        start: entry.startTime,
        end: entry.responseEnd,
      })),
    mounted: performance.getEntriesByName('emend:screen-mounted')[0]?.startTime,
  }));
  const corpus = opening.calls.filter((call) => call.method === 'getCorpus');
  const first = opening.calls.filter((call) => call.method === 'openSource');
  expect([corpus.length, first.length]).toEqual([1, 1]);
  // Both left before the screen was mounted, each before the other was answered.
  expect(opening.mounted).toBeDefined();
  expect(corpus[0].start).toBeLessThan(opening.mounted!);
  expect(first[0].start).toBeLessThan(opening.mounted!);
  expect(corpus[0].start).toBeLessThan(first[0].end);
  expect(first[0].start).toBeLessThan(corpus[0].end);
  await expect(editor.view.locator('.line').first()).toBeVisible();
});
