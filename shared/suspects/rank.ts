// Ranks a corpus's likely annotation errors: k-fold taggers score each document out of sample, the corpus and imported predictions add their evidence.
import { append } from '../long-lists';
import { plural } from '../plural';
import { isLowSurrogate } from '../convert/code-points';
import type { BracketDocument } from '../format/document';
import { detached } from '../format/detached';
import { linesWithOpenMarkup } from '../format/validate';
import { entitiesOverlapping } from '../model/gestures';
import { filePositions } from '../review/positions';
import { fixSpanProblem } from './fix';
import { CorpusEncoding, encodeSentence, LabelSet } from './encoding';
import { sentenceSuspects, type TokenFix, type TokenSuspect } from './evidence';
import { FeatureIndex, SentenceFeatures } from './features';
import { DEFAULT_FOLDS, EPOCHS, trainFold, type FoldTask } from './folds';
import { FormStatistics, type FormOccurrence } from './forms';
import { isMarkupToken, offMarkup } from './markup-edges';
import { hashText, seededRandom, shuffle } from './random';
import { taggedSentences, type TaggedSentence } from './sentences';
import type {
  RankOptions,
  Suspect,
  SuspectDocument,
  SuspectFix,
  SuspectRanking,
  SuspectSource,
} from './suspect';
import {
  emissionScores,
  Scratch,
  tagProbabilities,
  viterbi,
  type EncodedSentences,
  type TaggerModel,
} from './tagger';

/**
 * Ranks the suspects of the corpus source gives, worst first. Reads the source twice: once to
 * encode it (a few bytes a token) and once to score each document with the model of its fold.
 * With at least twice as many documents as folds, documents are split into folds and each is
 * scored by a model trained without it; otherwise sentences are (by their text, so a sentence and
 * its exact copies fall in the same fold).
 */
