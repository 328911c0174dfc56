// Scores of AFTER against BEFORE as the reference: strict (= conlleval), exact, partial and type, per label too.
import type { Entity } from '../format/document';
import { pairKind, visitPairs, type PairKind } from './match';

export type ScoreScheme = 'strict' | 'exact' | 'partial' | 'type';
export const SCORE_SCHEMES: readonly ScoreScheme[] = ['strict', 'exact', 'partial', 'type'];

/** SemEval-2013 counts (COR, INC, PAR, MIS, SPU) and the measures computed from them. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  correct: number;
  incorrect: number;
  partial: number;
  missed: number;
  spurious: number;
  /** COR + INC + PAR + MIS: the entities of BEFORE. */
  possible: number;
  /** COR + INC + PAR + SPU: the entities of AFTER. */
  actual: number;
}

/** Whether a score is none at all: neither version holds an entity (its F1 is 0, as conlleval gives, and shown –). */
export const noScore = (score: Score): boolean => score.possible === 0 && score.actual === 0;

export type SchemeScores = Record<ScoreScheme, Score & { labels: Record<string, Score> }>;

export type Category = 'correct' | 'incorrect' | 'partial' | 'missed' | 'spurious';

/** Each pair kind's category in each scheme, as FORMAT.md §3 (after nervaluate) defines them. */
const CATEGORY: Record<PairKind, Record<ScoreScheme, Category>> = {
  same: { strict: 'correct', exact: 'correct', partial: 'correct', type: 'correct' },
  relabeled: { strict: 'incorrect', exact: 'correct', partial: 'correct', type: 'incorrect' },
  overlap: { strict: 'incorrect', exact: 'incorrect', partial: 'partial', type: 'correct' },
  'overlap-relabeled': {
    strict: 'incorrect',
    exact: 'incorrect',
    partial: 'partial',
    type: 'incorrect',
  },
  missing: { strict: 'missed', exact: 'missed', partial: 'missed', type: 'missed' },
  spurious: { strict: 'spurious', exact: 'spurious', partial: 'spurious', type: 'spurious' },
};

/** Precision, recall and F1 from counts; 0 where a denominator is 0, as conlleval reports it. */
export function scoreFromCounts(counts: Record<Category, number>): Score {
  const possible = counts.correct + counts.incorrect + counts.partial + counts.missed;
  const actual = counts.correct + counts.incorrect + counts.partial + counts.spurious;
  const credit = counts.correct + 0.5 * counts.partial;
  const precision = actual > 0 ? credit / actual : 0;
  const recall = possible > 0 ? credit / possible : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, ...counts, possible, actual };
}

function emptyCounts(): Record<Category, number> {
  return { correct: 0, incorrect: 0, partial: 0, missed: 0, spurious: 0 };
}

const PAIR_KINDS = Object.keys(CATEGORY) as PairKind[];

/**
 * Counts of each scheme. strict (= conlleval) over the one-to-one pairing of before and after, so
 * that its precision and recall are correct / |after| and correct / |before|; exact, partial and
 * type as nervaluate counts them (FORMAT.md §3): each after-entity is COR where before holds it
 * (span and label), else takes its category from the first before-entity it overlaps, else is SPU;
 * a before-entity no after-entity took is MIS. They differ where an entity is split or merged.
 */
export function countPairs(
  before: readonly Entity[],
  after: readonly Entity[],
): Record<ScoreScheme, Record<Category, number>> {
  const counts = {
    strict: emptyCounts(),
    exact: emptyCounts(),
    partial: emptyCounts(),
    type: emptyCounts(),
  };
  // Kinds are counted first, each kind then added to its category in the schemes it counts for:
  // one map update per entity rather than one per scheme (agree counts every pair of copies).
  const tally = (schemes: readonly ScoreScheme[]) => {
    const kinds = new Map<PairKind, number>();
    const visit = (kind: PairKind) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    return {
      visit,
      add() {
        for (const kind of PAIR_KINDS) {
          const n = kinds.get(kind) ?? 0;
          if (n > 0) for (const scheme of schemes) counts[scheme][CATEGORY[kind][scheme]] += n;
        }
      },
    };
  };
  const strict = tally(['strict']);
  visitPairs(before, after, strict.visit);
  strict.add();
  const overlaps = tally(['exact', 'partial', 'type']);
  visitFirstOverlaps(before, after, overlaps.visit);
  overlaps.add();
  return counts;
}

