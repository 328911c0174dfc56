import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ODD_PIECES, sourceOf } from './fixtures/random-sources';
import { diagnose, parse, parseWithDiagnostics } from './parse';
import { serialize } from './serialize';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const sharedFolder = path.resolve(import.meta.dirname, '../../../shared');
const WNUT_LABELS = ['person', 'location', 'corporation', 'product', 'creative-work', 'group'];

function entityTexts(source: string, labels?: string[]) {
  const doc = parse(source, { labels });
  return doc.entities.map(
    (entity) => `${entity.label}:${doc.text.slice(entity.start, entity.end)}`,
  );
}

describe('parse', () => {
  it('turns the users’ format into plain text and entities', () => {
    const { doc, diagnostics } = parseWithDiagnostics(
      'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] society .',
    );
    expect(doc.text).toBe('Integrating Kosovo Serbs into Kosovo society .');
    expect(doc.entities.map(({ start, end, label }) => ({ start, end, label }))).toEqual([
      { start: 12, end: 18, label: 'LOC' },
      { start: 19, end: 24, label: 'MISC' },
      { start: 30, end: 36, label: 'LOC' },
    ]);
    expect(doc.closeStyle).toBe('  ]');
    expect(diagnostics).toEqual([]);
  });

  it('detects the one-space close style of the CoNLL task pages', () => {
    const { doc, diagnostics } = parseWithDiagnostics(
      '[PER Wolff ] , currently a journalist in [LOC Argentina ] .',
    );
    expect(doc.closeStyle).toBe(' ]');
    expect(entityTexts('[PER Wolff ] , in [LOC Argentina ] .')).toEqual([
      'PER:Wolff',
      'LOC:Argentina',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reads a one-space `]` in a two-space file as a literal unless it closes a label of the set', () => {
    // WNUT-17 train, line 88: the tokens `[Haters` and `]` are text (tagged O in its .bio).
    const haters = 'move on .. [Haters u can kill yourself ] cuz [person Chad  ] .';
    const { doc, diagnostics } = parseWithDiagnostics(haters, { labels: WNUT_LABELS });
    expect(doc.text).toBe('move on .. [Haters u can kill yourself ] cuz Chad .');
    expect(entityTexts(haters, WNUT_LABELS)).toEqual(['person:Chad']);
    expect(diagnostics.map(({ column, code }) => `${column} ${code}`)).toEqual([
      '12 literal-bracket',
      '40 literal-bracket',
    ]);
    expect(serialize(doc)).toBe(haters);
    // A label of the set closed in the other style is an entity, its close reported.
    const typo = 'a [person Ann ] and [person Chad  ] .';
    expect(entityTexts(typo, WNUT_LABELS)).toEqual(['person:Ann', 'person:Chad']);
    expect(diagnose(typo, { labels: WNUT_LABELS }).map(({ code }) => code)).toEqual([
      'mixed-close-style',
    ]);
    // In a one-space file the same markup is an entity of an unknown label.
    const oneSpace = '[Haters u can ] and [person Chad ] .';
    expect(entityTexts(oneSpace, WNUT_LABELS)).toEqual(['Haters:u can', 'person:Chad']);
    expect(diagnose(oneSpace, { labels: WNUT_LABELS }).map(({ code }) => code)).toEqual([
      'unknown-label',
    ]);
    // A part of a file reads as the whole does when it is told the file's style.
    const part = '[Haters u can ] x';
    expect(entityTexts(part, WNUT_LABELS)).toEqual(['Haters:u can']);
    expect(parse(part, { labels: WNUT_LABELS, closeStyle: '  ]' }).entities).toEqual([]);
  });

  it('reports an entity broken right after its label as one that runs over a line break', () => {
    for (const source of [
      'x [PER\nJohn  ] y\n',
      'x [PER \nJohn  ] y\n',
      'x [PER\r\nJohn  ] y\r\n',
    ]) {
      const { doc, diagnostics } = parseWithDiagnostics(source);
      expect(
        diagnostics
          .filter(({ severity }) => severity !== 'info')
          .map(({ line, column, code }) => `${line}:${column} ${code}`),
      ).toEqual(['1:3 entity-spans-lines']);
      expect(doc.entities).toEqual([]);
    }
  });

  it('ends an entity at its last token: a tab, form feed or carriage return before the close is part of it', () => {
    for (const space of ['\t', '\f', '\r', '\v']) {
      const source = `x [LOC a${space}  ] y [PER b  ]\n`;
      const { doc, diagnostics } = parseWithDiagnostics(source);
      expect(doc.text).toBe('x a y b\n');
      expect(entityTexts(source)).toEqual(['LOC:a', 'PER:b']);
      expect(serialize(doc)).toBe(source);
      expect(diagnostics.map(({ line, column, code }) => `${line}:${column} ${code}`)).toEqual([
        '1:9 mixed-close-style',
      ]);
    }
  });

  it('reads a label outside the set that nothing closes as text: `[citation needed]`, around an entity too', () => {
    const source = 'see [citation needed] and [Note [PER Ann  ] 1] .\n';
    const { doc, diagnostics } = parseWithDiagnostics(source);
    expect(entityTexts(source)).toEqual(['PER:Ann']);
    expect(doc.text).toBe('see [citation needed] and [Note Ann 1] .\n');
    expect(diagnostics.filter(({ severity }) => severity !== 'info')).toEqual([]);
    expect(diagnostics.map(({ column, message }) => `${column} ${message}`)).toContain(
      '5 literal `[` kept as text: citation is not in the label set and nothing closes it on its line',
    );
    // A label of the set that nothing closes is an error, as ever.
    expect(diagnose('see [PER needed] .\n').map(({ code }) => code)).toContain('unclosed-entity');
  });

  it('quotes an empty entity as the file holds it', () => {
    expect(diagnose('An [PER  ] here\n').map(({ message }) => message)).toEqual([
      'empty entity [PER  ] kept as text',
    ]);
  });

  it('reports every malformed case with its line and column and keeps it as text', () => {
    const source = fixture('malformed.txt');
    const { doc, diagnostics } = parseWithDiagnostics(source);
    const reported = diagnostics
      .filter((diagnostic) => diagnostic.severity !== 'info')
      .map(({ line, column, severity, code }) => `${line}:${column} ${severity} ${code}`);
    expect(reported).toEqual([
      '1:10 error stray-close',
      '2:1 error unclosed-entity',
      '3:1 error nested-entity',
      '3:30 error stray-close',
      '4:10 warning empty-entity',
      '5:3 warning unknown-label',
      '6:23 warning mixed-close-style',
      '7:22 warning glued-close',
      '8:1 error entity-spans-lines',
      '10:8 warning markup-in-entity',
    ]);
    const literals = diagnostics.filter((diagnostic) => diagnostic.code === 'literal-bracket');
    expect(literals.map(({ line, column }) => `${line}:${column}`)).toEqual([
      '11:9',
      '11:11',
      '11:17',
      '11:23',
      '11:29',
      '11:48',
    ]);
    expect(entityTexts(source)).toEqual([
      'LOC:Kosovo',
      'GPE:Paris',
      'LOC:Paris',
      'LOC:Kosovo',
      'PER:<a href=x>Dell</a>',
      'PER:Chad',
      'PER:Christopher W. Dell',
      'LOC:Pristina',
    ]);
    expect(doc.text.split('\n')[1]).toBe('[LOC Kosovo never closes here .');
    expect(serialize(doc)).toBe(source);
  });

  it('counts columns in code points and keeps BOM, CRLF, trailing spaces and emoji', () => {
    const source = fixture('bom-crlf.txt');
    const doc = parse(source, { labels: ['PER', 'LOC', 'MISC'] });
    expect(doc.bom).toBe(true);
    expect(doc.lineEnding).toBe('\r\n');
    expect(entityTexts(source)).toEqual(['PER:Ana', 'LOC:Köln', 'MISC:🙂 emoji']);
    expect(doc.text.startsWith('Ana lives')).toBe(true);
    expect(serialize(doc)).toBe(source);
    const glued = diagnose('🙂🙂 a stray  ] here');
    expect(glued[0]).toMatchObject({ line: 1, column: 13, code: 'stray-close' });
  });

  it('warns, and keeps the entity, when a label is outside the configured set', () => {
    const { doc, diagnostics } = parseWithDiagnostics(
      '[creative-work Star Wars  ] and [PER Leia  ]',
      {
        labels: ['creative-work'],
      },
    );
    expect(doc.entities.map((entity) => entity.label)).toEqual(['creative-work', 'PER']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unknown-label', column: 33 }),
    ]);
  });

  it('round-trips any string byte for byte', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), sourceOf(ODD_PIECES, 40));
    fc.assert(
      fc.property(text, (source) => {
        expect(serialize(parse(source))).toBe(source);
      }),
      { numRuns: 3000 },
    );
  });

  it('diagnoses any source as parse does, without building it', () => {
    const source = fc.oneof(fc.string(), sourceOf([...ODD_PIECES, '[GPE ', '   ]'], 40));
    const labels = fc.constantFrom(undefined, ['PER', 'GPE'], ['Zoë', 'LOC']);
    fc.assert(
      fc.property(source, labels, (text, set) => {
        expect(diagnose(text, { labels: set })).toEqual(
          parseWithDiagnostics(text, { labels: set }).diagnostics,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('diagnoses without infos when asked: the errors and warnings alone, as they are', () => {
    const literal = 'a literal [ bracket\n[PER Ann  ] and [XYZ Bo  ] met ] here\n';
    expect(diagnose(literal).some(({ severity }) => severity === 'info')).toBe(true);
    const source = fc.oneof(fc.string(), sourceOf([...ODD_PIECES, '[GPE ', '   ]'], 40));
    fc.assert(
      fc.property(source, (text) => {
        expect(diagnose(text, { infos: false })).toEqual(
          diagnose(text).filter(({ severity }) => severity !== 'info'),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back the same entities after re-serializing edited entities', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      ' ',
      '\n',
      'PER',
      'x',
      'y',
      '[LOC ',
      '  ]',
      ' ]',
      '[ ',
      ' [1]',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
        (source) => {
          const doc = parse(source);
          // Drop every original close: each entity is written anew in the file's style.
          const edited = {
            ...doc,
            entities: doc.entities.map(({ close: _close, ...entity }) => entity),
          };
          let written: string;
          try {
            written = serialize(edited);
          } catch {
            return; // the serializer refused an ambiguous entity: nothing was written
          }
          const again = parse(written);
          expect(again.text).toBe(doc.text);
          expect(again.entities.map(({ start, end, label }) => [start, end, label])).toEqual(
            doc.entities.map(({ start, end, label }) => [start, end, label]),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('a file whose lines end with lone carriage returns (classic Mac OS)', () => {
  it('is warned of once, at its start: it reads as one line', () => {
    const diagnostics = diagnose('[PER Ann  ] met .\rBo left .\r');
    expect(diagnostics).toEqual([
      {
        line: 1,
        column: 1,
        offset: 0,
        severity: 'warning',
        code: 'lone-carriage-returns',
        message:
          'its lines end with lone carriage returns (classic Mac OS), so it reads as one line; convert its line ends to LF first',
      },
    ]);
    // A carriage return inside a line, and CRLF line ends, are not.
    expect(diagnose('a\rb\n')).toEqual([]);
    expect(diagnose('a\r\nb\r\n')).toEqual([]);
  });
});

describe('the WNUT-17 excerpt', () => {
  it('round-trips with its own labels: 170 entities, no errors, no warnings', () => {
    const source = fixture('wnut17/test-excerpt.brackets.txt');
    const { doc, diagnostics } = parseWithDiagnostics(source, { labels: WNUT_LABELS });
    expect(serialize(doc)).toBe(source);
    expect(doc.entities).toHaveLength(170);
    const counts: Record<string, number> = {};
    for (const entity of doc.entities) counts[entity.label] = (counts[entity.label] ?? 0) + 1;
    expect(counts).toEqual({
      person: 64,
      group: 42,
      location: 38,
      corporation: 10,
      product: 9,
      'creative-work': 7,
    });
    expect(diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
    expect(entityTexts(source, WNUT_LABELS)).toContain('person:Chad');
  });
});

describe.skipIf(!existsSync(sharedFolder))(
  'the shared cable sample (not redistributable here: skipped when ../shared is absent, as in a fresh clone)',
  () => {
    it('round-trips the cable sample with no errors and its 88 entities', () => {
      const source = readFileSync(
        path.join(sharedFolder, 'samples/cable-10PRISTINA48.txt'),
        'utf8',
      );
      const { doc, diagnostics } = parseWithDiagnostics(source);
      expect(serialize(doc)).toBe(source);
      expect(doc.entities).toHaveLength(88);
      expect(diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
      expect(entityTexts(source)).toContain('LOC:DECL:');
    });
  },
);
