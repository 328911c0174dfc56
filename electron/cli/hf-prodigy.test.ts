import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const excerpt = readFileSync(
  path.resolve(
    import.meta.dirname,
    '../../shared/format/fixtures/wnut17/test-excerpt.brackets.txt',
  ),
  'utf8',
);

describe('emend export and import, hf and prodigy', () => {
  it.each(['hf', 'prodigy'])(
    '%s: the WNUT-17 excerpt round-trips byte for byte',
    async (format) => {
      const root = tempCorpus({ 'wnut/excerpt.txt': excerpt });
      const exported = await runCli([
        'export',
        '--format',
        format,
        '--out',
        path.join(root, 'out'),
        path.join(root, 'wnut'),
      ]);
      expect(exported).toMatchObject({
        code: 0,
        err: `wrote 1 file to ${path.join(root, 'out')}\n`,
      });
      const imported = await runCli([
        'import',
        '--from',
        format,
        '--out',
        path.join(root, 'back'),
        path.join(root, 'out/excerpt.jsonl'),
      ]);
      expect(imported.code).toBe(0);
      expect(readFileSync(path.join(root, 'back/excerpt.txt'), 'utf8')).toBe(excerpt);
    },
  );

  it('import names the file and line of bad input and writes nothing', async () => {
    const root = tempCorpus({ 'bad.jsonl': '{"tokens":["a"],"ner_tags":["O"]}\n{"tokens":[]}\n' });
    const result = await runCli([
      'import',
      '--from',
      'hf',
      '--out',
      path.join(root, 'out'),
      path.join(root, 'bad.jsonl'),
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `${path.join(root, 'bad.jsonl')}:2: error: expected an object with "tokens" and "ner_tags" lists\nemend import: nothing written\n`,
    );
  });

  it('--unit applies to prodigy, not hf', async () => {
    const root = tempCorpus({ 'a.txt': '[PER Ana  ] .\n' });
    expect(
      (await runCli(['export', '--format', 'hf', '--unit', 'line', path.join(root, 'a.txt')])).code,
    ).toBe(2);
    const prodigy = await runCli([
      'export',
      '--format',
      'prodigy',
      '--unit',
      'line',
      path.join(root, 'a.txt'),
    ]);
    expect(JSON.parse(prodigy.out).spans).toEqual([
      { start: 0, end: 3, token_start: 0, token_end: 0, label: 'PER' },
    ]);
  });
});
