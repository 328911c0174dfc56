// The suspects of one sentence: where the out-of-fold model, the corpus and imported predictions disagree with the annotation, scored as one.
import { plural } from '../plural';
import { FormStatistics, tagSpans, type FormOccurrence, type TokenSpan } from './forms';
import type { PredictedLine } from './suspect';
import { overlapFinder, tokenFinder } from './overlaps';
import { OUTSIDE, beginTag, insideTag, isBegin, labelOfTag } from './tagger';

/** Everything known about one sentence when its suspects are found. */
export interface SentenceEvidence {
  /** The sentence's text and its tokens' [start, end) in it. */
  text: string;
  tokens: ReadonlyArray<readonly [number, number]>;
  gold: Uint16Array;
  /** The out-of-fold model's tag probabilities (token i, tag t at i * tagCount + t) and best path. */
  probabilities: Float64Array;
  path: Uint16Array;
  /**
   * Occurrences of counted forms in the sentence: its entities', then untagged ones, each in order
   * (see FormStatistics.occurrences).
   */
  occurrences: readonly FormOccurrence[];
  predicted?: PredictedLine;
}

export interface EvidenceContext {
  labels: readonly string[];
  /** "document" or "sentence": what the model was trained without. */
  unit: string;
}

/** A fix over token indices: the token-level form of SuspectFix. */
export type TokenFix =
  | { kind: 'relabel'; label: number }
  | { kind: 'remove' }
  | { kind: 'add'; label: number }
  | { kind: 'extent'; from: number; to: number; label: number };

/** A suspect over tokens [from, to) of its sentence; label -1 when untagged. */
export interface TokenSuspect {
  from: number;
  to: number;
  label: number;
  fix: TokenFix;
  score: number;
  reasons: string[];
}

/** The weights of the evidence beside the model's: the corpus, imported predictions without probabilities. */
const WEIGHTS = { consistency: 0.6, prediction: 0.8 };
/** How far the model's doubt is trusted: doubts beyond [CERTAINTY, 1 - CERTAINTY] count as those bounds. */
const CERTAINTY = 0.01;
/**
 * Log-odds added per unit of support for the fix proposed: a hundredth, enough to rank suspects the
 * bound makes alike by how sure the sources are of what is right, not in the documents' order.
 */
const FIX_SUPPORT_LOG_ODDS = 0.01;
/**
 * Log-odds added by full disagreement of the corpus and of imported predictions (and taken away by
 * the predictions' full agreement).
 */
const LOG_ODDS = { consistency: 3, prediction: 3 };
/** A token whose annotated tag the model gives less than this probability is looked at. */
const DOUBTFUL = 0.5;
/**
 * A source is said to read a region as it proposes when it gives that reading at least this
 * probability; below, its reason gives the probabilities of the annotation and of the reading.
 */
const STATED = 0.5;
/**
 * An annotated entity a source reads wholly as outside is read as taken one token too far when the
 * source gives the rest of it at least this chance of being in an entity, and this many times the
 * chance it gives that edge token (`[group DRDO is]`: DRDO 0.39, is 0.03).
 */
const STRAY_EDGE = { rest: 0.05, contrast: 4 };
/** Suspects scoring below this are not reported. */
const SMALLEST_SCORE = 0.02;

const decimals = (p: number) => p.toFixed(2);
const places = (count: number) => plural(count, 'other place');

/** A source's probability of tag at token i; 0 past the sentence's last token. */
type Probability = (i: number, tag: number) => number;

/** A source of evidence as a reason names it: `the model` and its verb `gives`. */
interface Speaker {
  subject: string;
  gives: string;
}

/** A reading of a region one source holds: the fix it implies, how strongly, in words. */
interface Proposal {
  fix: TokenFix;
  /** How much the source doubts the annotation here: the strongest doubt's reason is said first. */
  strength: number;
  reason: string;
  /** The tokens the suspect is about when not the annotated entity (an untagged span). */
  span?: { from: number; to: number };
  /** The corpus's share of disagreeing occurrences, when the corpus proposes it. */
  corpusShare?: number;
}

/** A source's reading of an annotated entity: the fix it implies and the probability it gives it. */
interface Reading {
  fix: TokenFix;
  probability: number;
  /** The edge token it reads as outside, when that is the fix (see withoutStrayEdge). */
  strayEdge?: number;
}

/** The tag of token i in an entity of label starting at from (-1: outside). */
const tagAt = (i: number, from: number, label: number) =>
  label === -1 ? OUTSIDE : i === from ? beginTag(label) : insideTag(label);

