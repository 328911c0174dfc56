// Adjudicating one document: the edit that puts the agreed entities in, each place's choices, and how it stands.
import { overlapClusters, type Place } from '../../../shared/agreement/adjudicate';
import type { BracketDocument, DocumentEntity, Entity } from '../../../shared/format/document';
import { entitiesOverlapping } from '../../../shared/model/gestures';
import type { Operation, Transaction } from '../../../shared/model/operations';
import { largest } from '../../../shared/long-lists';

type Span = { start: number; end: number };

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** How a place stands in the document now. */
export type Settlement =
  | { kind: 'open' }
  /** It holds the version of these annotators (an empty version when they marked nothing). */
  | { kind: 'version'; annotators: number[] }
  /** It holds no entity, chosen by the curator, where every annotator marked one. */
  | { kind: 'none' }
  /** It holds entities no annotator gave. */
  | { kind: 'hand' };

const key = (entity: Entity) => `${entity.start}:${entity.end}:${entity.label}`;

function sameEntities(a: readonly Entity[], b: readonly Entity[]): boolean {
  return a.length === b.length && a.every((entity, index) => key(entity) === key(b[index]));
}

/** The document's entities at a place (those overlapping its span). */
export function entitiesAt(doc: Pick<BracketDocument, 'entities'>, place: Place): DocumentEntity[] {
  return entitiesOverlapping(doc.entities, place.start, place.end);
}

/**
 * How a place stands: the version it holds (and whose it is), no entity, entities set by hand, or
 * still open.
 * It is open while a stretch the vote left unsettled holds no entity, unless the curator chose
 * "none" there (`noneChosen`).
 */
export function settlementOf(
  doc: Pick<BracketDocument, 'entities'>,
  place: Place,
  noneChosen: boolean,
): Settlement {
  const held = entitiesAt(doc, place);
  const empty = (stretch: Span) => !held.some((entity) => overlaps(entity, stretch));
  if (!noneChosen && place.unsettled.some(empty)) return { kind: 'open' };
  const annotators = place.versions.flatMap((version, index) =>
    sameEntities(version, held) ? [index] : [],
  );
  if (annotators.length > 0) return { kind: 'version', annotators };
  return held.length === 0 ? { kind: 'none' } : { kind: 'hand' };
}

/** Replaces what the document holds over spans with entities: removals first, then additions. */
function replaceTransaction(
  doc: BracketDocument,
  removed: readonly DocumentEntity[],
  added: readonly Entity[],
): Transaction | null {
  const ops: Operation[] = removed.map((entity) => ({ op: 'remove', id: entity.id }));
  let nextId = doc.nextId;
  for (const entity of added) {
    ops.push({
      op: 'add',
      entity: { id: nextId++, start: entity.start, end: entity.end, label: entity.label },
    });
  }
  return ops.length > 0 ? { ops } : null;
}

/** The edit that gives a place this version (an empty one removes what is there); null when it holds it. */
export function chooseTransaction(
  doc: BracketDocument,
  place: Place,
  version: readonly Entity[],
): Transaction | null {
  const held = entitiesAt(doc, place);
  if (sameEntities(held, version)) return null;
  return replaceTransaction(doc, held, version);
}

/** What the vote agreed on: its entities but those it kept only as the first copy's, where no version won. */
export function agreedEntities(entities: readonly Entity[], places: readonly Place[]): Entity[] {
  const unsettled = places.flatMap((place) => place.unsettled);
  return entities.filter((entity) => !unsettled.some((stretch) => overlaps(entity, stretch)));
}

/**
 * The edit that puts the agreed entities in, one undoable step. The document takes exactly the
 * agreed entities, except over the places in `keep` (places settled in an earlier session), which
 * stay as they are. Null when the document already holds them.
 */
export function prefillTransaction(
  doc: BracketDocument,
  agreed: readonly Entity[],
  keep: readonly Place[],
): Transaction | null {
  const kept = (entity: Entity) => keep.some((place) => overlaps(entity, place));
  const wanted = new Set(agreed.filter((entity) => !kept(entity)).map(key));
  const held = new Set(doc.entities.map(key));
  const removed = doc.entities.filter((entity) => !wanted.has(key(entity)) && !kept(entity));
  const added = agreed.filter((entity) => wanted.has(key(entity)) && !held.has(key(entity)));
  return replaceTransaction(doc, removed, added);
}

/**
 * Where the document holds entities the copies do not agree on, outside their places: the curator's
 * own corrections (made before adjudicating, or since), and where the curator chose "none" before
 * (`noneAt`). Each is a place of its own, every copy's entities there its versions, kept as the
 * document holds it rather than set to the agreement. An agreed entity the document lacks, with
 * nothing of the curator's there, is put in.
 */
export function curatorPlaces(
  doc: Pick<BracketDocument, 'entities'>,
  agreed: readonly Entity[],
  places: readonly Place[],
  copies: ReadonlyArray<readonly Entity[]>,
  noneAt: readonly Span[] = [],
): Place[] {
  const wanted = new Set(agreed.map(key));
  const outside = (span: Span) => !places.some((place) => overlaps(span, place));
  const marks: Span[] = [
    ...doc.entities.filter((entity) => !wanted.has(key(entity)) && outside(entity)),
    ...noneAt.filter(outside),
  ];
  const beside = agreed.filter((entity) => marks.some((mark) => overlaps(entity, mark)));
  const stretches = overlapClusters(
    [...marks, ...beside].sort((a, b) => a.start - b.start || a.end - b.end),
  );
  return stretches.map((stretch) => {
    const span = { start: stretch[0].start, end: largest(stretch.map(({ end }) => end)) };
    const versions = copies.map((copy) => copy.filter((entity) => overlaps(entity, span)));
    return { ...span, versions, kept: [], dropped: [], unsettled: [] };
  });
}
