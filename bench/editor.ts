// Benchmarks the editor in Chromium through `emend serve` beside three peer pages (plain DOM, the CSS
// Highlight API, @recogito/text-annotator), on generated 100 KB, 1 MB and 10 MB documents, in one run
// (`npx tsx bench/editor.ts "10 MB"` runs the sizes named).
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../e2e/support/build';
import { serveCopy } from '../e2e/support/serve';
import config from '../playwright.config';
import type { BracketDocument } from '../shared/format/document';
import { parse } from '../shared/format/parse';
import { lineStarts } from '../shared/format/position';
import { EDITS, type BaselineEdit, type BaselineKeys } from './baseline/page';
import { serveBaseline, type PeerPage } from './baseline/server';
import { generateDocument } from './generate';
import { arm, duration, newTimedPage, openTimed, settled, timeScrollToEnd } from './page-timing';
import type { Condition, Timing } from './paint-probe';
import { formatDuration, formatRatio, markdownTable, percentile, percentileOf } from './stats';
import { DRAWN, EDIT_LIMIT, entityAt, labelKey, READY, tabToEntity, VIEW } from './editor-keys';

/**
 * The documents, and how many times each page is opened on each (the median is printed; the edits
 * are made on the last open): fewer at 10 MB, where a peer's open can take a minute.
 */
const SIZES = [
  { name: '100 KB', bytes: 100 * 1024, opens: 9 },
  { name: '1 MB', bytes: 1024 * 1024, opens: 5 },
  { name: '10 MB', bytes: 10 * 1024 * 1024, opens: 3 },
];
/** The sizes named on the command line, or every size. */
const RUN_SIZES = SIZES.filter(
  (size) => process.argv.length <= 2 || process.argv.slice(2).includes(size.name),
);
/** Edits of each kind per document. */
const EDIT_COUNT = 20;
/** A page load or a scroll that takes longer is cut off and printed as "> 60 s". */
const LOAD_LIMIT = 60_000;
/** Open-to-interactive targets by document size, and one frame for any edit. */
const OPEN_TARGETS: Record<string, number> = { '100 KB': 300, '1 MB': 500, '10 MB': 1000 };
const EDIT_TARGET = 16;
const ADDED_LABEL = 'PER';

/** A peer page is interactive once it says its entities are loaded (and shown). */
const PEER_READY: Condition = { ...READY, selector: `${VIEW}[data-ready] .line` };

const PEERS: Array<{ page: PeerPage; name: string }> = [
  { page: 'plain', name: 'plain DOM' },
  { page: 'highlights', name: 'Highlight API' },
  { page: 'recogito', name: 'text-annotator' },
];

type Edit = BaselineEdit;

/** The key that makes an edit in the editor (a label's number; Delete), pressed for the peers too. */
const editKey = (edit: Edit) => (edit.kind === 'remove' ? 'Delete' : labelKey(edit.label));

type EditKind = Edit['kind'];
const EDIT_KINDS: EditKind[] = ['add', 'relabel', 'remove'];

/** Milliseconds (heap: bytes); null where the measure was cut off. */
interface Figures {
  /** Navigation until the document's first lines were drawn (the peers: until ready, when they draw them). */
  drawn: Array<number | null>;
  open: Array<number | null>;
  /** The first edit after each cold open: the same add each time. */
  first: Array<number | null>;
  edits: Record<EditKind, Array<number | null>>;
  /** Every edit in the order made (the first included). */
  all: Array<number | null>;
  /** Each edit's own work: from the key (peers: the change) until the DOM showed it. */
  keystroke: Array<number | null>;
  /** Whether each edit was painted in the very next frame. */
  nextFrame: boolean[];
  /** Null when cut off, undefined when never measured. */
  scroll: number | null | undefined;
  /** JavaScript heap once opened, after a garbage collection (undefined: never opened). */
  heap: number | undefined;
}

/** Where an edit's time goes in the editor, one sample per edit. */
interface EditPhases {
  domToPaint: number[];
  /** From the edit painted until its request left for the workspace. */
  paintToRequest: number[];
  roundTrip: number[];
  /** From the key press until the workspace answered that it journaled the edit: how long it was unsafe. */
  keyToJournaled: number[];
}

