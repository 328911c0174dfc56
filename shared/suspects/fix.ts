// A suspect's suggested fix as one edit transaction on its document, or why it no longer applies.
import type { BracketDocument } from '../format/document';
import { linesWithOpenMarkup } from '../format/validate';
import { entitiesOverlapping } from '../model/gestures';
import { spanError, type Operation, type Transaction } from '../model/operations';
import type { Suspect } from './suspect';

/**
 * The transaction that applies suspect's suggestion to doc, or a reason in words when the document
 * no longer reads as it did when the suspect was found (its text or entity there changed) or its
 * line's markup is broken (an entity tagged there would nest in it), or the entity it would make is
 * one no edit may make (part of a token). openMarkup: those lines, where
 * the caller knows them already (else the document is validated for them).
 */
export function fixTransaction(
  doc: BracketDocument,
  suspect: Suspect,
  openMarkup: ReadonlySet<number> = linesWithOpenMarkup(doc),
): { tx: Transaction } | { problem: string } {
  const { start, end, suggestion } = suspect;
  if (doc.text.slice(start, end) !== suspect.text)
    return { problem: 'the text there has changed: rank the corpus again' };
  const overlapping = entitiesOverlapping(doc.entities, start, end);
  const exact = overlapping.find((entity) => entity.start === start && entity.end === end);
  const unchanged =
    suspect.label === null ? overlapping.length === 0 : exact?.label === suspect.label;
  if (!unchanged) return { problem: 'the annotation there has changed: rank the corpus again' };
  if (openMarkup.has(suspect.line))
    return { problem: `line ${suspect.line} has broken markup: repair it first` };
  const unmakeable = fixSpanProblem(doc.text, suspect);
  if (unmakeable !== null) return { problem: unmakeable };
  switch (suggestion.kind) {
    case 'relabel':
      return { tx: { ops: [{ op: 'relabel', id: exact!.id, label: suggestion.label }] } };
    case 'remove':
      return { tx: { ops: [{ op: 'remove', id: exact!.id }] } };
    case 'add':
      return {
        tx: {
          ops: [{ op: 'add', entity: { id: doc.nextId, start, end, label: suggestion.label } }],
        },
      };
    case 'extent': {
      const { from, to, label } = suggestion;
      const replaced = entitiesOverlapping(doc.entities, Math.min(from, start), Math.max(to, end));
      const ops: Operation[] = replaced.map((entity) => ({ op: 'remove', id: entity.id }));
      ops.push({ op: 'add', entity: { id: doc.nextId, start: from, end: to, label } });
      return { tx: { ops } };
    }
  }
}

/**
 * The fixes of several missing entities of one document as one transaction, each added entity
 * numbered after the one before; one over text an earlier one takes is left out (the two cannot
 * both be made), and one whose fix is refused is counted, the first refusal kept to say why.
 */
export function missingEntitiesFixed<Missing extends Suspect>(
  doc: BracketDocument,
  missing: readonly Missing[],
  openMarkup: ReadonlySet<number> = linesWithOpenMarkup(doc),
): { tx: Transaction; fixed: Missing[]; refused: number; why: string | null } {
  const ops: Operation[] = [];
  const fixed: Missing[] = [];
  let refused = 0;
  let why: string | null = null;
  for (const suspect of missing) {
    if (fixed.some((other) => other.end > suspect.start && other.start < suspect.end)) continue;
    const fix = fixTransaction(doc, suspect, openMarkup);
    if ('problem' in fix) {
      refused++;
      why ??= fix.problem;
      continue;
    }
    // Each fix numbers its entity doc.nextId: together they take the ids after it.
    for (const op of fix.tx.ops) {
      ops.push(
        op.op === 'add' ? { ...op, entity: { ...op.entity, id: doc.nextId + fixed.length } } : op,
      );
    }
    fixed.push(suspect);
  }
  return { tx: { ops }, fixed, refused, why };
}

/**
 * Why no edit may make the entity suspect's fix makes (an add's, an extent's), null when one may or
 * the fix makes none: cut at entity edges, a token glued to two entities (the / of
 * `[ORG Acme  ]/[LOC Oslo  ]`) is a piece of a token, which no entity may cover alone.
 */
export function fixSpanProblem(text: string, { start, end, suggestion }: Suspect): string | null {
  if (suggestion.kind === 'add') return spanError(text, start, end)?.message ?? null;
  if (suggestion.kind === 'extent')
    return spanError(text, suggestion.from, suggestion.to)?.message ?? null;
  return null;
}
