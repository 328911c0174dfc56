import { describe, expect, it } from 'vitest';
import { sentenceSuspects, type SentenceEvidence } from './evidence';
import type { FormOccurrence } from './forms';
import type { PredictedLine } from './suspect';

// "Talks in Quint" with labels PER, LOC, ORG: tags O=0, B-PER=1, I-PER=2, B-LOC=3, I-LOC=4, B-ORG=5, I-ORG=6.
const labels = ['PER', 'LOC', 'ORG'];
const context = { labels, unit: 'document' };
const T = 7;

/** Probabilities that are sure of O for the first two tokens and split Quint between B-LOC and B-ORG. */
function modelSaying(loc: number): Float64Array {
  const probabilities = new Float64Array(3 * T);
  probabilities[0] = 1;
  probabilities[T] = 1;
  probabilities[2 * T + 3] = loc;
  probabilities[2 * T + 5] = 1 - loc;
  return probabilities;
}

function evidence(extra: Partial<SentenceEvidence> = {}): SentenceEvidence {
  return {
    text: 'Talks in Quint',
    tokens: [
      [0, 5],
      [6, 8],
      [9, 14],
    ],
    gold: Uint16Array.of(0, 0, 3),
    probabilities: modelSaying(0.7),
    path: Uint16Array.of(0, 0, 3),
    occurrences: [],
    ...extra,
  };
}

/** Quint tagged LOC here, and ORG in five other places. */
const quint: FormOccurrence = {
  from: 2,
  to: 3,
  label: 1,
  form: { labels: [0, 1, 5], untagged: 0 },
};

