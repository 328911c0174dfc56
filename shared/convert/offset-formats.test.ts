import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { exportBrat, importBrat } from './brat';
import { codePointIndex } from './code-points';
import { exportJsonl, importJsonl } from './jsonl';
import { exportLabelStudio, importLabelStudio } from './labelstudio';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

/** The bracket file the emoji fixtures hold (two documents, code point offsets written by Python). */
const EMOJI_BRACKETS =
  '[PER Zoë  ] 😀 met [PER François  ] in [LOC Zürich  ] 🇨🇭.\n\n🎉🎉 Party at [ORG Café Nero  ]\n';

describe('code point offsets', () => {
  it('converts between UTF-16 and code points around surrogate pairs', () => {
    const index = codePointIndex('a😀b🇨🇭c');
    expect(index.length).toBe(6);
    expect([0, 1, 3, 4, 6, 8].map(index.toCodePoint)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5, 6].map(index.toUtf16)).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect(index.toUtf16(7)).toBe(-1);
  });
});

describe('JSONL (doccano)', () => {
  it('refuses a text holding NUL or a lone surrogate, naming the record line and the field', () => {
    const lines = (bad: string) =>
      `{"text": "fine", "label": []}\n{"text": "${bad}", "label": []}\n`;
    expect(() => importJsonl(lines('a\\u0000b'))).toThrow(
      expect.objectContaining({ line: 2, message: expect.stringMatching(/"text".*NUL/) }),
    );
    expect(() => importJsonl(lines('a\\ud800b'))).toThrow(
      expect.objectContaining({ line: 2, message: expect.stringMatching(/"text".*U\+D800/) }),
    );
  });

  it('imports code point offsets over emoji and accents, and exports the same lines back', () => {
    const imported = importJsonl(fixture('emoji.jsonl'));
    expect(imported.source).toBe(EMOJI_BRACKETS);
    const lines = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    expect(lines(exportJsonl(parse(imported.source), 'document'))).toEqual(
      lines(fixture('emoji.jsonl')),
    );
  });

  it('warns of records a bracket file cannot keep as one document each: empty, split by a blank line, after or before blank lines', () => {
    const imported = importJsonl(
      [
        '{"text":"Para one about Ann .\\n\\nPara two about Bob .","label":[[15,18,"PER"],[37,40,"PER"]]}',
        '{"text":"","label":[]}',
        '{"text":"\\nLeading newline Ann","label":[[17,20,"PER"]]}',
        '{"text":"Trailing newline Ann\\n","label":[[17,20,"PER"]]}',
      ].join('\n'),
    );
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'the text holds a blank line: the bracket file reads it as 2 documents (exported again, 2 records)',
      },
      {
        line: 2,
        message:
          'the text has no words: the bracket file keeps no document for it (exported again, it is gone)',
      },
      {
        line: 3,
        message:
          'the text starts with a line break: exported again, it starts at its first line with words, its offsets 1 less',
      },
      {
        line: 4,
        message:
          'the text ends with a line break: exported again, it ends at its last line with words',
      },
    ]);
    expect(parse(imported.source).entities.map(({ label }) => label)).toEqual([
      'PER',
      'PER',
      'PER',
      'PER',
    ]);
  });

  it('reads the spans of "entities" when "label" beside it is empty, without a warning', () => {
    const imported = importJsonl('{"text":"Ann met Bo","label":[],"entities":[[0,3,"PER"]]}\n');
    expect(imported.source).toBe('[PER Ann  ] met Bo\n');
    expect(imported.warnings).toEqual([]);
  });

  it('keeps CRLF line ends throughout, between records and at the end, when every text has them', () => {
    const crlf = exportJsonl(parse('[PER Ann  ] met\r\nBob left\r\n'), 'document');
    expect(importJsonl(crlf).source).toBe('[PER Ann  ] met\r\nBob left\r\n');
    const two = `${crlf}{"text":"Cy\\r\\nhere","label":[]}\n`;
    expect(importJsonl(two).source).toBe('[PER Ann  ] met\r\nBob left\r\n\r\nCy\r\nhere\r\n');
    const mixed = `${crlf}{"text":"Cy\\nhere","label":[]}\n`;
    expect(importJsonl(mixed).source).toBe('[PER Ann  ] met\r\nBob left\n\nCy\nhere\n');
  });

  it('imports a text that starts with U+FEFF: written after a byte order mark, read back the same', () => {
    const imported = importJsonl('{"text":"\\ufeffHello Paris","label":[[7,12,"LOC"]]}\n');
    expect(imported.source).toBe('\uFEFF\uFEFFHello [LOC Paris  ]\n');
    expect(parse(imported.source).text).toBe('\uFEFFHello Paris\n');
  });

  it('writes one object per line with --unit line, offsets relative to the line', () => {
    const output = exportJsonl(parse('[PER Zoë  ] 😀\n😀 [LOC Zürich  ]\n'), 'line');
    expect(output).toBe(
      '{"text":"Zoë 😀","label":[[0,3,"PER"]]}\n{"text":"😀 Zürich","label":[[2,8,"LOC"]]}\n',
    );
  });

  it('refuses offsets outside the text and overlapping spans, naming the line', () => {
    expect(() => importJsonl(fixture('bad-offsets.jsonl'))).toThrow(
      expect.objectContaining({
        line: 2,
        message: 'span 1: offsets [0, 9] are outside the text (4 code points)',
      }),
    );
    expect(() => importJsonl(fixture('overlapping.jsonl'))).toThrow(
      expect.objectContaining({ line: 1, message: expect.stringMatching(/^spans overlap/) }),
    );
    expect(() => importJsonl('{"text": "a"}\nnot json\n')).toThrow(
      expect.objectContaining({ line: 2 }),
    );
  });

  it('names the line and the span of a malformed span, however deep it nests', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => importJsonl(`{"text": "a b", "label": [[0, 1, "X"], ${deep}]}\n`)).toThrow(
      expect.objectContaining({
        line: 1,
        message: `span 2 (${'['.repeat(40)}…) is not [start, end, label]`,
      }),
    );
  });

  it('keeps a span that cuts a word as given, with a warning naming the word', () => {
    // Offsets counted from another tokenizer, or one off: the entity starts inside "Anna".
    const imported = importJsonl(
      '{"text": "met Anna Lee today", "label": [[5, 12, "PER"], [13, 18, "X"]]}\n',
    );
    expect(imported.source).toBe('met A[PER nna Lee  ] [X today  ]\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'entity [PER] "nna Lee" starts inside the word "Anna": kept as given (the bracket file glues it to the word)',
      },
    ]);
    expect(
      importJsonl('{"text": "Ann met", "label": [[2, 6, "PER"]]}\n').warnings.map(
        ({ message }) => message,
      ),
    ).toEqual([
      'entity [PER] "n me" starts inside the word "Ann" and ends inside the word "met": kept as given (the bracket file glues it to the words)',
    ]);
  });

  it('reads doccano\'s "entities" objects (its export with relations), code point offsets, and warns of relations', () => {
    const imported = importJsonl(
      '{"id":1,"text":"😀 EU rejects German call","entities":[' +
        '{"id":1,"label":"ORG","start_offset":2,"end_offset":4},' +
        '{"id":2,"label":"MISC","start_offset":13,"end_offset":19}],' +
        '"relations":[{"id":1,"from_id":1,"to_id":2,"type":"rejects"}]}\n',
    );
    expect(imported.source).toBe('😀 [ORG EU  ] rejects [MISC German  ] call\n');
    expect(imported.warnings).toEqual([
      { line: 1, message: '1 relation not imported: a bracket file holds entities only' },
    ]);
  });

  it('reads "entities" as [start, end, label] triples (doccano\'s intent detection export)', () => {
    const imported = importJsonl(
      '{"text":"Bob met Cy","entities":[[0,3,"PER"]],"cats":["greet"]}\n',
    );
    expect(imported.source).toBe('[PER Bob  ] met Cy\n');
  });

  it('names the line and span of a malformed "entities" object', () => {
    expect(() =>
      importJsonl('{"text":"a","entities":[{"start_offset":0,"end_offset":1}]}\n'),
    ).toThrow(
      expect.objectContaining({
        line: 1,
        message:
          'span 1 ({"start_offset":0,"end_offset":1}) is not [start, end, label] or {"start_offset", "end_offset", "label"}',
      }),
    );
  });

  it('warns of spans it does not read: a second span key, or Prodigy\'s "spans"', () => {
    const imported = importJsonl(
      '{"text":"Bob met Cy","label":[[0,3,"PER"]],"entities":[[8,10,"PER"]]}\n' +
        '{"text":"Ann","spans":[{"start":0,"end":3,"label":"PER"}]}\n',
    );
    expect(imported.source).toBe('[PER Bob  ] met Cy\n\nAnn\n');
    expect(imported.warnings).toEqual([
      { line: 1, message: '"entities" not read: the spans are read from "label"' },
      {
        line: 2,
        message:
          '"spans" not read: doccano spans are "label" or "entities" (a Prodigy file? --from prodigy)',
      },
    ]);
  });

  it('trims whitespace at span edges with a warning', () => {
    const imported = importJsonl('{"text": "met Zoë today", "label": [[3, 8, "PER"]]}\n');
    expect(imported.source).toBe('met [PER Zoë  ] today\n');
    expect(imported.warnings).toEqual([
      { line: 1, message: 'entity [PER] " Zoë " trimmed to "Zoë"' },
    ]);
  });
});

