// `emend adjudicate`: one corpus from annotators' copies by vote; what no majority settles is listed for a person.
import path from 'node:path';
import {
  adjudicate,
  adjudicatedDocument,
  majorityOf,
  type Adjudication,
  type Place,
} from '../../shared/agreement/adjudicate';
import { codePointIndex, type CodePointIndex } from '../../shared/convert/code-points';
import type { BracketDocument, Diagnostic, Entity } from '../../shared/format/document';
import { diagnose } from '../../shared/format/parse';
import { refusalLine } from '../../shared/convert/export-policy';
import { locateOffsets } from '../../shared/format/position';
import { filePositions } from '../../shared/review/positions';
import { serialize, SerializeError } from '../../shared/format/serialize';
import { plural } from '../../shared/plural';
import type { DocumentCopies } from './corpus-files';
import { copiesDiffer, onCopies, openCopies } from './copies';
import {
  EXIT_FOUND,
  EXIT_OK,
  EXIT_USAGE,
  paint,
  placeColumn,
  printable,
  quoted,
  UsageError,
  type CliIO,
  type Command,
} from './io';
import { labelsFlag } from './labels-flag';
import { checkOutputs, forceUsage, writeAllOrNothing } from './outputs';

const USAGE = `Usage: emend adjudicate --out DIR [--min K] [--json] [--labels A,B] A B [C ...]
       emend adjudicate --out DIR [--min K] [--json] REV1 REV2 [REV3 ...] -- PATH...
  Writes one corpus to DIR from annotators' copies (files, folders matched by relative path, or
  git revisions of the files under PATH), by vote: an entity that at least K copies hold (same
  span, same label) is kept; one held by fewer that overlaps a kept entity is dropped, as is one
  where at least K copies mark nothing; where no version has K copies, the first copy's markup
  is kept and the place is listed as unsettled, for a person to settle. The text is never
  changed: everything but the changed entities is written byte for byte as the first copy has it.
  --min K   votes needed (default: a majority, more than half of the copies)
  --labels A,B  the label set the copies are read with (default: their corpus settings), as
            validate takes it; every entity is voted on whatever its label (agree --labels
            compares only some labels; adjudicate leaves none out)
${forceUsage(10)}
  --json    print {"annotators","min","documents":[{"path","entities","unanimous","dropped",
            "unsettled":[{"line","column","start","end","text","versions":[{"annotator",
            "entities":[{"start","end","label","text"}]}]}]}],"unsettled","leftOut":[{"path",
            "lackedBy":[annotator]}]}; offsets in Unicode code points of the plain text
  Every document is read and checked before anything is written: copies whose plain text
  differs are refused, naming the first differing line. Documents some copy lacks are named and
  not written.
  A markup error every copy has alike (they read the same) is named, and written as it is.
  Exit status: 0 all settled and every document written, 1 written with unsettled places, with
  markup errors the copies share, or with documents some copy lacks left out, 2 usage error or
  bad input (nothing written).`;

/** One document's vote and its result, or why it cannot be adjudicated. */
async function adjudicateCopies(
  docs: BracketDocument[],
  tuple: DocumentCopies,
  min: number,
): Promise<
  | { adjudication: Adjudication; gold: BracketDocument; content: string; shared: Diagnostic[] }
  | { problem: string }
> {
  const differ = await copiesDiffer(docs, tuple);
  if (differ) return { problem: differ };
  const adjudication = adjudicate(
    docs.map((doc) => doc.entities),
    min,
  );
  const gold = adjudicatedDocument(docs[0], adjudication.entities);
  try {
    const content = serialize(gold);
    // The copies' texts are the same: a markup error in the result is in every copy alike.
    const shared = diagnose(content, { infos: false }).filter(
      (diagnostic) => diagnostic.severity === 'error',
    );
    return { adjudication, gold, content, shared };
  } catch (error) {
    if (!(error instanceof SerializeError)) throw error;
    const [where] = locateOffsets(docs[0].text, [error.entity.start]);
    return { problem: `${tuple.relative}:${where.line}: ${error.message}` };
  }
}

