import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';
import { applyTransaction, type Transaction } from './operations';

const SOURCE = 'Ana meets Bob in Pristina .';

function edit(
  history: History,
  doc: ReturnType<typeof parse>,
  tx: Transaction,
  time: number,
  group?: string,
) {
  const applied = applyTransaction(doc, tx);
  return {
    doc: applied.doc,
    history: recordEdit(history, { forward: tx, inverse: applied.inverse, time, group }),
  };
}

describe('history', () => {
  it('undoes and redoes edits in order; a new edit clears redo', () => {
    let doc = parse(SOURCE);
    let history = emptyHistory;
    ({ doc, history } = edit(
      history,
      doc,
      { ops: [{ op: 'add', entity: { id: 1, start: 0, end: 3, label: 'PER' } }] },
      0,
    ));
    ({ doc, history } = edit(
      history,
      doc,
      { ops: [{ op: 'add', entity: { id: 2, start: 10, end: 13, label: 'PER' } }] },
      1000,
    ));
    expect(serialize(doc)).toBe('[PER Ana  ] meets [PER Bob  ] in Pristina .');
    const back = undo(history, doc)!;
    expect(serialize(back.doc)).toBe('[PER Ana  ] meets Bob in Pristina .');
    const forward = redo(back.history, back.doc)!;
    expect(serialize(forward.doc)).toBe('[PER Ana  ] meets [PER Bob  ] in Pristina .');
    const again = undo(forward.history, forward.doc)!;
    const branched = edit(
      again.history,
      again.doc,
      { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] },
      2000,
    );
    expect(branched.history.undone).toEqual([]);
    expect(redo(branched.history, branched.doc)).toBeNull();
    expect(undo(emptyHistory, doc)).toBeNull();
  });

  it('groups same-group edits within 500 ms into one undo step, and caps the depth', () => {
    let doc = parse('Ana meets [PER Bob  ] Smith Jones .');
    let history = emptyHistory;
    ({ doc, history } = edit(
      history,
      doc,
      { ops: [{ op: 'resize', id: 1, start: 10, end: 19 }] },
      0,
      'resize-1',
    ));
    ({ doc, history } = edit(
      history,
      doc,
      { ops: [{ op: 'resize', id: 1, start: 10, end: 25 }] },
      300,
      'resize-1',
    ));
    expect(history.done).toHaveLength(1);
    expect(serialize(undo(history, doc)!.doc)).toBe('Ana meets [PER Bob  ] Smith Jones .');
    ({ history } = edit(
      history,
      doc,
      { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] },
      2000,
      'resize-1',
    ));
    expect(history.done).toHaveLength(2);

    let capped = emptyHistory;
    for (let i = 0; i < 5; i++) {
      capped = recordEdit(
        capped,
        { forward: { ops: [] }, inverse: { ops: [] }, time: i * 1000 },
        { groupWithinMs: 500, depth: 3 },
      );
    }
    expect(capped.done).toHaveLength(3);
  });

  it('survives a JSON round trip, as the journal stores it', () => {
    let doc = parse(SOURCE);
    let history = emptyHistory;
    ({ doc, history } = edit(
      history,
      doc,
      { ops: [{ op: 'add', entity: { id: 1, start: 17, end: 25, label: 'LOC' } }] },
      0,
    ));
    const revived = JSON.parse(JSON.stringify(history)) as History;
    expect(serialize(undo(revived, doc)!.doc)).toBe(SOURCE);
  });
});