describe('brat standoff', () => {
  it('imports a .ann + .txt pair with emoji, skipping relations and notes with a warning', () => {
    const imported = importBrat({ txt: fixture('emoji-brat.txt'), ann: fixture('emoji-brat.ann') });
    expect(imported.source).toBe(EMOJI_BRACKETS);
    expect(imported.warnings).toEqual([
      { line: 5, message: '2 annotation line(s) other than text-bound entities (T) skipped' },
    ]);
  });

  it('exports the plain text unchanged and T lines whose third field is the covered text', () => {
    const { txt, ann } = exportBrat(parse(EMOJI_BRACKETS));
    expect(txt).toBe(fixture('emoji-brat.txt'));
    expect(ann).toBe(fixture('emoji-brat.ann').split('\n').slice(0, 4).join('\n') + '\n');
  });

  it('refuses a third field that is not the covered text', () => {
    expect(() => importBrat({ txt: 'Zoë 😀 met', ann: 'T1\tPER 0 3\tZoe\n' })).toThrow(
      expect.objectContaining({ line: 1, message: 'T1: offsets 0 3 cover "Zoë", not "Zoe"' }),
    );
    const twice = 'T1\tPER 0 3\tAnn\nT2\tPER 8 10\tCy\nT1\tLOC 8 10\tCy\n';
    expect(() => importBrat({ txt: 'Ann met Cy', ann: twice })).toThrow(
      expect.objectContaining({ line: 3, message: 'T1 is defined twice (lines 1 and 3)' }),
    );
  });
});

