// A document with hundreds of problems: the Problems list draws its rows as its end comes near the screen, never frame after frame in the background after opening.
import { expect, test, useCorpusOf } from './support/test';

/** Lines each with an entity whose label is not in the label set: one problem a line. */
const PROBLEMS = 600;

useCorpusOf({
  'problems.txt': Array.from(
    { length: PROBLEMS },
    (_, line) => `Word${line} [GPE Place  ] .\n`,
  ).join(''),
});

test('the Problems list draws rows as they are scrolled to, up to 500, and counts them all', async ({
  editor,
  page,
}) => {
  await editor.openDocument('problems.txt');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('heading')).toHaveText(`Problems ${PROBLEMS}`);
  const rows = problems.getByRole('listitem');
  await expect(rows.first()).toBeVisible();

  // Left alone, the list stays near what the screen shows: a row drawn a frame after opening
  // kept every key of the first seconds sharing its frame with the list.
  // Nor does it draw far out of sight: no more rows below the side column's edge than a page (8),
  // where drawing 400 px ahead left 13 there, still coming when a first key came.
  await page.waitForTimeout(2000);
  expect(await rows.count()).toBeLessThan(100);
  const outOfSight = await problems.evaluate((panel) => {
    const bottom = panel.closest('aside')!.getBoundingClientRect().bottom;
    const drawn = [...panel.querySelectorAll('li')];
    return drawn.filter((row) => row.getBoundingClientRect().top >= bottom).length;
  });
  expect(outOfSight).toBeLessThanOrEqual(8);

  // Scrolled to its end, again and again (a frame apart, as a wheel does), it grows until the 500th
  // problem.
  await problems.evaluate(async (panel) => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let scrolls = 0; scrolls < 600 && panel.querySelectorAll('li').length < 500; scrolls++) {
      panel.querySelector('li:last-child')?.scrollIntoView({ block: 'end' });
      await frame();
    }
  });
  await expect(rows).toHaveCount(500);
  await expect(rows.nth(499)).toHaveText(/^500:/);
  await page.waitForTimeout(500);
  await expect(rows).toHaveCount(500);

  // Tabbing from row to row draws the rows after them too, as the focus takes the list down.
  await page.reload();
  await editor.openDocument('problems.txt');
  await rows.first().getByRole('button').first().focus();
  const before = await rows.count();
  for (let press = 0; press < 2 * before + 10; press++) await page.keyboard.press('Tab');
  await expect.poll(() => rows.count()).toBeGreaterThan(before);
});
