// What changed between two versions of a document: entity changes, text edits and scores, BEFORE as reference.
import type { BracketDocument, Entity } from '../format/document';
import { offsetMapper } from '../convert/offset-map';
import { alignTexts } from './align';
import { pairEntities, type PairKind } from './match';
import { filePositions } from './positions';
import { countEntities, scoresFromCounts, type SchemeScores, type ScoreCounts } from './scores';

export type ChangeKind = 'added' | 'removed' | 'relabeled' | 'resized';

/** One side of a change: the entity's span in its own version's plain text (UTF-16), label and text. */
export interface EntitySide {
  start: number;
  end: number;
  label: string;
  text: string;
}

/** An entity change; line and column are in AFTER's file (a removal's: where its words are there). */
export interface EntityChange {
  kind: ChangeKind;
  line: number;
  column: number;
  before: EntitySide | null;
  after: EntitySide | null;
}

/** A stretch of plain text that differs; line and column are where it starts in AFTER's file. */
export interface TextEdit {
  line: number;
  column: number;
  before: { start: number; end: number; text: string };
  after: { start: number; end: number; text: string };
}

export interface DocumentDiff {
  changes: EntityChange[];
  textEdits: TextEdit[];
  scores: SchemeScores;
  /** The raw counts, for summing over a corpus (see mergeCounts). */
  counts: ScoreCounts;
}

const CHANGE_OF: Partial<Record<PairKind, ChangeKind>> = {
  relabeled: 'relabeled',
  overlap: 'resized',
  'overlap-relabeled': 'resized',
  missing: 'removed',
  spurious: 'added',
};

function side(doc: BracketDocument, entity: Entity): EntitySide {
  return {
    start: entity.start,
    end: entity.end,
    label: entity.label,
    text: doc.text.slice(entity.start, entity.end),
  };
}

/**
 * Compares two versions. When their plain texts differ, the texts are aligned by a character diff,
 * AFTER's entities are carried into BEFORE's text through it, and the edits are listed apart;
 * entities are then compared where the text is shared. A byte order mark added or removed is a
 * text edit too (see byteOrderMarkEdit).
 */
export function diffDocuments(before: BracketDocument, after: BracketDocument): DocumentDiff {
  const hunks = alignTexts(before.text, after.text);
  let afterInBefore: readonly Entity[] = after.entities;
  // Where an offset of BEFORE's text falls in AFTER's: the same where the texts are the same.
  let inAfter = (offset: number) => offset;
  if (hunks.length > 0) {
    const toAfter = offsetMapper(
      hunks.map((hunk) => ({
        start: hunk.beforeStart,
        end: hunk.beforeEnd,
        length: hunk.afterEnd - hunk.afterStart,
      })),
    );
    inAfter = (offset) => toAfter(offset, 'start');
    const toBefore = offsetMapper(
      hunks.map((hunk) => ({
        start: hunk.afterStart,
        end: hunk.afterEnd,
        length: hunk.beforeEnd - hunk.beforeStart,
      })),
    );
    afterInBefore = after.entities.map((entity) => ({
      start: toBefore(entity.start, 'start'),
      end: toBefore(entity.end, 'end'),
      label: entity.label,
    }));
  }
  const afterAt = filePositions(after);
  const changes: EntityChange[] = [];
  for (const pair of pairEntities(before.entities, afterInBefore, (kind) => kind !== 'same')) {
    const kind = CHANGE_OF[pair.kind]!;
    const was = pair.before === -1 ? null : before.entities[pair.before];
    const now = pair.after === -1 ? null : after.entities[pair.after];
    const { line, column } = afterAt(now ? now.start : inAfter(was!.start));
    changes.push({
      kind,
      line,
      column,
      before: was && side(before, was),
      after: now && side(after, now),
    });
  }
  const textEdits = [
    ...byteOrderMarkEdit(before.bom, after.bom),
    ...hunks.map((hunk) => ({
      ...afterAt(hunk.afterStart),
      before: {
        start: hunk.beforeStart,
        end: hunk.beforeEnd,
        text: before.text.slice(hunk.beforeStart, hunk.beforeEnd),
      },
      after: {
        start: hunk.afterStart,
        end: hunk.afterEnd,
        text: after.text.slice(hunk.afterStart, hunk.afterEnd),
      },
    })),
  ];
  const counts = countEntities(before.entities, afterInBefore);
  return { changes, textEdits, scores: scoresFromCounts(counts), counts };
}

/**
 * A byte order mark added or removed, as a text edit at the start of line 1 (none when both
 * versions agree): the mark is no part of the plain text (its offsets are 0), but a reviewer must
 * see that a tool added or dropped it.
 */
export function byteOrderMarkEdit(before: boolean, after: boolean): TextEdit[] {
  if (before === after) return [];
  const mark = (bom: boolean) => ({ start: 0, end: 0, text: bom ? '\uFEFF' : '' });
  return [{ line: 1, column: 1, before: mark(before), after: mark(after) }];
}
