import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { exportConll, firstTokenFinder, importConll, readConll } from './conll';
import { ConvertError } from './messages';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('CoNLL import', () => {
  it('reads CoNLL-2003 IOB1 (four columns, -DOCSTART- -X- O O) without losing an entity', () => {
    const imported = importConll(fixture('conll2003-iob1.conll'));
    expect(imported.scheme).toBe('iob1');
    expect(imported.detected).toBe(true);
    expect(imported.source).toBe(
      '[ORG EU  ] rejects [MISC German  ] call to boycott [MISC British  ] lamb .\n' +
        '[PER Peter Blackburn  ]\n' +
        '\n' +
        '[LOC BRUSSELS  ] 1996-08-22\n' +
        'The [ORG European Commission  ] said [LOC India  ] [LOC Pakistan  ] and [LOC Sri Lanka  ] .\n',
    );
    expect(imported.warnings).toEqual([]);
  });

  it('accepts the three -DOCSTART- spellings', () => {
    for (const marker of ['-DOCSTART- -X- -X- O', '-DOCSTART- -X- O O', '-DOCSTART- -X- O']) {
      const corpus = readConll(`${marker}\n\nA\tB-PER\n\n${marker}\n\nB\tO\n`);
      expect(corpus.docstarts).toBe(2);
      expect(corpus.documents.map((document) => document.length)).toEqual([1, 1]);
    }
  });

  it('warns of an empty document (a -DOCSTART- followed by another, or by nothing), which is not kept', () => {
    const marker = '-DOCSTART- -X- -X- O';
    const imported = importConll(`${marker}\n\n${marker}\n\nA\tB-PER\n\n${marker}\n`);
    expect(imported.source).toBe('[PER A  ]\n');
    expect(imported.warnings.map(({ line }) => line)).toEqual([1, 7]);
    expect(imported.warnings[0].message).toMatch(/^a -DOCSTART- with no sentence before the next/);
  });

  it('skips comment lines (CoNLL-U `# text = ...`) with a warning, and reads a `#` token', () => {
    const imported = importConll('# sent_id = 1\n# text = # Ann\n#\tO\nAnn\tB-PER\n');
    expect(imported.source).toBe('# [PER Ann  ]\n');
    expect(imported.warnings).toEqual([
      { line: 1, message: '2 comment lines (# and no tag) skipped' },
    ]);
  });

  it('refuses a hashtag token with a bad tag, naming the line, rather than skip it as a comment', () => {
    expect(() => importConll('Ann\tB-PER\n#Ferguson\tb-location\n')).toThrow(
      expect.objectContaining({
        line: 2,
        message: '"b-location" is not a tag: O, or B-, I-, E-, S- and a label',
      }),
    );
    // A hashtag with its tag is a token, as before; `#` then a space opens a comment.
    expect(importConll('#Ferguson\tB-LOC\n# text = x\n').source).toBe('[LOC #Ferguson  ]\n');
  });

  it('reads BIOES and warns once when tags break the scheme asked for', () => {
    const imported = importConll(fixture('bioes.conll'));
    expect(imported.scheme).toBe('bioes');
    expect(imported.source).toBe('[ORG EU  ] rejects [MISC German  ]\n[PER Peter Blackburn  ]\n');
    const strict = importConll(fixture('conll2003-iob1.conll'), 'iob2');
    // Read by conlleval's rules all the same: no entity lost.
    expect(strict.doc.entities).toEqual(importConll(fixture('conll2003-iob1.conll')).doc.entities);
    expect(strict.warnings).toEqual([
      {
        line: 3,
        message:
          'tag "I-ORG" does not follow IOB2 (nor do 3 more sentences); all read by conlleval\'s rules',
      },
    ]);
  });

  it('refuses a line whose column count differs, naming the line', () => {
    expect(() => importConll(fixture('bad-columns.conll'))).toThrow(
      expect.objectContaining({
        line: 5,
        message: "3 columns, but the file's lines have 2 (as on line 1)",
      }),
    );
  });

  it('reads a tab-separated file by its tabs: a token may hold spaces, a line with other columns is the one named', () => {
    const imported = importConll(
      '# a comment\n-DOCSTART- -X- O O\n\nNew York\tB-LOC\nis\tO\nbig\tO\n',
    );
    expect(imported.source).toBe('[LOC New York  ] is big\n');
    expect(() => importConll('New York\tB-LOC\nis\tO\tX\n')).toThrow(
      expect.objectContaining({
        line: 2,
        message: "3 columns, but the file's lines have 2 (as on line 1)",
      }),
    );
  });

  it('refuses a line holding a carriage return, as lines ended by lone carriage returns read', () => {
    // Classic Mac OS line ends: the whole file is one line, its middle columns otherwise lost.
    expect(() => importConll('Ann\tB-PER\rLee\tI-PER\rwent\tO\r')).toThrow(
      expect.objectContaining({ line: 1, message: expect.stringMatching(/lone carriage returns/) }),
    );
    expect(() => importConll('Ann\tB-PER\nLee\rx\tI-PER\n')).toThrow(
      expect.objectContaining({ line: 2 }),
    );
    // A CRLF file is read as it always was.
    expect(importConll('Ann\tB-PER\r\nLee\tI-PER\r\n').source).toBe('[PER Ann Lee  ]\n');
  });

  it('warns of an entity of HTML tags only, which CoNLL leaves out when exported again', () => {
    const imported = importConll('Tag\tO\n<b>\tB-MISC\nhere\tO\n');
    expect(imported.source).toBe('Tag [MISC <b>  ] here\n');
    expect(imported.warnings).toEqual([
      {
        line: 2,
        message:
          'entity [MISC] "<b>" holds only HTML markup: exported again as tokens (CoNLL, HF), it is left out',
      },
    ]);
    // A word beside the tag keeps the entity.
    expect(importConll('<b>\tB-MISC\nIBM\tI-MISC\n').warnings).toEqual([]);
  });

  it('refuses tokens that would read as entity markup in a bracket file', () => {
    const conll = 'see\tO\n[LOC\tO\nParis\tO\n]\tO\n';
    // "[LOC Paris ]" would parse as an entity: refused rather than silently changed.
    expect(() => importConll(conll)).toThrow(ConvertError);
    expect(() => importConll('a\tB-PER\n]\tI-PER\n')).toThrow(/would read as entity markup/);
    expect(() => importConll('a\tFOO\n')).toThrow(/"FOO" is not a tag/);
    // Named at the input line of the token where the markup would start, not its sentence's first.
    const late = 'one\tO\ntwo\tO\n[LOC\tO\nParis\tO\n]\tO\n';
    expect(() => importConll(late)).toThrow(expect.objectContaining({ line: 3 }));
  });

  it('names every token line that cannot be written, not only the first', () => {
    const conll =
      'see\tO\n[LOC\tO\nParis\tO\n]\tO\n\nok\tB-PER\n\n' +
      'and\tO\n[Note\tO\n1]\tO\n\nthen\tO\n[PER\tO\nAnn\tO\n]\tO\n';
    let refused: unknown;
    try {
      importConll(conll);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConvertError);
    const { line, message, more } = refused as ConvertError;
    expect([{ line, message }, ...more].map((problem) => problem.line)).toEqual([2, 13]);
    expect(message).toMatch(/would read as entity markup/);
    expect(more[0].message).toMatch(/would read as entity markup/);
  });

  it('keeps `[Note 1]` as text: a label outside the set that nothing closes opens no entity', () => {
    // Wikipedia's `[citation needed]` and footnote marks come as such tokens, around entities too.
    expect(importConll('see\tO\n[Note\tO\n1]\tO\n').source).toBe('see [Note 1]\n');
    expect(importConll('x\tO\n\n[Note\tO\nJohn\tB-PER\n1]\tO\n').source).toBe(
      'x\n[Note [PER John  ] 1]\n',
    );
  });

  it('refuses a NUL character in a token, naming the line and the field', () => {
    expect(() => importConll('a\tO\nb\u0000c\tO\n')).toThrow(
      expect.objectContaining({ line: 2, message: expect.stringMatching(/token .*NUL/) }),
    );
  });
});

