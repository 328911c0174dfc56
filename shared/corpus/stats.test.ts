import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ODD_PIECES, sourceOf } from '../format/fixtures/random-sources';
import { DEFAULT_LABELS } from '../format/document';
import { parse } from '../format/parse';
import { tokenSpans } from '../format/tokens';
import { StatsCounter } from './stats';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBytes = (text: string) => [text, utf8(text)] as const;

/** The same statistics computed the long way, from what parse builds. */
function statsOfParsed(sources: string[]) {
  let lines = 0;
  let tokens = 0;
  let entities = 0;
  const forms = new Map<string, Set<string>>();
  for (const source of sources) {
    const { text, entities: found } = parse(source);
    lines += text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    tokens += tokenSpans(text).length;
    entities += found.length;
    for (const entity of found) {
      if (!forms.has(entity.label)) forms.set(entity.label, new Set());
      forms.get(entity.label)!.add(text.slice(entity.start, entity.end));
    }
  }
  const labels: Record<string, { entities: number; distinct: number }> = {};
  for (const label of [...forms.keys()].sort()) {
    const count = sources
      .flatMap((source) => parse(source).entities)
      .filter((entity) => entity.label === label).length;
    labels[label] = { entities: count, distinct: forms.get(label)!.size };
  }
  return { files: sources.length, lines, tokens, entities, labels };
}

describe('corpus statistics', () => {
  it('counts lines, tokens, entities and surface forms of the plain text', () => {
    const counter = new StatsCounter();
    counter.add(
      ...withBytes(
        '\uFEFF[LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ]society\n[LOC Serbia  ] ]\n',
      ),
    );
    counter.add(...withBytes('glued[PER Ana  ]'));
    expect(counter.result()).toEqual({
      files: 2,
      lines: 3,
      // Kosovo Serbs into Kosovosociety Serbia ] | gluedAna
      tokens: 7,
      entities: 5,
      labels: {
        LOC: { entities: 3, distinct: 2 },
        MISC: { entities: 1, distinct: 1 },
        PER: { entities: 1, distinct: 1 },
      },
    });
  });

  it('agrees with counting over what parse builds, for any source', () => {
    const source = fc.oneof(fc.string(), sourceOf(ODD_PIECES, 40));
    fc.assert(
      fc.property(fc.array(source, { maxLength: 3 }), (sources) => {
        const counter = new StatsCounter();
        for (const text of sources) counter.add(text, utf8(text));
        expect(counter.result()).toEqual(statsOfParsed(sources));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a document added in pieces cut after line feeds as it counts it whole', () => {
    const source = fc.oneof(fc.string(), sourceOf([...ODD_PIECES, '\n', '\uFEFF'], 40));
    fc.assert(
      fc.property(fc.array(source, { maxLength: 3 }), fc.array(fc.nat()), (sources, picks) => {
        const whole = new StatsCounter();
        const pieces = new StatsCounter();
        for (const text of sources) {
          whole.add(text, utf8(text));
          // Cut after some of its line feeds, the last piece maybe empty.
          const feeds = [...text.matchAll(/\n/g)].map((feed) => feed.index + 1);
          const cuts = [...new Set(picks.map((pick) => feeds[pick % (feeds.length + 1)]))]
            .filter((cut) => cut !== undefined)
            .sort((a, b) => a - b);
          const bounds = [0, ...cuts, text.length];
          for (let k = 0; k + 1 < bounds.length; k++) {
            const piece = text.slice(bounds[k], bounds[k + 1]);
            pieces.add(piece, utf8(piece), DEFAULT_LABELS, k === 0);
          }
        }
        expect(pieces.result()).toEqual(whole.result());
      }),
      { numRuns: 2000 },
    );
  });
});
