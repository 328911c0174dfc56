// Node's side of the paint probe: pages with the probe installed, timed loads, armed conditions, cut-offs.
import type { Browser, Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import config from '../playwright.config';
import { browserScript } from './browser-script';
import { PROBE, type Condition, type PaintProbe, type Start, type Timing } from './paint-probe';

const PROBE_FILE = path.join(import.meta.dirname, 'paint-probe.ts');

/** Resolves with the promise's value, or null once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, cutOff]);
  } finally {
    clearTimeout(timer);
  }
}

export interface TimedPage {
  page: Page;
  /** Errors the page threw or logged. */
  errors: string[];
}

/** A page in a fresh context (no cache), the end-to-end tests' viewport, the probe installed. */
export async function newTimedPage(
  browser: Browser,
  ready: Condition,
  drawn: Condition,
): Promise<TimedPage> {
  const context = await browser.newContext({ viewport: config.use?.viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript({
    content: browserScript(PROBE_FILE, 'installPaintProbe', ready, drawn),
  });
  return { page, errors };
}

/** From navigation start: until the page's first lines were drawn, and until it was ready. */
export interface OpenTiming {
  drawn: number;
  ready: number;
}

/**
 * The URL of a page of another site (`localhost`, where the pages timed are on 127.0.0.1), served
 * from this process while it runs.
 */
const anotherSite: Promise<string> = new Promise((resolve) => {
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>Another site</p>'),
  );
  server.unref();
  server.listen(0, '127.0.0.1', () =>
    resolve(`http://localhost:${(server.address() as AddressInfo).port}/`),
  );
});

/**
 * How long the page took to draw its first lines and to be ready, or null when cut off after `limit`
 * ms. The page is opened from a page of another site, as a user's tab arrives from the new-tab page
 * or some other site, so that every page starts its own renderer process. (From a fresh tab's blank
 * page, a page without an opener policy would take over the renderer Chromium had started for the
 * blank page, and Emend's, with `Cross-Origin-Opener-Policy`, would not.)
 */
export async function openTimed(
  page: Page,
  url: string,
  limit: number,
): Promise<OpenTiming | null> {
  await page.goto(await anotherSite);
  await page.goto(url, { waitUntil: 'commit', timeout: limit });
  return within(
    page.evaluate(async (name) => {
      const probe = (window as unknown as Record<string, PaintProbe>)[name];
      const [drawn, ready] = await Promise.all([probe.drawn, probe.ready]);
      return { drawn, ready };
    }, PROBE),
    limit,
  );
}

export function arm(page: Page, condition: Condition, start: Start): Promise<void> {
  return page.evaluate(
    ([name, condition, start]) =>
      (window as unknown as Record<string, PaintProbe>)[name].arm(condition, start),
    [PROBE, condition, start] as const,
  );
}

/** The armed condition's timing, or null when it was not painted within `limit` ms. */
export function settled(page: Page, limit: number): Promise<Timing | null> {
  return within(
    page.evaluate(
      ([name, limit]) => (window as unknown as Record<string, PaintProbe>)[name].settled(limit),
      [PROBE, limit] as const,
    ),
    limit + 1000,
  );
}

export function duration(timing: Timing | null): number | null {
  return timing && timing.painted - timing.start;
}

/** Scrolls `view` to its end and times until `shown` is painted. */
export async function timeScrollToEnd(
  page: Page,
  view: string,
  shown: Condition,
  limit: number,
): Promise<number | null> {
  await page.evaluate(
    ([name, view, condition]) => {
      (window as unknown as Record<string, PaintProbe>)[name].arm(condition, 'now');
      const scroller = document.querySelector(view)!;
      scroller.scrollTop = scroller.scrollHeight;
    },
    [PROBE, view, shown] as const,
  );
  return duration(await settled(page, limit));
}
