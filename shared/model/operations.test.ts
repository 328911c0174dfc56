import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { tokenSpans } from '../format/tokens';
import { moveBoundary, tagSpan, wholeWordsOf } from './gestures';
import { applyTransaction, EditError, type Operation, type Transaction } from './operations';

const SOURCE =
  'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo ] society .\n[PER Ana  ]. meets Bob Smith in Pristina .\n';

describe('applyTransaction', () => {
  it('relabels surgically: only the changed entity’s bytes move, in the file style', () => {
    const doc = parse(SOURCE);
    const { doc: after } = applyTransaction(doc, { ops: [{ op: 'relabel', id: 2, label: 'LOC' }] });
    expect(serialize(after)).toBe(SOURCE.replace('[MISC Serbs  ]', '[LOC Serbs  ]'));
  });

  it('says whether the text changed: a rewrite changes it, an entity edit and its undo do not', () => {
    const doc = parse('A [LOC Kosovo . B\n');
    const tagged = applyTransaction(doc, {
      ops: [{ op: 'add', entity: { id: 9, start: 0, end: 1, label: 'PER' } }],
    });
    expect(tagged.textChanged).toBe(false);
    expect(applyTransaction(tagged.doc, tagged.inverse).textChanged).toBe(false);
    const closed = applyTransaction(doc, {
      ops: [{ op: 'rewrite', offset: 13, remove: '', insert: '  ]' }],
    });
    expect(closed.textChanged).toBe(true);
    expect(serialize(closed.doc)).toBe('A [LOC Kosovo  ] . B\n');
    expect(applyTransaction(closed.doc, closed.inverse).textChanged).toBe(true);
  });

  it('restores the original bytes on undo, including a one-space and a glued close', () => {
    const doc = parse(SOURCE);
    const tx: Transaction = {
      ops: [
        { op: 'relabel', id: 3, label: 'ORG' },
        { op: 'remove', id: 4 },
        {
          op: 'add',
          entity: {
            id: doc.nextId,
            start: doc.text.indexOf('Bob'),
            end: doc.text.indexOf(' in Pristina'),
            label: 'PER',
          },
        },
      ],
    };
    const { doc: after, inverse } = applyTransaction(doc, tx);
    expect(serialize(after)).toBe(
      'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [ORG Kosovo  ] society .\nAna. meets [PER Bob Smith  ] in Pristina .\n',
    );
    expect(serialize(applyTransaction(after, inverse).doc)).toBe(SOURCE);
  });

  it('refuses overlaps, partial tokens, unknown ids and bad labels without changing anything', () => {
    const doc = parse(SOURCE);
    const at = (text: string) => doc.text.indexOf(text);
    const refused = (ops: Operation[], code: string) => {
      expect(() => applyTransaction(doc, { ops })).toThrow(EditError);
      try {
        applyTransaction(doc, { ops });
      } catch (error) {
        expect((error as EditError).code).toBe(code);
      }
    };
    refused(
      [{ op: 'add', entity: { id: 50, start: at('Serbs'), end: at(' into'), label: 'PER' } }],
      'overlap',
    );
    refused(
      [{ op: 'add', entity: { id: 50, start: at('Smith') + 1, end: at(' in '), label: 'PER' } }],
      'not-token-aligned',
    );
    refused(
      [{ op: 'add', entity: { id: 50, start: at('Bob'), end: at('Bob') + 3, label: 'P ER' } }],
      'invalid-label',
    );
    // A tag's inside is tokens too (`<a`, `href='#x'>`), but no place for an entity's edge.
    const linked = parse("See <a href='#x'>KFOR</a> here .\n");
    const inside = linked.text.indexOf('href');
    expect(() =>
      applyTransaction(linked, {
        ops: [{ op: 'add', entity: { id: 1, start: inside, end: inside + 10, label: 'ORG' } }],
      }),
    ).toThrow("an entity cannot start or end inside the HTML tag <a href='#x'>");
    // Nor a whole tag at its edge: `[PER <br>  ]` or `[PER <i>Maria  ]` is markup in an entity.
    const glued = parse('in Zürich<br>Berlin , hosted <i>Maria</i> .\n');
    const addOver = (from: string, to: string) => () =>
      applyTransaction(glued, {
        ops: [
          {
            op: 'add',
            entity: {
              id: 1,
              start: glued.text.indexOf(from),
              end: glued.text.indexOf(to) + to.length,
              label: 'PER',
            },
          },
        ],
      });
    for (const [from, to] of [
      ['<br>', '<br>'],
      ['<i>', 'Maria'],
      ['Maria', '</i>'],
    ])
      expect(addOver(from, to)).toThrow(
        'an entity cannot start or end with an HTML tag: select its words only',
      );
    expect(addOver('Maria', 'Maria')).not.toThrow();
    refused([{ op: 'remove', id: 99 }], 'unknown-entity');
    refused(
      [{ op: 'resize', id: 1, start: at('Kosovo'), end: at(' into'), label: 'x' } as Operation],
      'overlap',
    );
    // Said in the user's words: the two entities, their text and line, no offsets.
    expect(() =>
      applyTransaction(doc, {
        ops: [
          { op: 'add', entity: { id: 50, start: at('Serbs'), end: at(' into'), label: 'PER' } },
        ],
      }),
    ).toThrow('PER “Serbs” would overlap MISC “Serbs” on line 1');
    refused(
      [
        { op: 'remove', id: 1 },
        { op: 'remove', id: 1 },
      ],
      'unknown-entity',
    );
    expect(serialize(doc)).toBe(SOURCE);
  });

  it('apply then inverse gives the file back byte for byte, for random edits', () => {
    const doc = parse(SOURCE);
    const tokens = tokenSpans(doc.text).filter(
      ([start, end]) => !doc.text.slice(start, end).includes('['),
    );
    const opFor = fc.record({
      kind: fc.constantFrom('add', 'remove', 'relabel', 'resize'),
      pick: fc.nat(),
      from: fc.nat(),
      length: fc.integer({ min: 1, max: 3 }),
      label: fc.constantFrom('PER', 'LOC', 'ORG', 'MISC'),
    });
    fc.assert(
      fc.property(fc.array(opFor, { minLength: 1, maxLength: 6 }), (steps) => {
        let current = doc;
        const undo: Transaction[] = [];
        for (const step of steps) {
          const entity =
            current.entities.length > 0
              ? current.entities[step.pick % current.entities.length]
              : undefined;
          const first = tokens[step.from % tokens.length];
          const last =
            tokens[Math.min(tokens.length - 1, (step.from % tokens.length) + step.length - 1)];
          let op: Operation;
          if (step.kind === 'add' || !entity) {
            op = {
              op: 'add',
              entity: { id: current.nextId, start: first[0], end: last[1], label: step.label },
            };
          } else if (step.kind === 'remove') op = { op: 'remove', id: entity.id };
          else if (step.kind === 'relabel')
            op = { op: 'relabel', id: entity.id, label: step.label };
          else op = { op: 'resize', id: entity.id, start: first[0], end: last[1] };
          try {
            const applied = applyTransaction(current, { ops: [op] });
            current = applied.doc;
            undo.push(applied.inverse);
          } catch (error) {
            if (!(error instanceof EditError)) throw error;
          }
        }
        // Whatever was applied must parse back to the same entities...
        const written = serialize(current);
        expect(parse(written).entities.map(({ start, end, label }) => [start, end, label])).toEqual(
          current.entities.map(({ start, end, label }) => [start, end, label]),
        );
        // Copying untouched bytes from the file gives what writing every entity afresh gives.
        expect(written).toBe(serialize({ ...current, origin: undefined }));
        // ...and undoing every step restores the original bytes.
        for (const inverse of undo.reverse()) current = applyTransaction(current, inverse).doc;
        expect(serialize(current)).toBe(SOURCE);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('gestures', () => {
  it('tagging a span over existing entities replaces them in one transaction', () => {
    const doc = parse(SOURCE);
    const start = doc.text.indexOf('Kosovo');
    const tx = tagSpan(doc, start, doc.text.indexOf(' into'), 'MISC');
    expect(tx.ops.map((op) => op.op)).toEqual(['remove', 'remove', 'add']);
    const { doc: after, inverse } = applyTransaction(doc, tx);
    expect(serialize(after).split('\n')[0]).toBe(
      'Integrating [MISC Kosovo Serbs  ] into [LOC Kosovo ] society .',
    );
    expect(serialize(applyTransaction(after, inverse).doc)).toBe(SOURCE);
  });

  it('moves a boundary by one token and stops at the line’s edge or the entity’s last token', () => {
    const doc = parse('Ana meets [PER Bob  ] Smith .');
    const grow = applyTransaction(doc, moveBoundary(doc, 1, 'end', 1)).doc;
    expect(serialize(grow)).toBe('Ana meets [PER Bob Smith  ] .');
    const left = applyTransaction(grow, moveBoundary(grow, 1, 'start', -1)).doc;
    expect(serialize(left)).toBe('Ana [PER meets Bob Smith  ] .');
    const shrink = applyTransaction(left, moveBoundary(left, 1, 'start', 1)).doc;
    expect(serialize(shrink)).toBe('Ana meets [PER Bob Smith  ] .');
    expect(() => moveBoundary(doc, 1, 'start', 1)).toThrow(EditError);
    expect(() => moveBoundary(parse('[PER Ana  ]'), 1, 'start', -1)).toThrow(EditError);
  });

  it('moves a boundary over an HTML tag, spaces and attributes included, to the next word', () => {
    const doc = parse("<b>[PER Bold  ]</b> <a href='x'>Link here .");
    const grown = applyTransaction(doc, moveBoundary(doc, 1, 'end', 1)).doc;
    expect(serialize(grown)).toBe("<b>[PER Bold</b> <a href='x'>Link  ] here .");
    const back = applyTransaction(grown, moveBoundary(grown, 1, 'end', -1)).doc;
    expect(serialize(back)).toBe(serialize(doc));
    const later = parse("Go <a href='x'>[PER Link  ] now .");
    expect(serialize(applyTransaction(later, moveBoundary(later, 1, 'start', -1)).doc)).toBe(
      "[PER Go <a href='x'>Link  ] now .",
    );
  });

  it('moves the free edge of an entity that shares its other edge with a neighbour inside one token', () => {
    const doc = parse('The [ORG Acme  ][LOC Oslo  ] office .');
    const [acme, oslo] = doc.entities;
    const longer = applyTransaction(doc, moveBoundary(doc, oslo.id, 'end', 1)).doc;
    expect(serialize(longer)).toBe('The [ORG Acme  ][LOC Oslo office  ] .');
    const earlier = applyTransaction(doc, moveBoundary(doc, acme.id, 'start', -1)).doc;
    expect(serialize(earlier)).toBe('[ORG The Acme  ][LOC Oslo  ] office .');
    // The shared edge itself still moves only to a token boundary.
    expect(() =>
      applyTransaction(doc, {
        ops: [{ op: 'resize', id: oslo.id, start: oslo.start + 1, end: oslo.end }],
      }),
    ).toThrow('an entity must cover whole tokens');
  });

  it('takes the whole words of a span cut at entity edges, as an export cuts tokens', () => {
    const doc = parse("We met in [LOC Kosovo  ]. Then [PER Ann  ]'s car .\n");
    const words = (found: string) => {
      const start = doc.text.indexOf(found);
      const span = wholeWordsOf(doc, { start, end: start + found.length });
      return span && doc.text.slice(span.start, span.end);
    };
    expect(words('Kosovo')).toBe('Kosovo');
    expect(words('oso')).toBe('Kosovo');
    expect(words('Ann')).toBe('Ann');
    expect(words("'s")).toBe("'s");
    expect(words('ar')).toBe('car');
    expect(words('Kosovo. Then')).toBe('Kosovo. Then');
    expect(wholeWordsOf(doc, { start: 2, end: 3 })).toBeNull();
  });
});

describe('moving a boundary past HTML tags', () => {
  const moved = (source: string, boundary: 'start' | 'end', direction: -1 | 1) => {
    const doc = parse(source);
    return serialize(applyTransaction(doc, moveBoundary(doc, 1, boundary, direction)).doc);
  };

  it('never leaves an edge on a tag: it goes on to the next word, or refuses where none is left', () => {
    expect(moved('<b>[MISC Bold  ]</b> more text', 'end', 1)).toBe(
      '<b>[MISC Bold</b> more  ] text',
    );
    expect(moved('go <i>[PER Ann  ] now', 'start', -1)).toBe('[PER go <i>Ann  ] now');
    expect(moved('x [PER Ann <br> Lee  ] y', 'end', -1)).toBe('x [PER Ann  ] <br> Lee y');
    expect(moved('x [PER Ann <br> Lee  ] y', 'start', 1)).toBe('x Ann <br> [PER Lee  ] y');
    expect(() => moveBoundary(parse('<b>[MISC Bold  ]</b>'), 1, 'end', 1)).toThrow(EditError);
    expect(() => moveBoundary(parse('<b>[MISC Bold  ]</b>'), 1, 'start', -1)).toThrow(EditError);
  });
});

describe('what is written reads back as what is held', () => {
  const refusal = (doc: ReturnType<typeof parse>, tx: Transaction) => {
    try {
      applyTransaction(doc, tx);
    } catch (error) {
      expect(error).toBeInstanceOf(EditError);
      return error as EditError;
    }
    throw new Error('the edit was not refused');
  };

  it('refuses a removal that would let a nested open read as an entity', () => {
    const doc = parse('first line\n[ORG Bank of [LOC Kosovo  ]  ] said');
    expect(doc.entities.map((entity) => entity.label)).toEqual(['LOC']);
    const error = refusal(doc, { ops: [{ op: 'remove', id: 1 }] });
    expect(error.code).toBe('reads-differently');
    expect(error.message).toMatch(/line 2, column 1/);
    expect(error.message).toMatch(/ORG “Bank of Kosovo”/);
  });

  it('refuses a removal that would glue a literal bracket to the text into a label', () => {
    const doc = parse('x [a[PER John  ] y ]');
    const error = refusal(doc, { ops: [{ op: 'remove', id: 1 }] });
    expect(error.code).toBe('reads-differently');
    expect(error.message).toMatch(/line 1, column 3/);
  });

  it('refuses a removal that would start the file with U+FEFF, which reads back as a byte order mark', () => {
    const doc = parse('[PER \ufeffAna  ] said\n');
    const error = refusal(doc, { ops: [{ op: 'remove', id: 1 }] });
    expect(error.code).toBe('reads-differently');
    expect(error.message).toMatch(/line 1, column 1: .*byte order mark/);
    const marked = parse('\ufeff[PER \ufeffAna  ] said\n');
    const removed = applyTransaction(marked, { ops: [{ op: 'remove', id: 1 }] }).doc;
    expect(parse(serialize(removed)).text).toBe(removed.text);
  });

  it('relabels an entity holding literal brackets or an edge NBSP / U+FEFF, and undoes it', () => {
    for (const source of [
      '[PER a[1]b  ] said',
      '[PER \u00a0Ana  ] said',
      '[PER Ana\ufeff  ] said',
    ]) {
      const doc = parse(source);
      expect(doc.entities).toHaveLength(1);
      const { doc: after, inverse } = applyTransaction(doc, {
        ops: [{ op: 'relabel', id: 1, label: 'LOC' }],
      });
      expect(serialize(after)).toBe(source.replace('[PER', '[LOC'));
      expect(serialize(applyTransaction(after, inverse).doc)).toBe(source);
    }
  });

  it('one rule for labels: a long label read from a file can be relabeled and restored', () => {
    const long = `L${'a'.repeat(69)}`;
    const doc = parse(`[${long} Ana  ] said`);
    expect(doc.entities.map((entity) => entity.label)).toEqual([long]);
    const { doc: after, inverse } = applyTransaction(doc, {
      ops: [{ op: 'relabel', id: 1, label: 'PER' }],
    });
    expect(serialize(applyTransaction(after, inverse).doc)).toBe(`[${long} Ana  ] said`);
    expect(() => applyTransaction(doc, { ops: [{ op: 'relabel', id: 1, label: '1abc' }] })).toThrow(
      /not a valid label/,
    );
  });

  it('applies a transaction of 30k removals and its inverse, ending byte for byte where it began', () => {
    const source = Array.from({ length: 30_000 }, (_, i) => `w${i} [PER Ana  ] x`).join('\n');
    const doc = parse(source);
    const ops: Operation[] = doc.entities.map((entity) => ({ op: 'remove', id: entity.id }));
    const { doc: after, inverse } = applyTransaction(doc, { ops });
    expect(after.entities).toEqual([]);
    expect(inverse.ops).toHaveLength(30_000);
    expect(serialize(applyTransaction(after, inverse).doc)).toBe(source);
  });
});
