import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { readConll } from './conll';
import { DEFAULT_EXPORT_OPTIONS, exportDocument, type ExportOptions } from './export';
import { importHf, readHf } from './hf';
import { ConvertError } from './messages';
import { importProdigy } from './prodigy';

const run = (source: string, options: Partial<ExportOptions>) =>
  exportDocument(source, parse(source), { ...DEFAULT_EXPORT_OPTIONS, ...options });

const wnut = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../format/fixtures/wnut17', name), 'utf8');

const convertError = (task: () => unknown) => {
  try {
    task();
  } catch (error) {
    if (error instanceof ConvertError) return { line: error.line, message: error.message };
    throw error;
  }
  return null;
};

describe('--format hf', () => {
  it('writes one {"tokens", "ner_tags"} object per sentence, IOB2 strings', () => {
    const source =
      'Integrating [LOC Kosovo  ] [MISC Serbs  ] .\n\n[creative-work Star Wars  ] rocks\n';
    expect(run(source, { format: 'hf' }).outputs).toEqual([
      {
        extension: '.jsonl',
        content:
          '{"tokens":["Integrating","Kosovo","Serbs","."],"ner_tags":["O","B-LOC","B-MISC","O"]}\n' +
          '{"tokens":["Star","Wars","rocks"],"ner_tags":["B-creative-work","I-creative-work","O"]}\n',
      },
    ]);
  });

  it('cuts a token where an entity ends inside it, with a warning', () => {
    expect(run('[LOC Kosovo  ]. ok\n', { format: 'hf' })).toEqual({
      outputs: [
        {
          extension: '.jsonl',
          content: '{"tokens":["Kosovo",".","ok"],"ner_tags":["B-LOC","O","O"]}\n',
        },
      ],
      warnings: [
        { line: 1, message: 'the token "Kosovo." is cut at an entity\'s edge: "Kosovo" "."' },
      ],
    });
  });

  it('on the WNUT-17 excerpt: the tags are the original .bio tags, and import gives the file back', () => {
    const brackets = wnut('test-excerpt.brackets.txt');
    const { outputs, warnings } = run(brackets, { format: 'hf' });
    expect(warnings).toEqual([]);
    const bio = readConll(wnut('test-excerpt.bio')).documents.flat();
    const hf = readHf(outputs[0].content);
    expect(hf.map(({ tokens, tags }) => ({ tokens, tags }))).toEqual(
      bio.map(({ tokens, tags }) => ({ tokens, tags })),
    );
    const back = importHf(outputs[0].content);
    expect(back.scheme).toBe('iob2');
    expect(back.source).toBe(brackets);
  });

  it('warns of a record with no tokens, which the bracket file cannot keep', () => {
    const imported = importHf(
      '{"tokens":["Ann"],"ner_tags":["B-PER"]}\n{"tokens":[],"ner_tags":[]}\n',
    );
    expect(imported.source).toBe('[PER Ann  ]\n');
    expect(imported.warnings).toEqual([
      {
        line: 2,
        message:
          'a record with no tokens: the bracket file keeps no empty sentence (exported again, it is gone, and the records after it move up one)',
      },
    ]);
  });

  it('refuses bad input with the line: class numbers, length mismatch, not a tag', () => {
    expect(convertError(() => importHf('\n{"tokens":["a"],"ner_tags":[3]}\n'))).toEqual({
      line: 2,
      message:
        'ner_tags holds class numbers: write them as strings ("B-PER"), e.g. with the feature\'s int2str',
    });
    expect(convertError(() => importHf('{"tokens":["a","b"],"ner_tags":["O"]}'))).toEqual({
      line: 1,
      message: '2 tokens but 1 tags',
    });
    expect(convertError(() => importHf('{"tokens":["a"],"ner_tags":["X-PER"]}'))?.message).toBe(
      'tag 1 ("X-PER") is not a tag: O, or B-, I-, E-, S- and a label',
    );
  });

  it('refuses a token holding NUL or a lone surrogate, naming the line and the token', () => {
    expect(convertError(() => importHf('\n{"tokens":["a\\u0000b"],"ner_tags":["O"]}\n'))).toEqual({
      line: 2,
      message: 'token 1 holds a NUL character (U+0000) at code point 1: a text file cannot hold it',
    });
    expect(
      convertError(() => importHf('{"tokens":["ok","\\ud800"],"ner_tags":["O","O"]}')),
    ).toEqual({
      line: 1,
      message: 'token 2 holds a lone surrogate U+D800 at code point 0: UTF-8 cannot store it',
    });
  });

  it('exports tokens holding NBSP, U+FEFF, U+2028 or U+3000: a token is a run of anything but ASCII whitespace', () => {
    const source = '[PER Jean\u00a0Paul  ] a\ufeffb c\u2028d [LOC e\u3000f  ]\n';
    const { outputs } = run(source, { format: 'hf' });
    expect(JSON.parse(outputs[0].content)).toEqual({
      tokens: ['Jean\u00a0Paul', 'a\ufeffb', 'c\u2028d', 'e\u3000f'],
      ner_tags: ['B-PER', 'O', 'O', 'B-LOC'],
    });
    expect(importHf(outputs[0].content).source).toBe(source);
  });
});

