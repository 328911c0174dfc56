// Benchmarks the editor in Chromium through `emend serve` against a plain-DOM baseline page, on generated 100 KB, 1 MB and 10 MB documents.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';
import config from '../playwright.config';
import { DEFAULT_LABELS, type BracketDocument } from '../shared/format/document';
import { parse } from '../shared/format/parse';
import { lineStarts } from '../shared/format/position';
import { EDITS, type BaselineEdits } from './baseline/page';
import { serveBaseline } from './baseline/server';
import { generateDocument } from './generate';
import {
  arm,
  duration,
  newTimedPage,
  openTimed,
  settled,
  timeScrollToEnd,
  within,
} from './page-timing';
import { PROBE, type Condition, type PaintProbe } from './paint-probe';
import { formatDuration, formatRatio, markdownTable, percentile } from './stats';

const SIZES = [
  { name: '100 KB', bytes: 100 * 1024 },
  { name: '1 MB', bytes: 1024 * 1024 },
  { name: '10 MB', bytes: 10 * 1024 * 1024 },
];
/** Edits of each kind per document. */
const EDIT_COUNT = 20;
/** A page load or a scroll that takes longer is cut off and printed as "> 60 s". */
const LOAD_LIMIT = 60_000;
const EDIT_LIMIT = 10_000;
/** Each page is opened this many times (the median is printed); the edits are made on the last. */
const OPEN_RUNS = 3;
const OPEN_TARGET = 1000;
const EDIT_TARGET = 50;
const ADDED_LABEL = 'PER';

const VIEW = '[data-testid="document-view"]';
/** Interactive: the document view holds the keyboard focus and its first line is on screen. */
const READY: Condition = { selector: `${VIEW} .line`, present: true, within: VIEW, focused: VIEW };

/** One edit as both pages make it; entities are named by their start offset. */
type Edit =
  | { kind: 'add'; start: number; end: number; label: string }
  | { kind: 'relabel'; start: number; label: string }
  | { kind: 'remove'; start: number };

type EditKind = Edit['kind'];
const EDIT_KINDS: EditKind[] = ['add', 'relabel', 'remove'];

/** Milliseconds; null where the measure was cut off. */
interface Figures {
  open: Array<number | null>;
  edits: Record<EditKind, Array<number | null>>;
  scroll: number | null;
}

/** Where an edit's time goes in the editor, one sample per edit. */
interface EditPhases {
  keyToRequest: number[];
  roundTrip: number[];
  answerToDom: number[];
  domToPaint: number[];
}

function noFigures(): Figures {
  return { open: [], edits: { add: [], relabel: [], remove: [] }, scroll: null };
}

/** The entity starting at `start` (with `label`) as either page renders it. */
function entityAt(start: number, label?: string): string {
  const mark = `mark.entity${label ? `[data-label="${label}"]` : ''}`;
  return `${mark}[data-start="${start}"], ${mark} > [data-start="${start}"]`;
}

function conditionFor(edit: Edit): Condition {
  if (edit.kind === 'remove') return { selector: entityAt(edit.start), present: false };
  return { selector: entityAt(edit.start, edit.label), present: true };
}

function lastLineShown(lineCount: number): Condition {
  return { selector: `${VIEW} .line[data-line="${lineCount}"]`, present: true, within: VIEW };
}

/** Plain words (in no entity) spread over the first lines, which the editor shows on opening. */
function plainWords(doc: BracketDocument, count: number): Array<{ start: number; end: number }> {
  const firstLines = doc.text.slice(0, lineStarts(doc.text)[6] ?? doc.text.length);
  const nearby = doc.entities.filter((entity) => entity.start < firstLines.length);
  const words: Array<{ start: number; end: number }> = [];
  for (const match of firstLines.matchAll(/(?<=^| )[A-Za-z]{3,}(?= |$)/gm)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!nearby.some((entity) => entity.start < end && start < entity.end))
      words.push({ start, end });
  }
  if (words.length < count) throw new Error(`only ${words.length} plain words on the first lines`);
  const step = words.length / count;
  return Array.from({ length: count }, (_, i) => words[Math.floor(i * step)]);
}