/** An entity as --json shows it: offsets in code points, with its text. */
function jsonEntity(text: string, index: CodePointIndex, entity: Entity) {
  return {
    start: index.toCodePoint(entity.start),
    end: index.toCodePoint(entity.end),
    label: entity.label,
    text: text.slice(entity.start, entity.end),
  };
}

/**
 * Each unsettled stretch of a document with every annotator's version of it, placed by line and
 * column in the file written (gold), where a person settles it.
 */
function unsettledPlaces(
  gold: BracketDocument,
  places: readonly Place[],
  annotators: readonly string[],
) {
  const { text } = gold;
  const stretches = places.flatMap((place) =>
    place.unsettled.map((stretch) => ({
      ...stretch,
      versions: place.versions.map((entities) =>
        entities.filter((entity) => entity.start < stretch.end && stretch.start < entity.end),
      ),
    })),
  );
  const placeOf = filePositions(gold);
  const index = codePointIndex(text);
  return stretches.map((stretch) => ({
    ...placeOf(stretch.start),
    start: index.toCodePoint(stretch.start),
    end: index.toCodePoint(stretch.end),
    text: text.slice(stretch.start, stretch.end),
    versions: stretch.versions.map((entities, copy) => ({
      annotator: annotators[copy],
      entities: entities.map((entity) => jsonEntity(text, index, entity)),
    })),
  }));
}

type Unsettled = ReturnType<typeof unsettledPlaces>[number];

function describeVersion(version: Unsettled['versions'][number]): string {
  const entities = version.entities.map((entity) => `[${entity.label} ${quoted(entity.text)}]`);
  return `${version.annotator} ${entities.length > 0 ? entities.join(' ') : 'none'}`;
}

/**
 * A document's summary: entities written, how many all copies held, and how many the vote dropped
 * (entities of other copies at unsettled places are not counted: a person settles those).
 */
function summary(adjudication: Adjudication) {
  let dropped = 0;
  for (const place of adjudication.places) {
    const pending = (entity: Entity) =>
      place.unsettled.some((stretch) => entity.start < stretch.end && stretch.start < entity.end);
    dropped += place.dropped.filter((entity) => !pending(entity)).length;
  }
  return { entities: adjudication.entities.length, unanimous: adjudication.unanimous, dropped };
}

/** Some document cannot be adjudicated: nothing is written (the problems are listed). */
class AdjudicationRefused extends Error {}

/** What adjudicate prints of one document: a JSON object (--json) or its lines. */
function describeDocument(
  io: CliIO,
  relative: string,
  adjudication: Adjudication,
  unsettled: readonly Unsettled[],
  json: boolean,
  annotators: readonly string[],
): string {
  const counts = summary(adjudication);
  if (json) return JSON.stringify({ path: relative, ...counts, unsettled });
  const places = unsettled.map(
    (place) =>
      `  ${placeColumn(place.line, place.column)}${paint(io, 'yellow', 'unsettled')} ${quoted(place.text)}: ${place.versions.map(describeVersion).join(' · ')} → ${annotators[0]}'s kept\n`,
  );
  return `${paint(io, 'bold', relative)}: ${plural(counts.entities, 'entity', 'entities')} (${counts.unanimous} unanimous), ${counts.dropped} dropped, ${unsettled.length} unsettled\n${places.join('')}`;
}

function parseMin(value: string | undefined, copies: number): number {
  if (value === undefined) return majorityOf(copies);
  const min = Number(value);
  if (!Number.isInteger(min) || min < majorityOf(copies) || min > copies)
    throw new UsageError(
      `--min takes a whole number from ${majorityOf(copies)} to ${copies} for ${copies} copies`,
    );
  return min;
}

