// Benchmarks the suspect ranking: how well it finds noise injected into a real corpus (AP, P@k beside consistency-only and random rankings), and its speed on ~250k tokens.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsistencyCheck } from '../shared/corpus/consistency';
import type { BracketDocument, DocumentEntity } from '../shared/format/document';
import { parse } from '../shared/format/parse';
import { tokenSpans } from '../shared/format/tokens';
import { ensureCliBuilt } from '../scripts/cli-build';
import { percentile } from './stats';
import { seededRandom, shuffle } from '../shared/suspects/random';
import { applyTransaction } from '../shared/model/operations';
import { fixTransaction } from '../shared/suspects/fix';
import { PredictionIndex } from '../shared/suspects/predictions';
import { rankSuspects, sourceOf } from '../shared/suspects/rank';
import type { Suspect, SuspectDocument } from '../shared/suspects/suspect';

const CORPUS = path.join(import.meta.dirname, '../../shared/corpus');
const SPLITS = ['train', 'dev', 'test'] as const;
const LABELS = ['person', 'location', 'group', 'corporation', 'product', 'creative-work'];
/** Sentences per document when the splits are cut into documents. */
const DOCUMENT_LINES = 40;
/** Runs of each side of the --jobs comparison, alternating. */
const THREAD_RUNS = 3;
/** Share of sentences changed, as re-annotation studies of NER corpora report (~5%). */
const NOISE_RATE = 0.05;
/** Share of sentences an imported tagger's predictions get wrong (errors of the same kinds). */
const TAGGER_ERROR_RATE = 0.15;
/** Labels annotators confuse with each label (WNUT-17's types). */
const CONFUSABLE: Record<string, string[]> = {
  person: ['group', 'creative-work', 'location'],
  location: ['group', 'corporation', 'person'],
  group: ['corporation', 'person', 'location'],
  corporation: ['group', 'product'],
  product: ['corporation', 'creative-work'],
  'creative-work': ['product', 'person'],
};

