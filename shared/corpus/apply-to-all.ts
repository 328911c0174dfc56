// Apply to all: one action (tag, relabel, untag) over chosen hits, planned as one transaction per document.
import type { BracketDocument } from '../format/document';
import { tagAtEdge } from '../format/tokens';
import { linesWithOpenMarkup } from '../format/validate';
import { entitiesOverlapping } from '../model/gestures';
import type { Operation, Transaction } from '../model/operations';
import type { CorpusHit } from './hits';

/** What an apply-to-all does to each hit. */
export type CorpusAction =
  { kind: 'tag'; label: string } | { kind: 'relabel'; label: string } | { kind: 'untag' };

/** A hit left alone, and why. */
export interface SkippedHit {
  hit: CorpusHit;
  reason: string;
}

export interface ApplyPlan {
  /** Null when no hit of the document changes anything. */
  tx: Transaction | null;
  applied: CorpusHit[];
  skipped: SkippedHit[];
}

/** The action in words, for previews and notices: `tag as ORG`, `relabel as LOC`, `untag`. */
export function describeAction(action: CorpusAction): string {
  return action.kind === 'untag' ? 'untag' : `${action.kind} as ${action.label}`;
}

/**
 * Plans the action over hits of one document as one transaction. Tagging replaces the entities a
 * hit overlaps; relabel and untag apply to an entity covering exactly the hit. A hit whose text is
 * no longer there, that overlaps a hit planned before it, or that a tag would nest in its line's
 * broken markup or cut an HTML tag, is skipped with the reason.
 */
export function planApplyToAll(
  doc: BracketDocument,
  hits: readonly CorpusHit[],
  action: CorpusAction,
): ApplyPlan {
  const ops: Operation[] = [];
  const applied: CorpusHit[] = [];
  const skipped: SkippedHit[] = [];
  const removed = new Set<number>();
  let nextId = doc.nextId;
  let lastEnd = -1;
  const openMarkup = action.kind === 'tag' ? linesWithOpenMarkup(doc) : new Set<number>();
  const sorted = [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const hit of sorted) {
    const skip = (reason: string) => skipped.push({ hit, reason });
    if (doc.text.slice(hit.start, hit.end) !== hit.text) {
      skip('the text there has changed');
      continue;
    }
    if (hit.start < lastEnd) {
      skip('it overlaps another hit');
      continue;
    }
    const overlapping = entitiesOverlapping(doc.entities, hit.start, hit.end);
    const exact = overlapping.find(
      (entity) => entity.start === hit.start && entity.end === hit.end,
    );
    if (action.kind === 'tag') {
      if (openMarkup.has(hit.line)) {
        skip('its line has broken markup: repair it first');
        continue;
      }
      const tag = tagAtEdge(doc.text, hit.start, hit.end);
      if (tag) {
        skip(`it is inside the HTML tag ${doc.text.slice(...tag)}`);
        continue;
      }
      if (exact?.label === action.label) {
        skip(`already tagged ${action.label}`);
        continue;
      }
      for (const entity of overlapping) {
        if (removed.has(entity.id)) continue;
        removed.add(entity.id);
        ops.push({ op: 'remove', id: entity.id });
      }
      ops.push({
        op: 'add',
        entity: { id: nextId++, start: hit.start, end: hit.end, label: action.label },
      });
    } else if (!exact) {
      skip('no entity covers exactly this text');
      continue;
    } else if (action.kind === 'relabel') {
      if (exact.label === action.label) {
        skip(`already ${action.label}`);
        continue;
      }
      ops.push({ op: 'relabel', id: exact.id, label: action.label });
    } else {
      ops.push({ op: 'remove', id: exact.id });
    }
    lastEnd = hit.end;
    applied.push(hit);
  }
  return { tx: ops.length > 0 ? { ops } : null, applied, skipped };
}
