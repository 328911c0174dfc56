import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BracketDocument } from '../format/document';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { tokenSpans } from '../format/tokens';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';
import { applyTransaction, EditError, type Operation } from './operations';

/** The format's pieces, odd ones included: nested opens, literal brackets, glued closes, NBSP. */
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
];
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];

const documentSource = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.join(''));

const step = fc.record({
  kind: fc.constantFrom('add', 'remove', 'relabel', 'resize', 'undo', 'redo'),
  pick: fc.nat(),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 3 }),
  label: fc.constantFrom(...LABELS),
});

const held = (doc: BracketDocument) =>
  doc.entities.map(({ start, end, label }) => [start, end, label]);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function operationFor(doc: BracketDocument, s: Step): Operation | null {
  const tokens = tokenSpans(doc.text);
  const entity = doc.entities.length > 0 ? doc.entities[s.pick % doc.entities.length] : undefined;
  const first = tokens.length > 0 ? tokens[s.from % tokens.length] : undefined;
  const last =
    first && tokens[Math.min(tokens.length - 1, (s.from % tokens.length) + s.length - 1)];
  if (s.kind === 'add' && first && last) {
    return { op: 'add', entity: { id: doc.nextId, start: first[0], end: last[1], label: s.label } };
  }
  if (!entity) return null;
  if (s.kind === 'remove') return { op: 'remove', id: entity.id };
  if (s.kind === 'relabel') return { op: 'relabel', id: entity.id, label: s.label };
  if (s.kind === 'resize' && first && last) {
    return { op: 'resize', id: entity.id, start: first[0], end: last[1] };
  }
  return null;
}

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
