import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { applyTransaction } from '../model/operations';
import { fixTransaction } from './fix';
import { seededRandom } from './random';
import { FEW_ENTITIES, fewEntitiesCaution, rankSuspects, SENTENCE_CONTEXT, sourceOf } from './rank';
import type { SuspectDocument } from './suspect';

const PEOPLE = ['Alice', 'Bruno', 'Chen', 'Dara', 'Emil', 'Farah', 'Goran', 'Hana'];
const PLACES = ['Paris', 'Oslo', 'Lima', 'Quito', 'Riga', 'Sofia', 'Turin', 'Vaduz'];

/**
 * Bracket sources of a clean, separable corpus: people are met, places flown to; each document's
 * sentences its own (a model is trained on no copy of a sentence it judges).
 */
function toySources(documents: number): string[] {
  return Array.from({ length: documents }, (_, d) => {
    const lines: string[] = [];
    for (let k = 0; k < 6; k++) {
      const person = PEOPLE[(d + k) % PEOPLE.length];
      const place = PLACES[(d * 3 + k) % PLACES.length];
      lines.push(
        `Yesterday I met [PER ${person}  ] and we flew to [LOC ${place}  ] together on day ${d} .`,
      );
      lines.push(`Then [PER ${person}  ] said that [LOC ${place}  ] was cold on day ${d} .`);
    }
    return `${lines.join('\n')}\n`;
  });
}

const corpusOf = (sources: string[]): SuspectDocument[] =>
  sources.map((source, d) => ({ path: `doc${d}.txt`, doc: parse(source) }));

/**
 * toySources, each with made-up words untagged in `we saw the … there .` and then one tagged in it,
 * a word of its own (a model that never saw the document cannot know it): the words and sources.
 */
function madeUpWordSources(documents: number, untagged: number) {
  const random = seededRandom(4);
  const madeUp = () =>
    Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const words = Array.from({ length: documents }, madeUp);
  const sources = toySources(documents).map((source, d) => {
    const lines = Array.from({ length: untagged }, () => `we saw the ${madeUp()} there .\n`);
    return `${source}${lines.join('')}we saw the [PER ${words[d]}  ] there .\n`;
  });
  return { words, sources };
}