/** The lines of a split file cut into documents of size sentences each. */
function splitDocuments(split: string, size: number): string[] {
  const lines = readFileSync(path.join(CORPUS, `wnut17-${split}.brackets.txt`), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  const documents: string[] = [];
  for (let i = 0; i < lines.length; i += size)
    documents.push(`${lines.slice(i, i + size).join('\n')}\n`);
  return documents;
}

/** A document with its entities replaced (sorted, never overlapping). */
const withEntities = (doc: BracketDocument, entities: DocumentEntity[]): BracketDocument => ({
  ...doc,
  entities: [...entities].sort((a, b) => a.start - b.start),
  origin: undefined,
});

/** The kinds of noise injected. */
type Noise = 'relabeled' | 'boundary' | 'missed' | 'spurious';

/**
 * Injects noise into ~NOISE_RATE of the sentences of doc: relabels to a confusable label, boundary
 * shifts by one token, missed entities and spurious ones, in the proportions re-annotation finds
 * them. Returns the noisy document and the 0-based lines changed, with the noise of each.
 */
function injectNoise(
  doc: BracketDocument,
  random: () => number,
  rate = NOISE_RATE,
): { doc: BracketDocument; changed: Map<number, Noise> } {
  const entities = doc.entities.map((entity) => ({ ...entity }));
  const changed = new Map<number, Noise>();
  const lines = doc.text.split('\n');
  let offset = 0;
  let nextId = doc.nextId;
  lines.forEach((line, index) => {
    const start = offset;
    offset += line.length + 1;
    if (random() >= rate) return;
    const tokens = tokenSpans(line).map(([from, to]) => [start + from, start + to]);
    const here = entities.filter((e) => e.start >= start && e.end <= start + line.length);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    // A spurious entity is a plausible one: a capitalized word inside the sentence, left untagged.
    const untagged = tokens
      .slice(1)
      .filter(
        ([from, to]) =>
          /^\p{Lu}/u.test(doc.text.slice(from, to)) &&
          !entities.some((e) => e.start < to && e.end > from),
      );
    const roll = random();
    let noise: Noise;
    if (here.length > 0 && roll < 0.35) {
      noise = 'relabeled';
      const entity = pick(here);
      entity.label = pick(CONFUSABLE[entity.label] ?? LABELS.filter((l) => l !== entity.label));
    } else if (here.length > 0 && roll < 0.6) {
      noise = 'boundary';
      const entity = pick(here);
      const inside = tokens.filter(([from, to]) => from >= entity.start && to <= entity.end);
      const after = tokens.find(([from]) => from > entity.end);
      const before = tokens.findLast(([, to]) => to < entity.start);
      const free = (span?: number[]) =>
        span !== undefined && !entities.some((e) => e.start < span[1] && e.end > span[0]);
      if (inside.length > 1 && random() < 0.5) entity.end = inside[inside.length - 2][1];
      else if (free(after) && random() < 0.5) entity.end = after![1];
      else if (free(before)) entity.start = before![0];
      else return;
    } else if (here.length > 0 && roll < 0.85) {
      noise = 'missed';
      entities.splice(entities.indexOf(pick(here)), 1);
    } else if (untagged.length > 0) {
      noise = 'spurious';
      const [from, to] = pick(untagged);
      entities.push({ id: nextId++, start: from, end: to, label: pick(LABELS) });
    } else return;
    changed.set(index, noise);
  });
  return { doc: { ...withEntities(doc, entities), nextId }, changed };
}

/** Average precision and precision at k of a ranking of sentence keys against the relevant ones. */
function scoreRanking(ranked: readonly string[], relevant: ReadonlySet<string>) {
  let hits = 0;
  let sum = 0;
  const precisionAt: Record<number, number> = {};
  ranked.forEach((key, rank) => {
    if (relevant.has(key)) {
      hits++;
      sum += hits / (rank + 1);
    }
    if ([20, 50, 100].includes(rank + 1)) precisionAt[rank + 1] = hits / (rank + 1);
  });
  return { ap: sum / relevant.size, precisionAt };
}

/** Sentence keys in the order their first suspect appears. */
function sentenceOrder(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

/** `emend check`'s findings ranked by how much of a minority each flagged occurrence is. */
function consistencyRanking(documents: readonly SuspectDocument[]): string[] {
  const check = new ConsistencyCheck();
  for (const { path: name, doc } of documents) check.add(name, doc);
  const scored: Array<{ key: string; score: number }> = [];
  for (const finding of check.findings()) {
    const tagged = Object.values(finding.labels).reduce((sum, count) => sum + count, 0);
    const total = finding.occurrences.length;
    for (const hit of finding.fix.targets) {
      const agreeing = hit.label === null ? total - tagged : (finding.labels[hit.label] ?? 0);
      scored.push({ key: `${hit.path}:${hit.line}`, score: 1 - agreeing / Math.max(1, total) });
    }
  }
  return sentenceOrder(scored.sort((a, b) => b.score - a.score).map(({ key }) => key));
}

/** Injects noise into the splits, cut into documents of size sentences, and prints how each ranking finds it. */
async function quality(title: string, splits: readonly string[], size: number): Promise<void> {
  const random = seededRandom(17);
  const documents: SuspectDocument[] = [];
  const clean = new Map<string, BracketDocument>();
  const relevant = new Map<string, Noise>();
  const sentences: string[] = [];
  for (const split of splits)
    splitDocuments(split, size).forEach((source, k) => {
      const name = `${split}-${k}`;
      const original = parse(source, { labels: LABELS });
      clean.set(name, original);
      const noisy = injectNoise(original, random);
      documents.push({ path: name, doc: noisy.doc });
      for (const [line, noise] of noisy.changed) relevant.set(`${name}:${line + 1}`, noise);
      noisy.doc.text
        .split('\n')
        .forEach((line, index) => line.trim() && sentences.push(`${name}:${index + 1}`));
    });
  const ranking = await rankSuspects(sourceOf(documents), { folds: 5, seed: 1 });
  const model = sentenceOrder(ranking.suspects.map((s) => `${s.path}:${s.line}`));
  // Imported predictions: the clean corpus with a tagger's errors in TAGGER_ERROR_RATE of it.
  const predictions = new PredictionIndex();
  const taggerRandom = seededRandom(29);
  for (const original of clean.values()) {
    const { doc } = injectNoise(original, taggerRandom, TAGGER_ERROR_RATE);
    predictions.add(doc.text, doc.entities);
  }
  const withPredictions = await rankSuspects(sourceOf(documents), {
    folds: 5,
    seed: 1,
    predictions,
  });
  const noisy = new Set(relevant.keys());
  const rows = [
    ['suspects (model + consistency)', scoreRanking(model, noisy)],
    [
      `+ a tagger's predictions (${TAGGER_ERROR_RATE * 100}% wrong)`,
      scoreRanking(
        sentenceOrder(withPredictions.suspects.map((s) => `${s.path}:${s.line}`)),
        noisy,
      ),
    ],
    ['consistency only (emend check)', scoreRanking(consistencyRanking(documents), noisy)],
    ['random', scoreRanking(shuffle([...sentences], seededRandom(5)), noisy)],
  ] as const;
  console.log(
    `suspects: ${title}, ${documents.length} document(s), ${sentences.length} sentences, ` +
      `noise in ${relevant.size} (base rate ${(relevant.size / sentences.length).toFixed(3)})`,
  );
  for (const [name, { ap, precisionAt }] of rows)
    console.log(
      `  ${name.padEnd(32)} AP ${ap.toFixed(3)}   P@20 ${precisionAt[20]?.toFixed(2)}   ` +
        `P@50 ${precisionAt[50]?.toFixed(2)}   P@100 ${precisionAt[100]?.toFixed(2)}`,
    );
  const byPath = new Map(documents.map(({ path: name, doc }) => [name, doc]));
  console.log(`  ${fixesRight(ranking.suspects, byPath, clean, relevant, 100)}`);
  console.log(`  ${fixesRight(ranking.suspects, byPath, clean, relevant, 1000)}`);
}

/** The entities of a document's line `line` (1-based), as label and offsets from the line's start. */
function lineEntities(doc: BracketDocument, line: number): string[] {
  const lines = doc.text.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  const end = start + lines[line - 1].length;
  return doc.entities
    .filter((entity) => entity.start >= start && entity.end <= end)
    .map((entity) => `${entity.label}:${entity.start - start}-${entity.end - start}`);
}

/**
 * How often the first suspect of a noisy sentence among the `top` worst suspects suggests the fix
 * that gives the sentence its annotation back, by the kind of noise.
 */
function fixesRight(
  suspects: readonly Suspect[],
  noisy: ReadonlyMap<string, BracketDocument>,
  clean: ReadonlyMap<string, BracketDocument>,
  relevant: ReadonlyMap<string, Noise>,
  top: number,
): string {
  const tally = new Map<Noise, { right: number; found: number }>();
  const seen = new Set<string>();
  for (const suspect of suspects.slice(0, top)) {
    const key = `${suspect.path}:${suspect.line}`;
    const noise = relevant.get(key);
    if (seen.has(key) || !noise) continue;
    seen.add(key);
    const doc = noisy.get(suspect.path)!;
    const fix = fixTransaction(doc, suspect);
    const fixed = 'tx' in fix ? applyTransaction(doc, fix.tx).doc : doc;
    const right =
      JSON.stringify(lineEntities(fixed, suspect.line)) ===
      JSON.stringify(lineEntities(clean.get(suspect.path)!, suspect.line));
    const count = tally.get(noise) ?? { right: 0, found: 0 };
    tally.set(noise, { right: count.right + (right ? 1 : 0), found: count.found + 1 });
  }
  const all = [...tally.values()].reduce(
    (sum, { right, found }) => ({ right: sum.right + right, found: sum.found + found }),
    { right: 0, found: 0 },
  );
  const kinds = [...tally].map(([noise, { right, found }]) => `${noise} ${right}/${found}`);
  return `fixes that undo the noise, first suspect of each noisy sentence in the top ${top}: ${all.right}/${all.found} (${kinds.join(', ')})`;
}

/** Tokens of the speed corpus: a typical NER training set. */
const SPEED_TOKENS = 250_000;

/**
 * Ranks ~250k tokens with 5 folds, in this process (run as a child, so its peak memory is its own):
 * WNUT-17's three splits, then copies of them with the sentences in another order, as 40-sentence
 * documents. Prints the time, the tokens and the peak resident set size as JSON.
 */
async function speedChild(): Promise<void> {
  const random = seededRandom(23);
  const lines = SPLITS.flatMap((split) =>
    readFileSync(path.join(CORPUS, `wnut17-${split}.brackets.txt`), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0),
  );
  const corpus: string[] = [];
  let tokens = 0;
  for (let copy = 0; tokens < SPEED_TOKENS; copy++) {
    const order = copy === 0 ? lines : shuffle([...lines], random);
    for (const line of order) {
      if (tokens >= SPEED_TOKENS) break;
      corpus.push(line);
      tokens += tokenSpans(line.replace(/\[\S+ | {1,2}\]/gu, ' ')).length;
    }
  }
  const sources: string[] = [];
  for (let i = 0; i < corpus.length; i += DOCUMENT_LINES)
    sources.push(`${corpus.slice(i, i + DOCUMENT_LINES).join('\n')}\n`);
  // Documents are parsed as the source hands them over, one at a time, as the CLI reads files.
  const source = {
    count: sources.length,
    async forEach(visit: (document: SuspectDocument) => unknown) {
      for (const [k, text] of sources.entries())
        await visit({ path: `doc-${k}`, doc: parse(text, { labels: LABELS }) });
    },
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const ranking = await rankSuspects(source, { folds: 5, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds,
      tokens,
      documents: sources.length,
      peakMB,
      suspects: ranking.suspects.length,
    }),
  );
}

function speed(): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--speed'], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`speed run failed: ${child.stderr}`);
  const { seconds, cpuSeconds, tokens, documents, peakMB } = JSON.parse(child.stdout) as Record<
    string,
    number
  >;
  // Other work on the machine stretches the wall time: the CPU time and the load say by how much.
  console.log(
    `suspects: speed, ${tokens} tokens in ${documents} documents, 5 folds: ${seconds.toFixed(1)} s ` +
      `wall, ${cpuSeconds.toFixed(1)} s CPU (target ≤ 60 s; load average ${os.loadavg()[0].toFixed(1)}), ` +
      `peak RSS ${peakMB.toFixed(0)} MB (target ≤ 1024 MB)`,
  );
}

/**
 * The built `emend suspects` on WNUT-17's three files with `--jobs 2` against `--jobs 1` (the folds
 * trained on two threads or in turn), alternating: medians, their ratio, and whether the rankings are
 * the same bytes.
 */
function threads(): void {
  ensureCliBuilt();
  const files = SPLITS.map((split) => path.join(CORPUS, `wnut17-${split}.brackets.txt`));
  const bin = path.join(import.meta.dirname, '../bin/emend.js');
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const outputs = new Set<string>();
  for (let run = 0; run < THREAD_RUNS; run++) {
    for (const jobs of run % 2 ? ([2, 1] as const) : ([1, 2] as const)) {
      const started = performance.now();
      const child = spawnSync(
        process.execPath,
        [bin, 'suspects', '--jobs', String(jobs), ...files],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      times[jobs].push(performance.now() - started);
      if (child.status !== 1) throw new Error(`suspects --jobs ${jobs} failed: ${child.stderr}`);
      outputs.add(child.stdout);
    }
  }
  const [one, two] = [percentile(times[1], 50), percentile(times[2], 50)];
  console.log(
    `suspects: --jobs 2 against --jobs 1 on WNUT-17's three files (5 folds), medians of ${THREAD_RUNS}: ` +
      `${(one / 1000).toFixed(2)} / ${(two / 1000).toFixed(2)} s, ${(one / two).toFixed(2)}x; ` +
      `rankings ${outputs.size === 1 ? 'the same bytes' : 'DIFFER'} (load average ${os.loadavg()[0].toFixed(1)})`,
  );
}

if (!SPLITS.every((split) => existsSync(path.join(CORPUS, `wnut17-${split}.brackets.txt`)))) {
  console.log(`suspects: skipped, the WNUT-17 corpus is not in ${CORPUS}`);
} else if (process.argv.includes('--speed')) {
  await speedChild();
} else {
  await quality('WNUT-17 train+dev+test in 40-sentence documents', SPLITS, DOCUMENT_LINES);
  await quality('WNUT-17 test as one file (sentences in folds)', ['test'], Infinity);
  speed();
  threads();
}
