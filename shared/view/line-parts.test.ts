import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../format/document';
import { parse } from '../format/parse';
import { validate } from '../format/validate';
import { diagnosticSpans } from './diagnostic-spans';
import { elementHtml, lineElements } from './line-elements';
import { LinePartsCache, lineParts, type Part } from './line-parts';

const texts = (parts: Part[]) =>
  parts.map((part) =>
    part.kind === 'entity'
      ? `[${part.entity.label} ${part.pieces.map((piece) => piece.text).join('|')}]`
      : part.pieces.map((piece) => piece.text).join('|'),
  );

describe('lineParts', () => {
  const doc = parse('see <a href=x>[PER Dell  ]</a> &amp; [LOC Kosovo  ] now');

  it('splits a line into text and entities, marking markup-like runs', () => {
    const parts = lineParts({
      start: 0,
      text: doc.text,
      entities: doc.entities,
      diagnostics: [],
      selection: null,
    });
    expect(texts(parts)).toEqual([
      'see |<a href=x>',
      '[PER Dell]',
      '</a>| |&amp;| ',
      '[LOC Kosovo]',
      ' now',
    ]);
    const markup = parts
      .flatMap((part) => part.pieces)
      .filter((piece) => piece.markup)
      .map((piece) => piece.text);
    expect(markup).toEqual(['<a href=x>', '</a>', '&amp;']);
  });

  it('marks HTML tags as markup, not placeholder tokens (<unk>, <user>)', () => {
    const line = parse('[PER John <unk>  ] <user><br></P>');
    const parts = lineParts({
      start: 0,
      text: line.text,
      entities: line.entities,
      diagnostics: [],
      selection: null,
    });
    const markup = parts
      .flatMap((part) => part.pieces)
      .filter((piece) => piece.markup)
      .map((piece) => piece.text);
    expect(markup).toEqual(['<br>', '</P>']);
  });

  it('flags the selected pieces, cutting inside an entity where the selection ends', () => {
    const start = doc.text.indexOf('Dell');
    const parts = lineParts({
      start: 0,
      text: doc.text,
      entities: doc.entities,
      diagnostics: [],
      selection: { start: 0, end: start + 2 },
    });
    const selected = parts
      .flatMap((part) => part.pieces)
      .filter((piece) => piece.selected)
      .map((piece) => piece.text);
    expect(selected.join('')).toBe('see <a href=x>De');
  });

  it('carries diagnostic messages and the worst severity on the marked token', () => {
    const broken = parse('fine [GPE Paris  ] and [LOC never closed');
    const parts = lineParts({
      start: 0,
      text: broken.text,
      entities: broken.entities,
      diagnostics: diagnosticSpans(broken, validate(broken)),
      selection: null,
    });
    const marked = parts.flatMap((part) => part.pieces).filter((piece) => piece.problems);
    expect(marked.map((piece) => [piece.text, piece.severity])).toEqual([
      ['Paris', 'warning'],
      ['[LOC', 'error'],
    ]);
    expect(marked[1].problems).toBe('entity [LOC is not closed on its line');
  });

  it('keeps a problem’s pieces as they were when an entity is added before it on its line', () => {
    // The problem's column moves; what its token shows (and so its segment's drawing) does not.
    const problemPieces = (source: string) => {
      const doc = parse(source);
      return lineParts({
        start: 0,
        text: doc.text,
        entities: doc.entities,
        diagnostics: diagnosticSpans(doc, validate(doc)),
        selection: null,
      })
        .flatMap((part) => part.pieces)
        .filter((piece) => piece.problems);
    };
    expect(problemPieces('fine [LOC Paris  ] and [LOC never closed')).toEqual(
      problemPieces('fine Paris and [LOC never closed'),
    );
  });

  it('marks each piece with every span over it, spans overlapping and given in any order', () => {
    // "ab cd ef gh" starting at 100: spans of every kind, some nested, some leaving the line.
    const at = (from: number, to: number) => ({ start: 100 + from, end: 100 + to });
    const diagnostic = (message: string, severity: 'error' | 'warning'): Diagnostic => ({
      ...{ offset: 0, line: 1, column: 1, message, severity, code: 'empty-entity' },
    });
    const parts = lineParts({
      start: 100,
      text: 'ab cd ef gh',
      entities: [],
      diagnostics: [
        { ...at(3, 8), diagnostic: diagnostic('outer', 'warning') },
        { ...at(-5, 2), diagnostic: diagnostic('before', 'warning') },
        { ...at(6, 8), diagnostic: diagnostic('inner', 'error') },
      ],
      selection: null,
      review: [
        { ...at(9, 20), kind: 'text' },
        { ...at(3, 5), kind: 'removed', label: 'PER' },
        { ...at(3, 8), kind: 'old-extent' },
      ],
      suggestions: [{ ...at(6, 11), label: 'LOC' }],
    });
    const pieces = parts
      .flatMap((part) => part.pieces)
      .map((piece) => [
        piece.text,
        piece.problems,
        piece.severity,
        piece.review,
        piece.ghost,
        piece.suggested,
        piece.suggestion,
      ]);
    expect(pieces).toEqual([
      ['ab', 'before', 'warning', '', '', '', ''],
      [' ', '', '', '', '', '', ''],
      ['cd', 'outer', 'warning', 'removed old-extent', 'PER', '', ''],
      [' ', 'outer', 'warning', 'old-extent', '', '', ''],
      ['ef', 'outer\ninner', 'error', 'old-extent', '', 'LOC', 'LOC'],
      [' ', '', '', '', '', 'LOC', ''],
      ['gh', '', '', 'text', '', 'LOC', ''],
    ]);
  });

  it('shows each character that takes no room by a glyph of its own, the text unchanged', () => {
    const invisible = parse('met\rRome [PER \u200bZoe  ] ok\u2066\u200d .');
    const line = {
      start: 0,
      text: invisible.text,
      entities: invisible.entities,
      diagnostics: [],
      selection: null,
    };
    const parts = lineParts(line);
    // Joiners are left in their run (emoji and scripts need them); a bidi isolate is shown.
    expect(texts(parts)).toEqual(['met|\r|Rome ', '[PER \u200b|Zoe]', ' ok|\u2066|\u200d .']);
    const pieces = parts.flatMap((part) => part.pieces);
    expect(pieces.filter((piece) => piece.invisible).map((piece) => piece.start)).toEqual([
      3, 9, 16,
    ]);
    const elements = lineElements(parts, null, null);
    expect(elements[1]).toMatchObject({
      className: 'invisible',
      data: { start: '3', glyph: 'CR' },
      title: 'carriage return (U+000D)',
      text: '\r',
    });
    expect(elements[3].children![0]).toMatchObject({
      data: { glyph: 'ZWSP' },
      title: 'zero-width space (U+200B)',
    });
    // The host's first screen writes the same glyph.
    expect(elements.map(elementHtml).join('')).toContain(
      '<span class="invisible" data-start="3" data-glyph="CR" title="carriage return (U+000D)">\r</span>',
    );
  });

  it('leaves the zero-width space alone where a script separates its words with it (Thai, Khmer…)', () => {
    const thai = 'ผม\u200bชอบ\u200bกรุงเทพ and ok\u200bZoe';
    const parts = lineParts({
      start: 0,
      text: thai,
      entities: [],
      diagnostics: [],
      selection: null,
    });
    const shown = parts.flatMap((part) => part.pieces).filter((piece) => piece.invisible);
    expect(shown.map((piece) => piece.start)).toEqual([thai.lastIndexOf('\u200b')]);
  });

  it('works on a line that does not start the document', () => {
    const parts = lineParts({
      start: 100,
      text: 'ab cd',
      entities: [{ id: 1, start: 103, end: 105, label: 'ORG' }],
      diagnostics: [],
      selection: null,
    });
    expect(texts(parts)).toEqual(['ab ', '[ORG cd]']);
    expect(parts[1].pieces[0].start).toBe(103);
  });
});

