import { describe, expect, it } from 'vitest';
import type { DocumentSource } from '../../shared/api/contract';
import { parse } from '../../shared/format/parse';
import {
  FIRST_CHARACTERS,
  FIRST_LINES,
  firstLinesHtml,
  firstScreenHtml,
  pageHead,
  splitPage,
} from './first-screen';

function sourceOf(source: string, extra: Partial<DocumentSource> = {}): DocumentSource {
  return {
    id: 'doc.txt',
    revision: 0,
    source,
    labels: ['PER', 'LOC', 'ORG', 'MISC'],
    nextId: 1,
    dirty: false,
    history: { undo: [], redo: [] },
    ...extra,
  } as DocumentSource;
}

const ESCAPED: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The text a browser shows for the lines' HTML (their tags are only the ones the host writes). */
function shownText(html: string): string[] {
  return html
    .split(/<div class="line(?: rtl)?"/)
    .slice(1)
    .map((line) =>
      line
        .replace(/^[^>]*>/, '')
        .replace(/<[^>]*>/g, '')
        .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ESCAPED[entity]),
    );
}

describe("the host's first screen", () => {
  it('shows hostile markup and replacement patterns in a document as text, never as tags', () => {
    const text =
      '<script>alert(1)</script> [PER <img src=x onerror="alert(2)">  ] & $& $1 \'q\' .\n' +
      'Second [LOC line  ] <b>bold</b>\n';
    const html = firstLinesHtml(sourceOf(text));
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(shownText(html)).toEqual(parse(text).text.split('\n'));
    expect(html).toContain('data-label="PER"');
    expect(html).toContain('data-label="LOC" title="LOC"><span data-start="78">line</span></mark>');
  });

  it('draws the first lines as the editor does: marks with the session ids, markup dimmed', () => {
    const text = 'Talks in [LOC Pristina  ] with [ORG <b>EULEX</b>  ] .\n';
    const html = firstScreenHtml(sourceOf(text, { ids: [7, 9] }));
    expect(html).toContain('<mark class="entity" data-id="7" data-label="LOC" title="LOC">');
    expect(html).toContain('<mark class="entity" data-id="9" data-label="ORG" title="ORG">');
    expect(html).toContain('class="markup"');
    expect(html).toContain('document-text dim-markup');
    expect(html).toContain('aria-hidden="true" inert');
  });

  it('marks the lines read right to left, as the editor does, so their chips keep their gap by the words', () => {
    const html = firstLinesHtml(sourceOf('שלום [PER דוד  ] .\nIn [LOC ירושלים  ] .\n'));
    expect(html.match(/<div class="[^"]*"/g)).toEqual([
      '<div class="line rtl"',
      '<div class="line"',
      '<div class="line"',
    ]);
  });

  it('sends the first lines only, and a long first line cut short', () => {
    const many = Array.from({ length: 500 }, (_, n) => `line ${n} [PER Name  ] .`).join('\n');
    const lines = shownText(firstLinesHtml(sourceOf(many)));
    expect(lines).toHaveLength(FIRST_LINES);
    expect(lines.at(-1)).toBe(`line ${FIRST_LINES - 1} Name .`);

    const long = 'word '.repeat(200_000);
    const [first, ...rest] = shownText(firstLinesHtml(sourceOf(`\uFEFF${long}\nnext\n`)));
    expect(first).toBe(long.slice(0, FIRST_CHARACTERS - 1));
    expect(rest).toEqual([]);
  });

  it('sends whole lines when the characters run out', () => {
    // 40 lines of 100 characters: the budget runs out inside line 30, which is left out whole.
    const line = (n: number) => `${String(n).padStart(3, '0')} ${'x'.repeat(96)}`;
    const lines = Array.from({ length: 40 }, (_, n) => line(n)).join('\n');
    const shown = shownText(firstLinesHtml(sourceOf(lines)));
    expect(shown).toEqual(Array.from({ length: 29 }, (_, n) => line(n)));
  });

  it('after an empty first line, cuts the long line that follows rather than sending nothing', () => {
    const long = 'word '.repeat(1_000);
    const [empty, cut, ...rest] = shownText(firstLinesHtml(sourceOf(`\n${long}\n`)));
    expect(empty).toBe('');
    expect(cut).toBe(long.slice(0, FIRST_CHARACTERS - 1));
    expect(rest).toEqual([]);
  });

  it('cuts a long line between words, before an entity the cut would split', () => {
    const entities = '[PER Ann Lee  ] and [ORG United Nations  ] met in Rome . '.repeat(200);
    const [cut] = shownText(firstLinesHtml(sourceOf(entities)));
    expect(cut.length).toBeLessThan(FIRST_CHARACTERS);
    expect(cut).not.toMatch(/[[\]]/);
    expect(cut).toBe(parse(entities).text.slice(0, cut.length));
    expect(cut).toMatch(/ $/);
  });

  it('cuts a line without spaces at the limit, never inside a surrogate pair', () => {
    const emoji = `a${'\u{1F600}'.repeat(FIRST_CHARACTERS)}`;
    const [face] = shownText(firstLinesHtml(sourceOf(emoji)));
    expect(face).toBe(`a${'\u{1F600}'.repeat(FIRST_CHARACTERS / 2 - 1)}`);
  });

  it('leaves out the byte order mark, and an empty document has no lines', () => {
    expect(shownText(firstLinesHtml(sourceOf('\uFEFFHello [PER Ann  ] .\n')))).toEqual([
      'Hello Ann .',
      '',
    ]);
    expect(firstLinesHtml(sourceOf(''))).toBe('');
  });

  it("puts the page in the user's theme, gives it its token and links the label colours in its head", () => {
    const head = '<html lang="en"><head><title>Emend</title></head><body>';
    expect(pageHead(head, 'dark', 'T/K')).toBe(
      '<html data-theme="dark" lang="en"><head><title>Emend</title>' +
        '<meta name="emend-token" content="T/K">\n' +
        '<link id="first-label-colors" rel="stylesheet" href="/api/label-colors.css?token=T%2FK">\n</head><body>',
    );
    expect(pageHead(head, null, 'T')).toContain('<html lang="en">');
  });

  it('goes right after the body tag of the page', () => {
    expect(splitPage('<html><head></head><body><div id="app"></div></body></html>')).toEqual([
      '<html><head></head><body>',
      '<div id="app"></div></body></html>',
    ]);
    expect(splitPage('<html>no body</html>')).toBeNull();
  });
});