/**
 * The lowest probability a source gives the tags of label over tokens [from, to), and that the
 * entity ends there (the token after is not inside it): `[Sky] 3D` is not what a source reading
 * `[Sky 3D]` says.
 */
function spanProbability(probability: Probability, from: number, to: number, label: number) {
  let low = label === -1 ? 1 : 1 - probability(to, insideTag(label));
  for (let i = from; i < to; i++) low = Math.min(low, probability(i, tagAt(i, from, label)));
  return low;
}

/** The suspects of one sentence, at most one per region of tokens some source finds questionable. */
export function sentenceSuspects(
  evidence: SentenceEvidence,
  context: EvidenceContext,
): TokenSuspect[] {
  const { gold, path, probabilities, text, tokens } = evidence;
  const n = gold.length;
  const labelCount = context.labels.length;
  const T = 1 + 2 * labelCount;
  const P: Probability = (i, t) => (i < n ? probabilities[i * T + t] : 0);
  const quoted = (from: number, to: number) =>
    JSON.stringify(text.slice(tokens[from][0], tokens[to - 1][1]));
  const say = ({ fix, strayEdge }: Reading, anchor: TokenSpan) => {
    const label = (k: number) => context.labels[k];
    if (strayEdge !== undefined) return `${quoted(strayEdge, strayEdge + 1)} is not part of it`;
    if (fix.kind === 'remove') return 'this is not an entity';
    if (fix.kind === 'relabel') return label(fix.label);
    if (fix.kind === 'extent') return `${quoted(fix.from, fix.to)} is ${label(fix.label)}`;
    return `${quoted(anchor.from, anchor.to)} is ${label(fix.label)}`;
  };
  /** The reading a fix of span makes, named: no entity, a label, or a span as a label. */
  const named = (fix: TokenFix, span: TokenSpan) => {
    if (fix.kind === 'remove') return 'no entity';
    if (fix.kind === 'relabel') return context.labels[fix.label];
    const { from, to } = fix.kind === 'extent' ? fix : span;
    return `${quoted(from, to)} as ${context.labels[fix.label]}`;
  };
  const theModel: Speaker = {
    subject: `trained without this ${context.unit}, the model`,
    gives: 'gives',
  };
  const thePredictions: Speaker = {
    subject: 'the imported predictions',
    gives: 'give',
  };
  /**
   * A source's reason for its reading (fix, over span) of the anchor: stated, what it says, when it
   * gives the reading at least STATED; else the probabilities it gives the annotation (1 - doubt)
   * and the reading, which say which way it leans.
   */
  const claim = (
    stated: string,
    source: Speaker,
    reading: { fix: TokenFix; span: TokenSpan; probability: number },
    anchor: TokenSpan,
    doubt: number,
  ) => {
    if (reading.probability >= STATED) return stated;
    const annotation =
      anchor.label === -1
        ? `${quoted(anchor.from, anchor.to)} untagged`
        : `${context.labels[anchor.label]} here`;
    return (
      `${source.subject} ${source.gives} ${annotation} ${decimals(1 - doubt)} ` +
      `and ${named(reading.fix, reading.span)} ${decimals(reading.probability)}`
    );
  };

  const goldSpans = tagSpans(gold);
  const modelSpans = tagSpans(path);
  const imported = importedEvidence(evidence, context.labels);
  const untaggedForms = evidence.occurrences.filter((o) => o.label === -1);
  const marks: Array<{ from: number; to: number }> = [
    ...goldSpans,
    ...modelSpans,
    ...(imported?.spans ?? []),
    ...untaggedForms,
  ];
  for (let i = 0; i < n; i++) if (P(i, gold[i]) < DOUBTFUL) marks.push({ from: i, to: i + 1 });

  // Each list is sorted and each of its spans lies within one region (the tagged forms are gold
  // entities): each is walked once over the regions.
  const within = {
    gold: spansWithin(goldSpans),
    model: spansWithin(modelSpans),
    imported: spansWithin(imported?.spans ?? []),
    taggedForms: spansWithin(evidence.occurrences.filter((o) => o.label !== -1)),
    untaggedForms: spansWithin(untaggedForms),
  };
  const suspects: TokenSuspect[] = [];
  for (const region of mergeRegions(marks)) {
    const golds = within.gold(region);
    const modelDoubt = 1 - lowestGold(P, gold, region);
    const importedDoubt = imported?.doubt(region) ?? 0;
    let consistencyDoubt = 0;
    /** What speaks for the annotation, said after what speaks against it. */
    const backing: string[] = [];
    const proposals: Proposal[] = [];
    const propose = (proposal: Proposal) => {
      if (proposal.strength > 0) proposals.push(proposal);
    };
    let anchor: TokenSpan;
    if (golds.length > 0) {
      // The entity the model trusts least is the one the suspect is about.
      const trust = (s: TokenSpan) => spanProbability(P, s.from, s.to, s.label);
      anchor = golds.reduce((worst, span) => (trust(span) < trust(worst) ? span : worst));
      const model = readingOf(anchor, golds, within.model(region), P, labelCount);
      if (model)
        propose({
          fix: model.fix,
          strength: modelDoubt,
          reason: claim(
            `${theModel.subject} says ${say(model, anchor)} (${decimals(model.probability)})`,
            theModel,
            { ...model, span: anchor },
            anchor,
            modelDoubt,
          ),
        });
      if (imported) {
        const reading = readingOf(anchor, golds, within.imported(region), imported.P, labelCount);
        if (reading)
          propose({
            fix: reading.fix,
            strength: importedDoubt,
            reason: claim(
              `${thePredictions.subject} say ${say(reading, anchor)}${imported.probabilities ? ` (${decimals(reading.probability)})` : ''}`,
              thePredictions,
              { ...reading, span: anchor },
              anchor,
              importedDoubt,
            ),
          });
      }
      const occurrence = within
        .taggedForms(region)
        .find((o) => o.from === anchor.from && o.to === anchor.to && o.label === anchor.label);
      const corpus = occurrence && corpusReading(occurrence, context.labels, quoted);
      // A form annotated alike everywhere else speaks for the annotation (a model may be torn).
      if (occurrence && !corpus) {
        const { total, agreeing } = otherOccurrences(occurrence, labelCount);
        if (total > 0 && agreeing === total) {
          // Their share, shrunk towards none when they are few.
          consistencyDoubt = -total / (total + 1);
          backing.push(
            `${quoted(anchor.from, anchor.to)} is ${context.labels[anchor.label]} in ${places(total)} too`,
          );
        }
      }
      if (corpus) {
        consistencyDoubt = corpus.doubt;
        propose({
          ...corpus,
          strength: corpus.doubt * WEIGHTS.consistency,
          corpusShare: corpus.doubt,
        });
      }
    } else {
      // Nothing tagged here: each source that sees an entity proposes to tag it.
      anchor = { from: region.from, to: region.to, label: -1 };
      const model = within.model(region)[0] ?? likeliestEntity(region, P, labelCount);
      const modelFix: TokenFix = { kind: 'add', label: model.label };
      const probability = spanProbability(P, model.from, model.to, model.label);
      propose({
        fix: modelFix,
        strength: modelDoubt,
        reason: claim(
          `${theModel.subject} tags ${quoted(model.from, model.to)} ${context.labels[model.label]} (${decimals(probability)})`,
          theModel,
          { fix: modelFix, span: model, probability },
          anchor,
          modelDoubt,
        ),
        span: model,
      });
      const predicted = imported && within.imported(region)[0];
      if (predicted) {
        const predictedFix: TokenFix = { kind: 'add', label: predicted.label };
        propose({
          fix: predictedFix,
          strength: importedDoubt,
          reason: claim(
            `${thePredictions.subject} tag ${quoted(predicted.from, predicted.to)} ${context.labels[predicted.label]}`,
            thePredictions,
            {
              fix: predictedFix,
              span: predicted,
              probability: spanProbability(
                imported.P,
                predicted.from,
                predicted.to,
                predicted.label,
              ),
            },
            anchor,
            importedDoubt,
          ),
          span: predicted,
        });
      }
      for (const occurrence of within.untaggedForms(region)) {
        const corpus = corpusReading(occurrence, context.labels, quoted);
        if (!corpus) continue;
        consistencyDoubt = Math.max(consistencyDoubt, corpus.doubt);
        propose({
          ...corpus,
          strength: corpus.doubt * WEIGHTS.consistency,
          span: occurrence,
          corpusShare: corpus.doubt,
        });
      }
    }
    if (proposals.length === 0) continue;
    proposals.sort((a, b) => b.strength - a.strength);
    const { chosen, support } = bestSupported(proposals, anchor, P, imported?.P);
    const importedStance = imported ? imported.stance(importedDoubt) : 0;
    const score = combinedScore(modelDoubt, consistencyDoubt, importedStance, support);
    if (score < SMALLEST_SCORE) continue;
    const span = chosen.span ?? anchor;
    suspects.push({
      from: span.from,
      to: span.to,
      label: chosen.span ? -1 : anchor.label,
      fix: chosen.fix,
      score,
      // The chosen fix's reason first, then the other sources' that weigh, then what speaks for the
      // annotation.
      reasons: [
        ...[chosen, ...proposals.filter((p) => p !== chosen && p.strength >= 0.1)].map(
          (p) => p.reason,
        ),
        ...backing,
        ...(importedStance < 0 ? ['the imported predictions agree with the annotation'] : []),
      ],
    });
  }
  return suspects;
}

