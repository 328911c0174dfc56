// Adjudicates several copies of one document by vote: majority entities kept, minority dropped, ties left to a person.
import { append, largest } from '../long-lists';
import type { BracketDocument, Diagnostic, DocumentEntity, Entity } from '../format/document';
import { diagnose } from '../format/parse';

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
  /**
   * The adjudicated entities, sorted and flat: ready to replace the first copy's (see
   * adjudicatedDocument). Where the first copy holds one, it is that copy's own object.
   */
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
  const entities: Entity[] = [];
  const places: Place[] = [];
  let unanimous = 0;
  for (const cluster of overlapClusters(vote(copies))) {
    if (cluster.length === 1 && cluster[0].copies.length === copies.length) {
      unanimous++;
      entities.push(cluster[0].entity);
      continue;
    }
    const { place, kept } = settle(cluster, copies.length, min);
    places.push(place);
    append(entities, kept);
  }
  return { min, entities, unanimous, places };
}

/** An entity of some copies: its span and label, the copies holding it, and one of their objects. */
interface Ballot extends VotedEntity {
  /** The entity object of the first copy holding it (the first copy's own where it holds it). */
  entity: Entity;
}

/** Orders entities by start, then end, then label. */
function compareEntities(a: Entity, b: Entity): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/**
 * Every distinct entity of the copies with the copies holding it, sorted by start, end and label:
 * the sorted copies merged in one walk.
 */
function vote(copies: ReadonlyArray<readonly Entity[]>): Ballot[] {
  const next = new Array<number>(copies.length).fill(0);
  const ballots: Ballot[] = [];
  for (;;) {
    let lowest: Entity | undefined;
    for (let copy = 0; copy < copies.length; copy++) {
      const entity = copies[copy][next[copy]];
      if (entity && (!lowest || compareEntities(entity, lowest) < 0)) lowest = entity;
    }
    if (!lowest) return ballots;
    const holders: number[] = [];
    for (let copy = 0; copy < copies.length; copy++) {
      const entity = copies[copy][next[copy]];
      if (entity && compareEntities(entity, lowest) === 0) {
        holders.push(copy);
        next[copy]++;
      }
    }
    const { start, end, label } = lowest;
    ballots.push({ start, end, label, copies: holders, entity: lowest });
  }
}