describe('brat text with a byte order mark', () => {
  it('keeps the mark as the bracket file’s, not as text, its offsets read as brat counts them (the mark is one) or, failing that, without it', () => {
    const txt = '\uFEFFKosovo is here .\n';
    for (const ann of ['T1\tLOC 1 7\tKosovo\n', 'T1\tLOC 0 6\tKosovo\n']) {
      const imported = importBrat({ txt, ann });
      expect(imported.source).toBe('\uFEFF[LOC Kosovo  ] is here .\n');
      expect(imported.doc.text).toBe('Kosovo is here .\n');
      expect(imported.warnings).toEqual([]);
    }
  });

  it('names the covered text as brat counts it when the offsets fit neither way', () => {
    expect(() =>
      importBrat({ txt: '\uFEFFKosovo is here .', ann: 'T1\tLOC 2 8\tKosovo\n' }),
    ).toThrow(
      expect.objectContaining({ line: 1, message: 'T1: offsets 2 8 cover "osovo ", not "Kosovo"' }),
    );
  });
});

describe('a brat .ann with several bad lines', () => {
  it('names every one, not the first alone', () => {
    const ann = 'T1\tPER 0 3\tBob\nT2\tPER 0\nT3\tPER 4 9\tmet\nT1\tLOC 8 11\tAnn\n';
    expect(() => importBrat({ txt: 'Bob met Ann', ann })).toThrow(
      expect.objectContaining({
        line: 2,
        more: [
          { line: 3, message: 'T3: offsets 4 9 cover "met A", not "met"' },
          { line: 4, message: 'T1 is defined twice (lines 1 and 4)' },
        ],
      }),
    );
  });
});

