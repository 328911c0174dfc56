// The Agreement view and Adjudicate mode by keyboard alone: Shift+A to the Copies field, Enter computes, a document opened from the list (and Shift+N) leaves the focus in the text, so a label key settles the place.
import { agreementView, copiesBeside } from './support/copies';
import { expect, test } from './support/test';

test.use({ corpus: 'adjudicate/gold' });

test('agreement and adjudication need no mouse', async ({ editor, page, served }) => {
  await copiesBeside(served.folder);
  await editor.view.focus();
  const entities = await editor.entities();

  // Shift+A opens the panel with the cursor in its Copies field: typing goes there, not to the text.
  await page.keyboard.press('Shift+A');
  const view = agreementView(page);
  await expect(view.getByRole('textbox', { name: 'Copies' })).toBeFocused();
  await page.keyboard.type('../ann ../bo ../cy');
  await expect(view.getByRole('textbox', { name: 'Copies' })).toHaveValue('../ann ../bo ../cy');
  expect(await editor.entities()).toEqual(entities);

  // Enter computes; the focus stays in the panel, on the worst document, not on the page's body.
  await page.keyboard.press('Enter');
  const documents = view.getByRole('list', { name: 'Documents, worst first' }).getByRole('button');
  await expect(documents).toHaveCount(2);
  await expect(documents.nth(0)).toBeFocused();

  // Enter opens it to adjudicate; the focus is in the text.
  await page.keyboard.press('Enter');
  await expect(editor.view).toHaveAttribute('aria-label', 'Document news.txt');
  await expect(page.getByTestId('settled')).toHaveText('0 of 2 settled');
  await expect(editor.view).toBeFocused();

  // Shift+N selects the next place's text; a label key settles it by hand.
  await page.keyboard.press('Shift+N');
  const second = page.getByRole('group', { name: 'Disagreement 2 of 2' });
  await expect(second).toHaveClass(/current/);
  await page.keyboard.press('2'); // LOC: no annotator's version
  await expect(second).toContainText('settled by hand');
  await expect(page.getByTestId('settled')).toHaveText('1 of 2 settled');

  // Shift+N from a control of the panel goes on in the text as well.
  await view.getByRole('button', { name: /Next/ }).focus();
  await page.keyboard.press('Shift+N');
  await expect(editor.view).toBeFocused();
  await page.keyboard.press('1'); // PER
  await expect(page.getByTestId('settled')).toHaveText('2 of 2 settled');
});