/** Groups sorted spans into runs that overlap one another (connected through overlaps). */
export function overlapClusters<T extends { start: number; end: number }>(
  entities: readonly T[],
): T[][] {
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

/** The vote within one place of disagreement, and the entity objects it keeps. */
function settle(
  cluster: readonly Ballot[],
  copies: number,
  min: number,
): { place: Place; kept: Entity[] } {
  const start = cluster[0].start;
  const end = largest(cluster.map((ballot) => ballot.end));
  const versions: Entity[][] = Array.from({ length: copies }, () => []);
  for (const ballot of cluster)
    for (const copy of ballot.copies) versions[copy].push(entityOf(ballot));
  const majority = cluster.filter((ballot) => ballot.copies.length >= min);
  const overlapsMajority = (entity: Entity) =>
    majority.some((kept) => kept.start < entity.end && entity.start < kept.end);
  const kept = [...majority];
  const dropped: Ballot[] = [];
  const unsettled: Place['unsettled'] = [];
  const rest: Ballot[] = [];
  for (const ballot of cluster) {
    if (ballot.copies.length >= min) continue;
    if (overlapsMajority(ballot)) dropped.push(ballot);
    else rest.push(ballot);
  }
  for (const stretch of overlapClusters(rest)) {
    const stretchStart = stretch[0].start;
    const stretchEnd = largest(stretch.map((ballot) => ballot.end));
    // Copies holding nothing here agree on "no entity"; any other version is a minority's (each of
    // its entities has fewer than min votes), so only the empty version can win. A copy whose
    // entity here was dropped for overlapping a kept one marks these words too: it holds something.
    const holders = new Set(
      cluster
        .filter((ballot) => ballot.start < stretchEnd && stretchStart < ballot.end)
        .flatMap((ballot) => ballot.copies),
    );
    if (copies - holders.size >= min) {
      append(dropped, stretch);
      continue;
    }
    unsettled.push({ start: stretchStart, end: stretchEnd });
    for (const ballot of stretch) (ballot.copies.includes(0) ? kept : dropped).push(ballot);
  }
  const byStart = (a: Entity, b: Entity) => a.start - b.start || a.end - b.end;
  kept.sort(byStart);
  return {
    place: {
      start,
      end,
      versions,
      kept: kept.map(votedOf),
      dropped: dropped.sort(byStart).map(votedOf),
      unsettled,
    },
    kept: kept.map((ballot) => ballot.entity),
  };
}

function entityOf({ start, end, label }: Entity): Entity {
  return { start, end, label };
}

function votedOf({ start, end, label, copies }: Ballot): VotedEntity {
  return { start, end, label, copies };
}

/** A copy whose plain text differs from the first copy's: which, and where. */
export interface TextMismatch {
  copy: number;
  /** The 1-based line of the first difference. */
  line: number;
  /**
   * What alone differs, when the texts are otherwise the same: their line endings (CRLF in one,
   * LF in the other), the line break that ends one of them and not the other, or both.
   */
  only: keyof typeof ONLY_DIFFERENCE | null;
}

const withLf = (text: string) => text.replaceAll('\r\n', '\n');
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

/** What alone differs between two different texts (see TextMismatch.only). */
function onlyDifference(first: string, text: string): TextMismatch['only'] {
  if (withLf(text) === withLf(first)) return 'line-endings';
  if (withoutFinalNewline(text) === withoutFinalNewline(first)) return 'final-newline';
  if (withoutFinalNewline(withLf(text)) === withoutFinalNewline(withLf(first)))
    return 'line-endings-and-final-newline';
  return null;
}

/** The first copy whose plain text differs from the first copy's; null when all texts are the same. */
export function textMismatch(texts: readonly string[]): TextMismatch | null {
  const first = texts[0];
  for (let copy = 1; copy < texts.length; copy++) {
    const text = texts[copy];
    if (text === first) continue;
    let at = 0;
    while (at < first.length && at < text.length && first.charCodeAt(at) === text.charCodeAt(at))
      at++;
    let line = 1;
    for (let i = first.indexOf('\n'); i !== -1 && i < at; i = first.indexOf('\n', i + 1)) line++;
    return { copy, line, only: onlyDifference(first, text) };
  }
  return null;
}

/** Why two texts part when that is all that differs, in words. */
const ONLY_DIFFERENCE = {
  'line-endings': 'only the line endings differ, CRLF and LF: convert one of them',
  'final-newline': 'only the final newline differs: end both files with a line break, or neither',
  'line-endings-and-final-newline':
    'only the line endings and the final newline differ: convert one of them, and end both with a line break or neither',
};

/** Where the texts part, in words: "at line 3", and why when that is all that differs. */
export function mismatchPlace({ line, only }: TextMismatch): string {
  return only ? `at line ${line} (${ONLY_DIFFERENCE[only]})` : `at line ${line}`;
}

/**
 * A copy's first markup error (validate's error severity: the markup parsed otherwise than meant)
 * on or before the line where its plain text parts from another's: the likelier cause of the
 * difference. diagnostics: the copy's, in file order.
 */
export function markupErrorBefore(
  diagnostics: readonly Diagnostic[],
  line: number,
): Diagnostic | undefined {
  return diagnostics.find(
    (diagnostic) => diagnostic.severity === 'error' && diagnostic.line <= line,
  );
}

/**
 * A markup error that made copies differ, as validate places it and with what to do:
 * `bo/news.txt:1:1: unclosed-entity: entity [PER is not closed on its line (repair it first)`;
 * repair, where given, says how ("emend validate bo/news.txt").
 */
export function markupErrorMessage(file: string, error: Diagnostic, repair?: string): string {
  const what = `${file}:${error.line}:${error.column}: ${error.code}: ${error.message}`;
  return `${what} (repair it first${repair ? `: ${repair}` : ''})`;
}

/**
 * The markup error that likely made copies' plain texts part at line: the first found in the copies
 * in the order given (the differing copy, then the first), as markupErrorMessage says it; null when
 * none has one. source: a copy's bracket text.
 */
export function copiesMarkupError(
  copies: ReadonlyArray<{ file: string; source: string; repair?: string }>,
  line: number,
): string | null {
  for (const { file, source, repair } of copies) {
    // The label set only decides warnings (unknown-label), never an error: the default serves.
    const error = markupErrorBefore(diagnose(source, { infos: false }), line);
    if (error) return markupErrorMessage(file, error, repair);
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
  const own = first.entities;
  let k = 0;
  let nextId = first.nextId;
  const result = entities.map((entity): DocumentEntity => {
    while (k < own.length && own[k].start < entity.start) k++;
    const mine = own[k];
    if (mine && compareEntities(mine, entity) === 0) return mine;
    return { id: nextId++, start: entity.start, end: entity.end, label: entity.label };
  });
  return { ...first, entities: result, nextId };
}