describe('CoNLL export', () => {
  it('writes a token holding a non-breaking space as one token, and reads it back', () => {
    const source = '[LOC New\u00a0York  ] is big\n';
    const { output } = exportConll(parse(source), { scheme: 'iob2', docstart: false });
    expect(output).toBe('New\u00a0York\tB-LOC\nis\tO\nbig\tO\n\n');
    expect(importConll(output).source).toBe(source);
  });

  const source =
    'Integrating [LOC Kosovo  ] [MISC Serbs  ] .\n[PER John Smith  ] met [PER Mary  ] [PER Ann  ]\n\n[ORG EU  ] said\n';

  it('round-trips tokens, tags, sentences and documents in every scheme', () => {
    for (const scheme of ['iob1', 'iob2', 'bioes'] as const) {
      const { output, warnings } = exportConll(parse(source), { scheme, docstart: true });
      expect(warnings).toEqual([]);
      const back = importConll(output, 'auto');
      expect(back.scheme).toBe(scheme);
      expect(back.source).toBe(source);
      // And export again: the same tags.
      expect(exportConll(back.doc, { scheme, docstart: true }).output).toBe(output);
    }
  });

  it('writes IOB1 B- only between adjacent entities of one type, and -DOCSTART- per document', () => {
    const { output } = exportConll(parse(source), { scheme: 'iob1', docstart: true });
    expect(output).toBe(
      '-DOCSTART- -X- -X- O\n\nIntegrating\tO\nKosovo\tI-LOC\nSerbs\tI-MISC\n.\tO\n\n' +
        'John\tI-PER\nSmith\tI-PER\nmet\tO\nMary\tI-PER\nAnn\tB-PER\n\n' +
        '-DOCSTART- -X- -X- O\n\nEU\tI-ORG\nsaid\tO\n\n',
    );
  });

  it('cuts a token where an entity starts or ends inside it, with a warning on its line', () => {
    const iob2 = (source: string) =>
      exportConll(parse(source), { scheme: 'iob2', docstart: false });
    const { output, warnings } = iob2('x\nsee [LOC Kosovo  ]. now\n');
    expect(output).toBe('x\tO\n\nsee\tO\nKosovo\tB-LOC\n.\tO\nnow\tO\n\n');
    expect(warnings).toEqual([
      { line: 2, message: 'the token "Kosovo." is cut at an entity\'s edge: "Kosovo" "."' },
    ]);
    // Text glued to an entity, and two entities glued together: each its own token, none lost.
    expect(iob2('Goldsmith[PER Ann  ] met [PER A  ][LOC B  ] .\n').output).toBe(
      'Goldsmith\tO\nAnn\tB-PER\nmet\tO\nA\tB-PER\nB\tB-LOC\n.\tO\n\n',
    );
  });

  it('keeps the HTML tags at an entity’s edges outside it, and leaves out one of markup only', () => {
    const iob2 = (source: string) =>
      exportConll(parse(source), { scheme: 'iob2', docstart: false });
    expect(iob2('<p>[ORG <b>IBM</b>  ] hired [PER Ann  ]</p>\n').output).toBe(
      '<p>\tO\n<b>\tO\nIBM\tB-ORG\n</b>\tO\nhired\tO\nAnn\tB-PER\n</p>\tO\n\n',
    );
    // A tag with attributes is several whitespace tokens, every one of them markup.
    expect(iob2('[PER <a href=x>Dell</a>  ] and [PER <a href="y" >Bo Li</a>  ]\n').output).toBe(
      '<a\tO\nhref=x>\tO\nDell\tB-PER\n</a>\tO\nand\tO\n' +
        '<a\tO\nhref="y"\tO\n>\tO\nBo\tB-PER\nLi\tI-PER\n</a>\tO\n\n',
    );
    const { output, warnings } = iob2('[ORG <b></b>  ] x\n');
    expect(output).toBe('<b>\tO\n</b>\tO\nx\tO\n\n');
    expect(warnings).toEqual([
      { line: 1, message: 'entity [ORG] "<b></b>" holds only HTML markup; left out' },
    ]);
  });

  it('refuses a -DOCSTART- token in the text, naming its line: CoNLL would read it as a document start', () => {
    expect(() =>
      exportConll(parse('ok\nThe token -DOCSTART- appears [PER Ann  ]\n'), {
        scheme: 'iob2',
        docstart: false,
      }),
    ).toThrow(expect.objectContaining({ line: 2, message: expect.stringMatching(/-DOCSTART-/) }));
  });
});