/**
 * The probability a source's tag probabilities give the reading a fix makes of span's tokens. An
 * extent within the annotated entity, its label kept, changes only the tokens it leaves out: it is
 * weighed by how surely the source reads them as outside (the annotation vouches for the rest).
 */
function fixProbability(
  P: Probability,
  fix: TokenFix,
  span: { from: number; to: number },
  anchor: TokenSpan,
) {
  switch (fix.kind) {
    case 'remove':
      return spanProbability(P, span.from, span.to, -1);
    case 'relabel':
    case 'add':
      return spanProbability(P, span.from, span.to, fix.label);
    case 'extent':
      if (fix.label === anchor.label && fix.from >= anchor.from && fix.to <= anchor.to)
        return Math.min(
          spanProbability(P, anchor.from, fix.from, -1),
          spanProbability(P, fix.to, anchor.to, -1),
        );
      return spanProbability(P, fix.from, fix.to, fix.label);
  }
}

/**
 * The proposal whose fix the evidence supports most (proposals: strongest doubt first, which wins
 * a tie), with that support. How much a source doubts the annotation is not how sure it is of
 * its fix: a model sure the entity is wrong may not know what is right (untag at 0.40), where
 * imported predictions name the label. Each fix is weighed by every source: the probability the model gives its reading,
 * the imported predictions' (weighted as their evidence is), and the corpus's share of
 * disagreeing occurrences where the corpus proposes that very fix.
 */
