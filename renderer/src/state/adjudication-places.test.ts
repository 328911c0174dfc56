import { describe, expect, it } from 'vitest';
import { adjudicate } from '../../../shared/agreement/adjudicate';
import { parse } from '../../../shared/format/parse';
import { applyTransaction } from '../../../shared/model/operations';
import { serialize } from '../../../shared/format/serialize';
import {
  agreedEntities,
  chooseTransaction,
  curatorPlaces,
  prefillTransaction,
  settlementOf,
} from './adjudication-places';

const COPIES = [
  '[PER Ann Smith  ] met the [MISC Kosovo  ] envoy in [LOC Pristina  ] .',
  '[PER Ann Smith  ] met the [ORG Kosovo envoy  ] in [LOC Pristina  ] .',
  '[PER Ann  ] Smith met the Kosovo envoy in [LOC Pristina  ] .',
].map((text) => parse(text));
const entities = COPIES.map((doc) =>
  doc.entities.map(({ start, end, label }) => ({ start, end, label })),
);

describe('adjudicating a document in the app', () => {
  it('puts the agreed entities in and clears the places no version won, as one edit', () => {
    const vote = adjudicate(entities, 3);
    const agreed = agreedEntities(vote.entities, vote.places);
    // The curator's copy starts as cy's.
    const { doc } = applyTransaction(COPIES[2], prefillTransaction(COPIES[2], agreed, [])!);
    expect(serialize(doc)).toBe('Ann Smith met the Kosovo envoy in [LOC Pristina  ] .');
    expect(vote.places.map((place) => settlementOf(doc, place, false))).toEqual([
      { kind: 'open' },
      { kind: 'open' },
    ]);
    expect(prefillTransaction(doc, agreed, [])).toBeNull();
  });

  it('by majority, the 2-of-3 version is in and counts as settled; places kept stay as they are', () => {
    const vote = adjudicate(entities, 2);
    const agreed = agreedEntities(vote.entities, vote.places);
    const { doc } = applyTransaction(COPIES[2], prefillTransaction(COPIES[2], agreed, [])!);
    expect(serialize(doc)).toBe('[PER Ann Smith  ] met the Kosovo envoy in [LOC Pristina  ] .');
    expect(settlementOf(doc, vote.places[0], false)).toEqual({
      kind: 'version',
      annotators: [0, 1],
    });
    // Reopened later: a place settled in an earlier session keeps its entities.
    expect(prefillTransaction(COPIES[2], agreed, vote.places)).toBeNull();
  });

  it("keeps the curator's own corrections where the copies agree, each a place settled by hand", () => {
    const vote = adjudicate(entities, 3);
    const agreed = agreedEntities(vote.entities, vote.places);
    // Every copy tags Pristina LOC; the curator, starting from ann's copy, made it ORG and saved.
    const curated = parse('[PER Ann Smith  ] met the [MISC Kosovo  ] envoy in [ORG Pristina  ] .');
    const own = curatorPlaces(curated, agreed, vote.places, entities);
    expect(own.map(({ start, end, versions }) => ({ start, end, versions }))).toEqual([
      { start: 34, end: 42, versions: entities.map((copy) => [copy.at(-1)]) },
    ]);
    const { doc } = applyTransaction(curated, prefillTransaction(curated, agreed, own)!);
    expect(serialize(doc)).toBe('Ann Smith met the Kosovo envoy in [ORG Pristina  ] .');
    expect(settlementOf(doc, own[0], false)).toEqual({ kind: 'hand' });
    // "None" chosen there, the place is kept empty when the document is adjudicated again.
    const none = applyTransaction(doc, chooseTransaction(doc, own[0], [])!).doc;
    // Every copy has an entity there: the place holds none because the curator chose none.
    expect(settlementOf(none, own[0], true)).toEqual({ kind: 'none' });
    const again = curatorPlaces(none, agreed, vote.places, entities, [own[0]]);
    expect(again.map(({ start, end }) => ({ start, end }))).toEqual([{ start: 34, end: 42 }]);
    expect(prefillTransaction(none, agreed, [...vote.places, ...again])).toBeNull();
    // A document with no entity yet (started from the plain text) takes the agreed entities.
    const plain = parse('Ann Smith met the Kosovo envoy in Pristina .');
    expect(curatorPlaces(plain, agreed, vote.places, entities)).toEqual([]);
  });

  it('settles a place with a version, with none, or by hand', () => {
    const vote = adjudicate(entities, 3);
    const agreed = agreedEntities(vote.entities, vote.places);
    let { doc } = applyTransaction(COPIES[0], prefillTransaction(COPIES[0], agreed, [])!);
    const place = vote.places[1];
    ({ doc } = applyTransaction(doc, chooseTransaction(doc, place, place.versions[1])!));
    expect(serialize(doc)).toBe('Ann Smith met the [ORG Kosovo envoy  ] in [LOC Pristina  ] .');
    expect(settlementOf(doc, place, false)).toEqual({ kind: 'version', annotators: [1] });
    expect(chooseTransaction(doc, place, place.versions[1])).toBeNull();
    ({ doc } = applyTransaction(doc, chooseTransaction(doc, place, [])!));
    expect(settlementOf(doc, place, false)).toEqual({ kind: 'open' });
    expect(settlementOf(doc, place, true)).toEqual({ kind: 'version', annotators: [2] });
    const kosovo = { start: 18, end: 24, label: 'LOC' };
    ({ doc } = applyTransaction(doc, chooseTransaction(doc, place, [kosovo])!));
    expect(settlementOf(doc, place, false)).toEqual({ kind: 'hand' });
  });
});
