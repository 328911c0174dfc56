// An averaged structured perceptron over IOB2 tags: training, Viterbi decoding and per-token tag probabilities.
import { SentenceFeatures, type FeatureTable } from './features';
import { shuffle } from './random';

/** Tags are numbered O = 0, then B-label and I-label for each label k: 1 + 2k and 2 + 2k. */
export const OUTSIDE = 0;
export const beginTag = (label: number) => 1 + 2 * label;
export const insideTag = (label: number) => 2 + 2 * label;
export const labelOfTag = (tag: number) => (tag - 1) >> 1;
export const isBegin = (tag: number) => tag > 0 && (tag & 1) === 1;

/** Whether tag may follow previous (-1: the sentence start): I-X only after B-X or I-X. */
function allowed(previous: number, tag: number): boolean {
  if (tag === OUTSIDE || isBegin(tag)) return true;
  return previous > 0 && labelOfTag(previous) === labelOfTag(tag);
}

const allowedTables = new Map<number, Uint8Array>();

/** allowed(p, t) for every pair, at [(p === -1 ? T : p) * T + t]. */
function allowedTable(T: number): Uint8Array {
  let table = allowedTables.get(T);
  if (!table) {
    table = new Uint8Array((T + 1) * T);
    for (let p = -1; p < T; p++)
      for (let t = 0; t < T; t++) table[(p === -1 ? T : p) * T + t] = allowed(p, t) ? 1 : 0;
    allowedTables.set(T, table);
  }
  return table;
}

/** Sentences encoded as form ids and gold tags, laid end to end. */
export interface EncodedSentences {
  types: Int32Array;
  tags: Uint16Array;
  /** Sentence s holds tokens [starts[s], starts[s + 1]). */
  starts: Int32Array;
}

/** A trained model: emission weights per feature and tag, transition weights, and the probability scale. */
export interface TaggerModel {
  tagCount: number;
  featureCount: number;
  emission: Float32Array;
  /** (tagCount + 1) rows of tagCount: row p is the tag before (the last row the sentence start). */
  transition: Float32Array;
  /** Multiplies scores before they are turned into probabilities (fitted on held-out sentences). */
  scale: number;
  /** Tokens inside entities in the text it was trained on: none, and it knows nothing of entities. */
  entityTokens: number;
}

/** Reusable buffers for scoring one sentence. */
export class Scratch {
  scores = new Float64Array(0);
  back = new Int32Array(0);
  alpha = new Float64Array(0);
  beta = new Float64Array(0);

  reserve(size: number): void {
    if (this.scores.length >= size) return;
    this.scores = new Float64Array(2 * size);
    this.back = new Int32Array(2 * size);
    this.alpha = new Float64Array(2 * size);
    this.beta = new Float64Array(2 * size);
  }
}

/** Emission scores of each token and tag into scratch.scores[i * tagCount + t]. */
export function emissionScores(
  model: Pick<TaggerModel, 'tagCount' | 'featureCount' | 'emission'>,
  features: SentenceFeatures,
  n: number,
  scratch: Scratch,
): Float64Array {
  const { tagCount: T, featureCount, emission } = model;
  scratch.reserve(n * T);
  const scores = scratch.scores;
  scores.fill(0, 0, n * T);
  const { ids, starts } = features;
  for (let i = 0; i < n; i++) {
    const row = i * T;
    for (let k = starts[i]; k < starts[i + 1]; k++) {
      const f = ids[k];
      if (f >= featureCount) continue;
      const base = f * T;
      for (let t = 0; t < T; t++) scores[row + t] += emission[base + t];
    }
  }
  return scores;
}

/**
 * The transitions whose weight may not be 0, by the tag after (into) and the tag before (outOf, T
 * for the sentence start): what decoding reads besides the labels' own I-X steps, so its cost grows
 * with the pairs seen in training rather than with the square of the tags.
 */
export class TransitionPairs {
  readonly into: number[][];
  readonly outOf: number[][];
  private readonly listed: Uint8Array;

  constructor(private readonly T: number) {
    this.into = Array.from({ length: T }, () => []);
    this.outOf = Array.from({ length: T + 1 }, () => []);
    this.listed = new Uint8Array((T + 1) * T);
  }

  add(before: number, tag: number): void {
    if (this.listed[before * this.T + tag] === 1) return;
    this.listed[before * this.T + tag] = 1;
    this.into[tag].push(before);
    this.outOf[before].push(tag);
  }

  has(before: number, tag: number): boolean {
    return this.listed[before * this.T + tag] === 1;
  }
}

const pairsOfModels = new WeakMap<Float32Array, TransitionPairs>();

/** The non-zero transitions of a trained model, found once. */
function pairsOf(transition: Float32Array, T: number): TransitionPairs {
  let pairs = pairsOfModels.get(transition);
  if (!pairs) {
    pairs = new TransitionPairs(T);
    for (let k = 0; k < transition.length; k++)
      if (transition[k] !== 0) pairs.add(Math.floor(k / T), k % T);
    pairsOfModels.set(transition, pairs);
  }
  return pairs;
}

