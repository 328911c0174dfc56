// What the suspect ranking takes and gives: documents from a re-readable source, ranked likely annotation errors, each with a fix.
//
//   const ranking = await rankSuspects(source, { folds: 5, seed: 1, onProgress, signal }); // ./rank
//   ranking.suspects;                       // worst first
//   ranking.rescore({ path, doc: edited }); // one document again, no retraining
//   fixTransaction(doc, suspect);           // ./fix: the suggestion as one undoable edit
import type { BracketDocument, Entity } from '../format/document';
import type { FoldTask } from './folds';
import type { TaggerModel } from './tagger';

export type SuspectKind = 'wrong-label' | 'not-an-entity' | 'missing-entity' | 'wrong-boundary';

/**
 * The fix a suspect suggests, applied as one edit (see fixTransaction):
 * - relabel: the entity at [start, end) takes label;
 * - remove: the entity at [start, end) is untagged;
 * - add: [start, end), untagged today, is tagged label;
 * - extent: the entities overlapping [start, end) are replaced by one entity [from, to) tagged label
 *   (plain-text offsets, as start and end; text is what [from, to) holds).
 */
export type SuspectFix =
  | { kind: 'relabel'; label: string }
  | { kind: 'remove' }
  | { kind: 'add'; label: string }
  | { kind: 'extent'; from: number; to: number; text: string; label: string };

export interface Suspect {
  /** The document: its id in a workspace, its path in the CLI (as the source named it). */
  path: string;
  /**
   * 1-based line and columns in the bracket file (code points, markup counted) of start and end:
   * for an entity, [column, endColumn) covers it with its markup, `[LOC Quint  ]`.
   */
  line: number;
  column: number;
  endColumn: number;
  /** [start, end) in UTF-16 units of the document's plain text: the span the suspect is about. */
  start: number;
  end: number;
  /** The plain text of the span. */
  text: string;
  /**
   * The plain text of the span's line (its sentence), for a snippet and to notice it changed; of a
   * long line, the part within SENTENCE_CONTEXT characters of the span (./rank).
   */
  sentence: string;
  /** Where that text starts in the plain text (the span is at start - sentenceStart in it). */
  sentenceStart: number;
  kind: SuspectKind;
  /** The label of the entity at the span today; null for a missing entity. */
  label: string | null;
  suggestion: SuspectFix;
  /** How likely the annotation here is wrong, from 0 to 1 (a ranking score, not a calibrated probability). */
  score: number;
  /** The evidence in words, strongest first. */
  reasons: string[];
}

/** One document of the corpus as the ranking reads it. */
export interface SuspectDocument {
  path: string;
  doc: BracketDocument;
}

/**
 * The corpus, read once per pass: forEach hands every document to visit in the same order each
 * time, one at a time, waiting for visit before reading the next, so memory holds one document.
 */
export interface SuspectSource {
  /** How many documents forEach visits. */
  readonly count: number;
  forEach(visit: (document: SuspectDocument) => void | Promise<void>): Promise<void>;
}

/** What an external tagger predicted for one line of text. */
export interface PredictedLine {
  /** Entities over the line's text, by start: [start, end) in UTF-16 units from the line's start. */
  entities: readonly Entity[];
  /**
   * Optional per-token probabilities, one entry per whitespace token of the line in order: each
   * maps an IOB2 tag (`O`, `B-ORG`, `I-ORG`, ...) to its probability.
   */
  tokens?: ReadonlyArray<Readonly<Record<string, number>>>;
}

/** An external tagger's predictions, found by the exact text of a line (so any file layout matches). */
export interface Predictions {
  forLine(text: string): PredictedLine | undefined;
}

export interface RankOptions {
  /** Cross-validation folds: each document is scored by a model trained on the other folds (default 5). */
  folds?: number;
  /** Seeds the fold assignment and the training order: the same seed gives the same ranking (default 1). */
  seed?: number;
  /**
   * The label set: no fix proposes a label outside it. The model learns the labels the documents
   * use, whatever the set (a label no document uses would be an untrained tag); by default, all.
   */
  labels?: readonly string[];
  /** An external tagger's predictions, weighed in as one more piece of evidence. */
  predictions?: Predictions;
  /** Keep only the best this many suspects. */
  limit?: number;
  /** Called as the work proceeds: done out of total steps. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the ranking: rankSuspects then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Trains a fold's model elsewhere (on another thread), the folds at once; by default each in turn here. */
  trainer?: (task: FoldTask) => Promise<TaggerModel>;
}

/** The outcome of a ranking: the suspects, worst first, and a way to score an edited document again. */
export interface SuspectRanking {
  suspects: Suspect[];
  /** Said beside the suspects when they deserve less trust (few entities, none whole, nothing scored); else null. */
  caution: string | null;
  /**
   * Per document (in corpus order), the lines whose markup is broken: no suspect is given there,
   * as no fix may tag there (validate names their problems). Documents without any are left out.
   */
  unchecked: Array<{ path: string; lines: number[] }>;
  /**
   * The labels of the set (RankOptions.labels) that no document uses, never proposed; each with
   * the label the documents use that differs only in letter case, if one does.
   */
  unusedLabels: Array<{ label: string; usedAs?: string }>;
  /**
   * The suspects of one document after an edit (or of a document new to the corpus), scored by
   * the model that never saw it, with the corpus evidence updated for its new annotation: no
   * retraining. Worst first; the limit does not apply.
   */
  rescore(document: SuspectDocument): Suspect[];
}
