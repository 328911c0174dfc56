// A full day of correction, review and corpus tools: what Review compares with, History in sight, tables that fit, plain words.
import type { Locator } from '@playwright/test';
import { expect, test } from './support/test';

/** How many lines of text an element's content takes on screen. */
const lineCount = (element: Locator) =>
  element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

test.describe('the real cable', () => {
  test.use({ corpus: 'full-day', viewport: { width: 1024, height: 768 } });

  test('5. a History entry picked shows in "Compare with"; History opens in sight; the changes read plainly', async ({
    editor,
    page,
  }) => {
    await editor.entity('DECL:').click();
    await page.keyboard.press('Delete');
    await expect(editor.entity('DECL:')).toHaveCount(0);
    await page.keyboard.press('Shift+r');
    const review = page.getByRole('region', { name: 'Review' });
    const changes = review.getByRole('list', { name: 'Changes' }).getByRole('listitem');
    await expect(changes).toHaveCount(1);

    // Every column of the per-label scores fits the panel, without scrolling sideways.
    const type = review
      .getByRole('table', { name: 'F1 per label and scheme' })
      .getByRole('columnheader', { name: 'type' });
    const right = async (locator: Locator) => {
      const box = await locator.boundingBox();
      return box!.x + box!.width;
    };
    expect(await right(type)).toBeLessThanOrEqual(await right(review));
    expect(await right(review)).toBeLessThanOrEqual(1024);

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toBeFocused();
    await expect(history).toBeInViewport();
    await history.getByRole('list', { name: 'Versions' }).getByRole('button').nth(1).click();
    await expect(review.getByRole('combobox', { name: 'Compare with' })).toHaveValue('history');
    await expect(
      review.getByRole('combobox', { name: 'Compare with' }).locator('option:checked'),
    ).toHaveText(/^the version of /);
    await expect(changes).toHaveCount(1);
    await expect(changes.first()).toContainText('removed');
    await expect(changes.first()).toContainText('“DECL:” (LOC)');
    await expect(review).not.toContainText('DECL::');
  });
});

test.describe('a corpus with a broken document', () => {
  test.use({ corpus: 'daily', viewport: { width: 1024, height: 768 } });

  test('5. corpus review: names unbroken, the reviewed column headed, each toggle named', async ({
    editor,
    page,
  }) => {
    // Changes of three kinds make the changes column wide.
    await editor.view.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('1');
    await editor.entity('European Union').click();
    await page.keyboard.press('4');
    await editor.entity('Paris').click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Corpus review' }).click();
    const panel = page.getByRole('region', { name: 'Corpus review' });
    const documents = panel.getByRole('table', { name: 'Documents' });
    const broken = documents.getByRole('button', { name: 'broken.txt', exact: true });
    await expect(broken).toBeVisible();
    expect(await lineCount(broken)).toBe(1);
    // The column's heading reads in full (not hidden in a box narrower than its word).
    const heading = documents.getByRole('columnheader', { name: 'reviewed' });
    const [cell, word] = await heading.evaluate((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return [th.clientWidth, range.getBoundingClientRect().width];
    });
    expect(cell).toBeGreaterThanOrEqual(word);
    // The table fits the side panel: its last column is not cut off at the window's edge.
    const table = (await documents.boundingBox())!;
    const side = (await panel.boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(side.x + side.width);
    await expect(
      documents.getByRole('button', { name: 'Reviewed cable-10PRISTINA48.txt' }),
    ).toBeVisible();
  });
});

test.describe('three annotated files', () => {
  test.use({ corpus: 'consistency' });

  test('6. search refreshes after apply-to-all and on "Use selection"; plurals; aligned preview', async ({
    editor,
    page,
  }) => {
    const panel = await editor.searchCorpusFor('a.txt', 'Quint');
    await expect(panel.getByTestId('search-count')).toHaveText('3 hits in 3 of 3 documents');

    await panel.getByRole('combobox', { name: 'Apply to all' }).selectOption('relabel');
    await panel.getByRole('combobox', { name: 'Label to apply' }).selectOption('MISC');
    await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
    const preview = page.getByRole('dialog', { name: 'Apply to all' });
    await expect(preview).toContainText('3 hits in 3 documents; 3 ticked.');
    const lefts = await preview
      .locator('.context')
      .evaluateAll((contexts) => contexts.map((context) => context.getBoundingClientRect().left));
    expect(new Set(lefts).size).toBe(1);
    await preview.getByRole('checkbox', { name: /^c\.txt/ }).uncheck();
    await preview.getByRole('button', { name: 'Apply to 2 hits' }).click();
    await expect(panel.getByRole('list', { name: 'Hits' }).getByRole('listitem')).toHaveText([
      /a\.txt:1:5\s*The MISCQuint/,
      /b\.txt:1:20\s*Ambassadors of the MISCQuint/,
      /c\.txt:1:5\s*The ORGQuint/,
    ]);
  });

  test('6. a label conflict offers every label seen, with counts, and to untag them all', async ({
    editor,
    page,
  }) => {
    await expect(editor.view).toBeVisible();
    await page.keyboard.press('ControlOrMeta+Shift+k');
    const quint = page.getByRole('listitem', { name: 'Label conflict Quint' });
    await expect(quint.getByRole('button', { name: /^Fix:/ })).toHaveText([
      'Fix: Relabel as ORG (1)',
      'Fix: Relabel as PER (2)',
      'Fix: Untag (3)',
    ]);
    await expect(quint).toContainText('ORG 2');
    // Named apart from another finding's alike fix: the finding's text is in the name.
    await expect(quint.getByRole('button', { name: /^Fix:/ }).first()).toHaveAccessibleName(
      'Fix: Relabel as ORG (1) for “Quint”',
    );
    await quint.getByRole('button', { name: 'Fix: Relabel as PER (2)' }).click();
    const preview = page.getByRole('dialog', { name: 'Apply to all' });
    await expect(preview.getByRole('checkbox')).toHaveCount(2);
    await expect(preview).toContainText('2 hits in 2 documents');
  });

  test('6. undo apply-to-all says nothing was undone when the only document was edited since', async ({
    editor,
    page,
  }) => {
    const panel = await editor.searchCorpusFor('a.txt', 'KFOR');
    await panel.getByRole('combobox', { name: 'Tagging' }).selectOption('tagged');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(panel.getByTestId('search-count')).toHaveText('1 hit in 1 of 3 documents');
    await panel.getByRole('combobox', { name: 'Apply to all' }).selectOption('untag');
    await panel.getByRole('button', { name: 'Preview apply to all…' }).click();
    await page
      .getByRole('dialog', { name: 'Apply to all' })
      .getByRole('button', { name: 'Apply to 1 hit' })
      .click();
    await expect(editor.entity('KFOR')).toHaveCount(0);
    await editor.entity('Pristina').click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: /^Undo apply-to-all/ }).click();
    await expect(page.getByText('Nothing was undone: a.txt (edited since).')).toBeVisible();
  });
});
