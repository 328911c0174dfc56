import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const sharedFolder = path.resolve(repoRoot, '../shared');
const MALFORMED = 'ok [PER Ana  ] .\n[LOC Kosovo never closes\n[GPE Paris  ] and [ sic ]\n';

describe('emend validate', () => {
  it('prints path:line:col: severity code: message and exits 1 on errors', async () => {
    const root = tempCorpus({
      'a.txt': MALFORMED,
      'sub/b.txt': '[PER Bob  ] .\n',
      '.hidden/c.txt': '[X  \n',
    });
    const result = await runCli(['validate', root]);
    const file = path.join(root, 'a.txt');
    expect(result.out).toBe(
      `${file}:2:1: error unclosed-entity: entity [LOC is not closed on its line\n` +
        `${file}:3:1: warning unknown-label: label GPE is not in the label set (PER, LOC, ORG, MISC)\n`,
    );
    expect(result.err).toBe('2 files: 1 error, 1 warning\n');
    expect(result.code).toBe(1);
  });

  it('--verbose prints the info diagnostics too, on one thread or several', async () => {
    const root = tempCorpus({ 'a.txt': 'see [1] .\n', 'b.txt': '[PER Bob  ] ]\n' });
    const [a, b] = ['a.txt', 'b.txt'].map((name) => path.join(root, name));
    const infos =
      `${a}:1:5: info literal-bracket: literal \`[\` kept as text\n` +
      `${a}:1:7: info literal-bracket: literal \`]\` kept as text\n` +
      `${b}:1:13: info literal-bracket: literal \`]\` kept as text\n`;
    for (const jobs of ['1', '2']) {
      expect(await runCli(['validate', '--verbose', '--jobs', jobs, root])).toMatchObject({
        code: 0,
        out: infos,
      });
      expect(await runCli(['validate', '--jobs', jobs, root])).toMatchObject({ code: 0, out: '' });
    }
  });

  it('--json always lists the info diagnostics, --verbose or not, as its help says', async () => {
    const root = tempCorpus({ 'a.txt': 'see [1] .\n' });
    const json = await runCli(['validate', '--json', root]);
    const { files } = JSON.parse(json.out) as { files: Array<{ diagnostics: unknown[] }> };
    expect(files[0].diagnostics).toHaveLength(2);
    expect((await runCli(['validate', '--json', '--verbose', root])).out).toBe(json.out);
    const help = await runCli(['help', 'validate']);
    expect(help.out).toContain(
      '--verbose   also print info diagnostics (literal brackets kept as text); --json always lists them\n',
    );
  });

  it('--json lists every file with its diagnostics; exit 0 with warnings only', async () => {
    const root = tempCorpus({ 'a.txt': '[GPE Paris  ] .\n' });
    const result = await runCli(['validate', '--json', '--labels', 'PER,LOC', root]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      files: [
        {
          path: path.join(root, 'a.txt'),
          diagnostics: [
            {
              line: 1,
              column: 1,
              severity: 'warning',
              code: 'unknown-label',
              message: 'label GPE is not in the label set (PER, LOC)',
            },
          ],
        },
      ],
      unreadable: [],
    });
  });

  it('honours the label set in the corpus settings', async () => {
    const root = tempCorpus({ 'docs/a.txt': '[GPE Paris  ] .\n' });
    mkdirSync(path.join(root, '.emend'));
    writeFileSync(
      path.join(root, '.emend/settings.json'),
      JSON.stringify({ labels: [{ name: 'GPE', color: '#336699', key: '1' }] }),
    );
    const result = await runCli(['validate', path.join(root, 'docs/a.txt')]);
    expect(result).toMatchObject({ code: 0, out: '' });
  });

  it("takes each document's label set from the settings nearest to it, on one thread or several", async () => {
    const labels = (name: string) =>
      JSON.stringify({ labels: [{ name, color: '#336699', key: '1' }] });
    const root = tempCorpus({
      '.emend/settings.json': labels('GPE'),
      'a.txt': '[GPE Paris  ] .\n',
      'plain/b.txt': '[GPE Lyon  ] .\n',
      'news/.emend/settings.json': labels('FAC'),
      'news/c.txt': '[GPE Nice  ] [FAC Louvre  ] .\n',
      'news/deeper/d.txt': '[FAC Orsay  ] .\n',
    });
    for (const jobs of ['1', '3']) {
      expect(await runCli(['validate', '--jobs', jobs, root])).toMatchObject({
        code: 0,
        out: `${path.join(root, 'news/c.txt')}:1:1: warning unknown-label: label GPE is not in the label set (FAC)\n`,
      });
    }
  });

  it('exits 2 naming an unreadable file, and for bad flags', async () => {
    const root = tempCorpus({ 'bad.txt': new Uint8Array([0xff, 0x41, 0x41]) });
    expect(await runCli(['validate', path.join(root, 'bad.txt')])).toMatchObject({
      code: 2,
      err:
        '0 files: 0 errors, 0 warnings\n' +
        `emend validate: ${path.join(root, 'bad.txt')}: not valid UTF-8 (line 1, byte 1 of the file)\n`,
    });
    expect((await runCli(['validate', '--labels', 'P ER', root])).code).toBe(2);
    expect((await runCli(['validate'])).err).toContain('no PATH given');
  });

  it('reports every readable file, then lists the unreadable ones (binary, UTF-16) and exits 2', async () => {
    const root = tempCorpus({
      'a.txt': MALFORMED,
      'b.txt': new Uint8Array([0x41, 0x00, 0x42, 0x0a]),
      'c.txt': Buffer.from('\ufeff[PER Ana  ] .\n', 'utf16le'),
      'c2.txt': Buffer.from('[PER Ana  ] .\n', 'utf16le'),
      'd.txt': '[GPE Paris  ] .\n',
    });
    const result = await runCli(['validate', root]);
    expect(result.code).toBe(2);
    expect(result.out).toContain(`${path.join(root, 'a.txt')}:2:1: error unclosed-entity`);
    expect(result.out).toContain(`${path.join(root, 'd.txt')}:1:1: warning unknown-label`);
    expect(result.err).toBe(
      '2 files: 1 error, 2 warnings\n' +
        'emend validate: 3 paths could not be read:\n' +
        `  ${path.join(root, 'b.txt')}: binary file (NUL byte on line 1), not a text document\n` +
        `  ${path.join(root, 'c.txt')}: UTF-16 text (little-endian), not UTF-8: save it as UTF-8\n` +
        `  ${path.join(root, 'c2.txt')}: UTF-16 text (little-endian), not UTF-8: save it as UTF-8\n`,
    );
    const json = JSON.parse((await runCli(['validate', '--json', root])).out);
    expect(json.files.map((file: { path: string }) => path.basename(file.path))).toEqual([
      'a.txt',
      'd.txt',
    ]);
    expect(json.unreadable).toEqual([
      {
        path: path.join(root, 'b.txt'),
        reason: 'binary file (NUL byte on line 1), not a text document',
      },
      {
        path: path.join(root, 'c.txt'),
        reason: 'UTF-16 text (little-endian), not UTF-8: save it as UTF-8',
      },
      {
        path: path.join(root, 'c2.txt'),
        reason: 'UTF-16 text (little-endian), not UTF-8: save it as UTF-8',
      },
    ]);
  });

  it('reports the readable files, then lists a missing path with the unreadable ones and exits 2', async () => {
    const root = tempCorpus({ 's.txt': '[PER a  ]\n', 't.txt': '[PER b  \n' });
    const [s, missing, t] = ['s.txt', 'missing.txt', 't.txt'].map((name) => path.join(root, name));
    expect(await runCli(['validate', s, missing, t])).toEqual({
      code: 2,
      out: `${t}:1:1: error unclosed-entity: entity [PER is not closed on its line\n`,
      err:
        '2 files: 1 error, 0 warnings\n' + `emend validate: ${missing}: no such file or folder\n`,
    });
    const json = JSON.parse((await runCli(['validate', '--json', s, missing])).out);
    expect(json).toEqual({
      files: [{ path: s, diagnostics: [] }],
      unreadable: [{ path: missing, reason: 'no such file or folder' }],
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'lists a file whose name is not valid UTF-8 as unreadable, its bytes escaped, after the readable files',
    async () => {
      const root = tempCorpus({ 'ok.txt': '[PER a  \n' });
      writeFileSync(Buffer.from(`${root}/bad\xffname.txt`, 'latin1'), 'x\n');
      expect(await runCli(['validate', root])).toEqual({
        code: 2,
        out: `${path.join(root, 'ok.txt')}:1:1: error unclosed-entity: entity [PER is not closed on its line\n`,
        err:
          '1 file: 1 error, 0 warnings\n' +
          `emend validate: ${path.join(root, 'bad\\xffname.txt')}: the file name is not valid UTF-8; rename it\n`,
      });
    },
  );

  it('runs as a real process through bin/emend.js', async () => {
    const root = tempCorpus({ 'a.txt': MALFORMED });
    const run = promisify(execFile);
    const failure = await run(process.execPath, [
      path.join(repoRoot, 'bin/emend.js'),
      'validate',
      root,
    ]).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toContain(':2:1: error unclosed-entity');
  });

  it.skipIf(!existsSync(sharedFolder))(
    'finds no errors in the shared sample and WNUT-17 (own labels; skipped when ../shared is absent)',
    async () => {
      const sample = await runCli(['validate', path.join(sharedFolder, 'samples')]);
      expect(sample).toMatchObject({ code: 0, out: '' });
      const wnut = await runCli([
        'validate',
        '--labels',
        'person,location,corporation,product,creative-work,group',
        path.join(sharedFolder, 'corpus/wnut17-test.brackets.txt'),
      ]);
      expect(wnut).toMatchObject({ code: 0, out: '', err: '1 file: 0 errors, 0 warnings\n' });
    },
  );
});