/** How many of the best tags before a token are kept to find the best one whose step to a tag weighs 0. */
const LEADERS = 4;

/**
 * The best tag sequence under the scores and transitions (respecting IOB2), into path. Into O or
 * B-X any tag may step: the best step is the best of the listed pairs' and of the best tag before
 * whose step weighs 0 (among the few leaders, else all are tried); into I-X only B-X and I-X step.
 * Ties go to the lowest tag, as in a plain scan.
 */
export function viterbi(
  scores: Float64Array,
  transition: Float32Array,
  T: number,
  n: number,
  scratch: Scratch,
  path: Uint16Array,
  pairs = pairsOf(transition, T),
): void {
  const best = scratch.alpha;
  const back = scratch.back;
  const ok = allowedTable(T);
  const leaders = new Int32Array(LEADERS);
  for (let t = 0; t < T; t++)
    best[t] = ok[T * T + t] ? scores[t] + transition[T * T + t] : -Infinity;
  for (let i = 1; i < n; i++) {
    const previous = (i - 1) * T;
    const count = topTags(best, previous, T, leaders);
    for (let t = 0; t < T; t++) {
      let top = -Infinity;
      let arg = 0;
      if (t > 0 && !isBegin(t)) {
        // Into I-X only B-X (t - 1) and I-X step.
        for (let p = t - 1; p <= t; p++) {
          const value = best[previous + p] + transition[p * T + t];
          if (value > top) {
            top = value;
            arg = p;
          }
        }
      } else {
        // Into O or B-X every tag steps: a leader whose step weighs 0 is the best of the unlisted
        // steps, so only the listed ones can beat it; else every tag is tried.
        let unlisted = -1;
        for (let j = 0; j < count && unlisted === -1; j++)
          if (!pairs.has(leaders[j], t)) unlisted = leaders[j];
        if (unlisted === -1) {
          for (let p = 0; p < T; p++) {
            const value = best[previous + p] + transition[p * T + t];
            if (value > top) {
              top = value;
              arg = p;
            }
          }
        } else {
          top = best[previous + unlisted];
          arg = unlisted;
          for (const p of pairs.into[t]) {
            if (p >= T) continue;
            const value = best[previous + p] + transition[p * T + t];
            if (value > top || (value === top && p < arg)) {
              top = value;
              arg = p;
            }
          }
        }
      }
      best[i * T + t] = top + scores[i * T + t];
      back[i * T + t] = arg;
    }
  }
  let last = 0;
  for (let t = 1; t < T; t++) if (best[(n - 1) * T + t] > best[(n - 1) * T + last]) last = t;
  for (let i = n - 1; i >= 0; i--) {
    path[i] = last;
    last = back[i * T + last];
  }
}

/** The best tags of values[from .. from + T), best first (ties: lowest tag first), into leaders; how many. */
function topTags(values: Float64Array, from: number, T: number, leaders: Int32Array): number {
  let count = 0;
  for (let t = 0; t < T; t++) {
    const value = values[from + t];
    let j = count < leaders.length ? count++ : leaders.length;
    while (j > 0 && values[from + leaders[j - 1]] < value) {
      if (j < leaders.length) leaders[j] = leaders[j - 1];
      j--;
    }
    if (j < leaders.length) leaders[j] = t;
  }
  return count;
}

const potentials = new WeakMap<TaggerModel, { scale: number; step: Float64Array }>();

/** exp(scale · transition), 0 where IOB2 forbids the step; kept per model for its last scale. */
function transitionPotentials(model: TaggerModel, scale: number): Float64Array {
  const kept = potentials.get(model);
  if (kept?.scale === scale) return kept.step;
  const { tagCount: T, transition } = model;
  const ok = allowedTable(T);
  const step = new Float64Array((T + 1) * T);
  for (let k = 0; k < step.length; k++) step[k] = ok[k] ? Math.exp(scale * transition[k]) : 0;
  potentials.set(model, { scale, step });
  return step;
}

/**
 * The probability of each tag at each token (forward-backward over exp(scale · score), IOB2
 * respected), written over scratch.scores: marginals[i * T + t].
 */