function bestSupported(
  proposals: readonly Proposal[],
  anchor: TokenSpan,
  model: Probability,
  imported: Probability | undefined,
): { chosen: Proposal; support: number } {
  const same = (a: Proposal, b: Proposal) =>
    JSON.stringify([a.fix, a.span?.from, a.span?.to]) ===
    JSON.stringify([b.fix, b.span?.from, b.span?.to]);
  const support = (proposal: Proposal) => {
    const span = proposal.span ?? anchor;
    const corpus = proposals.find((p) => p.corpusShare !== undefined && same(p, proposal));
    return (
      fixProbability(model, proposal.fix, span, anchor) +
      (imported ? WEIGHTS.prediction * fixProbability(imported, proposal.fix, span, anchor) : 0) +
      WEIGHTS.consistency * (corpus?.corpusShare ?? 0)
    );
  };
  let chosen = proposals[0];
  let most = support(chosen);
  for (const proposal of proposals.slice(1)) {
    const weight = support(proposal);
    if (weight > most) [chosen, most] = [proposal, weight];
  }
  return { chosen, support: most };
}

/**
 * One score from all the evidence: the model's doubt as log-odds (bounded, so that a model sure of
 * itself does not drown the rest), plus the corpus's disagreement, plus the imported predictions'
 * stance (their disagreement raises it, their agreement lowers it), plus a touch of the support
 * for the fix proposed (see FIX_SUPPORT_LOG_ODDS).
 */
function combinedScore(
  model: number,
  consistency: number,
  importedStance: number,
  fixSupport: number,
): number {
  const doubt = Math.min(1 - CERTAINTY, Math.max(CERTAINTY, model));
  const logOdds =
    Math.log(doubt / (1 - doubt)) +
    LOG_ODDS.consistency * consistency +
    LOG_ODDS.prediction * importedStance +
    FIX_SUPPORT_LOG_ODDS * fixSupport;
  return 1 / (1 + Math.exp(-logOdds));
}

/** The lowest probability the model gives an annotated tag in the region: its worst token. */
function lowestGold(P: Probability, gold: Uint16Array, region: { from: number; to: number }) {
  let low = 1;
  for (let i = region.from; i < region.to; i++) low = Math.min(low, P(i, gold[i]));
  return low;
}

/**
 * The spans of a list sorted by start that overlap a region, for regions asked in order (see
 * overlapFinder): the list is walked once, not once a region.
 */
