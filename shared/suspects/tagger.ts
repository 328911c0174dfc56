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
  tags: Uint8Array;
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

/** The best tag sequence under the scores and transitions (respecting IOB2), into path. */
export function viterbi(
  scores: Float64Array,
  transition: Float32Array,
  T: number,
  n: number,
  scratch: Scratch,
  path: Uint8Array,
): void {
  const best = scratch.alpha;
  const back = scratch.back;
  const ok = allowedTable(T);
  for (let t = 0; t < T; t++)
    best[t] = ok[T * T + t] ? scores[t] + transition[T * T + t] : -Infinity;
  for (let i = 1; i < n; i++) {
    const previous = (i - 1) * T;
    for (let t = 0; t < T; t++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (ok[p * T + t] === 0) continue;
        const value = best[previous + p] + transition[p * T + t];
        if (value > top) {
          top = value;
          arg = p;
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
  for (let t = 0; t < T; t++) alpha[t] = step[T * T + t] * scores[t];
  normalize(alpha, 0);
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let p = 0; p < T; p++) sum += alpha[(i - 1) * T + p] * step[p * T + t];
      alpha[i * T + t] = sum * scores[i * T + t];
    }
    normalize(alpha, i * T);
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 1;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      let sum = 0;
      for (let t = 0; t < T; t++)
        sum += step[p * T + t] * scores[(i + 1) * T + t] * beta[(i + 1) * T + t];
      beta[i * T + p] = sum;
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
  const model = { tagCount: T, featureCount, emission: weights, transition, scale: 1 };
  const features = new SentenceFeatures();
  const scratch = new Scratch();
  let path = new Uint8Array(64);
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
      if (path.length < n) path = new Uint8Array(2 * n);
      viterbi(scores, transition, T, n, scratch, path);
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