describe('sentenceSuspects', () => {
  it('weighs the model, the corpus and imported predictions into one score', () => {
    const [model] = sentenceSuspects(evidence(), context);
    expect(model).toMatchObject({ from: 2, to: 3, label: 1, fix: { kind: 'relabel', label: 2 } });
    expect(model.score).toBeCloseTo(0.3);
    expect(model.reasons).toEqual([
      'trained without this document, the model gives LOC here 0.70 and ORG 0.30',
    ]);

    const [withCorpus] = sentenceSuspects(evidence({ occurrences: [quint] }), context);
    expect(withCorpus.fix).toEqual({ kind: 'relabel', label: 2 });
    expect(withCorpus.score).toBeGreaterThan(model.score);
    expect(withCorpus.reasons).toContain('"Quint" is ORG in 5 other places');

    const predicted: PredictedLine = {
      entities: [{ start: 9, end: 14, label: 'ORG' }],
      tokens: [{ O: 1 }, { O: 1 }, { 'B-ORG': 0.9, 'B-LOC': 0.1 }],
    };
    const [all] = sentenceSuspects(evidence({ occurrences: [quint], predicted }), context);
    expect(all.score).toBeGreaterThan(withCorpus.score);
    expect(all.fix).toEqual({ kind: 'relabel', label: 2 });
    expect(all.reasons[0]).toBe('the imported predictions say ORG (0.90)');
  });

  it('suggests the fix the evidence supports most, not that of the source doubting most', () => {
    // The model is sure LOC is wrong (0.05) but split on what is right: O 0.40, PER 0.30, ORG 0.25.
    const probabilities = modelSaying(0.05);
    probabilities[2 * T + 0] = 0.4;
    probabilities[2 * T + 1] = 0.3;
    probabilities[2 * T + 5] = 0.25;
    const alone = sentenceSuspects(evidence({ probabilities }), context)[0];
    expect(alone.fix).toEqual({ kind: 'remove' });
    // Predictions naming PER outweigh the model's weak untag, though the model doubts more.
    const predicted: PredictedLine = { entities: [{ start: 9, end: 14, label: 'PER' }] };
    const [suspect] = sentenceSuspects(evidence({ probabilities, predicted }), context);
    expect(suspect.fix).toEqual({ kind: 'relabel', label: 0 });
    expect(suspect.reasons).toEqual([
      'the imported predictions say PER',
      'trained without this document, the model gives LOC here 0.05 and no entity 0.40',
    ]);
  });

  it('does not take a source reading a longer entity as one for its first words', () => {
    // "Talks to Sky 3D" with [PER Sky 3D]: the model reads [ORG Sky] 3D, the predictions [ORG Sky 3D].
    const probabilities = new Float64Array(4 * T);
    probabilities[0] = 1;
    probabilities[T] = 1;
    probabilities[2 * T + 5] = 0.6;
    probabilities[2 * T + 1] = 0.4;
    probabilities[3 * T + 0] = 0.6;
    probabilities[3 * T + 2] = 0.4;
    const sky: Partial<SentenceEvidence> = {
      text: 'Talks to Sky 3D',
      tokens: [
        [0, 5],
        [6, 8],
        [9, 12],
        [13, 15],
      ],
      gold: Uint16Array.of(0, 0, 1, 2),
      path: Uint16Array.of(0, 0, 5, 0),
      probabilities,
      predicted: { entities: [{ start: 9, end: 15, label: 'ORG' }] },
    };
    const [suspect] = sentenceSuspects(evidence(sky), context);
    expect(suspect.fix).toEqual({ kind: 'relabel', label: 2 });
    expect(suspect.reasons[0]).toBe('the imported predictions say ORG');
  });

  it('ranks doubts past the bound by how sure the sources are of the fix, not alike', () => {
    // The model all but sure LOC is wrong in both; sure it is ORG in one, torn in the other.
    const sure = modelSaying(0.001);
    const torn = modelSaying(0.001);
    torn[2 * T + 0] = 0.5;
    torn[2 * T + 5] = 0.499;
    const [ofSure] = sentenceSuspects(evidence({ probabilities: sure }), context);
    const [ofTorn] = sentenceSuspects(evidence({ probabilities: torn }), context);
    expect(ofSure.score).toBeGreaterThan(ofTorn.score);
    expect(ofTorn.score).toBeCloseTo(0.99);
  });

  it('lowers a suspect the imported predictions confirm, as it raises one they contradict', () => {
    const [alone] = sentenceSuspects(evidence(), context);
    const confirming: PredictedLine = { entities: [{ start: 9, end: 14, label: 'LOC' }] };
    const [confirmed] = sentenceSuspects(evidence({ predicted: confirming }), context);
    const contradicting: PredictedLine = { entities: [{ start: 9, end: 14, label: 'ORG' }] };
    const [contradicted] = sentenceSuspects(evidence({ predicted: contradicting }), context);
    expect(confirmed.score).toBeLessThan(alone.score);
    expect(contradicted.score).toBeGreaterThan(alone.score);
    // What lowered it is said, after what raised it.
    expect(confirmed.reasons).toEqual([
      ...alone.reasons,
      'the imported predictions agree with the annotation',
    ]);
  });

  it('lowers a suspect of a form annotated alike everywhere else', () => {
    const [alone] = sentenceSuspects(evidence({ probabilities: modelSaying(0.5) }), context);
    const alike: FormOccurrence = { ...quint, form: { labels: [0, 6, 0], untagged: 0 } };
    const [backed] = sentenceSuspects(
      evidence({ probabilities: modelSaying(0.5), occurrences: [alike] }),
      context,
    );
    expect(backed.score).toBeLessThan(alone.score / 5);
    expect(backed.fix).toEqual(alone.fix);
    expect(backed.reasons).toEqual([...alone.reasons, '"Quint" is LOC in 5 other places too']);
  });

  it('takes no fix from a corpus that mostly reads the form as here', () => {
    // Quint is LOC here and in 91 other places, ORG in 2: the corpus proposes no relabel to ORG.
    // The model doubts LOC, PER and ORG near alike: the 2 ORG alone would have tipped it to ORG.
    const mostly: FormOccurrence = { ...quint, form: { labels: [0, 92, 2], untagged: 0 } };
    const probabilities = modelSaying(0.48);
    probabilities[2 * T + 1] = 0.26;
    probabilities[2 * T + 5] = 0.255;
    const [suspect] = sentenceSuspects(evidence({ probabilities, occurrences: [mostly] }), context);
    expect(suspect.fix).toEqual({ kind: 'relabel', label: 0 });
    expect(suspect.reasons).toEqual([
      'trained without this document, the model gives LOC here 0.48 and PER 0.26',
    ]);
  });

  it('lets the corpus alone raise a suspect the model does not doubt', () => {
    const [suspect] = sentenceSuspects(
      evidence({ probabilities: modelSaying(1), occurrences: [quint] }),
      context,
    );
    expect(suspect).toMatchObject({ fix: { kind: 'relabel', label: 2 } });
    expect(suspect.reasons).toEqual(['"Quint" is ORG in 5 other places']);
  });

  it('proposes to tag an untagged span the model sees as an entity', () => {
    const probabilities = modelSaying(1);
    probabilities[2 * T + 0] = 0.2;
    probabilities[2 * T + 3] = 0;
    probabilities[2 * T + 5] = 0.8;
    const [suspect] = sentenceSuspects(
      evidence({ gold: Uint16Array.of(0, 0, 0), path: Uint16Array.of(0, 0, 5), probabilities }),
      context,
    );
    expect(suspect).toMatchObject({ from: 2, to: 3, label: -1, fix: { kind: 'add', label: 2 } });
    expect(suspect.score).toBeCloseTo(0.8);
  });
  it('reads an entity whose one edge token the model is far surer is outside as taken one token too far', () => {
    // "Talks in Quint" tagged [LOC in Quint]; the model tags nothing there.
    const readingQuint = (outside: number) => {
      const probabilities = modelSaying(1 - outside);
      probabilities[2 * T + 0] = outside;
      probabilities[2 * T + 5] = 0;
      return sentenceSuspects(
        evidence({ gold: Uint16Array.of(0, 3, 4), path: Uint16Array.of(0, 0, 0), probabilities }),
        context,
      );
    };
    // Quint outside at 0.70, "in" surely: the entity is Quint alone.
    const [stray] = readingQuint(0.7);
    expect(stray).toMatchObject({
      from: 1,
      to: 3,
      label: 1,
      fix: { kind: 'extent', from: 2, to: 3, label: 1 },
    });
    expect(stray.reasons).toEqual([
      'trained without this document, the model says "in" is not part of it (1.00)',
    ]);
    // Quint outside as surely as "in" (0.99): no entity, as the model reads it.
    const [none] = readingQuint(0.99);
    expect(none.fix).toEqual({ kind: 'remove' });
    expect(none.reasons).toEqual([
      'trained without this document, the model says this is not an entity (0.99)',
    ]);
  });

  it('fixes by the likeliest other reading where the best path leaves the tokens out, a label included', () => {
    // Quint tagged LOC; the best path tags nothing there, yet the model gives ORG 0.45, untagged 0.30.
    const probabilities = modelSaying(0.25);
    probabilities[2 * T + 0] = 0.3;
    probabilities[2 * T + 5] = 0.45;
    const [suspect] = sentenceSuspects(
      evidence({ path: Uint16Array.of(0, 0, 0), probabilities }),
      context,
    );
    expect(suspect.fix).toEqual({ kind: 'relabel', label: 2 });
  });

  it('says what the model gives the annotation and the fix when it gives the fix less than half', () => {
    // The model gives LOC 0.40 and every other reading less: untagged 0.25, ORG 0.20, PER 0.15.
    const probabilities = modelSaying(0.4);
    probabilities[2 * T + 0] = 0.25;
    probabilities[2 * T + 1] = 0.15;
    probabilities[2 * T + 5] = 0.2;
    const [suspect] = sentenceSuspects(evidence({ probabilities }), context);
    expect(suspect.fix).toEqual({ kind: 'remove' });
    expect(suspect.reasons).toEqual([
      'trained without this document, the model gives LOC here 0.40 and no entity 0.25',
    ]);
  });

  it('says a model that leans to the annotation leans to it, not that it tags what it doubts', () => {
    // Quint is untagged here and in 40 other places, ORG in 2; the model gives untagged 0.90.
    const probabilities = modelSaying(0);
    probabilities[2 * T + 0] = 0.9;
    probabilities[2 * T + 5] = 0.06;
    const untagged: FormOccurrence = {
      from: 2,
      to: 3,
      label: -1,
      form: { labels: [0, 0, 2], untagged: 41 },
    };
    const suspects = sentenceSuspects(
      evidence({
        gold: Uint16Array.of(0, 0, 0),
        path: Uint16Array.of(0, 0, 0),
        probabilities,
        occurrences: [untagged],
      }),
      context,
    );
    expect(suspects.map((suspect) => suspect.reasons)).toEqual([
      [
        'trained without this document, the model gives "Quint" untagged 0.90 and "Quint" as ORG 0.06',
      ],
    ]);
  });
});
