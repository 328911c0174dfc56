import { describe, expect, it } from 'vitest';
import { dimMarkupFor, hasMarkup, rememberDimMarkup } from './markup-preference';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('dimming markup', () => {
  it('is on by default for a document with markup, off for plain text', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    expect(hasMarkup(`<a id='par1' href='#par1'>¶</a>1 .`)).toBe(true);
    expect(hasMarkup('1 < 2 and [LOC Kosovo  ]')).toBe(false);
    expect(dimMarkupFor('cables', '<pre>text</pre>', storage)).toBe(true);
    expect(dimMarkupFor('cables', 'plain text', storage)).toBe(false);
  });

  it('follows the choice made in the corpus, and only in that corpus', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    rememberDimMarkup('cables', false, storage);
    expect(dimMarkupFor('cables', '<pre>text</pre>', storage)).toBe(false);
    expect(dimMarkupFor('news', '<pre>text</pre>', storage)).toBe(true);
    rememberDimMarkup('news', true, storage);
    expect(dimMarkupFor('news', 'plain text', storage)).toBe(true);
  });
});