/** A workspace API call as the page's resource timing saw it, in ms from navigation start. */
interface ApiCall {
  method: string;
  start: number;
  /** The server's time: from sending the request to the first byte of the answer. */
  server: number;
  end: number;
  bytes: number;
}

async function apiCalls(page: Page): Promise<ApiCall[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.startsWith('/api/'))
      .map((entry) => ({
        method: new URL(entry.name).pathname.slice('/api/'.length),
        start: entry.startTime,
        server: entry.responseStart - entry.requestStart,
        end: entry.responseEnd,
        bytes: entry.decodedBodySize,
      })),
  );
}

/** Presses `key`, times until the edit is painted, and records where the time went. */
async function timeKey(
  page: Page,
  key: string,
  condition: Condition,
  phases: EditPhases,
): Promise<number | null> {
  await arm(page, condition, 'key');
  await page.keyboard.press(key);
  const timing = await settled(page, EDIT_LIMIT);
  const call = (await apiCalls(page)).findLast((candidate) => candidate.method === 'applyEdit');
  if (timing && call) {
    phases.keyToRequest.push(call.start - timing.start);
    phases.roundTrip.push(call.end - call.start);
    phases.answerToDom.push(timing.shown - call.end);
    phases.domToPaint.push(timing.painted - timing.shown);
  }
  return duration(timing);
}

/** Selects the entity after the current one with Tab and says which it is. */
async function tabToEntity(page: Page, after: number): Promise<{ start: number; label: string }> {
  await page.keyboard.press('Tab');
  const selected = page
    .locator(`${VIEW} mark.selected-entity:not(:has(> [data-start="${after}"]))`)
    .first();
  await selected.waitFor({ timeout: EDIT_LIMIT });
  const start = Number(await selected.locator('[data-start]').first().getAttribute('data-start'));
  return { start, label: (await selected.getAttribute('data-label')) ?? '' };
}

function labelKey(label: string): string {
  return String(DEFAULT_LABELS.indexOf(label) + 1);
}