describe('first token finder', () => {
  /** Spans that count how many times their entries are read. */
  function countingSpans(spans: Array<[number, number]>) {
    const counter = { reads: 0 };
    const proxy = new Proxy(spans, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { proxy, counter };
  }

  it('finds the first token ending after each offset, -1 past the last', () => {
    const find = firstTokenFinder([
      [0, 3],
      [4, 6],
      [8, 9],
    ]);
    expect([0, 2, 3, 4, 6, 7, 8, 9].map(find)).toEqual([0, 0, 1, 1, 2, 2, 2, -1]);
  });

  it('reads each token a bounded number of times over a whole line of entities', () => {
    const tokens = 4000;
    const { proxy, counter } = countingSpans(
      Array.from({ length: tokens }, (_, k): [number, number] => [k * 6, k * 6 + 5]),
    );
    const find = firstTokenFinder(proxy);
    for (let k = 0; k < tokens; k += 2) expect(find(k * 6)).toBe(k);
    // A search from the line's start for each entity reads about tokens² / 4 entries.
    expect(counter.reads).toBeLessThan(3 * tokens);
  });
});

describe('CoNLL export of a long line', () => {
  it('tags one line of many thousand tokens as the same tokens on many lines', () => {
    const words = ['alpha', '[PER Ann  ]', 'gamma', '[LOC Rome  ]', 'KFOR', '[ORG KFOR  ]'];
    const lines = Array.from({ length: 500 }, (_, line) =>
      Array.from({ length: 20 }, (_, k) => words[(line * 7 + k * k) % words.length]).join(' '),
    );
    const options = { scheme: 'iob2', docstart: false } as const;
    const long = exportConll(parse(`${lines.join(' ')}\n`), options);
    const many = exportConll(parse(`${lines.join('\n')}\n`), options);
    expect(long.warnings).toEqual([]);
    expect(long.output.split('\n').length).toBe(10000 + 2);
    expect(long.output).toBe(many.output.replaceAll('\n\n', '\n').replace(/\n$/, '\n\n'));
  });
});
