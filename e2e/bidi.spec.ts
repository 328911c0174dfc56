// Bidi controls (RLO, PDF…) in a document's text and in its name are shown as boxes and reorder nothing: what is read on screen is in the order of the bytes.
import type { Locator } from '@playwright/test';
import { expect, test, useCorpusOf } from './support/test';

/** A name that a right-to-left override shows as "aexe.txt.txt". */
const NAME = 'a\u202etxt.exe\u202c.txt';
const SHOWN_NAME = 'a<RLO>txt.exe<PDF>.txt';
const TEXT = 'Bidi: \u202etxt.exe\u202c and [ORG \u202eevil\u202c  ] .\n';

useCorpusOf({
  [NAME]: TEXT,
  'rtl.txt':
    'قال [PER محمد  ] في [LOC القاهرة  ] .\nשלום [PER דוד כהן  ] גר ב [LOC ירושלים  ] .\n' +
    'ביקר [PER דוד כהן  ] ב [LOC Paris  ] היום .\n',
  'edges.txt': 'שלום [PER דוד  ] עולם and more .\n',
  'mixed.txt': 'Ahmed said مرحبا في [LOC القاهرة  ] today .\n',
});

/** The left edges on screen of each character of `word` (its first occurrence under `where`). */
function characterLefts(where: Locator, word: string): Promise<number[]> {
  return where.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      return [...wanted].map((_, index) => {
        const range = document.createRange();
        range.setStart(node, at + index);
        range.setEnd(node, at + index + 1);
        return range.getBoundingClientRect().left;
      });
    }
    throw new Error(`"${wanted}" is not under the element`);
  }, word);
}

/** Whether `word` is drawn left to right, as its bytes go (a reordered word's letters run backwards). */
async function expectInOrder(where: Locator, word: string): Promise<void> {
  const lefts = await characterLefts(where, word);
  expect(lefts, `"${word}" drawn left to right`).toEqual([...lefts].sort((a, b) => a - b));
}

/** The glyphs of the boxed characters under `where`. */
const glyphs = (where: Locator) =>
  where
    .locator('.invisible')
    .evaluateAll((runs) => runs.map((run) => getComputedStyle(run, '::before').content));

