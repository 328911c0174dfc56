import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { LONG_LINE } from '../format/line-stretch';
import { BLOCK_CHARS, LineBlocks } from './line-blocks';
import { LineIndex } from './line-index';

function blocksOf(source: string) {
  const doc = parse(source);
  const lines = new LineIndex(doc.text);
  return { doc, lines, blocks: new LineBlocks(lines) };
}

/** Every block's span, in order. */
function spans(blocks: LineBlocks, entities: Parameters<LineBlocks['span']>[1]) {
  return Array.from({ length: blocks.count }, (_, block) => blocks.span(block, entities));
}

describe('LineBlocks', () => {
  it('makes each line of ordinary length one block', () => {
    const { doc, lines, blocks } = blocksOf('a [LOC b  ] c\n\nd [PER e  ]\n');
    expect(blocks.count).toBe(lines.count);
    for (let line = 0; line < lines.count; line++) {
      expect(blocks.span(line, doc.entities)).toEqual({
        start: lines.start(line),
        end: lines.end(line),
      });
      expect(blocks.on(doc.entities, line, blocks.span(line, doc.entities))).toEqual(
        lines.on(doc.entities, line),
      );
      expect([blocks.isFirst(line), blocks.isLast(line), blocks.line(line)]).toEqual([
        true,
        true,
        line,
      ]);
    }
    expect([...blocks.countsPerBlock(doc.entities)]).toEqual([1, 0, 1, 0]);
  });

  it('cuts a long line where tokens start, every block about BLOCK_CHARS, losing and repeating nothing', () => {
    const { doc, lines, blocks } = blocksOf(
      `first line\n${'alpha [LOC Kosovo  ] beta '.repeat(2_000)}end .\nlast`,
    );
    const long = lines.lineText(1);
    expect(long.length).toBeGreaterThan(LONG_LINE);
    expect(blocks.count).toBeGreaterThan(10);
    const all = spans(blocks, doc.entities);
    const ofLong = all.filter((_, block) => blocks.line(block) === 1);
    expect(ofLong[0].start).toBe(lines.start(1));
    expect(ofLong.at(-1)!.end).toBe(lines.end(1));
    for (let k = 1; k < ofLong.length; k++) {
      expect(ofLong[k].start).toBe(ofLong[k - 1].end);
      expect(doc.text[ofLong[k].start - 1]).toBe(' ');
      expect(doc.text[ofLong[k].start]).not.toBe(' ');
    }
    for (const span of ofLong) {
      expect(span.end - span.start).toBeGreaterThanOrEqual(BLOCK_CHARS / 2);
      expect(span.end - span.start).toBeLessThan(2 * BLOCK_CHARS);
    }
    // Each entity is drawn by exactly one block, and none crosses a block's edge.
    const drawn = all.flatMap((span, block) => blocks.on(doc.entities, block, span));
    expect(drawn).toEqual(doc.entities);
    for (const [block, span] of all.entries())
      for (const entity of blocks.on(doc.entities, block, span))
        expect(entity.start >= span.start && entity.end <= span.end).toBe(true);
    const firsts = all.map((_, block) => blocks.isFirst(block));
    expect(firsts.filter(Boolean)).toHaveLength(3);
    expect(blocks.isLast(blocks.firstOf(2) - 1)).toBe(true);
    expect(blocks.line(blocks.count - 1)).toBe(2);
    expect([...blocks.countsPerBlock(doc.entities)].reduce((a, b) => a + b)).toBe(2_000);
  });

  it('starts a block after an entity across its cut, whose offsets belong to the block before', () => {
    const words = 'word '.repeat(Math.ceil(BLOCK_CHARS / 5) - 2);
    const { doc, blocks } = blocksOf(
      `${words}[ORG Bank of the Long Name of Kosovo  ] ${'tail '.repeat(2_000)}\n`,
    );
    const bank = doc.entities[0];
    const cut = blocks.starts[1];
    expect(bank.start).toBeLessThan(cut);
    expect(bank.end).toBeGreaterThan(cut);
    expect(blocks.span(0, doc.entities).end).toBe(bank.end);
    expect(blocks.span(1, doc.entities).start).toBe(bank.end);
    expect(blocks.on(doc.entities, 0, blocks.span(0, doc.entities))).toEqual([bank]);
    expect(blocks.on(doc.entities, 1, blocks.span(1, doc.entities))).toEqual([]);
    expect(blocks.blockAt(cut + 1, doc.entities)).toBe(0);
    expect(blocks.blockAt(bank.end, doc.entities)).toBe(1);
    expect(blocks.blockAt(doc.text.length - 2, doc.entities)).toBe(blocks.firstOf(1) - 1);
    // Without the entity the cut is the block's start.
    expect(blocks.span(1, []).start).toBe(cut);
    expect(blocks.blockAt(cut + 1, [])).toBe(1);
  });

  it('gives a block inside one entity no characters (an empty row)', () => {
    const { doc, blocks } = blocksOf(
      `${'w '.repeat(BLOCK_CHARS / 2 - 5)}[MISC ${'x '.repeat(BLOCK_CHARS * 2)}y  ] ${'tail '.repeat(2_000)}\n`,
    );
    const empty = spans(blocks, doc.entities).filter((span) => span.start === span.end);
    expect(empty.length).toBeGreaterThan(0);
    expect(spans(blocks, doc.entities)[0].end).toBe(doc.entities[0].end);
  });

  it('does not cut inside an HTML tag holding spaces', () => {
    const tag = `<a id='x' title='${'t '.repeat(30)}' href='#x'>`;
    const { doc, blocks } = blocksOf(`${`${tag}word </a> `.repeat(600)}\n`);
    for (let block = 1; block < blocks.count; block++) {
      const cut = blocks.starts[block];
      const open = doc.text.lastIndexOf('<', cut - 1);
      expect(doc.text.indexOf('>', open)).toBeLessThan(cut);
    }
  });

  it('cuts a line without spaces at the block length, never inside a surrogate pair', () => {
    const { doc, blocks } = blocksOf(`${'😀'.repeat(LONG_LINE)}\n`);
    expect(blocks.count).toBeGreaterThan(2);
    for (let block = 1; block < blocks.count; block++) {
      const code = doc.text.charCodeAt(blocks.starts[block]);
      expect(code >= 0xdc00 && code <= 0xdfff).toBe(false);
    }
  });

  it('gives a block the items of the block before that reach into it', () => {
    const { doc, blocks } = blocksOf(`${'word '.repeat(LONG_LINE / 2)}\n`);
    const cut = blocks.starts[1];
    const across = { start: cut - 3, end: cut + 4 };
    const after = { start: cut + 10, end: cut + 12 };
    const items = [across, after];
    expect(blocks.on(items, 0, blocks.span(0, doc.entities))).toEqual([across]);
    expect(blocks.on(items, 1, blocks.span(1, doc.entities))).toEqual([across, after]);
  });

  it('knows a long right-to-left line', () => {
    const { blocks } = blocksOf(`${'שלום עולם '.repeat(1_000)}\nshort\n`);
    expect(blocks.count).toBeGreaterThan(3);
    expect(blocks.drawnRightToLeft(1)).toBe(true);
    expect(blocks.drawnRightToLeft(blocks.count - 1)).toBe(false);
  });
});
