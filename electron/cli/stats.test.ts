import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
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
      unreadable: [],
    });
    const table = await runCli(['stats', root]);
    expect(table.out).toMatch(/^entities\s+4$/m);
    expect(table.out).toMatch(/^LOC\s+3\s+2$/m);
  });

  it('counts the readable files, then lists the unreadable ones, on stderr and in --json, and exits 2', async () => {
    const root = tempCorpus({
      'a.txt': '[LOC Kosovo  ] .\n',
      'b.txt': new Uint8Array([0x41, 0x00]),
      'c.txt': '[PER Ana  ] and [PER Bob  ]\n',
      'd.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const result = await runCli(['stats', '--json', root]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toMatchObject({
      files: 2,
      tokens: 5,
      entities: 3,
      unreadable: [
        {
          path: path.join(root, 'b.txt'),
          reason: 'binary file (NUL byte on line 1), not a text document',
        },
        { path: path.join(root, 'd.txt'), reason: 'not valid UTF-8 (line 1, byte 4 of the file)' },
      ],
    });
    expect(result.err).toBe(
      'emend stats: 2 paths could not be read:\n' +
        `  ${path.join(root, 'b.txt')}: binary file (NUL byte on line 1), not a text document\n` +
        `  ${path.join(root, 'd.txt')}: not valid UTF-8 (line 1, byte 4 of the file)\n`,
    );
  });

  it('counts the documents behind symbolic links, each once, with a line for each link skipped', async () => {
    const root = tempCorpus({
      'real/a.txt': '[PER Ann  ] x\n',
      'corpus/b.txt': '[LOC Rome  ] y\n',
    });
    const corpus = path.join(root, 'corpus');
    symlinkSync('../real/a.txt', path.join(corpus, 'a.txt'));
    symlinkSync('../real', path.join(corpus, 'linkeddir'));
    symlinkSync('..', path.join(corpus, 'up'));
    mkdirSync(path.join(root, 'real/.emend'));
    const result = await runCli(['stats', '--json', corpus]);
    expect(JSON.parse(result.out)).toMatchObject({ files: 2, entities: 2 });
    expect(result.err).toBe(
      `emend stats: warning: ${path.join(corpus, 'linkeddir/a.txt')}: the same file as ${path.join(corpus, 'a.txt')}; skipped\n` +
        `emend stats: warning: ${path.join(corpus, 'up')}: a symbolic link to a folder that holds it (a loop); skipped\n`,
    );
    expect(result.code).toBe(0);
  });

  it('counts the readable files, then lists a missing path with the unreadable ones and exits 2', async () => {
    const root = tempCorpus({ 'a.txt': '[LOC Kosovo  ] .\n' });
    const result = await runCli(['stats', '--json', path.join(root, 'gone'), root]);
    expect(JSON.parse(result.out)).toMatchObject({ files: 1, entities: 1 });
    expect(result.err).toBe(`emend stats: ${path.join(root, 'gone')}: no such file or folder\n`);
    expect(result.code).toBe(2);
  });

  it('refuses corpus settings that are not a regular file (a pipe would be read forever)', async () => {
    const root = tempCorpus({ 'a.txt': '[PER Ann  ] .\n' });
    mkdirSync(path.join(root, '.emend'));
    execFileSync('mkfifo', [path.join(root, '.emend', 'settings.json')]);
    const result = await runCli(['stats', root]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `${path.join(root, '.emend', 'settings.json')}: is not a regular file`,
    );
  });

  it('names a pipe or a link to a device under a document’s name as skipped, never reading it', async () => {
    const root = tempCorpus({ 'a.txt': '[PER Ann  ] .\n' });
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
    const result = await runCli(['stats', '--json', root]);
    expect(JSON.parse(result.out)).toMatchObject({ files: 1, entities: 1 });
    for (const name of ['pipe.txt', 'zero.txt'])
      expect(result.err).toContain(
        `${path.join(root, name)}: not a regular file (a pipe, a socket or a device); skipped\n`,
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