describe('brat fragments', () => {
  it('reads fragments apart by spaces as one span; leaves out, with a warning, one across a line or words', () => {
    const imported = importBrat({
      txt: 'New York and EU and NATO\nAnn\nLee',
      ann: 'T1\tLOC 0 3;4 8\tNew York\nT2\tORG 13 15;20 24\tEU NATO\nT3\tPER 25 28;29 32\tAnn Lee\n',
    });
    expect(imported.source).toBe('[LOC New York  ] and EU and NATO\nAnn\nLee');
    expect(imported.warnings).toEqual([
      {
        line: 2,
        message:
          'T2 (ORG 13 15;20 24) is discontinuous across more than spaces: a bracket entity is one span; not imported',
      },
      {
        line: 3,
        message:
          'T3 (PER 25 28;29 32) is discontinuous across more than spaces: a bracket entity is one span; not imported',
      },
    ]);
  });

  it('takes the text brat writes for fragments apart by more than one space: their texts joined by one', () => {
    const txt = 'New  York\tCity is big';
    const ann = (given: string) => `T1\tLOC 0 3;5 9;10 14\t${given}\n`;
    expect(importBrat({ txt, ann: ann('New York City') }).source).toBe(
      '[LOC New  York\tCity  ] is big',
    );
    // The whole span's own text is taken too; anything else is refused, the offsets as written.
    expect(importBrat({ txt, ann: ann('New  York\tCity') }).source).toBe(
      '[LOC New  York\tCity  ] is big',
    );
    expect(() => importBrat({ txt, ann: ann('Old York City') })).toThrow(
      expect.objectContaining({
        line: 1,
        message: 'T1: offsets 0 3;5 9;10 14 cover "New York City", not "Old York City"',
      }),
    );
  });
});

describe('doccano offsets counted in UTF-16 units', () => {
  it('are said to be, where read as code points they cut words and as UTF-16 units they do not', () => {
    const imported = importJsonl(
      '{"text":"😀 Zoë met Bo today","label":[[3,6,"PER"],[11,13,"PER"]]}\n',
    );
    expect(imported.warnings).toContainEqual({
      line: 1,
      message:
        'its offsets cut words as code points, but not as UTF-16 units (as JavaScript counts): were they written by such a tool? Convert them to code points',
    });
    // Offsets in code points that cut a word (one off) are not said to be UTF-16.
    const oneOff = importJsonl('{"text":"😀 Zoë met Bo today","label":[[3,5,"PER"]]}\n');
    expect(oneOff.warnings.map(({ message }) => message)).not.toContainEqual(
      expect.stringContaining('UTF-16'),
    );
  });
});