describe('rankSuspects', () => {
  it('lists nothing on a line whose markup is broken (its fix would nest in it), the rest as ever', async () => {
    const sources = toySources(12);
    const untagged = 'Yesterday I met Chen and we flew to Oslo together .';
    sources[5] = `[PER Ann never closes\n${untagged}\n[LOC ${untagged}\n`;
    const { suspects } = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 3 });
    const lines = suspects.filter(({ path }) => path === 'doc5.txt').map(({ line }) => line);
    expect(lines).toContain(2);
    expect(lines.filter((line) => line !== 2)).toEqual([]);
  });

  it('learns a corpus of 200 labels: a label numbered past 255 tags is found, and fixed to itself', async () => {
    // Word k is always tagged L<k>; one of its places is given another label.
    const sources = Array.from({ length: 10 }, (_, d) =>
      Array.from({ length: 40 }, (_, k) => {
        const label = (d * 40 + k) % 200;
        return `We saw [L${label} w${label}  ] there .\n`;
      }).join(''),
    );
    sources[3] = sources[3].replace('[L159 w159  ]', '[L3 w159  ]');
    const { suspects } = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 3 });
    expect(suspects[0]).toMatchObject({
      path: 'doc3.txt',
      text: 'w159',
      label: 'L3',
      suggestion: { kind: 'relabel', label: 'L159' },
    });
  });

  it('takes no word of a model whose training text held no entity: it learned nothing about them', async () => {
    // Two sentences in two folds: each judged by a model trained on the other alone, and the one
    // trained on "Nothing here at all ." never saw an entity.
    const doc = parse('[PER Zorblax  ] ran .\nNothing here at all .\n');
    const { suspects } = await rankSuspects(sourceOf([{ path: 'a.txt', doc }]), { seed: 1 });
    // Line 1 is judged by that model: nothing there is doubted or proposed.
    expect(suspects.filter(({ line }) => line === 1).map(({ text }) => text)).toEqual([]);
  });

  it('ranks a document of one line of 150,000 entities: no list of them is spread into a call', async () => {
    const line = `${'[PER x  ] '.repeat(150_000)}\n`;
    const { suspects } = await rankSuspects(sourceOf([{ path: 'long.txt', doc: parse(line) }]), {
      seed: 1,
    });
    expect(suspects.every(({ path, line }) => path === 'long.txt' && line === 1)).toBe(true);
  });

  it('learns a separable corpus: nothing in it is doubted', async () => {
    const { suspects } = await rankSuspects(sourceOf(corpusOf(toySources(12))), { seed: 3 });
    expect(suspects.filter((suspect) => suspect.score > 0.5)).toEqual([]);
  });

  it('lists first a label the rest of the corpus disagrees with, the majority label as its fix', async () => {
    const sources = toySources(12);
    sources[5] = 'Yesterday I met [LOC Chen  ] and we flew to [LOC Oslo  ] together .\n';
    const { suspects } = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 3 });
    expect(suspects[0]).toMatchObject({
      path: 'doc5.txt',
      line: 1,
      column: 17,
      endColumn: 29,
      start: 16,
      end: 20,
      text: 'Chen',
      kind: 'wrong-label',
      label: 'LOC',
      suggestion: { kind: 'relabel', label: 'PER' },
    });
    expect(suspects[0].reasons[0]).toMatch(
      /^trained without this document, the model says PER \(0\.\d\d\)$/u,
    );
    expect(suspects[0].reasons).toContain('"Chen" is PER in 16 other places');
  });

  it('scores each document with a model that never saw it', async () => {
    // Each document tags a made-up word of its own where ten others are untagged in the same
    // context: a model that saw the document would have learnt the word.
    const { words, sources } = madeUpWordSources(20, 10);
    const word = (d: number) => words[d];
    const { suspects } = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 1 });
    for (let d = 0; d < 20; d++) {
      const suspect = suspects.find((s) => s.text === word(d));
      expect(suspect, word(d)).toMatchObject({
        path: `doc${d}.txt`,
        kind: 'not-an-entity',
        suggestion: { kind: 'remove' },
      });
      expect(suspect!.score, word(d)).toBeGreaterThan(0.5);
    }
  });

  it('keeps the copies of a sentence in other documents out of the model that scores it', async () => {
    // Each document's tagged line is copied into the two documents after it, as retweets are: a
    // model trained on a copy would have learnt the word.
    const { words, sources } = madeUpWordSources(20, 10);
    const copied = sources.map(
      (source, d) =>
        `${source}we saw the [PER ${words[(d + 19) % 20]}  ] there .\n` +
        `we saw the [PER ${words[(d + 18) % 20]}  ] there .\n`,
    );
    const { suspects } = await rankSuspects(sourceOf(corpusOf(copied)), { seed: 1 });
    // Each is doubted in its own document (before, most were not listed at all).
    for (let d = 0; d < 20; d++) {
      const suspect = suspects.find((s) => s.path === `doc${d}.txt` && s.text === words[d]);
      expect(suspect, words[d]).toMatchObject({ kind: 'not-an-entity' });
      expect(suspect!.score, words[d]).toBeGreaterThan(0.3);
    }
  });

  it('folds sentences by their text where copies in other documents leave folds by document nothing to train on', async () => {
    // Four documents each hold a copy of every other document's sentences (a merged export kept
    // beside its parts): every fold by document holds a copy of every sentence.
    const { words, sources } = madeUpWordSources(20, 2);
    const whole = sources.join('');
    const corpus = [...sources, whole, whole, whole, whole];
    const ranking = await rankSuspects(sourceOf(corpusOf(corpus)), { seed: 1 });
    expect(ranking.caution ?? '').not.toMatch(/Nothing was scored/);
    // The made-up words are still doubted where they are tagged, by models that saw none of their
    // copies (by document, the folds holding a copy of every sentence trained on nothing: 14 of 20).
    const doubted = words.filter((word, d) =>
      ranking.suspects.some(
        (s) => s.path === `doc${d}.txt` && s.text === word && s.kind === 'not-an-entity',
      ),
    );
    expect(doubted.length).toBeGreaterThanOrEqual(18);
  });

  it('proposes the entity without the word taken in with it, not to untag it, where the model knows that word is no part of it', async () => {
    // A third of the made-up words are tagged: the model trained without doc 5 reads its word as
    // outside, but far less surely than "there", which every other document leaves out of the entity.
    const { words, sources } = madeUpWordSources(20, 2);
    sources[5] = sources[5].replace(`[PER ${words[5]}  ] there`, `[PER ${words[5]} there  ]`);
    const { suspects } = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 1 });
    const widened = suspects.find((suspect) => suspect.text === `${words[5]} there`);
    expect(widened).toMatchObject({
      path: 'doc5.txt',
      kind: 'wrong-boundary',
      label: 'PER',
      suggestion: { kind: 'extent', text: words[5], label: 'PER' },
    });
    expect(widened!.reasons[0]).toMatch(
      /^trained without this document, the model says "there" is not part of it \(\d\.\d\d\)$/u,
    );
  });

  it('scores an edited document again with the labels its models learned: a new label floods nothing', async () => {
    const ranking = await rankSuspects(sourceOf(corpusOf(toySources(12))), { seed: 3 });
    const doc = parse(toySources(12)[5]);
    const before = ranking.rescore({ path: 'doc5.txt', doc });
    // One entity relabeled MISC, a label no model saw: its sentence is not scored, the rest as before.
    const misc = parse(toySources(12)[5].replace('[PER ', '[MISC '), {
      labels: ['PER', 'LOC', 'MISC'],
    });
    const after = ranking.rescore({ path: 'doc5.txt', doc: misc });
    expect(after.filter((suspect) => suspect.line !== 1)).toEqual(
      before.filter((suspect) => suspect.line !== 1),
    );
    expect(after.filter((suspect) => suspect.line === 1)).toEqual([]);
    // And undone: the document scores as it did.
    expect(ranking.rescore({ path: 'doc5.txt', doc })).toEqual(before);
  });

  it('scores an edited document again without retraining: an accepted fix is no longer suspect', async () => {
    const sources = toySources(12);
    sources[5] = 'Yesterday I met [LOC Chen  ] and we flew to [LOC Oslo  ] together .\n';
    const ranking = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 3 });
    const [worst] = ranking.suspects;
    const doc = parse(sources[5]);
    const fix = fixTransaction(doc, worst);
    if (!('tx' in fix)) throw new Error(fix.problem);
    const edited = applyTransaction(doc, fix.tx).doc;
    const again = ranking.rescore({ path: 'doc5.txt', doc: edited });
    expect(again.filter((suspect) => suspect.text === 'Chen' && suspect.score > 0.5)).toEqual([]);
    const before = ranking.rescore({ path: 'doc5.txt', doc });
    expect(before[0]).toMatchObject({
      text: 'Chen',
      suggestion: { kind: 'relabel', label: 'PER' },
    });
  });

  it('cautions that a model learned from fewer than 500 entities mostly raises false alarms', async () => {
    expect(fewEntitiesCaution(88)).toBe(
      'The model learned from 88 tagged entities: below about 500, most of its top suspects are ' +
        'false alarms. Treat them as hints.',
    );
    expect(fewEntitiesCaution(1)).toContain('from 1 tagged entity:');
    expect(fewEntitiesCaution(FEW_ENTITIES)).toBeNull();
    const lines = Array.from({ length: 12 }, (_, k) => `[PER Ann${k}  ] met [LOC Rome  ] .\n`);
    const small = [{ path: 'a.txt', doc: parse(lines.join('')) }];
    expect((await rankSuspects(sourceOf(small), { folds: 2 })).caution).toBe(
      fewEntitiesCaution(24),
    );
  });

  it('says a corpus with no entity tagged gives the model nothing to learn from', async () => {
    const none = [{ path: 'a.txt', doc: parse('no entities here .\n') }];
    const ranking = await rankSuspects(sourceOf(none), { folds: 2 });
    expect(ranking.suspects).toEqual([]);
    expect(ranking.caution).toBe(
      'No entity is tagged in the corpus: the model has nothing to learn from, so it raises no ' +
        'suspects of its own.',
    );
  });

  it('gives a suspect on a long line the line around its span, not the whole line each', async () => {
    // A line of 1,000 entities, and a line of 30 KB the model trained on the first tags all over:
    // thousands of suspects, which held a copy of their whole line each (gigabytes at 240 KB).
    const words = 'the cat sat on a mat near the river bank'.split(' ');
    const long = Array.from({ length: 6000 }, (_, i) =>
      i % 20 === 0 ? '[LOC Paris  ]' : words[i % words.length],
    ).join(' ');
    const entities = Array.from({ length: 1000 }, (_, i) => `[ORG E${i}  ]`).join(' ');
    const documents = corpusOf([`${entities}\nsecond line plain .\n`, long]);
    const { suspects } = await rankSuspects(sourceOf(documents));
    expect(suspects.length).toBeGreaterThan(5000);
    const around = suspects.filter(({ path, start, end, sentence, sentenceStart }) => {
      const { text } = documents.find((document) => document.path === path)!.doc;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = text.includes('\n', end) ? text.indexOf('\n', end) : text.length;
      const from = Math.max(lineStart, start - SENTENCE_CONTEXT);
      const to = Math.min(lineEnd, end + SENTENCE_CONTEXT);
      return sentenceStart === from && sentence === text.slice(from, to);
    });
    expect(around.length).toBe(suspects.length);
  });

  it('offers only fixes an edit can make where entities are glued in one token', async () => {
    // Cut at the entity edges, "/" and "-" read as tokens of their own, but an entity made by an
    // edit covers whole tokens: tagging one of them alone, or "/Oslo" of "Umbrella/Oslo" (as the
    // places opened by "/ " suggest), would be refused.
    const documents = corpusOf([
      '[ORG Umbrella  ]/[ORG Oslo  ] x\n[PER Ann  ]-[PER Bo  ] met ([LOC Lima  ]) .\n',
      "[LOC Oslo  ] y\n[ORG Acme  ]'s [LOC Riga  ],[LOC Sofia  ] office\n",
      '[LOC Lima  ]/[LOC Riga  ] and - y\nwe saw [ORG Umbrella  ]/[LOC Oslo  ] today\n',
      ...Array.from({ length: 6 }, () => 'we saw [LOC / Oslo  ] and [LOC / Lima  ] today\n'),
    ]);
    for (const seed of [1, 2, 3]) {
      const { suspects } = await rankSuspects(sourceOf(documents), { seed, folds: 2 });
      expect(suspects.some(({ suggestion }) => suggestion.kind === 'add')).toBe(true);
      for (const suspect of suspects) {
        const { doc } = documents.find(({ path }) => path === suspect.path)!;
        const fix = fixTransaction(doc, suspect);
        if (!('tx' in fix)) throw new Error(fix.problem);
        expect(
          () => applyTransaction(doc, fix.tx),
          `${suspect.kind} "${suspect.text}"`,
        ).not.toThrow();
      }
    }
  });

  it('gives the same ranking for the same seed', async () => {
    const sources = toySources(12);
    sources[2] = 'Then [LOC Dara  ] said that Riga was cold .\n';
    const first = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 9 });
    const second = await rankSuspects(sourceOf(corpusOf(sources)), { seed: 9 });
    expect(first.suspects.length).toBeGreaterThan(0);
    expect(second.suspects).toEqual(first.suspects);
  });
});
