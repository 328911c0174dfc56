import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationFor, stepOf, type Step } from '../model/fixtures/random-edits';
import { sourceOf } from './fixtures/random-sources';
import { emptyHistory, recordEdit, undo, type History } from '../model/history';
import { applyTransaction, EditError } from '../model/operations';
import { parse } from './parse';
import { lineStarts } from './position';
import { revalidate, type Validated } from './revalidate';
import { SerializeError } from './serialize';
import { validate } from './validate';

/** Lines of the format's pieces, odd ones included: unclosed and nested opens, stray closes, mixed close markers, CRLF. */
const PIECES = [
  '[PER ',
  '[LOC ',
  '[ORG Bank of ',
  '[FOO x',
  '  ]',
  ' ]',
  '   ]',
  ']',
  '[',
  '[1]',
  ' ',
  'x',
  'John',
  '\u00a0',
  '<b>',
  '\r',
  '\n',
  '\n',
];
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];
/** The label sets the corpus switches between (a label added, one dropped). */
const LABEL_SETS = [LABELS, [...LABELS, 'NEW'], ['PER', 'ORG', 'MISC']];

const documentSource = sourceOf(PIECES, 60);

const step = stepOf(['undo', 'labels'] as const, [...LABELS, 'NEW']);

/**
 * Pieces that keep to one line, without an unknown label (closed with one space it would read by
 * the file's close style, and the whole file is read again).
 */
const ON_ONE_LINE = PIECES.filter((piece) => !/[\r\n]/.test(piece) && piece !== '[FOO x');
/** A line of about 14,000 characters: read again only in the stretch around an edit. */
const longLine = fc
  .array(fc.constantFrom(...ON_ONE_LINE), { minLength: 4_000, maxLength: 4_000 })
  .map((pieces) => pieces.join(''));

/**
 * Reads the source, makes the steps (edits, undos, label changes), and after each one expects the
 * diagnostics derived again to be those of reading the whole edited file again.
 */
function expectDerivedAsRead(source: string, steps: ReadonlyArray<Step>): void {
  let doc = parse(source, { labels: LABELS });
  const starts = lineStarts(doc.text);
  let validated: Validated = { doc, diagnostics: validate(doc, LABELS), labels: LABELS };
  let history: History = emptyHistory;
  let labels = LABELS;
  for (const [time, s] of steps.entries()) {
    try {
      if (s.kind === 'labels') {
        labels = LABEL_SETS[s.pick % LABEL_SETS.length];
      } else if (s.kind === 'undo') {
        const stepped = undo(history, doc);
        if (!stepped) continue;
        ({ doc, history } = stepped);
      } else {
        const operation = operationFor(doc, s);
        if (!operation) continue;
        const applied = applyTransaction(doc, { ops: [operation] });
        history = recordEdit(history, {
          forward: { ops: [operation] },
          inverse: applied.inverse,
          time,
        });
        doc = applied.doc;
      }
    } catch (error) {
      if (error instanceof EditError) continue;
      throw error;
    }
    let expected;
    try {
      expected = validate(doc, labels);
    } catch (error) {
      // An edited entity around a lone `\r` cannot be written at all: nothing to compare.
      if (error instanceof SerializeError) return;
      throw error;
    }
    const diagnostics = revalidate(validated, doc, labels, starts);
    expect(diagnostics).toEqual(expected);
    validated = { doc, diagnostics, labels };
  }
}

describe('diagnostics derived again after an edit', () => {
  it('are those of reading the whole edited file again, edit after edit and label change after label change', () => {
    fc.assert(fc.property(documentSource, fc.array(step, { maxLength: 10 }), expectDerivedAsRead), {
      numRuns: 500,
    });
  });

  it('are those of reading the whole file again when a long line is read again around its edits', () => {
    fc.assert(
      fc.property(
        documentSource,
        longLine,
        documentSource,
        fc.array(step, { maxLength: 8 }),
        (head, line, tail, steps) => expectDerivedAsRead(`${head}\n${line}\n${tail}`, steps),
      ),
      { numRuns: 60 },
    );
  });

  it('reads the whole file again when an edit turns the close style a literal `[` depends on', () => {
    // `[FOO x ]` is text while the file closes with two spaces; with the only two-space entity
    // removed, the file's closes are one-space ones and it reads as an entity.
    const doc = parse('[FOO x  ]\n[FOO x ][PER ', { labels: LABELS });
    const before: Validated = { doc, diagnostics: validate(doc, LABELS), labels: LABELS };
    const { doc: after } = applyTransaction(doc, {
      ops: [{ op: 'remove', id: doc.entities[0].id }],
    });
    expect(revalidate(before, after, LABELS, lineStarts(doc.text))).toEqual(
      validate(after, LABELS),
    );
  });
});