describe('Label Studio', () => {
  it('names the task and the annotation or span that is not an object', () => {
    const task = (annotations: string) =>
      `[\n{"data": {"text": "a b"}, "annotations": ${annotations}}\n]`;
    expect(() => importLabelStudio(task('[null]'))).toThrow(
      expect.objectContaining({ line: 2, message: 'task 1, annotation 1 is not an object' }),
    );
    expect(() => importLabelStudio(task('"none"'))).toThrow(
      expect.objectContaining({ line: 2, message: 'task 1: "annotations" must be a list' }),
    );
    expect(() => importLabelStudio(task('[{"result": [null]}]'))).toThrow(
      expect.objectContaining({ line: 2, message: 'task 1, span 1 is not an object' }),
    );
  });

  it('says when a span’s offsets cover its text as UTF-16 units count, as some tools write them', () => {
    const source = JSON.stringify([
      {
        data: { text: '😀 Ann met Bo' },
        annotations: [
          {
            result: [{ type: 'labels', value: { start: 3, end: 6, text: 'Ann', labels: ['PER'] } }],
          },
        ],
      },
    ]);
    expect(() => importLabelStudio(source)).toThrow(
      expect.objectContaining({
        message:
          'task 1, span 1: offsets [3, 6] cover "nn ", not its text "Ann"; counted in UTF-16 units (as JavaScript counts) they cover it: convert them to code points',
      }),
    );
  });

  it('names the fields a task holds when its text is not under "data": {"text"}', () => {
    const source = '[\n{"data": {"content": "a b", "meta": 1}, "annotations": []}\n]';
    expect(() => importLabelStudio(source)).toThrow(
      expect.objectContaining({
        line: 2,
        message:
          'task 1 has no "data": {"text": ...} string; its "data" holds "content", "meta": name the text "text"',
      }),
    );
  });

  it('imports tasks with code point offsets and checks each span against its text', () => {
    expect(importLabelStudio(fixture('emoji-labelstudio.json')).source).toBe(EMOJI_BRACKETS);
    const shifted = fixture('emoji-labelstudio.json').replace('"start": 10', '"start": 11');
    expect(() => importLabelStudio(shifted)).toThrow(
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining('task 1, span 2: offsets [11, 18]'),
      }),
    );
  });

  it('warns of a task with predictions but no annotations, and writes its text without entities', () => {
    const imported = importLabelStudio(
      '[\n{"data":{"text":"Ann met Bob"},"annotations":[],"predictions":[{"result":[' +
        '{"type":"labels","value":{"start":0,"end":3,"text":"Ann","labels":["PER"]}}]}]}\n]',
    );
    expect(imported.source).toBe('Ann met Bob\n');
    expect(imported.warnings).toEqual([
      {
        line: 2,
        message:
          'task 1 has no annotations, only predictions (not imported): its text is written without entities',
      },
    ]);
  });

  it('imports only the spans on the text, not those on another field of the task, and says so', () => {
    const span = (to: string, start: number, end: number) =>
      `{"from_name":"l","to_name":"${to}","type":"labels","value":{"start":${start},"end":${end},"labels":["PER"]}}`;
    const imported = importLabelStudio(
      `[{"data":{"text":"Ann met Bob","title":"Carl Dee"},"annotations":[{"result":[${span('title', 0, 4)},${span('text', 8, 11)}]}]}]`,
    );
    expect(imported.source).toBe('Ann met [PER Bob  ]\n');
    expect(imported.warnings).toEqual([
      { line: 1, message: 'task 1: 1 span on "title", not on "text": not imported' },
    ]);
  });

  it('reads the completions of a Label Studio export from before 1.0 as its annotations', () => {
    const imported = importLabelStudio(
      '[{"data":{"text":"Old Bob ."},"completions":[{"result":[' +
        '{"type":"labels","value":{"start":4,"end":7,"text":"Bob","labels":["PER"]}}]}]}]',
    );
    expect(imported.source).toBe('Old [PER Bob  ] .\n');
    expect(imported.warnings).toEqual([]);
  });

  it('warns of a task whose annotations were all cancelled (skipped)', () => {
    const imported = importLabelStudio(
      '[{"data":{"text":"Ann"},"annotations":[{"was_cancelled":true,"result":[' +
        '{"type":"labels","value":{"start":0,"end":3,"labels":["PER"]}}]}]}]',
    );
    expect(imported.source).toBe('Ann\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'task 1: every annotation was cancelled (skipped): its text is written without entities',
      },
    ]);
  });

  it('reads hypertextlabels with offsets into the text; warns of XPath ones and of other results', () => {
    const result = (type: string, value: object) => JSON.stringify({ type, value });
    const imported = importLabelStudio(
      `[{"data":{"text":"Ann met Bob in Rome"},"annotations":[{"result":[${[
        result('hypertextlabels', { start: 0, end: 3, text: 'Ann', hypertextlabels: ['PER'] }),
        result('hypertextlabels', {
          start: '/p[1]/text()[1]',
          end: '/p[1]/text()[1]',
          startOffset: 8,
          endOffset: 11,
          text: 'Bob',
          hypertextlabels: ['PER'],
        }),
        result('labels', { start: 15, end: 19, labels: ['LOC'] }),
        result('relation', {}),
        result('choices', { choices: ['news'] }),
      ].join(',')}]}]}]`,
    );
    expect(imported.source).toBe('[PER Ann  ] met Bob in [LOC Rome  ]\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'task 1, span 2 (hypertextlabels ["PER"] "Bob"): its start and end are XPath ranges, not offsets into the text: not imported',
      },
      {
        line: 1,
        message:
          'task 1: 2 results of type relation, choices not imported: a bracket file holds entity spans only',
      },
    ]);
  });

  it('reads a result written without its type whose value holds labels as a labels span', () => {
    const imported = importLabelStudio(
      '[{"data":{"text":"Ann met Bo"},"annotations":[{"result":[' +
        '{"value":{"start":0,"end":3,"labels":["PER"]}},{"value":{"choices":["x"]}},' +
        '{"type":null,"value":{"start":8,"end":10,"labels":["PER"]}}]}]}]',
    );
    expect(imported.source).toBe('[PER Ann  ] met [PER Bo  ]\n');
    expect(imported.warnings).toEqual([
      {
        line: 1,
        message:
          'task 1: 1 result of type (none) not imported: a bracket file holds entity spans only',
      },
    ]);
  });

  it('round-trips: export then import gives the bracket file back', () => {
    const output = exportLabelStudio(parse(EMOJI_BRACKETS), 'document');
    const tasks = JSON.parse(output);
    expect(tasks[0].annotations[0].result[1]).toEqual({
      id: 'e2',
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 10, end: 18, text: 'François', labels: ['PER'] },
    });
    expect(importLabelStudio(output).source).toBe(EMOJI_BRACKETS);
  });
});