export function tagProbabilities(
  model: TaggerModel,
  scores: Float64Array,
  n: number,
  scratch: Scratch,
  scale = model.scale,
): Float64Array {
  const T = model.tagCount;
  const { alpha, beta } = scratch;
  const step = transitionPotentials(model, scale);
  // Potentials per token, shifted by the token's best score so they stay in range.
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let t = 0; t < T; t++) top = Math.max(top, scores[i * T + t]);
    for (let t = 0; t < T; t++) scores[i * T + t] = Math.exp(scale * (scores[i * T + t] - top));
  }
  const normalize = (vector: Float64Array, from: number) => {
    let sum = 0;
    for (let t = 0; t < T; t++) sum += vector[from + t];
    for (let t = 0; t < T; t++) vector[from + t] /= sum;
  };
  // Into O or B-X every tag steps with potential 1 but for the listed pairs; into I-X only B-X and I-X.
  const { into, outOf } = pairsOf(model.transition, T);
  for (let t = 0; t < T; t++) alpha[t] = step[T * T + t] * scores[t];
  normalize(alpha, 0);
  for (let i = 1; i < n; i++) {
    const from = (i - 1) * T;
    let free = 0;
    for (let p = 0; p < T; p++) free += alpha[from + p];
    for (let t = 0; t < T; t++) {
      let sum: number;
      if (t > 0 && !isBegin(t)) {
        sum = alpha[from + t - 1] * step[(t - 1) * T + t] + alpha[from + t] * step[t * T + t];
      } else {
        sum = free;
        for (const p of into[t]) if (p < T) sum += alpha[from + p] * (step[p * T + t] - 1);
      }
      alpha[i * T + t] = Math.max(0, sum) * scores[i * T + t];
    }
    normalize(alpha, i * T);
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 1;
  for (let i = n - 2; i >= 0; i--) {
    const next = (i + 1) * T;
    let free = 0;
    for (let t = 0; t < T; t++)
      if (t === 0 || isBegin(t)) free += scores[next + t] * beta[next + t];
    for (let p = 0; p < T; p++) {
      let sum = free;
      for (const t of outOf[p])
        if (t === 0 || isBegin(t)) sum += scores[next + t] * beta[next + t] * (step[p * T + t] - 1);
      if (p > 0) {
        const inside = insideTag(labelOfTag(p));
        sum += step[p * T + inside] * scores[next + inside] * beta[next + inside];
      }
      beta[i * T + p] = Math.max(0, sum);
    }
    normalize(beta, i * T);
  }
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) scores[i * T + t] = alpha[i * T + t] * beta[i * T + t];
    normalize(scores, i * T);
  }
  return scores;
}

export interface TrainingOptions {
  epochs: number;
  random: () => number;
  /** Called after each epoch; may throw to stop. */
  onEpoch?: () => void;
}

/** Trains an averaged perceptron on the sentences listed (indices into corpus), in a seeded order per epoch. */
export function trainTagger(
  index: FeatureTable,
  corpus: EncodedSentences,
  sentences: Int32Array,
  tagCount: number,
  { epochs, random, onEpoch }: TrainingOptions,
): TaggerModel {
  const T = tagCount;
  const featureCount = index.featureCount;
  const weights = new Float32Array(featureCount * T);
  // Sums of (update step · change): the average is weights − totals / steps.
  const totals = new Float32Array(featureCount * T);
  const transition = new Float32Array((T + 1) * T);
  const transitionTotals = new Float32Array((T + 1) * T);
  const pairs = new TransitionPairs(T);
  let entityTokens = 0;
  for (const s of sentences)
    for (let i = corpus.starts[s]; i < corpus.starts[s + 1]; i++)
      if (corpus.tags[i] !== OUTSIDE) entityTokens++;
  const model = {
    tagCount: T,
    featureCount,
    emission: weights,
    transition,
    scale: 1,
    entityTokens,
  };
  const features = new SentenceFeatures();
  const scratch = new Scratch();
  let path = new Uint16Array(64);
  const order = Array.from(sentences);
  let clock = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const s of order) {
      const from = corpus.starts[s];
      const n = corpus.starts[s + 1] - from;
      const gold = corpus.tags.subarray(from, from + n);
      index.sentenceFeatures(corpus.types.subarray(from, from + n), features);
      const scores = emissionScores(model, features, n, scratch);
      if (path.length < n) path = new Uint16Array(2 * n);
      viterbi(scores, transition, T, n, scratch, path, pairs);
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = path[i];
        if (g !== p) {
          for (let k = features.starts[i]; k < features.starts[i + 1]; k++) {
            const base = features.ids[k] * T;
            weights[base + g] += 1;
            weights[base + p] -= 1;
            totals[base + g] += clock;
            totals[base + p] -= clock;
          }
        }
        const goldBefore = i === 0 ? T : gold[i - 1];
        const pathBefore = i === 0 ? T : path[i - 1];
        if (g !== p || goldBefore !== pathBefore) {
          transition[goldBefore * T + g] += 1;
          transition[pathBefore * T + p] -= 1;
          transitionTotals[goldBefore * T + g] += clock;
          transitionTotals[pathBefore * T + p] -= clock;
          pairs.add(goldBefore, g);
          pairs.add(pathBefore, p);
        }
      }
      clock++;
    }
    onEpoch?.();
  }
  for (let k = 0; k < weights.length; k++) weights[k] -= totals[k] / clock;
  for (let k = 0; k < transition.length; k++) transition[k] -= transitionTotals[k] / clock;
  return model;
}