export async function rankSuspects(
  source: SuspectSource,
  options: RankOptions = {},
): Promise<SuspectRanking> {
  const folds = Math.max(2, Math.floor(options.folds ?? DEFAULT_FOLDS));
  const seed = options.seed ?? 1;
  const { signal, limit } = options;
  const index = new FeatureIndex();
  const labels = new LabelSet();
  const forms = new FormStatistics((type) => index.wordlike(type));
  let byDocument = source.count >= 2 * folds;
  const documentFolds = shuffle(
    Array.from({ length: source.count }, (_, d) => d % folds),
    seededRandom(seed),
  );
  const foldOfPath = new Map<string, number>();
  /** A sentence's fold by its text's hash: its copies share it. */
  const foldOfKey = (key: number) => key % folds;
  const sentenceFold = (text: string) => foldOfKey(hashText(text, seed));
  const total = 2 * source.count + folds * EPOCHS;
  let done = 0;
  const pause = pauser(signal);
  const step = async () => {
    options.onProgress?.(++done, total);
    await pause();
  };

  // First pass: encode every sentence with its fold, count tagged forms.
  const encoding = new CorpusEncoding();
  /** Each sentence's text, hashed: a model is trained on no copy of a sentence it scores. */
  const copyKeys: number[] = [];
  const paths: string[] = [];
  let entities = 0;
  await source.forEach(async ({ path, doc }) => {
    entities += doc.entities.length;
    const fold = documentFolds[paths.length] ?? hashText(path, seed) % folds;
    foldOfPath.set(path, fold);
    paths.push(path);
    for (const sentence of taggedSentences(doc)) {
      const encoded = encodeSentence(sentence, index, labels);
      forms.countTagged(encoded.types, encoded.tags);
      const key = hashText(sentence.text, seed);
      copyKeys.push(key);
      encoding.add(encoded, byDocument ? fold : foldOfKey(key));
    }
    encoding.endDocument();
    await step();
  });
  // Copies in other documents (a merged export kept beside its parts) can leave a fold by document
  // little to train on, as no model trains on a copy of what it scores: then sentences are folded
  // by their text, copies together, as for a corpus of few documents.
  if (byDocument && copiesStarveFolds(encoding.folds, copyKeys, folds)) {
    byDocument = false;
    copyKeys.forEach((key, s) => (encoding.folds[s] = foldOfKey(key)));
  }
  const corpus = encoding.finish();
  const occurrencesOf = countUntagged(corpus, encoding.documentStarts, paths, forms);

  // Training: one model per fold, on the other folds' sentences (on other threads when a trainer is given).
  const tasks = Array.from({ length: folds }, (_, fold): FoldTask | null => {
    const heldOut: number[] = [];
    encoding.folds.forEach((f, s) => f === fold && heldOut.push(s));
    // Copies of a held-out sentence in other documents (retweets, boilerplate) are no training:
    // the model would learn the very tags it is to judge. By sentence, copies share a fold.
    const heldOutCopies = new Set(heldOut.map((s) => copyKeys[s]));
    const training: number[] = [];
    encoding.folds.forEach(
      (f, s) => f !== fold && !heldOutCopies.has(copyKeys[s]) && training.push(s),
    );
    if (heldOut.length === 0 || training.length === 0) return null;
    return {
      features: index,
      corpus,
      training: Int32Array.from(training),
      heldOut: Int32Array.from(heldOut),
      tagCount: labels.tagCount,
      seed: seed + fold + 1,
    };
  });
  const { trainer } = options;
  const models: Array<TaggerModel | null> = [];
  if (trainer) {
    const trained = tasks.map(async (task) => {
      const model = task && (await trainer(task));
      for (let epoch = 0; epoch < EPOCHS; epoch++) await step();
      return model;
    });
    append(models, await Promise.all(trained));
  } else {
    for (const task of tasks) {
      if (!task) for (let epoch = 0; epoch < EPOCHS; epoch++) await step();
      models.push(
        task &&
          trainFold(task, () => {
            signal?.throwIfAborted();
            options.onProgress?.(++done, total);
          }),
      );
      await pause();
    }
  }

  const scorer = new DocumentScorer(index, labels, forms, models, {
    unit: byDocument ? 'document' : 'sentence',
    fold: (path, text) =>
      byDocument ? (foldOfPath.get(path) ?? hashText(path, seed) % folds) : sentenceFold(text),
    predictions: options.predictions,
    allowed: options.labels && new Set(options.labels),
  });

  // Second pass: score each document with the model that never saw it.
  let suspects: Suspect[] = [];
  const unchecked: SuspectRanking['unchecked'] = [];
  await source.forEach(async (document) => {
    const openMarkup = linesWithOpenMarkup(document.doc);
    if (openMarkup.size > 0)
      unchecked.push({ path: document.path, lines: [...openMarkup].sort((x, y) => x - y) });
    append(suspects, scorer.suspectsOf(document, openMarkup));
    if (limit !== undefined && suspects.length > 2 * limit + 1000) suspects = best(suspects, limit);
    await step();
  });
  return {
    suspects: best(suspects, limit),
    caution: rankingCaution(
      entities,
      unchecked.length > 0,
      tasks.some((task) => task !== null),
    ),
    unchecked,
    unusedLabels: unusedLabels(options.labels ?? [], labels.names),
    rescore(document: SuspectDocument): Suspect[] {
      const old = occurrencesOf.get(document.path);
      if (old) forms.count(old, -1, 'all');
      const fresh = scoredSentences(document.doc, labels).flatMap((sentence) => {
        const { types, tags } = encodeSentence(sentence, index, labels);
        return forms.occurrences(types, tags, true);
      });
      forms.count(fresh, 1, 'all');
      occurrencesOf.set(document.path, fresh);
      return best(scorer.suspectsOf(document));
    },
  };
}

/**
 * Below this many tagged entities, a model trained on the corpus itself flags more annotations that
 * are right than wrong (WNUT-17 with errors injected, BENCHMARKS.md: of the 20 worst suspects, 2–5
 * were errors at 60–220 entities, 14 at 460, all 20 at 900).
 */
