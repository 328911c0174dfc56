import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { queryPattern, searchDocument, type SearchQuery } from './search';

const query = (pattern: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  pattern,
  regex: true,
  caseSensitive: true,
  label: null,
  tagged: 'any',
  ...extra,
});

/** The text of each hit of pattern in source. */
function hits(source: string, search: SearchQuery): string[] {
  const pattern = queryPattern(search);
  if (pattern instanceof Error) throw pattern;
  return searchDocument('x.txt', parse(source), pattern, search).map((hit) => hit.text);
}

describe('a regex search of one document', () => {
  it('goes past characters outside the BMP where a match is empty (it looped on them)', () => {
    expect(hits('banana a 😀 a\n', query('a*'))).toEqual(['a', 'a']);
    expect(hits('😀 ok 😀\n', query('.+?'))).toEqual(['😀', 'ok', '😀']);
  });

  it('finds the longest match at a place that ends on a token boundary, not only the longest', () => {
    expect(hits('KFOR troops, EULEX and KFOR troops here\n', query('KFOR( \\w+)?'))).toEqual([
      'KFOR',
      'KFOR troops',
    ]);
    expect(hits('John Smith  met  Ann .  \n', query('.*'))).toEqual(['John Smith  met  Ann .']);
    expect(hits('[PER John Smith  ] met [PER Ann  ] .\n', query('.+', { label: 'PER' }))).toEqual([
      'John Smith',
      'Ann',
    ]);
  });

  it("takes ^ and $ for a line's start and end, as hits are on one line (CRLF too)", () => {
    const text = 'Talks on Kosovo .\nIntegrating Serbs into society\r\nThe end\n';
    expect(hits(text, query('^Integrating'))).toEqual(['Integrating']);
    expect(hits(text, query('\\S+$'))).toEqual(['.', 'society', 'end']);
    expect(hits(text, query('^\\S+'))).toEqual(['Talks', 'Integrating', 'The']);
  });

  it('never finds a hit across a line break: an entity stays on its line', () => {
    expect(hits('a KFOR\nKFOR b\r\nKFOR\r\nKFOR x\n', query('KFOR\\s+KFOR'))).toEqual([]);
    expect(hits('a KFOR\nKFOR b\n', query('KFOR'))).toEqual(['KFOR', 'KFOR']);
  });

  it('finds tokens holding a placeholder as any other token (it stopped at their <unk> and lost them)', () => {
    const text = 'foo<unk>bar baz\nqux <user>Acme end\n';
    const all = ['foo<unk>bar', 'baz', 'qux', '<user>Acme', 'end'];
    expect(hits(text, query('\\S+?'))).toEqual(all);
    expect(hits(text, query('\\S+'))).toEqual(all);
    expect(hits(text, query('\\w+|\\S+'))).toEqual(all);
    expect(hits('foo<unk>bar baz\n', query('foo|foo<unk>bar'))).toEqual(['foo<unk>bar']);
    expect(hits('<unk>Acme x\n', query('<unk>|<unk>Acme'))).toEqual(['<unk>Acme']);
    expect(hits('a->b c\n', query('a|a->b'))).toEqual(['a->b']);
    expect(hits('foo bar<unk>x baz\n', query('\\w+(?: \\w+)*'))).toEqual(['foo', 'baz']);
    expect(hits('John<unk> met <user>: hi\n', query('.+?'))).toEqual([
      'John<unk>',
      'met',
      '<user>:',
      'hi',
    ]);
    expect(hits('foo<unk>bar <unk> x\n', query('<unk>', { regex: false }))).toEqual(['<unk>']);
    // Case-blind, a capitalised placeholder spelled as a custom element (`<PER-1>`) is text too.
    const blind = { caseSensitive: false };
    expect(hits('We met John<PER-2> today .\n', query('john|john<per-2>', blind))).toEqual([
      'John<PER-2>',
    ]);
    expect(hits('foo<PER-1>bar baz\n', query('foo.*?', blind))).toEqual(['foo<PER-1>bar']);
    expect(hits('x <my-card>a</my-card> y\n', query('<my-card>a', blind))).toEqual(['<my-card>a']);
    expect(hits('<b>DELL</b> <unk> x\n', query('\\S+?'))).toEqual([
      '<b>',
      'DELL',
      '</b>',
      '<unk>',
      'x',
    ]);
  });

  it('keeps a tag as a token of its own', () => {
    expect(hits('<b>DELL</b> and DELL\n', query('DELL', { regex: false }))).toEqual([
      'DELL',
      'DELL',
    ]);
  });
});
