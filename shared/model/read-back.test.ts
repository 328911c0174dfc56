import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { applyTransaction, EditError, type Operation } from './operations';

/** A small seeded generator, so a failure is the same on every run. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  return (limit: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % limit;
  };
}

/** Tokens of a line: words, entities, and brackets that read as text or may turn into markup. */
const TOKENS = [
  'w',
  'said',
  '[1]',
  '[',
  ']',
  '[PER',
  '[x',
  ' ]',
  '  ]',
  '[LOC a b  ]',
  '[PER Ann  ]',
];

function line(random: (limit: number) => number, characters: number): string {
  const tokens: string[] = [];
  for (let size = 0; size < characters;) {
    const token = random(3) === 0 ? TOKENS[random(TOKENS.length)] : `w${random(1000)}`;
    tokens.push(token);
    size += token.length + 1;
  }
  return tokens.join(' ');
}

describe('read-back of a long line, stretch by stretch', () => {
  it('refuses exactly the edits whose written file would read back as other entities', () => {
    let refused = 0;
    let taken = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const random = randomFrom(seed);
      const source = [line(random, 80), line(random, 12_000), line(random, 60)].join('\n');
      const doc = parse(source);
      const plainWords = [...doc.text.matchAll(/w\d+/g)].filter(
        (match) =>
          !doc.entities.some(
            (entity) => entity.start < match.index + match[0].length && match.index < entity.end,
          ),
      );
      const ops: Operation[] = [];
      const touched = new Set<number>();
      for (let count = 1 + random(4); count > 0 && doc.entities.length > 0; count--) {
        const entity = doc.entities[random(doc.entities.length)];
        if (touched.has(entity.id)) continue;
        touched.add(entity.id);
        const kind = random(3);
        if (kind === 0) ops.push({ op: 'remove', id: entity.id });
        else ops.push({ op: 'relabel', id: entity.id, label: ['PER', 'ORG', 'Foo'][random(3)] });
      }
      const word = plainWords[random(plainWords.length)];
      if (word) {
        const start = word.index;
        ops.push({
          op: 'add',
          entity: { id: doc.nextId, start, end: start + word[0].length, label: 'LOC' },
        });
      }
      if (ops.length === 0) continue;

      let after: ReturnType<typeof applyTransaction>['doc'] | null = null;
      try {
        after = applyTransaction(doc, { ops }).doc;
      } catch (error) {
        if (!(error instanceof EditError) || error.code !== 'reads-differently') throw error;
      }
      if (after) {
        taken++;
        const reread = parse(serialize(after));
        expect(reread.text).toBe(after.text);
        expect(reread.entities.map(({ start, end, label }) => [start, end, label])).toEqual(
          after.entities.map(({ start, end, label }) => [start, end, label]),
        );
      } else {
        refused++;
        // Refused: written as asked, the file would not read back as the entities asked for.
        const asked = askedEntities(doc, ops);
        const reread = parse(serialize({ ...doc, entities: asked }));
        expect(
          reread.text !== doc.text ||
            JSON.stringify(reread.entities.map(({ start, end, label }) => [start, end, label])) !==
              JSON.stringify(asked.map(({ start, end, label }) => [start, end, label])),
        ).toBe(true);
      }
    }
    // Both ways were tried.
    expect(taken).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(5);
  });

  it('reads a literal open far before or a close far after a change with it', () => {
    const far = 'w '.repeat(3_000);
    for (const source of [
      `[ORG o  ] a [PER x ${far}[LOC y  ] z  ] ${far}[ORG o  ]`,
      `[ORG o  ] ${far}[PER x [LOC y  ] ${far}z  ] b [ORG o  ]`,
    ]) {
      const doc = parse(source);
      expect(doc.entities.map((entity) => entity.label)).toEqual(['ORG', 'LOC', 'ORG']);
      // Without LOC's markup the literal `[PER x` would close far away, an entity of its own.
      expect(() => applyTransaction(doc, { ops: [{ op: 'remove', id: 2 }] })).toThrow(
        /reads? back/,
      );
    }
  });

  it('names the line and column of a change refused far along a long line', () => {
    const before = 'w '.repeat(6_000);
    const doc = parse(`first\n${before}x [a[PER John  ] y ] ${'w '.repeat(6_000)}`);
    const john = doc.entities.find((entity) => entity.label === 'PER')!;
    expect(() => applyTransaction(doc, { ops: [{ op: 'remove', id: john.id }] })).toThrow(
      new RegExp(`line 2, column ${before.length + 3}`),
    );
  });
});

describe('a refused edit names the place in the file', () => {
  it("gives the file's column, markup before it counted, as validate gives it", () => {
    const doc = parse('[PER Alexander  ] and [MISC Something  ] [ORG Bank of [LOC Kosovo  ]  ]');
    const kosovo = doc.entities.find((entity) => entity.label === 'LOC')!;
    // The outer [ORG starts at column 42 of the line, where validate puts it.
    expect(() => applyTransaction(doc, { ops: [{ op: 'remove', id: kosovo.id }] })).toThrow(
      /at line 1, column 42: written, the line would read back with ORG “Bank of Kosovo”, an entity not meant/,
    );
  });

  it('shows the text of the entity that would not read back', () => {
    const doc = parse('A [PER Ann  ] and x ] y .');
    const at = doc.text.indexOf(']');
    const add: Operation = {
      op: 'add',
      entity: { id: doc.nextId, start: at, end: at + 1, label: 'ORG' },
    };
    expect(() => applyTransaction(doc, { ops: [add] })).toThrow(
      'at line 1, column 21: ORG “]” would not read back as an entity: a bracket in an entity’s text reads as markup there, so this text cannot be tagged as it is',
    );
  });

  it('says what a bracketed phrase would read back as, and what to do', () => {
    const doc = parse('See [citation needed] here .\n');
    const start = doc.text.indexOf('[');
    const add: Operation = {
      op: 'add',
      entity: { id: doc.nextId, start, end: start + '[citation needed]'.length, label: 'MISC' },
    };
    expect(() => applyTransaction(doc, { ops: [add] })).toThrow(
      'at line 1, column 5: written, the line would read back with citation “needed]” where MISC “[citation needed]” is meant: a bracket in an entity’s text reads as markup there, so this text cannot be tagged as it is',
    );
  });
});

/** The entities the operations ask for, as the document would hold them (sorted by start). */
function askedEntities(doc: ReturnType<typeof parse>, ops: Operation[]) {
  let entities = [...doc.entities];
  for (const op of ops) {
    if (op.op === 'remove') entities = entities.filter((entity) => entity.id !== op.id);
    else if (op.op === 'relabel')
      entities = entities.map((entity) =>
        entity.id === op.id ? { ...entity, label: op.label } : entity,
      );
    else if (op.op === 'add') entities.push(op.entity);
  }
  return entities.sort((a, b) => a.start - b.start);
}
