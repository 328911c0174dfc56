// One fold's model of the suspect ranking: trained on the other folds' sentences, its probability scale fitted on its own.
import { SentenceFeatures, type FeatureTable, type PackedFeatures } from './features';
import { seededRandom } from './random';
import {
  emissionScores,
  Scratch,
  tagProbabilities,
  trainTagger,
  type EncodedSentences,
  type TaggerModel,
} from './tagger';

/** Cross-validation folds unless asked otherwise. */
export const DEFAULT_FOLDS = 5;
/** Passes of the perceptron over its training sentences. */
export const EPOCHS = 3;
/** Held-out sentences the probability scale of a fold's model is fitted on, at most. */
const CALIBRATION_SENTENCES = 500;

/** Everything one fold's training reads: plain data, so that it can be trained on another thread. */
export interface FoldTask {
  features: FeatureTable;
  corpus: EncodedSentences;
  /** The sentences trained on (the other folds'), and the fold's own, which the scale is fitted on. */
  training: Int32Array;
  heldOut: Int32Array;
  tagCount: number;
  /** Seeds the training order. */
  seed: number;
}

/** A fold task as it crosses to another thread: the feature table packed. */
export type PackedFoldTask = Omit<FoldTask, 'features'> & { features: PackedFeatures };

/** The fold's model; onEpoch is called after each pass (it may throw to stop). */
export function trainFold(task: FoldTask, onEpoch?: () => void): TaggerModel {
  const { features, corpus, training, heldOut, tagCount, seed } = task;
  const model = trainTagger(features, corpus, training, tagCount, {
    epochs: EPOCHS,
    random: seededRandom(seed),
    onEpoch,
  });
  model.scale = fitScale(model, features, corpus, heldOut.subarray(0, CALIBRATION_SENTENCES));
  return model;
}

/**
 * The probability scale that best explains the held-out sentences' annotation (most of it right):
 * a golden-section search on the log of the scale for the highest mean log probability of the
 * annotated tags.
 */
function fitScale(
  model: TaggerModel,
  index: FeatureTable,
  corpus: EncodedSentences,
  sentences: Int32Array,
): number {
  const T = model.tagCount;
  const features = new SentenceFeatures();
  const scratch = new Scratch();
  const cached = Array.from(sentences, (s) => {
    const from = corpus.starts[s];
    const n = corpus.starts[s + 1] - from;
    index.sentenceFeatures(corpus.types.subarray(from, from + n), features);
    const scores = emissionScores(model, features, n, scratch).slice(0, n * T);
    return { scores, gold: corpus.tags.subarray(from, from + n), n };
  });
  const likelihood = (logScale: number) => {
    let sum = 0;
    for (const { scores, gold, n } of cached) {
      scratch.reserve(n * T);
      scratch.scores.set(scores);
      const P = tagProbabilities(model, scratch.scores, n, scratch, Math.exp(logScale));
      for (let i = 0; i < n; i++) sum += Math.log(Math.max(1e-9, P[i * T + gold[i]]));
    }
    return sum;
  };
  let low = Math.log(0.01);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = likelihood(a);
  let fb = likelihood(b);
  for (let k = 0; k < 14; k++) {
    if (fa < fb) {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = likelihood(b);
    } else {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = likelihood(a);
    }
  }
  return Math.exp((low + high) / 2);
}
