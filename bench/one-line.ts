// Benchmarks the editor on a very long line: the same generated text in its lines and as one line, opened and relabelled key by key in one run (ratio: one line over lines).
import { chromium, type Browser } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';
import config from '../playwright.config';
import { DRAWN, EDIT_LIMIT, entityAt, labelKey, READY, tabToEntity } from './editor-keys';
import { generateDocument } from './generate';
import { arm, duration, newTimedPage, openTimed, settled } from './page-timing';
import { formatDuration, formatRatio, markdownTable, percentileOf } from './stats';

const SIZES = [
  { name: '1 MB', bytes: 1024 * 1024 },
  { name: '10 MB', bytes: 10 * 1024 * 1024 },
];
const OPENS = 3;
const RELABELS = 20;
const LOAD_LIMIT = 120_000;

/** Milliseconds; null where cut off. */
interface Shape {
  drawn: Array<number | null>;
  open: Array<number | null>;
  relabels: Array<number | null>;
  nextFrame: boolean[];
}

/** Opens the text in a fresh `emend serve` and page `OPENS` times; on the last, relabels entities one by one with Tab and a key. */
async function benchShape(browser: Browser, folder: string, text: string): Promise<Shape> {
  await writeFile(path.join(folder, 'generated.txt'), text);
  const shape: Shape = { drawn: [], open: [], relabels: [], nextFrame: [] };
  for (let attempt = 1; attempt <= OPENS; attempt++) {
    const served = await serveCopy(folder);
    const { page, errors } = await newTimedPage(browser, READY, DRAWN);
    try {
      const open = await openTimed(page, served.url, LOAD_LIMIT);
      shape.drawn.push(open?.drawn ?? null);
      shape.open.push(open?.ready ?? null);
      if (open === null || attempt < OPENS) continue;
      for (let i = 0, after = -1; i < RELABELS; i++) {
        const entity = await tabToEntity(page, after);
        const label = entity.label === 'PER' ? 'LOC' : 'PER';
        await arm(page, { selector: entityAt(entity.start, label), present: true }, 'key');
        await page.keyboard.press(labelKey(label));
        const timing = await settled(page, EDIT_LIMIT);
        shape.relabels.push(duration(timing));
        shape.nextFrame.push(timing?.frames === 1);
        after = entity.start;
      }
    } finally {
      await page.context().close();
      await served.stop();
      for (const error of errors) console.log(`  page error: ${error}`);
    }
  }
  return shape;
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const browser = await chromium.launch(config.use?.launchOptions);
  const root = await mkdtemp(path.join(os.tmpdir(), 'emend-bench-one-line-'));
  const rows: string[][] = [];
  try {
    for (const size of SIZES) {
      const text = generateDocument(size.bytes);
      const shapes: Shape[] = [];
      for (const [name, shaped] of [
        ['lines', text],
        ['one line', `${text.slice(0, -1).replaceAll('\n', ' ')}\n`],
      ] as const) {
        const folder = path.join(root, `${size.name}-${name}`.replaceAll(' ', '-'));
        await mkdir(folder);
        console.log(`one line: ${size.name} document in ${name}`);
        shapes.push(await benchShape(browser, folder, shaped));
      }
      const [lines, oneLine] = shapes;
      // A measure not taken (the page never opened) is printed as cut off.
      const row = (measure: string, pick: (shape: Shape) => number | null | undefined) => {
        const [inLines, inOne] = [pick(lines) ?? null, pick(oneLine) ?? null];
        return [
          size.name,
          measure,
          formatDuration(inLines, LOAD_LIMIT),
          formatDuration(inOne, LOAD_LIMIT),
          formatRatio(inOne, inLines, LOAD_LIMIT),
        ];
      };
      const share = (shape: Shape) =>
        `${Math.round((100 * shape.nextFrame.filter(Boolean).length) / Math.max(1, shape.nextFrame.length))}%`;
      rows.push(
        row(`first lines drawn, median of ${OPENS}`, (shape) => percentileOf(shape.drawn, 50)),
        row(`open-to-interactive, median of ${OPENS}`, (shape) => percentileOf(shape.open, 50)),
        row(`relabel key-to-paint, median of ${RELABELS}`, (shape) =>
          percentileOf(shape.relabels, 50),
        ),
        row(`relabel key-to-paint, p95`, (shape) => percentileOf(shape.relabels, 95)),
        [size.name, 'relabels painted in the next frame', share(lines), share(oneLine), '—'],
      );
    }
  } finally {
    await browser.close();
    await rm(root, { recursive: true, force: true });
  }
  console.log(
    `\nA very long line: the same text in its lines and as one line, same run (ratio near 1: a long line costs nothing)\n`,
  );
  console.log(
    markdownTable(['Document', 'Measure', 'lines', 'one line', 'one line / lines'], rows),
  );
}

await main();