/**
 * Each after-entity's kind against the before-entity that holds it, else the first it overlaps
 * (spurious when none), then a missing for each before-entity none took: nervaluate's categories.
 * Both sides in text order.
 */
function visitFirstOverlaps(
  before: readonly Entity[],
  after: readonly Entity[],
  visit: (kind: PairKind) => void,
): void {
  const taken = new Uint8Array(before.length);
  let low = 0;
  for (const entity of after) {
    while (low < before.length && before[low].end <= entity.start) low++;
    let first = -1;
    let held = -1;
    for (let k = low; held === -1 && k < before.length && before[k].start < entity.end; k++) {
      if (before[k].end <= entity.start) continue;
      if (first === -1) first = k;
      if (pairKind(before[k], entity) === 'same') held = k;
    }
    const k = held !== -1 ? held : first;
    if (k === -1) {
      visit('spurious');
      continue;
    }
    taken[k] = 1;
    visit(pairKind(before[k], entity));
  }
  for (const wasTaken of taken) if (!wasTaken) visit('missing');
}

/** Adds counts into a running total (for scoring a corpus of documents). */
export function addCounts(
  total: Record<ScoreScheme, Record<Category, number>>,
  more: Record<ScoreScheme, Record<Category, number>>,
): void {
  for (const scheme of SCORE_SCHEMES) {
    for (const category of Object.keys(more[scheme]) as Category[]) {
      total[scheme][category] += more[scheme][category];
    }
  }
}

/** Counts overall and per label: the per-label counts pair only the entities of that label. */
export interface ScoreCounts {
  overall: Record<ScoreScheme, Record<Category, number>>;
  labels: Map<string, Record<ScoreScheme, Record<Category, number>>>;
}

export function countEntities(before: readonly Entity[], after: readonly Entity[]): ScoreCounts {
  // Each side's entities by label, in one pass each.
  const byLabel = new Map<string, [Entity[], Entity[]]>();
  const sides = [before, after];
  sides.forEach((entities, side) => {
    for (const entity of entities) {
      let lists = byLabel.get(entity.label);
      if (!lists) byLabel.set(entity.label, (lists = [[], []]));
      lists[side].push(entity);
    }
  });
  const labels = new Map<string, Record<ScoreScheme, Record<Category, number>>>();
  for (const label of [...byLabel.keys()].sort()) {
    const [labelBefore, labelAfter] = byLabel.get(label)!;
    labels.set(label, countPairs(labelBefore, labelAfter));
  }
  return { overall: countPairs(before, after), labels };
}

/** Sums the counts of several documents. */
export function mergeCounts(all: readonly ScoreCounts[]): ScoreCounts {
  const total: ScoreCounts = { overall: countPairs([], []), labels: new Map() };
  for (const counts of all) {
    addCounts(total.overall, counts.overall);
    for (const [label, more] of counts.labels) {
      if (!total.labels.has(label)) total.labels.set(label, countPairs([], []));
      addCounts(total.labels.get(label)!, more);
    }
  }
  return total;
}

/** The measures of each scheme, overall and per label (labels in alphabetical order). */
export function scoresFromCounts(counts: ScoreCounts): SchemeScores {
  const labels = [...counts.labels.keys()].sort();
  const result = {} as SchemeScores;
  for (const scheme of SCORE_SCHEMES) {
    result[scheme] = {
      ...scoreFromCounts(counts.overall[scheme]),
      labels: Object.fromEntries(
        labels.map((label) => [label, scoreFromCounts(counts.labels.get(label)![scheme])]),
      ),
    };
  }
  return result;
}

/** Scores of after against before as the reference. */
export function scoreEntities(before: readonly Entity[], after: readonly Entity[]): SchemeScores {
  return scoresFromCounts(countEntities(before, after));
}
