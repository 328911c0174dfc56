// The History view: the document's journaled edits listed after a restart, reviewed from any point, restored.
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

test.use({ corpus: 'review' });

const versions = (page: Page) =>
  page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Versions' });

test('lists the edits after a restart; restoring a point gives that point’s bytes', async ({
  editor,
  page,
  served,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('1'); // PER
  await editor.save();
  const afterRelabel = await editor.fileBytes('cable.txt');
  await editor.entity('KFOR').click();
  await page.keyboard.press('Delete');
  await editor.save();

  await page.goto('about:blank'); // closes the event stream before the host goes away
  await served.restart();
  await page.goto(served.url);
  await expect(editor.view).toBeVisible();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const points = versions(page).getByRole('button');
  await expect(points).toHaveCount(3);
  await expect(points.nth(0)).toContainText('removed KFOR (ORG) (now)');
  await expect(points.nth(0)).toContainText('saved');
  await expect(points.nth(1)).toContainText('relabeled Serbs MISC → PER');
  await expect(points.nth(2)).toContainText('Start of the recorded history');

  // Looking at a point shows the review from there to now.
  await points.nth(1).click();
  const changes = page.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).toContainText('removed');
  await expect(changes.first()).toContainText('“KFOR” (ORG)');

  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(editor.entity('KFOR')).toHaveAttribute('data-label', 'ORG');
  await expect(changes).toHaveCount(0);
  await editor.save();
  expect(await editor.fileBytes('cable.txt')).toEqual(afterRelabel);
  // Restoring was one step: undo takes KFOR away again.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.entity('KFOR')).toHaveCount(0);
});

test('names the start of the recorded history as such, not by the time it was picked', async ({
  editor,
  page,
}) => {
  await editor.entity('Serbs').click();
  await page.keyboard.press('1'); // PER
  await editor.save();
  await editor.entity('KFOR').click();
  await page.keyboard.press('Delete');
  await editor.save();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const start = versions(page).getByRole('button').last();
  await expect(start).toContainText('Start of the recorded history');
  await start.click();
  const review = page.getByRole('region', { name: 'Review' });
  await expect(review).toContainText('Against the start of the recorded history');
  await expect(review).not.toContainText('Against the version of');
});
