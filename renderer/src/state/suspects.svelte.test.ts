import { describe, expect, it } from 'vitest';
import type { ListedSuspect } from '../../../shared/api/contract';
import { undecided } from './suspects.svelte';

/** A suspect of doc.txt over [start, end), with its fix. */
const suspect = (
  start: number,
  end: number,
  suggestion: ListedSuspect['suggestion'],
): ListedSuspect => ({
  key: `${start}-${end}`,
  path: 'doc.txt',
  line: 1,
  column: start + 1,
  endColumn: end + 1,
  start,
  end,
  text: 'Later',
  sentence: 'Later Rome said hello .',
  sentenceStart: 0,
  kind: 'missing-entity',
  label: null,
  suggestion,
  score: 0.5,
  reasons: [],
});

describe('suspects scored again after an accept', () => {
  it('leave out those over the text the accepted fix changed, and keep the others', () => {
    const accepted = suspect(0, 5, { kind: 'add', label: 'PER' });
    const opposite = { ...suspect(0, 5, { kind: 'remove' }), kind: 'not-an-entity' as const };
    const widened = suspect(6, 10, {
      kind: 'extent',
      from: 0,
      to: 10,
      text: 'Later Rome',
      label: 'LOC',
    });
    const elsewhere = suspect(11, 15, { kind: 'remove' });
    expect(undecided([opposite, widened, elsewhere], [accepted])).toEqual([elsewhere]);
    expect(undecided([opposite, widened, elsewhere], [])).toEqual([opposite, widened, elsewhere]);
  });
});