describe('--format prodigy', () => {
  it('writes text, tokens with offsets and ws, and spans with inclusive token_end, in code points', () => {
    const source = '😀 [PER Zoë Ba  ] met [ORG AT&T  ]. \n';
    const line = JSON.parse(run(source, { format: 'prodigy' }).outputs[0].content);
    expect(line).toEqual({
      text: '😀 Zoë Ba met AT&T. ',
      tokens: [
        { text: '😀', start: 0, end: 1, id: 0, ws: true },
        { text: 'Zoë', start: 2, end: 5, id: 1, ws: true },
        { text: 'Ba', start: 6, end: 8, id: 2, ws: true },
        { text: 'met', start: 9, end: 12, id: 3, ws: true },
        { text: 'AT&T', start: 13, end: 17, id: 4, ws: false },
        { text: '.', start: 17, end: 18, id: 5, ws: true },
      ],
      spans: [
        { start: 2, end: 8, token_start: 1, token_end: 2, label: 'PER' },
        { start: 13, end: 17, token_start: 4, token_end: 4, label: 'ORG' },
      ],
    });
  });

  it('writes whitespace other than one space as tokens of its own, as spaCy does: tokens and spaces give the text back', () => {
    const source = '  [PER Ann  ]  met\n\t[LOC Rome  ] .\n\nEnd \n';
    for (const unit of ['document', 'line'] as const) {
      const tasks = run(source, { format: 'prodigy', unit })
        .outputs[0].content.trim()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as { text: string; tokens: { text: string; ws: boolean }[] },
        );
      for (const task of tasks) {
        expect(task.tokens.map(({ text, ws }) => text + (ws ? ' ' : '')).join('')).toBe(task.text);
        for (const token of task.tokens) if (token.ws) expect(token.text).not.toMatch(/^\s+$/);
      }
    }
    // The first document (a blank line ends it), its leading spaces, second space and line break tokens.
    const [first] = run(source, { format: 'prodigy' }).outputs[0].content.split('\n');
    expect(JSON.parse(first).tokens.map(({ text }: { text: string }) => text)).toEqual([
      '  ',
      'Ann',
      ' ',
      'met',
      '\n\t',
      'Rome',
      '.',
    ]);
  });

  it('one task per line with --unit line; import reads the spans back', () => {
    const source = 'a [PER Ana  ]\nb [LOC Rome  ]\n';
    const output = run(source, { format: 'prodigy', unit: 'line' }).outputs[0].content;
    expect(output.trim().split('\n')).toHaveLength(2);
    expect(importProdigy(output).source).toBe('a [PER Ana  ]\n\nb [LOC Rome  ]\n');
  });

  it('on the WNUT-17 excerpt: import gives the file back byte for byte', () => {
    const brackets = wnut('test-excerpt.brackets.txt');
    const output = run(brackets, { format: 'prodigy' }).outputs[0].content;
    expect(importProdigy(output).source).toBe(brackets);
  });

  it('leaves out rejected and ignored tasks with a warning; accepted and unanswered ones are read', () => {
    const imported = importProdigy(
      [
        '{"text":"Bob met Cy","spans":[{"start":0,"end":3,"label":"ORG"}],"answer":"reject"}',
        '{"text":"Ann","spans":[{"start":0,"end":3,"label":"PER"}],"answer":"accept"}',
        '{"text":"Eve","spans":[],"answer":"ignore"}',
        '{"text":"Rome","spans":[{"start":0,"end":4,"label":"LOC"}]}',
      ].join('\n'),
    );
    expect(imported.source).toBe('[PER Ann  ]\n\n[LOC Rome  ]\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'answer "reject": the task and its 1 span are left out (only accepted tasks are annotations)',
      },
      {
        line: 3,
        message:
          'answer "ignore": the task and its 0 spans are left out (only accepted tasks are annotations)',
      },
    ]);
  });

  it('takes a span with token indices only from its tokens; warns where offsets and tokens disagree', () => {
    const tokens = JSON.stringify(
      ['Apple', 'hired', 'Tim', 'Cook', 'in', '😀', 'Cupertino'].map((text, id, all) => {
        const start = all.slice(0, id).reduce((at, token) => at + [...token].length + 1, 0);
        return { text, start, end: start + [...text].length, id };
      }),
    );
    const text = '"Apple hired Tim Cook in 😀 Cupertino"';
    const imported = importProdigy(
      [
        `{"text":${text},"tokens":${tokens},"spans":[{"token_start":2,"token_end":3,"label":"PER"},{"token_start":6,"token_end":6,"label":"LOC"}]}`,
        `{"text":${text},"tokens":${tokens},"spans":[{"start":0,"end":5,"token_start":2,"token_end":3,"label":"ORG"}]}`,
      ].join('\n'),
    );
    expect(imported.source).toBe(
      'Apple hired [PER Tim Cook  ] in 😀 [LOC Cupertino  ]\n\n[ORG Apple  ] hired Tim Cook in 😀 Cupertino\n',
    );
    expect(imported.warnings).toEqual([
      {
        line: 2,
        message:
          'span 1: its offsets [0, 5] cover "Apple" but its tokens 2–3 cover "Tim Cook"; the offsets are read',
      },
    ]);
    expect(convertError(() => importProdigy('{"text":"Ann","spans":[{"label":"PER"}]}'))).toEqual({
      line: 1,
      message:
        'span 1 has no "start" and "end" offsets, nor "token_start" and "token_end" of the task\'s tokens',
    });
  });

  it('refuses an answer other than accept, reject or ignore', () => {
    expect(convertError(() => importProdigy('{"text":"a","answer":"maybe"}'))).toEqual({
      line: 1,
      message: '"answer" must be "accept", "reject" or "ignore", not "maybe"',
    });
  });

  it('warns of doccano spans it does not read', () => {
    const imported = importProdigy('{"text":"Ann","label":[[0,3,"PER"]]}');
    expect(imported.source).toBe('Ann\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message: '"label" not read: Prodigy spans are "spans" (a doccano file? --from jsonl)',
      },
    ]);
  });

  it('refuses spans outside the text, with the line', () => {
    expect(
      convertError(() => importProdigy('{"text":"ab","spans":[{"start":0,"end":5,"label":"X"}]}')),
    ).toEqual({ line: 1, message: 'span 1: offsets [0, 5] are outside the text (2 code points)' });
  });

  it('refuses a text holding NUL or a lone surrogate, naming the line and the field', () => {
    expect(convertError(() => importProdigy('{"text":"a"}\n{"text":"a\\u0000b"}'))).toEqual({
      line: 2,
      message:
        'the "text" field holds a NUL character (U+0000) at code point 1: a text file cannot hold it',
    });
    expect(convertError(() => importProdigy('{"text":"x \\udfff"}'))).toEqual({
      line: 1,
      message:
        'the "text" field holds a lone surrogate U+DFFF at code point 2: UTF-8 cannot store it',
    });
  });
});