function spansWithin<S extends { from: number; to: number }>(spans: readonly S[]) {
  const find = overlapFinder(
    spans,
    (span) => span.from,
    (span) => span.to,
  );
  return (region: { from: number; to: number }) => spans.slice(...find(region.from, region.to));
}

/** Overlapping marks merged into regions of tokens, in order. */
function mergeRegions(marks: ReadonlyArray<{ from: number; to: number }>) {
  const regions: Array<{ from: number; to: number }> = [];
  for (const mark of [...marks].sort((a, b) => a.from - b.from)) {
    const last = regions.at(-1);
    if (last && mark.from < last.to) last.to = Math.max(last.to, mark.to);
    else regions.push({ from: mark.from, to: mark.to });
  }
  return regions;
}

/**
 * What a source's entities in a region say of the anchor entity: nothing there (remove), the same
 * extent with another label (relabel), another extent (extent); when they agree with the
 * annotation, the likeliest other reading of the anchor's tokens by the source's probabilities.
 */
function readingOf(
  anchor: TokenSpan,
  golds: readonly TokenSpan[],
  spans: readonly TokenSpan[],
  P: Probability,
  labelCount: number,
): Reading | null {
  const probability = (from: number, to: number, label: number) =>
    spanProbability(P, from, to, label);
  const agrees =
    spans.length === golds.length &&
    spans.every(
      (s, k) => s.from === golds[k].from && s.to === golds[k].to && s.label === golds[k].label,
    );
  // Nothing here on the source's best path: one edge taken in too many, else the likeliest other
  // reading of the tokens (no entity, or another label: a path may pass by a label it gives them).
  if (spans.length === 0)
    return withoutStrayEdge(anchor, P) ?? likeliestOther(anchor, P, labelCount);
  if (!agrees) {
    const overlap = (s: TokenSpan) => Math.min(s.to, anchor.to) - Math.max(s.from, anchor.from);
    const best = spans.reduce((a, b) => (overlap(b) > overlap(a) ? b : a));
    const likelihood = probability(best.from, best.to, best.label);
    if (best.from === anchor.from && best.to === anchor.to)
      return { fix: { kind: 'relabel', label: best.label }, probability: likelihood };
    return {
      fix: { kind: 'extent', from: best.from, to: best.to, label: best.label },
      probability: likelihood,
    };
  }
  return likeliestOther(anchor, P, labelCount);
}

/** The likeliest reading of the anchor's tokens but its own: no entity, or another label. */
function likeliestOther(anchor: TokenSpan, P: Probability, labelCount: number): Reading {
  let fix: TokenFix = { kind: 'remove' };
  let top = spanProbability(P, anchor.from, anchor.to, -1);
  for (let label = 0; label < labelCount; label++) {
    if (label === anchor.label) continue;
    const p = spanProbability(P, anchor.from, anchor.to, label);
    if (p > top) {
      top = p;
      fix = { kind: 'relabel', label };
    }
  }
  return { fix, probability: top };
}

/**
 * The anchor entity without an edge token, where a source reading it wholly as outside gives the
 * rest of it a fair chance of being in an entity and that token far less (see STRAY_EDGE): the
 * annotator took in one token too many. Null for a single token, or no such edge.
 */
function withoutStrayEdge(anchor: TokenSpan, P: Probability): Reading | null {
  if (anchor.to - anchor.from < 2) return null;
  const inEntity = (i: number) => 1 - P(i, OUTSIDE);
  let best: { rest: number; edge: number } | null = null;
  for (const edge of [anchor.from, anchor.to - 1]) {
    let rest = 1;
    for (let i = anchor.from; i < anchor.to; i++)
      if (i !== edge) rest = Math.min(rest, inEntity(i));
    const stray = rest >= STRAY_EDGE.rest && rest >= STRAY_EDGE.contrast * inEntity(edge);
    if (stray && (!best || rest - inEntity(edge) > best.rest - inEntity(best.edge)))
      best = { rest, edge };
  }
  if (!best) return null;
  const from = best.edge === anchor.from ? anchor.from + 1 : anchor.from;
  return {
    fix: { kind: 'extent', from, to: from + anchor.to - anchor.from - 1, label: anchor.label },
    probability: P(best.edge, OUTSIDE),
    strayEdge: best.edge,
  };
}