export const adjudicateCommand: Command = {
  summary: "one corpus from annotators' copies by vote; ties listed as unsettled",
  usage: USAGE,
  run: (args: string[], given: CliIO) =>
    onCopies(
      args,
      {
        out: { type: 'string' },
        min: { type: 'string' },
        json: { type: 'boolean' },
        labels: { type: 'string' },
        force: { type: 'boolean' },
      },
      given,
      async (values, paths, annotators, io) => {
        const out = values.out;
        if (out === undefined) throw new UsageError('give --out DIR');
        const min = parseMin(values.min, paths.length);
        const copies = await openCopies(paths, {
          labels: labelsFlag(values.labels),
          io,
          command: 'adjudicate',
        });
        const target = (tuple: DocumentCopies) => path.join(out, tuple.relative);

        const planned = copies.tuples.map((tuple) => ({ path: target(tuple) }));
        checkOutputs(
          planned,
          copies.tuples.flatMap((tuple) => tuple.copies.map((copy) => copy.path)),
          values.force === true,
          out,
          paths,
        );

        // One pass: each document read, compared, adjudicated and staged beside its place; what
        // it says is kept (it is printed once every document is staged). A problem in any
        // document stops the staging: nothing is written, and every problem is named.
        const problems: string[] = [];
        const listing: string[] = [];
        const sharedErrors: string[] = [];
        let unsettledCount = 0;
        try {
          await writeAllOrNothing(io, 'adjudicate', async (batch) => {
            await copies.corpus.forEachCopies(
              copies.tuples,
              async (docs, tuple) => {
                const result = await adjudicateCopies(docs, tuple, min);
                if ('problem' in result) problems.push(result.problem);
                if ('problem' in result || problems.length > 0) return;
                await batch.stage(target(tuple), result.content);
                for (const error of result.shared)
                  sharedErrors.push(
                    `${refusalLine(printable(target(tuple)), error)}: in every copy alike, written as it is`,
                  );
                const unsettled = unsettledPlaces(
                  result.gold,
                  result.adjudication.places,
                  annotators,
                );
                unsettledCount += unsettled.length;
                listing.push(
                  describeDocument(
                    io,
                    tuple.relative,
                    result.adjudication,
                    unsettled,
                    values.json === true,
                    annotators,
                  ),
                );
              },
              { strict: true, firstWhole: true },
            );
            if (problems.length > 0) throw new AdjudicationRefused();
          });
        } catch (error) {
          if (!(error instanceof AdjudicationRefused)) throw error;
          io.err(`${problems.map((problem) => `emend adjudicate: ${problem}`).join('\n')}\n`);
          io.err('emend adjudicate: nothing written\n');
          return EXIT_USAGE;
        }
        // Each document left out, with the copies that lack it.
        const lackedBy = new Map<string, string[]>();
        copies.missing.forEach((lacking, k) => {
          for (const relative of lacking) {
            io.err(`emend adjudicate: ${annotators[k]} has no ${relative}: not written\n`);
            lackedBy.set(relative, [...(lackedBy.get(relative) ?? []), annotators[k]]);
          }
        });
        const leftOut = [...lackedBy].map(([relative, by]) => ({ path: relative, lackedBy: by }));
        for (const error of sharedErrors) io.err(`emend adjudicate: ${error}\n`);
        // What is on disk is said before the report: a report that cannot be written (a full disk)
        // still leaves the files written named.
        io.err(
          `wrote ${plural(planned.length, 'file')} to ${out}; ${plural(unsettledCount, 'unsettled place')}\n`,
        );
        if (values.json)
          io.out(
            `{"annotators":${JSON.stringify(annotators)},"min":${min},"documents":[${listing.join(',')}],"unsettled":${unsettledCount},"leftOut":${JSON.stringify(leftOut)}}\n`,
          );
        else io.out(listing.join(''));
        const settled = unsettledCount === 0 && leftOut.length === 0 && sharedErrors.length === 0;
        return settled ? EXIT_OK : EXIT_FOUND;
      },
    ),
};
