import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BracketDocument } from '../format/document';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { tokenSpans } from '../format/tokens';
import { ENTITY_WHITESPACE, sourceOf } from '../format/fixtures/random-sources';
import { operationFor, stepOf } from './fixtures/random-edits';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';
import { applyTransaction, EditError, type Operation } from './operations';

/** The format's pieces, odd ones included: nested opens, literal brackets, glued closes, NBSP, tabs and lone CRs. */
const PIECES = [
  '[PER ',
  '[LOC ',
  '[a',
  '[ORG Bank of ',
  '  ]',
  ' ]',
  ']',
  '[',
  '[1]',
  ' ',
  ' ',
  'x',
  'John',
  '\u00a0',
  '.',
  '\n',
  ...ENTITY_WHITESPACE,
];
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];

const documentSource = sourceOf(PIECES, 24);

const step = stepOf(['undo', 'redo'] as const, LABELS);

const held = (doc: BracketDocument) =>
  doc.entities.map(({ start, end, label }) => [start, end, label]);

describe('random edit sequences on documents built from the format’s pieces', () => {
  it('what is written always reads back as what is held, through undo and redo', () => {
    fc.assert(
      fc.property(documentSource, fc.array(step, { maxLength: 12 }), (source, steps) => {
        const original = parse(source);
        let doc = original;
        let history: History = emptyHistory;
        steps.forEach((s, time) => {
          if (s.kind === 'undo' || s.kind === 'redo') {
            const stepped = s.kind === 'undo' ? undo(history, doc) : redo(history, doc);
            if (stepped) ({ doc, history } = stepped);
          } else {
            const operation = operationFor(doc, s);
            if (!operation) return;
            try {
              const applied = applyTransaction(doc, { ops: [operation] });
              history = recordEdit(history, {
                forward: { ops: [operation] },
                inverse: applied.inverse,
                time: time * 1000,
              });
              doc = applied.doc;
            } catch (error) {
              if (!(error instanceof EditError)) throw error;
            }
          }
          const written = serialize(doc);
          const reread = parse(written);
          expect(reread.text).toBe(doc.text);
          expect(held(reread)).toEqual(held(doc));
        });
        for (let stepped = undo(history, doc); stepped; stepped = undo(history, doc)) {
          ({ doc, history } = stepped);
        }
        expect(serialize(doc)).toBe(source);
      }),
      { numRuns: 400 },
    );
  });
});

/** What a transaction of adds, removals and relabels leaves, computed the plain way: by id, then sorted. */
function expectedEntities(doc: BracketDocument, ops: Operation[]): string {
  const byId = new Map(doc.entities.map((entity) => [entity.id, entity]));
  for (const operation of ops) {
    if (operation.op === 'add') byId.set(operation.entity.id, operation.entity);
    else if (operation.op === 'remove') byId.delete(operation.id);
    else if (operation.op === 'relabel')
      byId.set(operation.id, { ...byId.get(operation.id)!, label: operation.label });
  }
  const sorted = [...byId.values()].sort((a, b) => a.start - b.start);
  if (sorted.some((entity, i) => i > 0 && sorted[i - 1].end > entity.start)) return 'overlap';
  return JSON.stringify(sorted.map(({ id, start, end, label }) => [id, start, end, label]));
}

describe('transactions of one to forty operations on a long document', () => {
  const source = Array.from({ length: 40 }, (_, i) =>
    i % 3 === 0 ? `[PER John${i}  ] met Ann and Bob ,` : `the [LOC City${i}  ] is far .`,
  ).join('\n');
  const doc = parse(source);
  const tokens = tokenSpans(doc.text);

  it('leave the entities a plain by-id computation gives, or refuse the overlap it finds', () => {
    const op = fc.record({
      kind: fc.constantFrom('add', 'remove', 'relabel'),
      pick: fc.nat(),
      label: fc.constantFrom(...LABELS),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (picks) => {
        const ops: Operation[] = [];
        const present = new Set(doc.entities.map((entity) => entity.id));
        let nextId = doc.nextId;
        for (const p of picks) {
          const ids = [...present];
          if (p.kind === 'add') {
            const [start, end] = tokens[p.pick % tokens.length];
            ops.push({ op: 'add', entity: { id: nextId, start, end, label: p.label } });
            present.add(nextId++);
          } else if (ids.length > 0) {
            const id = ids[p.pick % ids.length];
            if (p.kind === 'remove') present.delete(id);
            ops.push(
              p.kind === 'remove' ? { op: 'remove', id } : { op: 'relabel', id, label: p.label },
            );
          }
        }
        if (ops.length === 0) return;
        const expected = expectedEntities(doc, ops);
        let applied;
        try {
          applied = applyTransaction(doc, { ops });
        } catch (error) {
          if (!(error instanceof EditError)) throw error;
          expect([error.code, expected]).toEqual(['overlap', 'overlap']);
          return;
        }
        expect(
          JSON.stringify(
            applied.doc.entities.map(({ id, start, end, label }) => [id, start, end, label]),
          ),
        ).toBe(expected);
        expect(applyTransaction(applied.doc, applied.inverse).doc.entities).toEqual(doc.entities);
      }),
      { numRuns: 300 },
    );
  });
});
