import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

describe('emend stats', () => {
  it('counts files, lines, tokens, entities and distinct surface forms per label', async () => {
    const root = tempCorpus({
      'a.txt': '[LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] .\n[LOC Serbia  ] too\n',
      'b.txt': 'nothing\n',
    });
    const result = await runCli(['stats', '--json', root]);
    expect(JSON.parse(result.out)).toEqual({
      files: 2,
      lines: 3,
      tokens: 8,
      entities: 4,
      labels: { LOC: { entities: 3, distinct: 2 }, MISC: { entities: 1, distinct: 1 } },
    });
    const table = await runCli(['stats', root]);
    expect(table.out).toMatch(/^entities\s+4$/m);
    expect(table.out).toMatch(/^LOC\s+3\s+2$/m);
  });

  it('counts the readable files, then lists the unreadable ones and exits 2', async () => {
    const root = tempCorpus({
      'a.txt': '[LOC Kosovo  ] .\n',
      'b.txt': new Uint8Array([0x41, 0x00]),
      'c.txt': '[PER Ana  ] and [PER Bob  ]\n',
    });
    const result = await runCli(['stats', '--json', root]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toMatchObject({ files: 2, tokens: 5, entities: 3 });
    expect(result.err).toBe(
      'emend stats: 1 file could not be read:\n' +
        `  ${path.join(root, 'b.txt')}: binary file (NUL byte on line 1), not a text document\n`,
    );
  });

  it('counts tokens as runs of anything but spaces, tabs and line ends', async () => {
    const root = tempCorpus({ 'a.txt': '  a\tb\r\n\n[PER Jo  Ann  ]c,d \f e\n' });
    expect(JSON.parse((await runCli(['stats', '--json', root])).out)).toMatchObject({
      lines: 3,
      tokens: 5,
    });
  });
});
