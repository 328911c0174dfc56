import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { applyTransaction } from '../model/operations';
import { diffDocuments } from './diff';
import { revertTransaction } from './revert';

const BASELINE = 'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] society .\n';
const EDITED = 'Integrating [ORG Kosovo  ] [MISC Serbs  ] into Kosovo [PER society  ] .\n';

describe('reverting review changes', () => {
  const baseline = parse(BASELINE);
  const current = parse(EDITED);
  const { changes } = diffDocuments(baseline, current);

  it('reverts one change and leaves the others, in the file’s close style', () => {
    expect(changes.map((change) => change.kind)).toEqual(['relabeled', 'removed', 'added']);
    const { doc } = applyTransaction(
      current,
      revertTransaction(baseline, current, [changes[0]]).tx!,
    );
    expect(serialize(doc)).toBe(
      'Integrating [LOC Kosovo  ] [MISC Serbs  ] into Kosovo [PER society  ] .\n',
    );
    const removed = applyTransaction(
      current,
      revertTransaction(baseline, current, [changes[1]]).tx!,
    );
    expect(serialize(removed.doc)).toBe(
      'Integrating [ORG Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] [PER society  ] .\n',
    );
  });

  it('reverts all changes in one transaction, byte for byte', () => {
    const { doc } = applyTransaction(current, revertTransaction(baseline, current, changes).tx!);
    expect(serialize(doc)).toBe(BASELINE);
  });

  it('gives a reverted entity the close marker the baseline wrote it with', () => {
    const paris = parse('In [LOC Paris ] , [LOC Rome  ] and [LOC Oslo  ] .\n');
    const edited = parse('In Paris , [LOC Rome  ] and [LOC Oslo  ] .\n');
    const { doc } = applyTransaction(
      edited,
      revertTransaction(paris, edited, diffDocuments(paris, edited).changes).tx!,
    );
    expect(serialize(doc)).toBe('In [LOC Paris ] , [LOC Rome  ] and [LOC Oslo  ] .\n');
  });

  it('carries baseline spans over text that differs, leaving out entities whose text is gone', () => {
    const mine = parse('Integrating Kosovo Serbs into Kosovo society .\n');
    const theirs = parse('Integrating [LOC Kosovo  ] Serbs into Kosovo society [MISC today  ] .\n');
    const diff = diffDocuments(theirs, mine);
    const reverted = revertTransaction(theirs, mine, diff.changes);
    expect(reverted.skipped).toBe(1); // "today" is not in this version's text
    const { doc } = applyTransaction(mine, reverted.tx!);
    expect(serialize(doc)).toBe('Integrating [LOC Kosovo  ] Serbs into Kosovo society .\n');
  });

  it('refuses a change the document no longer has', () => {
    const later = parse(BASELINE);
    expect(() => revertTransaction(baseline, later, [changes[2]])).toThrow(/changed since/);
  });
});