/** The entity the model's probabilities find likeliest over a region's tokens. */
function likeliestEntity(
  region: { from: number; to: number },
  P: Probability,
  labelCount: number,
): TokenSpan {
  let best = 0;
  let top = -1;
  for (let label = 0; label < labelCount; label++) {
    let sum = 0;
    for (let i = region.from; i < region.to; i++)
      sum += P(i, beginTag(label)) + P(i, insideTag(label));
    if (sum > top) {
      top = sum;
      best = label;
    }
  }
  return { from: region.from, to: region.to, label: best };
}

/**
 * What the rest of the corpus says of an occurrence of a form: the share of its other occurrences
 * that disagree (shrunk towards agreement when they are few), and the fix the majority implies.
 */
function corpusReading(
  occurrence: FormOccurrence,
  labels: readonly string[],
  quoted: (from: number, to: number) => string,
): { fix: TokenFix; doubt: number; reason: string } | null {
  const { others, total, agreeing } = otherOccurrences(occurrence, labels.length);
  // A form the rest of the corpus reads mostly as here proposes nothing (its few others may be wrong).
  if (total - agreeing <= agreeing) return null;
  let majority = -1;
  for (let k = 0; k < labels.length; k++)
    if (k !== occurrence.label && (majority === -1 || others.labels[k] > others.labels[majority]))
      majority = k;
  const form = quoted(occurrence.from, occurrence.to);
  const doubt = (total - agreeing) / (total + 1);
  if (occurrence.label === -1)
    return {
      fix: { kind: 'add', label: majority },
      doubt,
      reason: `${form} is ${labels[majority]} in ${places(others.labels[majority])}`,
    };
  const untag = others.untagged > (majority === -1 ? 0 : others.labels[majority]);
  return untag
    ? {
        fix: { kind: 'remove' },
        doubt,
        reason: `${form} is untagged in ${places(others.untagged)}`,
      }
    : {
        fix: { kind: 'relabel', label: majority },
        doubt,
        reason: `${form} is ${labels[majority]} in ${places(others.labels[majority])}${agreeing > 0 ? ` and ${labels[occurrence.label]} in ${agreeing}` : ''}`,
      };
}

/** A form's other occurrences: by label and untagged, how many in all, how many read as this one. */
function otherOccurrences(occurrence: FormOccurrence, labelCount: number) {
  const others = FormStatistics.others(occurrence, labelCount);
  const total = others.labels.reduce((sum, count) => sum + count, others.untagged);
  const agreeing = occurrence.label === -1 ? others.untagged : others.labels[occurrence.label];
  return { others, total, agreeing };
}

/** An external tagger's entities over the sentence's tokens, its tag probabilities, and its doubt of a region. */
function importedEvidence(evidence: SentenceEvidence, labels: readonly string[]) {
  const { predicted, tokens, gold } = evidence;
  if (!predicted) return undefined;
  const numbers = new Map(labels.map((label, k) => [label, k]));
  const tags = new Uint16Array(tokens.length);
  const tokensOf = tokenFinder(tokens);
  for (const entity of predicted.entities) {
    const label = numbers.get(entity.label);
    if (label === undefined) continue;
    let from = -1;
    const [first, end] = tokensOf(entity.start, entity.end);
    for (let i = first; i < end; i++) {
      if (tags[i] !== OUTSIDE) continue;
      if (from === -1) from = i;
      tags[i] = tagAt(i, from, label);
    }
  }
  const spans = tagSpans(tags);
  // One row per whitespace token: on a line where an entity's edge cuts one into pieces, the rows
  // cannot tell the pieces apart, so the predicted entities are read instead.
  const rows = predicted.tokens?.length === tokens.length ? predicted.tokens : undefined;
  const tagName = (t: number) =>
    t === OUTSIDE ? 'O' : `${isBegin(t) ? 'B' : 'I'}-${labels[labelOfTag(t)]}`;
  const P: Probability = rows
    ? (i, t) => rows[i]?.[tagName(t)] ?? 0
    : (i, t) => (tags[i] === t ? 1 : 0);
  const doubt = (region: { from: number; to: number }) => {
    if (rows) return 1 - lowestGold(P, gold, region);
    for (let i = region.from; i < region.to; i++)
      if (tags[i] !== gold[i]) return WEIGHTS.prediction;
    return 0;
  };
  /** Given their doubt of a region, how far they disagree with it (up to 1) or agree (down to -1). */
  const stance = (regionDoubt: number) =>
    rows ? 2 * regionDoubt - 1 : regionDoubt > 0 ? WEIGHTS.prediction : -WEIGHTS.prediction;
  return { spans, P, doubt, stance, probabilities: rows !== undefined };
}
