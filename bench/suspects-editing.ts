// Benchmarks editing while the Suspects queue ranks a 250k-token corpus: relabels timed key to paint, idle and during the ranking.
import { chromium, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';
import config from '../playwright.config';
import { DEFAULT_LABELS } from '../shared/format/document';
import { generateDocument } from './generate';
import { arm, duration, newTimedPage, openTimed, settled } from './page-timing';
import type { Condition } from './paint-probe';
import { formatDuration, markdownTable, percentile } from './stats';

/** 25 documents of 64 KB: about 250k tokens, a typical NER training set. */
const DOCUMENTS = 25;
const DOCUMENT_BYTES = 64 * 1024;
const EDITS = 20;
const LIMIT = 10_000;
const RANK_LIMIT = 300_000;
const VIEW = '[data-testid="document-view"]';
const READY: Condition = { selector: `${VIEW} .line`, present: true, within: VIEW, focused: VIEW };
const PROGRESS = '[role="status"][aria-label="Progress"]';

/** Tabs to the next entity and relabels it, timed from the key until the new label is painted. */
async function timeRelabel(page: Page): Promise<number | null> {
  await page.keyboard.press('Tab');
  const selected = page.locator(`${VIEW} mark.selected-entity`).first();
  await selected.waitFor({ timeout: LIMIT });
  const start = await selected.locator('[data-start]').first().getAttribute('data-start');
  const current = await selected.getAttribute('data-label');
  const label = DEFAULT_LABELS.find((name) => name !== current)!;
  await arm(
    page,
    { selector: `mark.entity[data-label="${label}"] > [data-start="${start}"]`, present: true },
    'key',
  );
  await page.keyboard.press(String(DEFAULT_LABELS.indexOf(label) + 1));
  return duration(await settled(page, LIMIT));
}

async function timeEdits(page: Page, whileRanking: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let edit = 0; edit < EDITS; edit++) {
    if (whileRanking && !(await page.locator(PROGRESS).isVisible())) break;
    const ms = await timeRelabel(page);
    if (ms !== null) times.push(ms);
  }
  return times;
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const base = await mkdtemp(path.join(os.tmpdir(), 'emend-bench-suspects-'));
  const folder = path.join(base, 'corpus');
  await mkdir(folder);
  for (let index = 0; index < DOCUMENTS; index++) {
    const name = `doc-${String(index + 1).padStart(2, '0')}.txt`;
    await writeFile(path.join(folder, name), generateDocument(DOCUMENT_BYTES, index + 1));
  }
  const served = await serveCopy(folder);
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const { page, errors } = await newTimedPage(browser, READY, READY);
    await openTimed(page, served.url, LIMIT);
    const idle = await timeEdits(page, false);
    const started = Date.now();
    // The key, not the button: the document view keeps the focus, so Tab goes on selecting entities.
    await page.keyboard.press('Shift+S');
    await page.locator(PROGRESS).waitFor({ timeout: LIMIT });
    const ranking = await timeEdits(page, true);
    await page.locator(PROGRESS).waitFor({ state: 'detached', timeout: RANK_LIMIT });
    const seconds = (Date.now() - started) / 1000;
    const row = (name: string, times: number[]) =>
      times.length === 0
        ? [name, '0', '—', '—']
        : [
            name,
            String(times.length),
            formatDuration(percentile(times, 50), LIMIT),
            formatDuration(percentile(times, 95), LIMIT),
          ];
    console.log(
      `suspects: editing while ranking ${DOCUMENTS} documents (${(DOCUMENTS * DOCUMENT_BYTES) / 1024} KB), ` +
        `relabel key to paint; the ranking took ${seconds.toFixed(1)} s in the app`,
    );
    console.log(
      markdownTable(
        ['', 'edits', 'median', 'p95'],
        [row('idle', idle), row('while ranking', ranking)],
      ),
    );
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await served.stop();
    await rm(base, { recursive: true, force: true });
  }
}

await main();