function noPhases(): EditPhases {
  return { domToPaint: [], paintToRequest: [], roundTrip: [], keyToJournaled: [] };
}

function noFigures(): Figures {
  return {
    drawn: [],
    open: [],
    first: [],
    edits: { add: [], relabel: [], remove: [] },
    all: [],
    keystroke: [],
    nextFrame: [],
    scroll: undefined,
    heap: undefined,
  };
}

function conditionFor(edit: Edit): Condition {
  if (edit.kind === 'remove') return { selector: entityAt(edit.start), present: false };
  return { selector: entityAt(edit.start, edit.label), present: true };
}

/** A page that paints without DOM changes (ranges, overlays) counts the edits it has shown. */
function shownCount(count: number): Condition {
  return { selector: `${VIEW}[data-edits="${count}"]`, present: true };
}

/** The page's JavaScript heap after a garbage collection, in bytes. */
async function heapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
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

/**
 * Presses `key`, times until the edit is painted, and records where the time went. Returns once the
 * workspace has answered the edit's request, so the next key's request is the only one after it.
 */
async function timeKey(
  page: Page,
  key: string,
  condition: Condition,
  phases: EditPhases,
): Promise<Timing | null> {
  // The page keeps 250 resource timings: without room, this edit's request would not be listed.
  await page.evaluate(() => performance.clearResourceTimings());
  await arm(page, condition, 'key');
  await page.keyboard.press(key);
  const timing = await settled(page, EDIT_LIMIT);
  // The request leaves after the paint: its timing is listed once the answer is in.
  const answered = await page
    .waitForFunction(
      () =>
        performance
          .getEntriesByType('resource')
          .some((entry) => new URL(entry.name).pathname === '/api/applyEdit'),
      null,
      { timeout: EDIT_LIMIT },
    )
    .then(
      () => true,
      () => false,
    );
  const call = answered
    ? (await apiCalls(page)).find((candidate) => candidate.method === 'applyEdit')
    : undefined;
  if (timing && call) {
    phases.domToPaint.push(timing.painted - timing.shown);
    phases.paintToRequest.push(call.start - timing.painted);
    phases.roundTrip.push(call.end - call.start);
    phases.keyToJournaled.push(call.end - timing.start);
  }
  return timing;
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

function record(figures: Figures, edit: Edit, timing: Timing | null): void {
  const ms = duration(timing);
  figures.edits[edit.kind].push(ms);
  figures.all.push(ms);
  figures.keystroke.push(timing && timing.shown - timing.start);
  figures.nextFrame.push(timing?.frames === 1);
}

interface EditorRun {
  figures: Figures;
  /** The edits made, for the baseline to replay. */
  edits: Edit[];
  phases: EditPhases;
  calls: ApiCall[];
  /** When the editor's screen was mounted (ms from navigation start), as the page marked it. */
  mounted?: number;
  errors: string[];
}

/** Tags a plain word as an annotator does (double-click it, press the label's key) and times it. */
async function addWord(
  page: Page,
  word: { start: number; end: number },
  phases: EditPhases,
): Promise<{ edit: Edit; timing: Timing | null }> {
  const point = await textPoint(page, word);
  await page.mouse.dblclick(point.x, point.y);
  await page.locator(`${VIEW} .selected[data-start="${word.start}"]`).waitFor();
  const edit: Edit = { kind: 'add', ...word, label: ADDED_LABEL };
  return { edit, timing: await timeKey(page, editKey(edit), conditionFor(edit), phases) };
}

/** A first edit made on an open that takes no other edits: counted as first and in the next-frame share. */
function recordFirst(figures: Figures, timing: Timing | null): void {
  figures.first.push(duration(timing));
  figures.nextFrame.push(timing?.frames === 1);
}

/** Makes the edits as an annotator does (double-click a word and press a label key; Tab, a key, Delete), then scrolls. */
async function editAndScroll(page: Page, doc: BracketDocument, lineCount: number, run: EditorRun) {
  const { figures, edits, phases } = run;
  for (const word of plainWords(doc, EDIT_COUNT)) {
    const { edit, timing } = await addWord(page, word, phases);
    record(figures, edit, timing);
    edits.push(edit);
  }
  figures.first.push(figures.all[0]);

  await page.keyboard.press('Escape');
  for (let i = 0, after = -1; i < EDIT_COUNT; i++) {
    const entity = await tabToEntity(page, after);
    const label = entity.label === 'PER' ? 'LOC' : 'PER';
    const edit: Edit = { kind: 'relabel', start: entity.start, label };
    record(figures, edit, await timeKey(page, editKey(edit), conditionFor(edit), phases));
    edits.push(edit);
    after = entity.start;
  }

  await page.keyboard.press('Escape');
  for (let i = 0, after = -1; i < EDIT_COUNT; i++) {
    const entity = await tabToEntity(page, after);
    const edit: Edit = { kind: 'remove', start: entity.start };
    record(figures, edit, await timeKey(page, editKey(edit), conditionFor(edit), phases));
    edits.push(edit);
    after = entity.start;
  }

  figures.scroll = await timeScrollToEnd(page, VIEW, lastLineShown(lineCount), LOAD_LIMIT);
}

/**
 * Opens the corpus copy in a fresh `emend serve` and a fresh page each time: the first add on each,
 * every edit on the last one.
 */
async function benchEditor(
  browser: Browser,
  corpus: string,
  doc: BracketDocument,
  lineCount: number,
  opens: number,
): Promise<EditorRun> {
  const run: EditorRun = {
    figures: noFigures(),
    edits: [],
    phases: noPhases(),
    calls: [],
    errors: [],
  };
  for (let attempt = 1; attempt <= opens; attempt++) {
    const served = await serveCopy(corpus);
    const { page, errors } = await newTimedPage(browser, READY, DRAWN);
    try {
      const open = await openTimed(page, served.url, LOAD_LIMIT);
      run.figures.drawn.push(open?.drawn ?? null);
      run.figures.open.push(open?.ready ?? null);
      if (open === null) break;
      if (attempt === opens) {
        run.calls = await apiCalls(page);
        run.mounted = await page.evaluate(
          () => performance.getEntriesByName('emend:screen-mounted')[0]?.startTime,
        );
        run.figures.heap = await heapUsed(page);
        await editAndScroll(page, doc, lineCount, run);
      } else {
        // Only the last open's phases are reported.
        const { timing } = await addWord(page, plainWords(doc, 1)[0], noPhases());
        recordFirst(run.figures, timing);
      }
    } finally {
      await page.context().close();
      await served.stop();
      run.errors.push(...errors);
    }
  }
  return run;
}

/** The same document in a peer page, the same edits made through its own means, the same scroll. */
async function benchPeer(
  browser: Browser,
  doc: BracketDocument,
  edits: Edit[],
  lineCount: number,
  peer: PeerPage,
  opens: number,
): Promise<{ figures: Figures; errors: string[] }> {
  const entities = doc.entities.map(({ start, end, label }) => ({ start, end, label }));
  const server = await serveBaseline({ text: doc.text, entities }, peer);
  const figures = noFigures();
  const allErrors: string[] = [];
  try {
    for (let attempt = 1; attempt <= opens; attempt++) {
      const { page, errors } = await newTimedPage(browser, PEER_READY, PEER_READY);
      try {
        const open = await openTimed(page, server.url, LOAD_LIMIT);
        figures.drawn.push(open?.drawn ?? null);
        figures.open.push(open?.ready ?? null);
        if (open === null) break;
        if (attempt === opens) {
          figures.heap = await heapUsed(page);
          await replay(page, edits, lineCount, figures, peer);
        } else {
          recordFirst(figures, await replayEdit(page, 0, edits[0], peer));
        }
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

async function replay(
  page: Page,
  edits: Edit[],
  lineCount: number,
  figures: Figures,
  peer: PeerPage,
) {
  for (const [index, edit] of edits.entries()) {
    record(figures, edit, await replayEdit(page, index, edit, peer));
  }
  figures.first.push(figures.all[0]);
  figures.scroll = await timeScrollToEnd(page, VIEW, lastLineShown(lineCount), LOAD_LIMIT);
}

/**
 * Makes the edit at `index` of the sequence through the peer page's own means on the key the editor
 * takes for it, and times it from that key press, as the editor's edits are.
 */
async function replayEdit(
  page: Page,
  index: number,
  edit: Edit,
  peer: PeerPage,
): Promise<Timing | null> {
  const condition = peer === 'plain' ? conditionFor(edit) : shownCount(index + 1);
  await arm(page, condition, 'key');
  await page.evaluate(
    ([editsName, edit]) =>
      (window as unknown as Record<string, BaselineKeys>)[editsName].onNextKey(edit),
    [EDITS, edit] as const,
  );
  await page.keyboard.press(editKey(edit));
  return settled(page, EDIT_LIMIT);
}

/** The p-th percentile of the samples, printed; a dash when none were taken. */
function printedPercentile(samples: number[], p: number): string {
  return samples.length === 0 ? '—' : formatDuration(percentile(samples, p), LOAD_LIMIT);
}

const median = (samples: number[]) => printedPercentile(samples, 50);
const p95 = (samples: number[]) => printedPercentile(samples, 95);

/** Where the editor's time went: the API calls of opening, and the phases of an edit. */
function whereTimeWent(run: EditorRun): string[] {
  const opening = run.calls
    .filter((call) => call.method === 'getCorpus' || call.method === 'openSource')
    .map(
      (call) =>
        `${call.method} ${Math.round(call.start)}-${Math.round(call.end)} ms ` +
        `(server ${Math.round(call.server)} ms, ${(call.bytes / 1024 / 1024).toFixed(1)} MB)`,
    );
  const { domToPaint, paintToRequest, roundTrip, keyToJournaled } = run.phases;
  return [
    `  emend open: ${opening.join(', ')}, first lines drawn at ${formatDuration(run.figures.drawn.at(-1) ?? null, LOAD_LIMIT)}, screen mounted at ${formatDuration(run.mounted ?? null, LOAD_LIMIT)}, interactive at ${formatDuration(run.figures.open.at(-1) ?? null, LOAD_LIMIT)}`,
    `  emend edit, medians: DOM to painted ${median(domToPaint)}, painted to request sent ${median(paintToRequest)}, ` +
      `applyEdit round trip ${median(roundTrip)}; key to journaled (unsafe until then; the peers have no ` +
      `workspace) ${median(keyToJournaled)}, p95 ${p95(keyToJournaled)}`,
  ];
}

/** A measure: a number, null when cut off, undefined when not taken (the page never opened). */
type Measured = number | null | undefined;

/** Whether Emend meets the target and is ahead of every peer that measured it. */
function verdict(emend: Measured, peers: Measured[], target: number | null): string {
  if (emend === null || emend === undefined) return 'no: cut off';
  const misses: string[] = [];
  if (target !== null && emend > target) misses.push(`over ${formatDuration(target, LOAD_LIMIT)}`);
  const behind = peers.filter((peer) => typeof peer === 'number' && emend >= peer).length;
  if (behind > 0) misses.push(`behind ${behind} peer${behind > 1 ? 's' : ''}`);
  return misses.length === 0 ? 'yes' : `no: ${misses.join(', ')}`;
}

/** How a measure is printed: a page load or scroll, an edit (cut off sooner), a heap size, or a share of the edits. */
type Unit = 'load' | 'edit' | 'heap' | 'share';

function format(value: Measured, unit: Unit): string {
  if (value === undefined) return '—';
  if (unit === 'share') return value === null ? '—' : `${Math.round(value * 100)}%`;
  if (unit === 'heap') return value === null ? '—' : `${(value / 1024 / 1024).toFixed(0)} MB`;
  return formatDuration(value, unit === 'edit' ? EDIT_LIMIT : LOAD_LIMIT);
}

function ratio(emend: Measured, peer: Measured, unit: Unit): string {
  if (emend === undefined || peer === undefined || unit === 'share') return '—';
  if (unit === 'heap') return emend === null || peer === null ? '—' : (emend / peer).toFixed(2);
  return formatRatio(emend, peer, unit === 'edit' ? EDIT_LIMIT : LOAD_LIMIT);
}

function tableRows(
  size: string,
  opens: number,
  entities: number,
  emend: Figures,
  peers: Figures[],
): string[][] {
  const row = (
    measure: string,
    pick: (figures: Figures) => Measured,
    unit: Unit,
    target: number | null,
    judged = true,
  ) => {
    const e = pick(emend);
    const others = peers.map(pick);
    return [
      `${size} (${entities.toLocaleString('en')} entities)`,
      measure,
      format(e, unit),
      ...others.map((other) => format(other, unit)),
      ...others.map((other) => ratio(e, other, unit)),
      judged ? verdict(e, others, target) : '',
    ];
  };
  return [
    row(
      `open: first lines drawn, median of ${opens}`,
      (f) => percentileOf(f.drawn, 50),
      'load',
      OPEN_TARGETS[size],
    ),
    row(
      `open-to-interactive, median of ${opens}`,
      (f) => percentileOf(f.open, 50),
      'load',
      OPEN_TARGETS[size],
    ),
    row(
      `edit-to-paint p95, ${3 * EDIT_COUNT} edits`,
      (f) => percentileOf(f.all, 95),
      'edit',
      EDIT_TARGET,
    ),
    row(
      // The "add": the median of the adds (after a double-click, a label key).
      `add edit-to-paint, median of ${EDIT_COUNT}`,
      (f) => percentileOf(f.edits.add, 50),
      'edit',
      EDIT_TARGET,
    ),
    row(
      `first edit-to-paint, median of ${opens} opens`,
      (f) => percentileOf(f.first, 50),
      'edit',
      EDIT_TARGET,
    ),
    row(
      'keystroke: key to DOM changed, p95',
      (f) => percentileOf(f.keystroke, 95),
      'edit',
      null,
      false,
    ),
    row(
      'edits painted in the next frame',
      (f) =>
        f.nextFrame.length ? f.nextFrame.filter(Boolean).length / f.nextFrame.length : undefined,
      'share',
      null,
      false,
    ),
    ...EDIT_KINDS.map((kind) =>
      row(`${kind} edit-to-paint p95`, (f) => percentileOf(f.edits[kind], 95), 'edit', EDIT_TARGET),
    ),
    row('scroll-to-end', (f) => f.scroll, 'load', null, false),
    row('JS heap once open', (f) => f.heap, 'heap', null),
  ];
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const browser = await chromium.launch(config.use?.launchOptions);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-bench-editor-'));
  const rows: string[][] = [];
  try {
    for (const size of RUN_SIZES) {
      const text = generateDocument(size.bytes);
      const doc = parse(text);
      const lineCount = lineStarts(text).length;
      console.log(
        `editor: ${size.name} document, ${text.length} characters, ${lineCount} lines, ${doc.entities.length} entities`,
      );
      const corpus = path.join(folder, size.name.replace(' ', '-'));
      await mkdir(corpus);
      await writeFile(path.join(corpus, 'generated.txt'), text);
      const editor = await benchEditor(browser, corpus, doc, lineCount, size.opens);
      for (const line of whereTimeWent(editor)) console.log(line);
      for (const error of editor.errors) console.log(`  emend page error: ${error}`);
      const peers: Figures[] = [];
      for (const peer of PEERS) {
        const measured = await benchPeer(
          browser,
          doc,
          editor.edits,
          lineCount,
          peer.page,
          size.opens,
        );
        for (const error of measured.errors) console.log(`  ${peer.name} page error: ${error}`);
        peers.push(measured.figures);
      }
      rows.push(...tableRows(size.name, size.opens, doc.entities.length, editor.figures, peers));
    }
  } finally {
    await browser.close();
    await rm(folder, { recursive: true, force: true });
  }
  console.log(
    `\nEditor beside its peers: Chromium through \`emend serve\` vs the same document in each peer page, ` +
      `same run (ratio below 1: Emend ahead)\n`,
  );
  console.log(
    markdownTable(
      [
        'Document',
        'Measure',
        'Emend',
        ...PEERS.map((peer) => peer.name),
        ...PEERS.map((peer) => `Emend / ${peer.name}`),
        'Meets target',
      ],
      rows,
    ),
  );
}

await main();
