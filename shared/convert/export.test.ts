import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveName } from '../archive/zip';
import { parse } from '../format/parse';
import { importConll } from './conll';
import { DEFAULT_EXPORT_OPTIONS, exportDocument, exportedName, type ExportOptions } from './export';
import { importJsonl } from './jsonl';
import { stripHtml } from './strip-html';

const run = (source: string, options: Partial<ExportOptions>) =>
  exportDocument(source, parse(source), { ...DEFAULT_EXPORT_OPTIONS, ...options });

const wnut = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../format/fixtures/wnut17', name), 'utf8');

describe('brackets export', () => {
  const messy =
    '\uFEFF[LOC Paris ] and [PER Kosovo  ]. [ sic ] <a href=x>¶</a>1\r\n[ORG EU   ] \r\n';

  it('is byte for byte by default (BOM, CRLF, mixed closes, literal brackets, markup)', () => {
    expect(run(messy, {}).outputs).toEqual([{ extension: '', content: messy }]);
  });

  it('--normalize closes every entity with two spaces, nothing else changed', () => {
    expect(run(messy, { normalize: true }).outputs[0].content).toBe(
      '\uFEFF[LOC Paris  ] and [PER Kosovo  ]. [ sic ] <a href=x>¶</a>1\r\n[ORG EU  ] \r\n',
    );
  });

  it('--strip-html removes tags, decodes references and keeps entities on their text', () => {
    const source =
      '<p>[PER <b>Christopher W. Dell</b>  ] met [ORG AT&amp;T  ] &lt;sic&gt; &#39;t&#x27;</p>\n[MISC <br/>  ] x\n';
    const result = run(source, { stripHtml: true });
    expect(result.outputs[0].content).toBe(
      "[PER Christopher W. Dell  ] met [ORG AT&T  ] <sic> 't'\n x\n",
    );
    expect(result.warnings).toEqual([
      { line: 2, message: 'entity [MISC] "<br/>" is only markup; dropped' },
    ]);
  });

  it('maps offsets through stripped markup', () => {
    expect(stripHtml('a<b>c</b>&amp;&unknown;').text).toBe('ac&&unknown;');
    // Every named reference of HTML 4 (the letters names hold) and the upper-case aliases.
    expect(
      stripHtml('Jos&eacute; Nu&ntilde;ez, Z&uuml;rich, Fran&ccedil;ois &frac12; &AMP; &Omega;')
        .text,
    ).toBe('José Nuñez, Zürich, François ½ & Ω');
  });
});