export const FEW_ENTITIES = 500;

/** What to tell the user about a ranking whose model learned from few entities, or none; null for enough. */
export function fewEntitiesCaution(entities: number): string | null {
  if (entities >= FEW_ENTITIES) return null;
  if (entities === 0) {
    return (
      'No entity is tagged in the corpus: the model has nothing to learn from, so it raises no ' +
      'suspects of its own.'
    );
  }
  const learned = plural(entities, 'tagged entity', 'tagged entities');
  return (
    `The model learned from ${learned}: below about ${FEW_ENTITIES}, most of its top suspects ` +
    'are false alarms. Treat them as hints.'
  );
}

/**
 * What to tell the user about trusting the ranking, null for nothing: every tag broken (brokenMarkup:
 * some line's markup is), nothing scored (scored: some fold had a model), or few entities.
 */
function rankingCaution(entities: number, brokenMarkup: boolean, scored: boolean): string | null {
  if (entities === 0 && brokenMarkup)
    return (
      'No entity has whole markup: every tag is on a line whose markup is broken, so the model has ' +
      'nothing to learn from. Repair those lines (emend validate names the problems), then rank again.'
    );
  if (entities > 0 && !scored)
    return (
      'Nothing was scored: the corpus is too small to cross-validate (its sentences all fell in one ' +
      'fold, so no model could be trained without them).'
    );
  return fewEntitiesCaution(entities);
}

/**
 * Whether leaving the copies of its held-out sentences out of a fold's training takes away more
 * than half of what it would train on, for some fold.
 */
function copiesStarveFolds(
  sentenceFolds: readonly number[],
  copyKeys: readonly number[],
  folds: number,
): boolean {
  for (let fold = 0; fold < folds; fold++) {
    const heldOut = new Set<number>();
    sentenceFolds.forEach((f, s) => f === fold && heldOut.add(copyKeys[s]));
    let others = 0;
    let kept = 0;
    sentenceFolds.forEach((f, s) => {
      if (f === fold) return;
      others++;
      if (!heldOut.has(copyKeys[s])) kept++;
    });
    if (kept * 2 < others) return true;
  }
  return false;
}

/** The suspects worst first (ties in corpus order), the best limit of them when given. */
function best(suspects: Suspect[], limit?: number): Suspect[] {
  const sorted = suspects
    .map((suspect, order) => ({ suspect, order }))
    .sort((a, b) => b.suspect.score - a.suspect.score || a.order - b.order)
    .map(({ suspect }) => suspect);
  return limit === undefined ? sorted : sorted.slice(0, limit);
}

/**
 * Counts untagged occurrences of tagged forms over the encoded corpus (all tagged forms being
 * known by now) and returns each document's occurrences, so an edited document can be re-counted.
 */
function countUntagged(
  corpus: EncodedSentences,
  documentStarts: readonly number[],
  paths: readonly string[],
  forms: FormStatistics,
): Map<string, FormOccurrence[]> {
  const byPath = new Map<string, FormOccurrence[]>();
  paths.forEach((path, d) => {
    const found: FormOccurrence[] = byPath.get(path) ?? [];
    for (let s = documentStarts[d]; s < documentStarts[d + 1]; s++) {
      const from = corpus.starts[s];
      const to = corpus.starts[s + 1];
      append(
        found,
        forms.occurrences(corpus.types.subarray(from, to), corpus.tags.subarray(from, to)),
      );
    }
    byPath.set(path, found);
  });
  for (const found of byPath.values()) forms.count(found, 1, 'untagged');
  return byPath;
}

/** The labels of a set that no document uses, each with a used label it differs from in case only. */
function unusedLabels(set: readonly string[], used: readonly string[]) {
  return set
    .filter((label) => !used.includes(label))
    .map((label) => {
      const usedAs = used.find((other) => other.toLowerCase() === label.toLowerCase());
      return usedAs ? { label, usedAs } : { label };
    });
}

