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
});