describe('--strip-html keeps lines and tokens as they read', () => {
  it('decodes a reference to a line break, tab or no-break space as a space: one line stays one sentence', () => {
    const { outputs, warnings } = run('x [PER Ann&#10;Lee  ] y&#9;z\n', {
      format: 'conll',
      stripHtml: true,
    });
    expect(outputs[0].content).toBe('x\tO\nAnn\tB-PER\nLee\tI-PER\ny\tO\nz\tO\n\n');
    expect(warnings).toEqual([]);
    const blank = run('a [LOC &nbsp;  ] d\n', { format: 'conll', stripHtml: true });
    expect(blank.outputs[0].content).toBe('a\tO\nd\tO\n\n');
    expect(blank.warnings).toEqual([
      { line: 1, message: 'entity [LOC] "&nbsp;" is only markup; dropped' },
    ]);
  });

  it('keeps a block tag between two words as a space, as a browser reads it; an inline tag glues', () => {
    const source = '<p>Talks with</p><p>[PER Dell  ] ended</p><br>Next <i>x</i>y</p><b>z\n';
    expect(run(source, { format: 'jsonl', stripHtml: true }).outputs[0].content).toBe(
      '{"text":"Talks with Dell ended Next xy z","label":[[11,15,"PER"]]}\n',
    );
  });

  describe('reads a `<b>` decoded from `&lt;b&gt;` as text, not a tag: the source escaped it', () => {
    const source = 'The [MISC &lt;blink&gt; tag  ] said &lt;b&gt;no&lt;/b&gt; .\n';
    const exported = (format: ExportOptions['format']) =>
      run(source, { format, stripHtml: true }).outputs[0].content;

    it('conll: part of its entity, and one token with what it is glued to', () => {
      expect(exported('conll')).toBe(
        'The\tO\n<blink>\tB-MISC\ntag\tI-MISC\nsaid\tO\n<b>no</b>\tO\n.\tO\n\n',
      );
      expect(run(source, { format: 'conll', stripHtml: true }).warnings).toEqual([]);
    });

    it('hf', () => {
      expect(JSON.parse(exported('hf'))).toEqual({
        tokens: ['The', '<blink>', 'tag', 'said', '<b>no</b>', '.'],
        ner_tags: ['O', 'B-MISC', 'I-MISC', 'O', 'O', 'O'],
      });
    });

    it('prodigy', () => {
      const task = JSON.parse(exported('prodigy'));
      expect(task.tokens.map(({ text }: { text: string }) => text)).toEqual([
        'The',
        '<blink>',
        'tag',
        'said',
        '<b>no</b>',
        '.',
      ]);
      expect(task.spans).toEqual([
        { start: 4, end: 15, token_start: 1, token_end: 2, label: 'MISC' },
      ]);
    });
  });

  it('keeps placeholder tokens (<unk>, <user>): only HTML elements are tags', () => {
    expect(stripHtml('a <unk> b<br>c <user></p><eos>d\n').text).toBe('a <unk> b c <user> <eos>d\n');
  });

  it('refuses, saying why, a text that decodes to brackets a bracket file would read as markup', () => {
    expect(() =>
      run('a &#91;PER x  &#93; b [ORG Z  ]\n', { format: 'brackets', stripHtml: true }),
    ).toThrow(
      'with --strip-html the text holds brackets that would read as entity markup (near "[PER x  ] b Z"); export it without --strip-html',
    );
  });
});

describe('every format combines with --strip-html', () => {
  const source = '<p>[PER Zoë  ] 😀 met [ORG AT&amp;T  ]</p>\n';
  it.each([
    ['conll', 'Zoë\tB-PER\n😀\tO\nmet\tO\nAT&T\tB-ORG\n\n'],
    ['jsonl', '{"text":"Zoë 😀 met AT&T","label":[[0,3,"PER"],[10,14,"ORG"]]}\n'],
    ['text', 'Zoë 😀 met AT&T\n'],
  ] as const)('%s', (format, expected) => {
    expect(run(source, { format, stripHtml: true }).outputs[0].content).toBe(expected);
  });
  it('brat', () => {
    expect(run(source, { format: 'brat', stripHtml: true }).outputs).toEqual([
      { extension: '.txt', content: 'Zoë 😀 met AT&T\n' },
      { extension: '.ann', content: 'T1\tPER 0 3\tZoë\nT2\tORG 10 14\tAT&T\n' },
    ]);
  });
});

describe('a text that starts with U+FEFF (a file with two: its BOM, then one of text)', () => {
  const source = '\uFEFF\uFEFF[PER Zoë  ] met .\n';

  it('keeps it as text in CoNLL and plain text: a byte order mark goes before it', () => {
    // The U+FEFF before Zoë is glued to it (no space between): the entity's edge cuts it off.
    const { outputs, warnings } = run(source, { format: 'conll' });
    expect(warnings.map(({ message }) => message)).toEqual([
      'the token "\uFEFFZoë" is cut at an entity\'s edge: "\uFEFF" "Zoë"',
    ]);
    expect(outputs[0].content).toBe('\uFEFF\uFEFF\tO\nZoë\tB-PER\nmet\tO\n.\tO\n\n');
    // Read back, the first U+FEFF is taken for a byte order mark; the second is the text's, which
    // the bracket file writes after a byte order mark of its own.
    expect(importConll(outputs[0].content).source).toBe('\uFEFF\uFEFF [PER Zoë  ] met .\n');
    expect(run(source, { format: 'text' }).outputs[0].content).toBe('\uFEFF\uFEFFZoë met .\n');
  });
});