describe('a JSON array given where JSON lines are read (HF, Prodigy)', () => {
  const record = '{"tokens":["Ann"],"ner_tags":["B-PER"]}';
  const expected = {
    line: 1,
    message:
      'a JSON array: this format is JSON lines, one object a line (as `jq -c ".[]"` writes them)',
  };

  it('is refused with what the format is, on one line or pretty-printed', () => {
    for (const source of [`[${record}]\n`, `[\n  ${record}\n]\n`]) {
      expect(() => importHf(source, 'auto')).toThrow(expect.objectContaining(expected));
      expect(() => importProdigy(source)).toThrow(expect.objectContaining(expected));
    }
  });
});

describe('a JSON lines file with several bad lines', () => {
  const refusal = (source: string): ConvertError => {
    try {
      importHf(source, 'auto');
    } catch (error) {
      if (error instanceof ConvertError) return error;
      throw error;
    }
    throw new Error('not refused');
  };

  it('names every one, not the first alone (up to fifty)', () => {
    const { line, more } = refusal(
      [
        '{"tokens":["Ann"],"ner_tags":["B-PER"]}',
        '{"tokens":["Bo"]}',
        '{"tokens":["Cy"],"ner_tags":["B-PER"]}',
        'not json',
        '{"tokens":["Di","Ed"],"ner_tags":["O"]}',
      ].join('\n'),
    );
    expect([line, ...more.map((problem) => problem.line)]).toEqual([2, 4, 5]);
    const many = refusal(Array.from({ length: 80 }, () => '{"tokens":["Bo"]}').join('\n'));
    expect(many.more).toHaveLength(49);
  });
});