/**
 * The sentences of a document the models can score: those whose labels they learned (a label an
 * edit brought in since the ranking has no number in their tags; Rank again learns it).
 */
function scoredSentences(doc: BracketDocument, labels: LabelSet): TaggedSentence[] {
  return taggedSentences(doc).filter((sentence) =>
    sentence.labels.every((label) => label === null || labels.knows(label)),
  );
}

interface ScorerOptions {
  unit: string;
  fold: (path: string, sentence: string) => number;
  predictions: RankOptions['predictions'];
  /** The labels a fix may propose; every one when undefined. */
  allowed: ReadonlySet<string> | undefined;
}

/** Scores documents with their folds' models and turns what the evidence says into suspects. */
class DocumentScorer {
  private readonly features = new SentenceFeatures();
  private readonly scratch = new Scratch();
  private path = new Uint16Array(64);

  constructor(
    private readonly index: FeatureIndex,
    private readonly labels: LabelSet,
    private readonly forms: FormStatistics,
    private readonly models: ReadonlyArray<TaggerModel | null>,
    private readonly options: ScorerOptions,
  ) {}

  /** The document's suspects, but on lines whose markup is broken (validate reports those; no fix may tag there). */
  suspectsOf(
    { path, doc }: SuspectDocument,
    openMarkup: ReadonlySet<number> = linesWithOpenMarkup(doc),
  ): Suspect[] {
    const position = filePositions(doc);
    const suspects: Suspect[] = [];
    for (const sentence of scoredSentences(doc, this.labels)) {
      const model = this.models[this.options.fold(path, sentence.text)];
      if (!model) continue;
      // A fix never tags markup: the token starting with a tag, or inside one, is left out of it.
      const isMarkup = (token: number) => isMarkupToken(sentence.text, sentence.tokens[token][0]);
      for (const candidate of this.sentenceSuspects(sentence, model)) {
        const found = offMarkup(candidate, isMarkup);
        if (!found) continue;
        const suspect = this.suspect(path, doc, sentence, found, position);
        if (
          !openMarkup.has(suspect.line) &&
          this.allows(suspect.suggestion) &&
          fixSpanProblem(doc.text, suspect) === null
        )
          suspects.push(suspect);
      }
    }
    return suspects;
  }

  /** Whether a fix proposes no label outside the label set. */
  private allows(fix: SuspectFix): boolean {
    const { allowed } = this.options;
    return !allowed || !('label' in fix) || allowed.has(fix.label);
  }

  private sentenceSuspects(sentence: TaggedSentence, model: TaggerModel): TokenSuspect[] {
    const { types, tags } = encodeSentence(sentence, this.index, this.labels);
    const n = types.length;
    this.index.sentenceFeatures(types, this.features);
    const scores = emissionScores(model, this.features, n, this.scratch);
    if (this.path.length < n) this.path = new Uint16Array(2 * n);
    const path = this.path.subarray(0, n);
    let probabilities: Float64Array;
    if (model.entityTokens > 0) {
      viterbi(scores, model.transition, model.tagCount, n, this.scratch, path);
      probabilities = tagProbabilities(model, scores, n, this.scratch);
    } else {
      // A model that never saw an entity has no opinion on them: it is taken to agree with the
      // annotation (the corpus's evidence still counts).
      path.set(tags);
      probabilities = scores.fill(0, 0, n * model.tagCount);
      tags.forEach((tag, i) => (probabilities[i * model.tagCount + tag] = 1));
    }
    return sentenceSuspects(
      {
        text: sentence.text,
        tokens: sentence.tokens,
        gold: tags,
        probabilities,
        path,
        occurrences: this.forms.occurrences(types, tags),
        predicted: this.options.predictions?.forLine(sentence.text),
      },
      { labels: this.labels.names, unit: this.options.unit },
    );
  }