describe('the WNUT-17 excerpt (real labels, unpaired literal brackets)', () => {
  const brackets = wnut('test-excerpt.brackets.txt');

  it('brackets → CoNLL IOB2 equals the original .bio file, tokens and tags', () => {
    const { outputs, warnings } = run(brackets, { format: 'conll', scheme: 'iob2' });
    expect(warnings).toEqual([]);
    expect(outputs[0].content).toBe(wnut('test-excerpt.bio'));
  });

  it('round-trips through every scheme and through JSONL', () => {
    for (const scheme of ['iob1', 'iob2', 'bioes'] as const) {
      const conll = run(brackets, { format: 'conll', scheme, docstart: true }).outputs[0].content;
      const back = importConll(conll);
      expect(back.scheme).toBe(scheme);
      expect(back.source).toBe(brackets);
    }
    expect(importJsonl(run(brackets, { format: 'jsonl' }).outputs[0].content).source).toBe(
      brackets,
    );
  });
});

describe('the name of an export', () => {
  it('takes the extension off the document name: a backslash is part of a name, only / parts folders', () => {
    expect(exportedName('news/a.txt', '.conll')).toBe('news/a.conll');
    expect(exportedName('news.d/README', '.conll')).toBe('news.d/README.conll');
    expect(exportedName('news/.txt', '.conll')).toBe('news/.txt.conll');
    expect(exportedName('back\\slash.txt', '.conll')).toBe('back\\slash.conll');
    expect(exportedName('trail\\.txt', '.conll')).toBe('trail\\.conll');
  });

  it('names zip entries as for any other name (a backslash written ＼)', () => {
    const entries = (id: string, extensions: string[]) =>
      extensions.map((extension) => archiveName(exportedName(id, extension)));
    expect(entries('trail\\.txt', ['.txt', '.ann'])).toEqual(['trail＼.txt', 'trail＼.ann']);
    expect(entries('sub/trail\\.txt', ['.conll'])).toEqual(['sub/trail＼.conll']);
    expect(entries('back\\slash.txt', ['.conll'])).toEqual(['back＼slash.conll']);
  });
});

describe('a file whose lines end with lone carriage returns (classic Mac OS)', () => {
  const source = 'a [PER Bob  ] c\rd [LOC Rome  ] e\r';
  const exported = (options: Partial<ExportOptions>) =>
    exportDocument(source, parse(source), { ...DEFAULT_EXPORT_OPTIONS, ...options });

  it('is said to be one line where lines are sentences or records, not silently merged', () => {
    for (const options of [
      { format: 'conll' },
      { format: 'hf' },
      { format: 'jsonl', unit: 'line' },
    ] as const) {
      expect(exported(options).warnings.map(({ message }) => message)).toContain(
        'its lines end with lone carriage returns (classic Mac OS), so it reads as one line; convert its line ends to LF first',
      );
    }
  });

  it('is not where lines make no unit: brackets, text, brat, a record per document', () => {
    for (const options of [
      { format: 'brackets' },
      { format: 'text' },
      { format: 'brat' },
      { format: 'jsonl', unit: 'document' },
    ] as const) {
      expect(exported(options).warnings).toEqual([]);
    }
  });
});

describe('an entity that holds only HTML markup', () => {
  const source = 'A [ORG <br>  ] and [PER <i>Maria</i>  ] .\nThen [LOC <b></b>  ] .\n';

  it('is kept by the span exports as the file has it, and said, as token exports leave it out', () => {
    for (const format of ['jsonl', 'labelstudio', 'prodigy', 'brat'] as const) {
      const exported = run(source, { format });
      expect(exported.warnings, format).toEqual([
        {
          line: 1,
          message:
            'entity [ORG] "<br>" holds only HTML markup: kept as the file has it (CoNLL and HF leave it out)',
        },
        {
          line: 2,
          message:
            'entity [LOC] "<b></b>" holds only HTML markup: kept as the file has it (CoNLL and HF leave it out)',
        },
      ]);
      expect(exported.outputs.map(({ content }) => content).join('')).toContain('<br>');
    }
    // With --strip-html the markup is gone, and strip-html says what it dropped: nothing more.
    expect(run(source, { format: 'jsonl', stripHtml: true }).warnings).toHaveLength(2);
  });
});
