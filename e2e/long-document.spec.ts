// A 10 MB document with 150k+ entities opens, stays small in the DOM, scrolls and edits (timing is in `npm run bench`).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveCopy } from './support/serve';

const WORDS =
  'the minister said on Tuesday that talks would resume in spring after a long pause .'.split(' ');
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];

/** About 10 MB of 16-token lines, an entity of two tokens every eight tokens. */
function longDocument(): { text: string; lines: number; entities: number } {
  const lines: string[] = [];
  let size = 0;
  let entities = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const tokens: string[] = [];
    for (let t = 0; t < 16; t++) {
      if (t % 8 === 3) {
        tokens.push(`[${LABELS[(i + t) % 4]} ${WORDS[(i + t) % 16]} ${WORDS[(i + t + 1) % 16]}  ]`);
        entities++;
      } else tokens.push(WORDS[(i * 7 + t) % 16]);
    }
    const line = tokens.join(' ');
    lines.push(line);
    size += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, lines: lines.length, entities };
}

test('a 10 MB document opens and renders only what is visible', async ({ page }) => {
  test.setTimeout(60_000);
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-long-'));
  const generated = longDocument();
  expect(generated.entities).toBeGreaterThan(150_000);
  await writeFile(path.join(source, 'long.txt'), generated.text);
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('mark.entity').first().waitFor();
    expect(await view.locator('.line').count()).toBeLessThan(150);
    await expect(page.getByTestId('entity-count')).toHaveText(`${generated.entities} entities`);

    await view.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect(view.locator(`[data-line="${generated.lines}"]`)).toBeVisible();
    expect(await view.locator('.line').count()).toBeLessThan(150);

    // Edit near the end: Tab to an entity, relabel it, and see it painted.
    await view.focus();
    await page.keyboard.press('Shift+Tab');
    const selected = view.locator('.selected-entity');
    const label = await selected.getAttribute('data-label');
    const next = LABELS.find((candidate) => candidate !== label)!;
    await page.keyboard.press(String(LABELS.indexOf(next) + 1));
    await expect(selected).toHaveAttribute('data-label', next);
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});

test('a six-digit line number stays on one row of the gutter', async ({ page }) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-lines-'));
  await writeFile(path.join(source, 'lines.txt'), 'a [LOC b  ] c\n'.repeat(100_005));
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('mark.entity').first().waitFor();
    await view.evaluate((element) => (element.scrollTop = element.scrollHeight));
    const last = view.locator('[data-line="100005"]');
    await expect(last).toBeVisible();
    const numberHeight = await last.evaluate((line) =>
      parseFloat(getComputedStyle(line, '::before').height),
    );
    expect(numberHeight).toBeLessThanOrEqual(28); // one row of the gutter (28 px), not two
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});

test('a very long line is drawn in blocks, only those on screen in the page; a key redraws the one it changed; the line saves right', async ({
  page,
}) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-one-line-'));
  const line = `${'alpha [LOC Kosovo  ] beta '.repeat(6_000)}end .\n`;
  await writeFile(path.join(source, 'one-line.txt'), line);
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('mark.entity').first().waitFor();
    // About 54 rows of 2,000 characters: those on screen and a margin are in the page.
    const blocks = view.locator('.line');
    await expect(view.locator('[data-line="1"]')).toHaveCount(1);
    await expect.poll(() => blocks.count()).toBeGreaterThan(2);
    expect(await blocks.count()).toBeLessThan(30);
    await expect(view.getByText('end .')).toHaveCount(0);
    // Each block's content drawn now is marked; content drawn again is new elements, without the mark.
    await blocks.evaluateAll((rows) =>
      rows.forEach((row) => ((row.firstElementChild as HTMLElement).dataset.drawnBefore = 'yes')),
    );
    await view.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('1');
    await expect(view.locator('mark.entity').first()).toHaveAttribute('data-label', 'PER');
    const redrawn = await blocks.evaluateAll(
      (rows) =>
        rows.filter((row) => !(row.firstElementChild as HTMLElement).dataset.drawnBefore).length,
    );
    expect(redrawn).toBe(1);
    // Ctrl+End reaches the line's last token and shows it; Ctrl+Home the first again.
    await page.keyboard.press('ControlOrMeta+End');
    await expect(view.locator('.selected')).toHaveText('.');
    await expect(view.locator('.selected')).toBeInViewport();
    await page.keyboard.press('ControlOrMeta+Home');
    await expect(view.locator('mark.entity').first()).toBeInViewport();
    await expect(view.locator('mark.entity').first()).toHaveAttribute('data-label', 'PER');
    // The entities keep their look inside the blocks.
    await expect(view.locator('mark.entity').nth(1)).toHaveCSS('border-bottom-style', 'solid');
    await page.keyboard.press('ControlOrMeta+s');
    await expect(page.getByTestId('save-state')).toHaveText('saved');
    const saved = await readFile(path.join(served.folder, 'one-line.txt'), 'utf8');
    expect(saved).toBe(line.replace('[LOC Kosovo  ]', '[PER Kosovo  ]'));
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});

test('every block of a long right-to-left line is drawn right to left, as its first letter says', async ({
  page,
}) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-rtl-line-'));
  // Half the words Latin: many blocks begin with one, and would read left to right on their own.
  await writeFile(path.join(source, 'rtl.txt'), `שלום ${'Paris [LOC ירושלים  ] '.repeat(1_500)}\n`);
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('mark.entity').first().waitFor();
    // In the middle of the line: rows above and below it are drawn too.
    await view.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    const rows = view.locator('.line');
    await expect.poll(() => view.locator('.line.continued').count()).toBeGreaterThan(2);
    // The later rows are set right to left (alone, one starting with "Paris" would read left to
    // right), and each row's first word is drawn at its right end.
    const directions = await view
      .locator('.line.continued')
      .evaluateAll((continued) => continued.map((row) => getComputedStyle(row).direction));
    expect(directions.length).toBeGreaterThan(2);
    expect(new Set(directions)).toEqual(new Set(['rtl']));
    const sides = await rows.evaluateAll((rows) =>
      rows.flatMap((row) => {
        const text = row.querySelector('[data-start]')?.firstChild;
        if (!text) return []; // the empty line after the last line feed
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        const box = row.getBoundingClientRect();
        return range.getBoundingClientRect().left > box.left + box.width / 2 ? 'right' : 'left';
      }),
    );
    expect(sides.length).toBeGreaterThan(2);
    expect(new Set(sides)).toEqual(new Set(['right']));
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});