  private suspect(
    path: string,
    doc: BracketDocument,
    sentence: TaggedSentence,
    found: TokenSuspect,
    position: (offset: number) => { line: number; column: number },
  ): Suspect {
    const offsetOf = (token: number, side: 0 | 1) => sentence.offset + sentence.tokens[token][side];
    let start = offsetOf(found.from, 0);
    let end = offsetOf(found.to - 1, 1);
    const label = found.label === -1 ? null : this.labels.names[found.label];
    if (label !== null) {
      // The entity itself, should its edges not fall on token edges.
      const entity = entitiesOverlapping(doc.entities, start, end).find((e) => e.label === label);
      if (entity) ({ start, end } = entity);
    }
    const { line, column } = position(start);
    return {
      path,
      line,
      column,
      endColumn: position(end).column,
      start,
      end,
      text: detached(doc.text.slice(start, end)),
      ...sentenceAround(sentence, start, end),
      kind: kindOf(found.fix),
      label,
      suggestion: this.fix(found.fix, doc.text, offsetOf),
      score: found.score,
      reasons: found.reasons,
    };
  }

  private fix(
    fix: TokenFix,
    text: string,
    offsetOf: (token: number, side: 0 | 1) => number,
  ): SuspectFix {
    const label = (number: number) => this.labels.names[number];
    switch (fix.kind) {
      case 'remove':
        return { kind: 'remove' };
      case 'relabel':
      case 'add':
        return { kind: fix.kind, label: label(fix.label) };
      case 'extent':
        return {
          kind: 'extent',
          from: offsetOf(fix.from, 0),
          to: offsetOf(fix.to - 1, 1),
          text: detached(text.slice(offsetOf(fix.from, 0), offsetOf(fix.to - 1, 1))),
          label: label(fix.label),
        };
    }
  }
}

/**
 * Characters of a suspect's line kept on each side of its span. A longer line is cut there, so its
 * suspects do not each hold, and send the app, the whole line (the thousands of a 240 KB line held
 * gigabytes); a snippet shows fewer.
 */
export const SENTENCE_CONTEXT = 500;

/**
 * A suspect's sentence: its line within SENTENCE_CONTEXT characters of the span [start, end)
 * (plain-text offsets) and never cutting a surrogate pair, and where that starts in the plain text.
 */
function sentenceAround(
  { text, offset }: TaggedSentence,
  start: number,
  end: number,
): Pick<Suspect, 'sentence' | 'sentenceStart'> {
  // A cut before a low surrogate would part it from its high one.
  const splitsPair = (cut: number) => isLowSurrogate(text.charCodeAt(cut));
  let from = Math.max(0, start - offset - SENTENCE_CONTEXT);
  let to = Math.min(text.length, end - offset + SENTENCE_CONTEXT);
  if (from > 0 && splitsPair(from)) from++;
  if (splitsPair(to)) to--;
  return { sentence: detached(text.slice(from, to)), sentenceStart: offset + from };
}

function kindOf(fix: TokenFix): Suspect['kind'] {
  return fix.kind === 'relabel'
    ? 'wrong-label'
    : fix.kind === 'remove'
      ? 'not-an-entity'
      : fix.kind === 'add'
        ? 'missing-entity'
        : 'wrong-boundary';
}

/**
 * A pause that lets the event loop run (a cancel can arrive) at most every 50 ms of work, and
 * throws the signal's reason once it is aborted.
 */
function pauser(signal?: AbortSignal): () => Promise<void> {
  let last = Date.now();
  return async () => {
    signal?.throwIfAborted();
    if (Date.now() - last < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = Date.now();
    signal?.throwIfAborted();
  };
}

/** A source over documents held in memory (tests, a workspace that has them parsed). */
export function sourceOf(documents: readonly SuspectDocument[]): SuspectSource {
  return {
    count: documents.length,
    async forEach(visit) {
      for (const document of documents) await visit(document);
    },
  };
}
