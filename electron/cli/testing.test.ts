import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempCorpus } from './testing';

describe('tempCorpus', () => {
  const shared = tempCorpus({ 'kept.txt': 'Kept for the whole file .\n' });
  let made = '';

  it('holds the given files, in a folder of its own', () => {
    made = tempCorpus({ 'a/b.txt': 'Integrating [LOC Kosovo  ] .\n' });
    expect(existsSync(`${made}/a/b.txt`)).toBe(true);
  });

  it('deletes the folder once the test that made it is done; one made outside a test stays until the file is done', () => {
    expect(made).not.toBe('');
    expect(existsSync(made)).toBe(false);
    expect(existsSync(`${shared}/kept.txt`)).toBe(true);
  });
});
