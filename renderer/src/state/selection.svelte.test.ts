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