describe('LinePartsCache', () => {
  const doc = parse('[PER Ann  ] met [LOC Rome  ] .');
  const line = (
    entities = doc.entities,
    selection: { start: number; end: number } | null = null,
  ) => ({
    start: 0,
    text: doc.text,
    entities: [...entities],
    diagnostics: [],
    selection,
  });

  it('keeps a line’s parts while it holds the same entities, and makes them again when they change', () => {
    const cache = new LinePartsCache();
    const first = cache.partsOf(0, line());
    cache.sweep();
    expect(cache.partsOf(0, line())).toBe(first);
    cache.sweep();
    const relabeled = [doc.entities[0], { ...doc.entities[1], label: 'ORG' }];
    const changed = cache.partsOf(0, line(relabeled));
    expect(changed).not.toBe(first);
    expect(texts(changed)).toContain('[ORG Rome]');
    cache.sweep();
    expect(cache.partsOf(0, line(relabeled, { start: 0, end: 3 }))).not.toBe(changed);
  });

  it('keeps a line’s parts through problems derived again that say the same, not through a new one', () => {
    const problem = (message: string) => [
      {
        start: 0,
        end: 3,
        diagnostic: {
          line: 1,
          column: 6,
          severity: 'warning' as const,
          code: 'unknown-label' as const,
          message,
          offset: 0,
        },
      },
    ];
    const cache = new LinePartsCache();
    const first = cache.partsOf(0, { ...line(), diagnostics: problem('PER is not known') });
    cache.sweep();
    // Derived again after an edit elsewhere: new objects, the same problem in the same place.
    expect(cache.partsOf(0, { ...line(), diagnostics: problem('PER is not known') })).toBe(first);
    cache.sweep();
    const said = cache.partsOf(0, { ...line(), diagnostics: problem('PER is not in the set') });
    expect(said).not.toBe(first);
    expect(said[0].pieces[0].problems).toBe('PER is not in the set');
  });

  it('forgets lines no longer rendered', () => {
    const cache = new LinePartsCache();
    const first = cache.partsOf(0, line());
    cache.sweep();
    cache.sweep();
    expect(cache.partsOf(0, line())).not.toBe(first);
  });
});
