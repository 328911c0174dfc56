// The search every parse makes for conflict markers: a run of one character, found as a search for the string would find it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsRun } from './merge-conflicts';

describe('holdsRun', () => {
  it('says whether a source holds the run, as searching for the whole string does', () => {
    fc.assert(
      fc.property(
        // Behind a stretch where the character is dense, or none.
        fc.constantFrom('', '<a'.repeat(3000), '>'.repeat(6000)),
        fc.array(fc.constantFrom('<', '>', 'a', '\n', '<<<<<<<', 'é'), { maxLength: 40 }),
        fc.constantFrom('<', '>'),
        fc.integer({ min: 1, max: 9 }),
        (dense, pieces, char, length) => {
          const source = dense + pieces.join('');
          expect(holdsRun(source, char, length)).toBe(source.includes(char.repeat(length)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
