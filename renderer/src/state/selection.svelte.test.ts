import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import type { Transaction } from '../../../shared/model/operations';
import { Selection } from './selection.svelte';

describe('the selection after an undo that removed entities', () => {
  const before = parse('[PER Ann  ] met [PER Bob  ] .\nand [LOC Rome  ] .\n');
  const after = parse('Ann met Bob .\nand Rome .\n');
  // An undo removes what the edit added, the last added first.
  const removing = (ids: number[]): Transaction => ({
    ops: ids.map((id) => ({ op: 'remove' as const, id })),
  });

  it('selects the removed entities of one line as one span, start before end', () => {
    const selection = new Selection();
    selection.selectChanged(after, removing([2, 1]), before);
    expect(selection.span).toEqual({ start: 0, end: 11 });
  });

  it('selects the first removed entity where they were on several lines', () => {
    const selection = new Selection();
    selection.selectChanged(after, removing([3, 2, 1]), before);
    expect(selection.span).toEqual({ start: 0, end: 3 });
  });
});

describe('Tab and Shift+Tab from entity to entity', () => {
  const doc = parse('[PER Ann  ] met [LOC Rome  ] and [ORG UN  ] .\n');
  const [ann, rome, un] = doc.entities;
  const labelAfter = (selection: Selection, direction: 1 | -1) => {
    selection.stepEntity(doc, direction);
    return selection.entityIn(doc)?.label;
  };

  it('steps to the next and previous entity, wrapping at either end', () => {
    const selection = new Selection();
    expect([1, 1, 1, 1].map(() => labelAfter(selection, 1))).toEqual(['PER', 'LOC', 'ORG', 'PER']);
    expect([1, 1, 1].map(() => labelAfter(selection, -1))).toEqual(['ORG', 'LOC', 'PER']);
    expect(labelAfter(new Selection(), -1)).toBe('ORG');
  });

  it('steps from a selection of plain text, or inside an entity, to the entities around it', () => {
    const met = { start: ann.end + 1, end: ann.end + 4 };
    const inRome = { start: rome.start + 1, end: rome.start + 2 };
    for (const [span, next, previous] of [
      [met, 'LOC', 'PER'],
      [inRome, 'ORG', 'PER'],
      [{ start: un.end + 1, end: un.end + 2 }, 'PER', 'ORG'],
    ] as const) {
      const forward = new Selection();
      forward.select(span);
      const backward = new Selection();
      backward.select(span);
      expect([labelAfter(forward, 1), labelAfter(backward, -1)]).toEqual([next, previous]);
    }
  });

  it('after Escape, steps from where the selection was, not from the top', () => {
    for (const [direction, expected] of [
      [1, 'ORG'],
      [-1, 'LOC'],
    ] as const) {
      const selection = new Selection();
      selection.select({ start: rome.end + 1, end: rome.end + 4 });
      selection.clear(true);
      expect(labelAfter(selection, direction)).toBe(expected);
    }
  });

  it('with nothing selected, steps from the first line in view', () => {
    const lines = parse('[PER Ann  ] met\n[LOC Rome  ] and\n[ORG UN  ] .\n');
    const selection = new Selection();
    selection.viewTop = lines.text.indexOf('Rome');
    selection.stepEntity(lines, 1);
    expect(selection.entityIn(lines)?.label).toBe('LOC');
  });
});
