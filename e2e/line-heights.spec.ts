// The document view places lines by their real rendered heights: estimated first, then measured once laid out.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveCopy } from './support/serve';

/** Short lines between long ones full of entities, whose chips wrap them onto more rows than their length says. */
function mixedLines(): string {
  const lines: string[] = [];
  for (let i = 0; i < 24; i++) {
    if (i % 3 === 0)
      lines.push(Array.from({ length: 40 }, (_, k) => `[PER Ann${k}  ] x`).join(' '));
    else lines.push(`short line ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

test('the view is as tall as its rendered lines, once they are laid out', async ({ page }) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-heights-'));
  await writeFile(path.join(source, 'mixed.txt'), mixedLines());
  const served = await serveCopy(source);
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('[data-line="25"]').waitFor({ state: 'attached' });
    // Every line is rendered, so the scrolled space must be exactly what they fill.
    await expect
      .poll(() =>
        view.evaluate((element) => {
          const spacer = element.querySelector<HTMLElement>('.spacer')!;
          const lines = element.querySelector<HTMLElement>('.lines')!;
          return Math.abs(
            spacer.getBoundingClientRect().height - lines.getBoundingClientRect().height,
          );
        }),
      )
      .toBeLessThan(1);
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});

test('a document draws its first screen alone, then the lines below it; so does a jump', async ({
  page,
}) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-first-screen-'));
  const lines = Array.from({ length: 300 }, (_, i) => `line ${i + 1} of [LOC Kosovo  ] text`);
  await writeFile(path.join(source, 'plain.txt'), `${lines.join('\n')}\n`);
  const served = await serveCopy(source);
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    // The lines in the view when they first appear, and the view's height then (in rows of 32 px).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const view = document.querySelector<HTMLElement>('[data-testid="document-view"]');
        const count = view?.querySelectorAll('.line').length ?? 0;
        if (!view || count === 0) return;
        observer.disconnect();
        Object.assign(window, { firstScreen: { count, rows: Math.ceil(view.clientHeight / 32) } });
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    await view.locator('[data-line="1"]').waitFor();
    const first = await page.evaluate(
      () => (window as unknown as { firstScreen: { count: number; rows: number } }).firstScreen,
    );
    expect(first.count).toBeLessThanOrEqual(first.rows + 1);
    // Once it is painted, the lines below follow, so a scroll shows text at once.
    await expect.poll(() => view.locator('.line').count()).toBeGreaterThan(first.count + 10);
    await view.evaluate((element) => (element.scrollTop = 400));
    await expect(view.locator('[data-line="20"]')).toBeVisible();
    // A jump to the end draws the lines it shows first, then the lines above them.
    const atEnd = await view.evaluate(
      (element) =>
        new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!element.querySelector('[data-line="300"]')) return;
            observer.disconnect();
            resolve(element.querySelectorAll('.line').length);
          });
          observer.observe(element, { childList: true, subtree: true });
          element.scrollTop = element.scrollHeight;
        }),
    );
    expect(atEnd).toBeLessThanOrEqual(first.rows + 1);
    await expect.poll(() => view.locator('.line').count()).toBeGreaterThan(atEnd + 10);
    await expect(view.locator('[data-line="300"]')).toBeVisible();
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});

test('adding an entity leaves its line as tall as it was: the lines below stay put', async ({
  page,
}) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'emend-entity-height-'));
  const lines = ['[LOC Kosovo  ] first line', 'plain words here only', 'third line below'];
  await writeFile(path.join(source, 'plain.txt'), `${lines.join('\n')}\n`);
  const served = await serveCopy(source);
  try {
    await page.goto(served.url);
    const view = page.getByTestId('document-view');
    const second = view.locator('[data-line="2"]');
    const third = view.locator('[data-line="3"]');
    await second.waitFor();
    const place = () =>
      Promise.all([second, third].map((line) => line.evaluate((e) => e.getBoundingClientRect())));
    const [lineBefore, belowBefore] = await place();
    // A line with an entity is as tall as one without.
    const withEntity = await view
      .locator('[data-line="1"]')
      .evaluate((e) => e.getBoundingClientRect().height);
    expect(withEntity).toBe(lineBefore.height);

    await second.getByText('plain words here only').dblclick({ position: { x: 60, y: 10 } });
    await page.keyboard.press('1');
    await expect(second.locator('mark.entity')).toHaveCount(1);
    const [lineAfter, belowAfter] = await place();
    expect(lineAfter.height).toBe(lineBefore.height);
    expect(belowAfter.top).toBe(belowBefore.top);
  } finally {
    await served.stop();
    await rm(source, { recursive: true, force: true });
  }
});