test('bidi controls are boxed in the text, the corpus list and the name, and reorder nothing', async ({
  editor,
  page,
}) => {
  // The corpus list, the document's name and the status bar show the name's controls, in byte order.
  const listed = editor.sidebar.getByRole('button', { name: SHOWN_NAME });
  await expect(listed).toBeVisible();
  await expect(listed.locator('.name')).toHaveText(SHOWN_NAME);
  await expect(editor.view).toHaveAttribute('aria-label', `Document ${SHOWN_NAME}`);
  await expect(editor.status).toContainText(SHOWN_NAME);
  for (const shown of [editor.sidebar, editor.status]) {
    expect(await shown.textContent()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  }
  await expectInOrder(listed, 'txt.exe');

  // The line: each control a box named on hover, the text in the order of its bytes.
  const line = editor.view.locator('.line').first();
  expect(await glyphs(line)).toEqual(['"RLO"', '"PDF"', '"RLO"', '"PDF"']);
  await expect(line.locator('.invisible').first()).toHaveAttribute(
    'title',
    'right-to-left override (U+202E)',
  );
  expect(await line.textContent()).toBe('Bidi: \u202etxt.exe\u202c and \u202eevil\u202c .');
  await expectInOrder(line, 'txt.exe');
  await expectInOrder(editor.entity('\u202eevil\u202c'), 'evil');
  await expectInOrder(line, ' and ');

  // The entity in the side panel, and a corpus search hit, show it as the line does.
  const entities = page.getByRole('region', { name: 'Entities' });
  await entities.locator('summary[data-label="ORG"]').click();
  await expect(entities.getByRole('listitem')).toHaveCount(1);
  expect(await glyphs(entities)).toEqual(['"RLO"', '"PDF"']);
  await expectInOrder(entities, 'evil');
  await page.keyboard.press('ControlOrMeta+Shift+f');
  const search = page.getByRole('region', { name: 'Search the corpus' });
  await page.keyboard.type('and');
  await page.keyboard.press('Enter');
  const hit = search.getByRole('listitem').first();
  await expect(hit).toContainText(`${SHOWN_NAME}:1:`);
  expect(await glyphs(hit)).toEqual(['"RLO"', '"PDF"', '"RLO"', '"PDF"']);
  await expectInOrder(hit, 'txt.exe');
  await expectInOrder(hit, 'evil');

  await page.screenshot({ path: '/tmp/bidi.png' });
});

test('in right-to-left text each entity is drawn whole, its label chip beside its words', async ({
  editor,
  page,
}) => {
  await editor.openDocument('rtl.txt');
  // An entity split by the bidi order draws as several boxes: its chip apart, by another word.
  const entities = editor.view.locator('mark.entity');
  await expect(entities).toHaveCount(6);
  const boxes = await entities.evaluateAll((marks) =>
    marks.map((mark) => [mark.textContent, mark.getClientRects().length]),
  );
  expect(boxes).toEqual([
    ['محمد', 1],
    ['القاهرة', 1],
    ['דוד כהן', 1],
    ['ירושלים', 1],
    ['דוד כהן', 1],
    ['Paris', 1],
  ]);
  // Each chip stands at its words' right, on these lines read right to left: its gap is on its
  // left, by the words, not on its right against the word before.
  const gaps = await entities.evaluateAll((marks) =>
    marks.map((mark) => {
      const chip = getComputedStyle(mark, '::before');
      return [chip.marginLeft, chip.marginRight];
    }),
  );
  expect(gaps).toEqual(Array(6).fill(['3px', '0px']));
  // A Hebrew line reads right to left, a Latin name in it included: "ב" (in) stays by Paris.
  const line = editor.view.locator('.line').nth(2);
  const [visited] = await characterLefts(line, 'ביקר');
  const [inWord] = await characterLefts(line, ' ב ');
  const [paris] = await characterLefts(line, 'Paris');
  const [today] = await characterLefts(line, 'היום');
  expect(visited).toBeGreaterThan(inWord);
  expect(inWord).toBeGreaterThan(paris);
  expect(paris).toBeGreaterThan(today);

  // The arrows go the way the line is drawn: → towards its start, on a right-to-left line.
  await editor.doubleClick('היום');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await editor.selectionText()).toBe('Paris היום');
  await page.keyboard.press('Escape');
  await editor.doubleClick('היום');
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await editor.selectionText()).toBe('היום .');

  // Alt+arrows move a boundary the way the arrow points on screen too: its start is at its right.
  await page.keyboard.press('Escape');
  await editor.entity('Paris').click();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(editor.entity('ב Paris')).toBeVisible();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(editor.entity('ב Paris היום')).toBeVisible();
  // The bracket keys keep the text's order: ] moves the start later, into the line.
  await page.keyboard.press(']');
  await expect(editor.entity('Paris היום')).toBeVisible();
});

test('in a right-to-left line, a click on the edge letters of a left-to-right word takes the word', async ({
  editor,
  page,
}) => {
  await editor.openDocument('edges.txt');
  const status = page.locator('footer.status');
  for (const word of ['and', 'more']) {
    const lefts = await characterLefts(editor.view, word);
    const box = await editor.view.evaluate((view, wanted) => {
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const { right, top, bottom } = range.getBoundingClientRect();
        return { right, y: (top + bottom) / 2 };
      }
      return null;
    }, word);
    for (const x of [lefts[0] + 1, box!.right - 1]) {
      await page.mouse.click(x, box!.y);
      await expect(status, `${word} at ${x}`).toContainText(`“${word}” on line 1`);
      await page.keyboard.press('Escape');
    }
  }
});

test('a right-to-left entity in a left-to-right line is drawn in one piece: nothing of it away from its words', async ({
  editor,
}) => {
  await editor.openDocument('mixed.txt');
  const pieces = await editor
    .entity('القاهرة')
    .evaluate((mark) =>
      [...mark.getClientRects()]
        .map(({ left, right }) => ({ left, right }))
        .sort((a, b) => a.left - b.left),
    );
  for (let k = 1; k < pieces.length; k++)
    expect(pieces[k].left, 'each piece touches the one before').toBeLessThanOrEqual(
      pieces[k - 1].right + 1,
    );
});