/** The screen point in the middle of the text at [start, end) of the editor's document view. */
async function textPoint(page: Page, word: { start: number; end: number }) {
  const point = await page.evaluate(({ start, end }) => {
    for (const piece of document.querySelectorAll<HTMLElement>('span[data-start]')) {
      const from = Number(piece.dataset.start);
      const text = piece.firstChild;
      if (!(text instanceof Text) || from > start || from + text.length < end) continue;
      const range = document.createRange();
      range.setStart(text, start - from);
      range.setEnd(text, end - from);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, word);
  if (!point) throw new Error(`the text at ${word.start}-${word.end} is not on screen`);
  return point;
}

interface EditorRun {
  figures: Figures;
  /** The edits made, for the baseline to replay. */
  edits: Edit[];
  phases: EditPhases;
  calls: ApiCall[];
  errors: string[];
}

/** Makes the edits as an annotator does (double-click a word and press a label key; Tab, a key, Delete), then scrolls. */
async function editAndScroll(page: Page, doc: BracketDocument, lineCount: number, run: EditorRun) {
  const { figures, edits, phases } = run;
  for (const word of plainWords(doc, EDIT_COUNT)) {
    const point = await textPoint(page, word);
    await page.mouse.dblclick(point.x, point.y);
    await page.locator(`${VIEW} .selected[data-start="${word.start}"]`).waitFor();
    const edit: Edit = { kind: 'add', ...word, label: ADDED_LABEL };
    figures.edits.add.push(await timeKey(page, labelKey(edit.label), conditionFor(edit), phases));
    edits.push(edit);
  }

  await page.keyboard.press('Escape');
  for (let i = 0, after = -1; i < EDIT_COUNT; i++) {
    const entity = await tabToEntity(page, after);
    const label = entity.label === 'PER' ? 'LOC' : 'PER';
    const edit: Edit = { kind: 'relabel', start: entity.start, label };
    figures.edits.relabel.push(await timeKey(page, labelKey(label), conditionFor(edit), phases));
    edits.push(edit);
    after = entity.start;
  }

  await page.keyboard.press('Escape');
  for (let i = 0, after = -1; i < EDIT_COUNT; i++) {
    const entity = await tabToEntity(page, after);
    const edit: Edit = { kind: 'remove', start: entity.start };
    figures.edits.remove.push(await timeKey(page, 'Delete', conditionFor(edit), phases));
    edits.push(edit);
    after = entity.start;
  }

  figures.scroll = await timeScrollToEnd(page, VIEW, lastLineShown(lineCount), LOAD_LIMIT);
}

/** Opens the corpus copy in a fresh `emend serve` and a fresh page each time; edits on the last one. */
async function benchEditor(
  browser: Browser,
  corpus: string,
  doc: BracketDocument,
  lineCount: number,
): Promise<EditorRun> {
  const run: EditorRun = {
    figures: noFigures(),
    edits: [],
    phases: { keyToRequest: [], roundTrip: [], answerToDom: [], domToPaint: [] },
    calls: [],
    errors: [],
  };
  for (let attempt = 1; attempt <= OPEN_RUNS; attempt++) {
    const served = await serveCopy(corpus);
    const { page, errors } = await newTimedPage(browser, READY);
    try {
      const open = await openTimed(page, served.url, LOAD_LIMIT);
      run.figures.open.push(open);
      if (open === null) break;
      if (attempt === OPEN_RUNS) {
        run.calls = await apiCalls(page);
        await editAndScroll(page, doc, lineCount, run);
      }
    } finally {
      await page.context().close();
      await served.stop();
      run.errors.push(...errors);
    }
  }
  return run;
}

/** The same document as plain DOM, the same edits made as direct DOM changes, the same scroll. */
async function benchBaseline(
  browser: Browser,
  doc: BracketDocument,
  edits: Edit[],
  lineCount: number,
): Promise<{ figures: Figures; errors: string[] }> {
  const entities = doc.entities.map(({ start, end, label }) => ({ start, end, label }));
  const server = await serveBaseline({ text: doc.text, entities });
  const figures = noFigures();
  const allErrors: string[] = [];
  try {
    for (let attempt = 1; attempt <= OPEN_RUNS; attempt++) {
      const { page, errors } = await newTimedPage(browser, READY);
      try {
        const open = await openTimed(page, server.url, LOAD_LIMIT);
        figures.open.push(open);
        if (open === null) break;
        if (attempt === OPEN_RUNS) await replay(page, edits, lineCount, figures);
      } finally {
        await page.context().close();
        allErrors.push(...errors);
      }
    }
  } finally {
    await server.close();
  }
  return { figures, errors: allErrors };
}

async function replay(page: Page, edits: Edit[], lineCount: number, figures: Figures) {
  for (const edit of edits) {
    const made = page.evaluate(
      ([probeName, editsName, condition, edit]) => {
        const globals = window as unknown as Record<string, PaintProbe & BaselineEdits>;
        globals[probeName].arm(condition, 'now');
        const baseline = globals[editsName];
        if (edit.kind === 'add') baseline.add(edit.start, edit.end, edit.label);
        else if (edit.kind === 'relabel') baseline.relabel(edit.start, edit.label);
        else baseline.remove(edit.start);
      },
      [PROBE, EDITS, conditionFor(edit), edit] as const,
    );
    await within(made, EDIT_LIMIT);
    figures.edits[edit.kind].push(duration(await settled(page, EDIT_LIMIT)));
  }
  figures.scroll = await timeScrollToEnd(page, VIEW, lastLineShown(lineCount), LOAD_LIMIT);
}

function median(samples: number[]): string {
  return samples.length === 0 ? '—' : formatDuration(percentile(samples, 50), LOAD_LIMIT);
}

/** Where the editor's time went: the API calls of opening, and the phases of an edit. */
function whereTimeWent(run: EditorRun): string[] {
  const opening = run.calls
    .filter((call) => call.method === 'getCorpus' || call.method === 'openDocument')
    .map(
      (call) =>
        `${call.method} ${Math.round(call.start)}-${Math.round(call.end)} ms ` +
        `(server ${Math.round(call.server)} ms, ${(call.bytes / 1024 / 1024).toFixed(1)} MB)`,
    );
  const { keyToRequest, roundTrip, answerToDom, domToPaint } = run.phases;
  return [
    `  emend open: ${opening.join(', ')}, interactive at ${formatDuration(run.figures.open.at(-1) ?? null, LOAD_LIMIT)}`,
    `  emend edit, medians: key to request ${median(keyToRequest)}, applyEdit round trip ${median(roundTrip)}, ` +
      `answer to DOM ${median(answerToDom)}, DOM to painted ${median(domToPaint)}`,
  ];
}

/** The p-th percentile of the samples; null when none were taken or it falls on a cut-off one. */
function summary(samples: Array<number | null>, p: number): number | null {
  if (samples.length === 0) return null;
  const value = percentile(
    samples.map((sample) => sample ?? Infinity),
    p,
  );
  return Number.isFinite(value) ? value : null;
}

function verdict(emend: number | null, baseline: number | null, target: number | null): string {
  if (emend === null) return 'no: cut off';
  const misses: string[] = [];
  if (target !== null && emend > target) misses.push(`over ${formatDuration(target, LOAD_LIMIT)}`);
  if (baseline !== null && emend >= baseline) misses.push('behind the baseline');
  return misses.length === 0 ? 'yes' : `no: ${misses.join(', ')}`;
}

function tableRows(size: string, entities: number, emend: Figures, baseline: Figures): string[][] {
  const row = (measure: string, e: number | null, b: number | null, target: number | null) => [
    `${size} (${entities.toLocaleString('en')} entities)`,
    measure,
    formatDuration(e, LOAD_LIMIT),
    formatDuration(b, LOAD_LIMIT),
    formatRatio(e, b, LOAD_LIMIT),
    verdict(e, b, target),
  ];
  return [
    row(
      `open-to-interactive, median of ${OPEN_RUNS}`,
      summary(emend.open, 50),
      summary(baseline.open, 50),
      size === '10 MB' ? OPEN_TARGET : null,
    ),
    ...EDIT_KINDS.map((kind) =>
      row(
        `${kind} edit-to-paint p95`,
        summary(emend.edits[kind], 95),
        summary(baseline.edits[kind], 95),
        EDIT_TARGET,
      ),
    ),
    row('scroll-to-end', emend.scroll, baseline.scroll, null),
  ];
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const browser = await chromium.launch(config.use?.launchOptions);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-bench-editor-'));
  const rows: string[][] = [];
  try {
    for (const size of SIZES) {
      const text = generateDocument(size.bytes);
      const doc = parse(text);
      const lineCount = lineStarts(text).length;
      console.log(
        `editor: ${size.name} document, ${text.length} characters, ${lineCount} lines, ${doc.entities.length} entities`,
      );
      const corpus = path.join(folder, size.name.replace(' ', '-'));
      await mkdir(corpus);
      await writeFile(path.join(corpus, 'generated.txt'), text);
      const editor = await benchEditor(browser, corpus, doc, lineCount);
      const baseline = await benchBaseline(browser, doc, editor.edits, lineCount);
      for (const line of whereTimeWent(editor)) console.log(line);
      for (const error of editor.errors) console.log(`  emend page error: ${error}`);
      for (const error of baseline.errors) console.log(`  baseline page error: ${error}`);
      rows.push(...tableRows(size.name, doc.entities.length, editor.figures, baseline.figures));
    }
  } finally {
    await browser.close();
    await rm(folder, { recursive: true, force: true });
  }
  console.log(
    `\nEditor vs baseline: Chromium through \`emend serve\` vs the document as plain DOM (ratio below 1: Emend ahead)\n`,
  );
  console.log(
    markdownTable(
      ['Document', 'Measure', 'Emend', 'Baseline', 'Emend / baseline', 'Meets target'],
      rows,
    ),
  );
}

await main();
