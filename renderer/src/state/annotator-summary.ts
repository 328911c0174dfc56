// Feedback for annotators after adjudication: how often each was overruled, and on which labels.
import type { Entity } from '../../../shared/format/document';

/** A document once adjudicated: each annotator's entities, the entities it holds now, and the places still open. */
export interface AdjudicatedDocument {
  id: string;
  copies: Entity[][];
  result: readonly Entity[];
  /** The spans of the places not decided yet: what an annotator marked there is neither kept nor overruled. */
  undecided: ReadonlyArray<{ start: number; end: number }>;
}

export interface AnnotatorSummary {
  annotator: string;
  documents: number;
  /** Entities the annotator marked. */
  entities: number;
  /** Of those, kept as they were (same span, same label). */
  kept: number;
  /** Of those, not in the adjudicated documents: relabeled, resized or dropped. */
  overruled: number;
  /** Overruled entities by the label the annotator gave. */
  overruledLabels: Record<string, number>;
  /** Entities of the adjudicated documents the annotator did not mark as such, by their label. */
  missed: number;
  missedLabels: Record<string, number>;
  /** Entities the annotator marked at places not decided yet. */
  undecided: number;
}

const key = (entity: Entity) => `${entity.start}:${entity.end}:${entity.label}`;

function count(into: Record<string, number>, label: string): void {
  into[label] = (into[label] ?? 0) + 1;
}

/** One summary per annotator (in copy order) over the adjudicated documents. */
export function annotatorSummaries(
  annotators: readonly string[],
  documents: readonly AdjudicatedDocument[],
): AnnotatorSummary[] {
  return annotators.map((annotator, index) => {
    const summary: AnnotatorSummary = {
      annotator,
      documents: documents.length,
      entities: 0,
      kept: 0,
      overruled: 0,
      overruledLabels: {},
      missed: 0,
      missedLabels: {},
      undecided: 0,
    };
    for (const document of documents) {
      const result = new Set(document.result.map(key));
      const theirs = document.copies[index] ?? [];
      const marked = new Set(theirs.map(key));
      const open = (entity: Entity) =>
        document.undecided.some((span) => entity.start < span.end && span.start < entity.end);
      for (const entity of theirs) {
        summary.entities++;
        if (open(entity)) summary.undecided++;
        else if (result.has(key(entity))) summary.kept++;
        else {
          summary.overruled++;
          count(summary.overruledLabels, entity.label);
        }
      }
      for (const entity of document.result) {
        if (marked.has(key(entity)) || open(entity)) continue;
        summary.missed++;
        count(summary.missedLabels, entity.label);
      }
    }
    return summary;
  });
}

const byLabel = (counts: Record<string, number>) =>
  Object.keys(counts)
    .sort()
    .map((label) => `${label} ${counts[label]}`)
    .join(', ') || '—';

/** The summaries as a Markdown report. */
export function summaryMarkdown(
  summaries: readonly AnnotatorSummary[],
  documents: readonly string[],
): string {
  const rows = summaries.map(
    (s) =>
      `| ${s.annotator} | ${s.entities} | ${s.kept} | ${s.overruled} | ${byLabel(s.overruledLabels)} | ${s.missed} | ${byLabel(s.missedLabels)} | ${s.undecided} |`,
  );
  return [
    '# Adjudication: feedback per annotator',
    '',
    `Documents: ${documents.join(', ')}`,
    '',
    '| annotator | entities | kept | overruled | overruled by label | missed | missed by label | not decided yet |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- | ---: |',
    ...rows,
    '',
  ].join('\n');
}
