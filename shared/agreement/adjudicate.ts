// Adjudicates several copies of one document by vote: majority entities kept, minority dropped, ties left to a person.
import type { BracketDocument, DocumentEntity, Entity } from '../format/document';

/** An entity and the copies (0-based, in the order given) that hold it with this span and label. */
export interface VotedEntity extends Entity {
  copies: number[];
}

/**
 * A stretch of text where the copies do not all agree: every copy's version of it and what the
 * vote made of it.
 */
export interface Place {
  /** Plain-text span covering every version. */
  start: number;
  end: number;
  /** versions[k]: copy k's entities here (possibly none), sorted. */
  versions: Entity[][];
  /** What the result holds here: the majority's entities and, where no version won, the first copy's. */
  kept: VotedEntity[];
  /** Entities of some copies that the vote left out. */
  dropped: VotedEntity[];
  /** Where no version has a majority: the spans (within this place) a person must settle. */
  unsettled: Array<{ start: number; end: number }>;
}

export interface Adjudication {
  /** The minimum number of copies an entity or a version needs. */
  min: number;
  /** The adjudicated entities, sorted and flat: ready to replace the first copy's. */
  entities: Entity[];
  /** Entities every copy holds. */
  unanimous: number;
  /** Every place of disagreement, in text order. */
  places: Place[];
}

/** A strict majority of copies: more than half. */
export function majorityOf(copies: number): number {
  return Math.floor(copies / 2) + 1;
}

const key = (entity: Entity) => `${entity.start}:${entity.end}:${entity.label}`;

/**
 * Adjudicates copies (each sorted and flat, over one plain text) by vote. An entity held (same
 * span, same label) by at least min copies is kept; one held by fewer that overlaps a kept entity is
 * dropped. The rest of the minority entities form stretches; in each, a version that at least min
 * copies share wins (so an entity marked by one copy of three where the others mark nothing is
 * dropped); otherwise the first copy's entities stay and the stretch is unsettled. min defaults to a
 * strict majority and may not be lower (two overlapping entities could both be kept).
 */
export function adjudicate(
  copies: ReadonlyArray<readonly Entity[]>,
  min = majorityOf(copies.length),
): Adjudication {
  if (copies.length < 2) throw new Error('adjudication needs at least two copies');
  if (min < majorityOf(copies.length) || min > copies.length)
    throw new RangeError(
      `min must be from ${majorityOf(copies.length)} to ${copies.length} for ${copies.length} copies`,
    );
  const voted = vote(copies);
  const entities: Entity[] = [];
  const places: Place[] = [];
  let unanimous = 0;
  for (const cluster of overlapClusters(voted)) {
    if (cluster.length === 1 && cluster[0].copies.length === copies.length) {
      unanimous++;
      entities.push(strip(cluster[0]));
      continue;
    }
    const place = settle(cluster, copies.length, min);
    places.push(place);
    for (const entity of place.kept) entities.push(strip(entity));
  }
  entities.sort((a, b) => a.start - b.start);
  return { min, entities, unanimous, places };
}

/** Every distinct entity of the copies with the copies holding it, sorted by start then end. */
function vote(copies: ReadonlyArray<readonly Entity[]>): VotedEntity[] {
  const byKey = new Map<string, VotedEntity>();
  copies.forEach((entities, copy) => {
    for (const entity of entities) {
      const found = byKey.get(key(entity));
      if (found) found.copies.push(copy);
      else
        byKey.set(key(entity), {
          start: entity.start,
          end: entity.end,
          label: entity.label,
          copies: [copy],
        });
    }
  });
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Groups sorted entities into runs that overlap one another (connected through overlaps). */
function overlapClusters<T extends Entity>(entities: readonly T[]): T[][] {
  const clusters: T[][] = [];
  let end = -1;
  for (const entity of entities) {
    if (clusters.length > 0 && entity.start < end) {
      clusters[clusters.length - 1].push(entity);
      end = Math.max(end, entity.end);
    } else {
      clusters.push([entity]);
      end = entity.end;
    }
  }
  return clusters;
}

/** The vote within one place of disagreement. */
function settle(cluster: readonly VotedEntity[], copies: number, min: number): Place {
  const start = cluster[0].start;
  const end = Math.max(...cluster.map((entity) => entity.end));
  const versions: Entity[][] = Array.from({ length: copies }, () => []);
  for (const entity of cluster)
    for (const copy of entity.copies) versions[copy].push(strip(entity));
  const majority = cluster.filter((entity) => entity.copies.length >= min);
  const overlapsMajority = (entity: Entity) =>
    majority.some((kept) => kept.start < entity.end && entity.start < kept.end);
  const kept = [...majority];
  const dropped: VotedEntity[] = [];
  const unsettled: Place['unsettled'] = [];
  const rest: VotedEntity[] = [];
  for (const entity of cluster) {
    if (entity.copies.length >= min) continue;
    if (overlapsMajority(entity)) dropped.push(entity);
    else rest.push(entity);
  }
  for (const stretch of overlapClusters(rest)) {
    const stretchEnd = Math.max(...stretch.map((entity) => entity.end));
    // Copies holding nothing here agree on "no entity"; any other version is a minority's (each of
    // its entities has fewer than min votes), so only the empty version can win.
    const holders = new Set(stretch.flatMap((entity) => entity.copies));
    if (copies - holders.size >= min) {
      dropped.push(...stretch);
      continue;
    }
    unsettled.push({ start: stretch[0].start, end: stretchEnd });
    for (const entity of stretch) (entity.copies.includes(0) ? kept : dropped).push(entity);
  }
  const byStart = (a: Entity, b: Entity) => a.start - b.start || a.end - b.end;
  return {
    start,
    end,
    versions,
    kept: kept.sort(byStart),
    dropped: dropped.sort(byStart),
    unsettled,
  };
}

function strip(entity: Entity): Entity {
  return { start: entity.start, end: entity.end, label: entity.label };
}

/**
 * The first copy whose plain text differs from the first copy's, and the 1-based line of the first
 * difference; null when all texts are the same.
 */
export function textMismatch(texts: readonly string[]): { copy: number; line: number } | null {
  const first = texts[0];
  for (let copy = 1; copy < texts.length; copy++) {
    const text = texts[copy];
    if (text === first) continue;
    let at = 0;
    while (at < first.length && at < text.length && first.charCodeAt(at) === text.charCodeAt(at))
      at++;
    let line = 1;
    for (let i = first.indexOf('\n'); i !== -1 && i < at; i = first.indexOf('\n', i + 1)) line++;
    return { copy, line };
  }
  return null;
}

/**
 * The first copy with its entities replaced by the adjudicated ones: an entity the first copy
 * already holds (same span and label) stays the same object, so serialize writes its bytes as they
 * were; the others are new and written in the file's close style.
 */
export function adjudicatedDocument(
  first: BracketDocument,
  entities: readonly Entity[],
): BracketDocument {
  const own = new Map(first.entities.map((entity) => [key(entity), entity]));
  let nextId = first.nextId;
  const result = entities.map(
    (entity): DocumentEntity =>
      own.get(key(entity)) ?? {
        id: nextId++,
        start: entity.start,
        end: entity.end,
        label: entity.label,
      },
  );
  return { ...first, entities: result, nextId };
}
