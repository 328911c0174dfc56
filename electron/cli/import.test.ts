import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const fixtures = path.resolve(import.meta.dirname, '../../shared/convert/fixtures');

describe('emend import', () => {
  it('imports CoNLL-2003 IOB1 (scheme detected) into one bracket file per input', async () => {
    const out = path.join(tempCorpus({}), 'out');
    const run = await runCli([
      'import',
      '--from',
      'conll',
      '--out',
      out,
      path.join(fixtures, 'conll2003-iob1.conll'),
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `wrote ${path.join(out, 'conll2003-iob1.txt')}: 9 entities (iob1, detected)\n`,
    );
    expect(readFileSync(path.join(out, 'conll2003-iob1.txt'), 'utf8')).toContain(
      'The [ORG European Commission  ] said [LOC India  ] [LOC Pristina  ]'.replace(
        'Pristina',
        'Pakistan',
      ),
    );
  });

  it('imports brat and Label Studio with emoji, and export gives the same offsets back', async () => {
    const root = tempCorpus({});
    const out = path.join(root, 'out');
    const brat = await runCli([
      'import',
      '--from',
      'brat',
      '--out',
      out,
      path.join(fixtures, 'emoji-brat.ann'),
    ]);
    expect(brat.code).toBe(0);
    const ls = await runCli([
      'import',
      '--from',
      'labelstudio',
      '--out',
      out,
      path.join(fixtures, 'emoji-labelstudio.json'),
    ]);
    expect(ls.code).toBe(0);
    const bracket = readFileSync(path.join(out, 'emoji-brat.txt'), 'utf8');
    expect(readFileSync(path.join(out, 'emoji-labelstudio.txt'), 'utf8')).toBe(bracket);
    const back = await runCli([
      'export',
      '--format',
      'brat',
      '--out',
      path.join(root, 'again'),
      path.join(out, 'emoji-brat.txt'),
    ]);
    expect(back.code).toBe(0);
    expect(readFileSync(path.join(root, 'again/emoji-brat.ann'), 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'emoji-brat.ann'), 'utf8')
        .split('\n')
        .slice(0, 4)
        .join('\n') + '\n',
    );
  });

  it('reports bad input with file and line, exit 2, and writes nothing at all', async () => {
    const out = path.join(tempCorpus({}), 'out');
    const good = path.join(fixtures, 'emoji.jsonl');
    for (const [file, from, message] of [
      [
        'bad-offsets.jsonl',
        'jsonl',
        ':2: error: span 1: offsets [0, 9] are outside the text (4 code points)',
      ],
      ['overlapping.jsonl', 'jsonl', ':1: error: spans overlap'],
      ['bad-columns.conll', 'conll', ":5: error: 3 columns, but the file's lines have 2"],
    ]) {
      const run = await runCli([
        'import',
        '--from',
        from,
        '--out',
        out,
        good,
        path.join(fixtures, file),
      ]);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${path.join(fixtures, file)}${message}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('rejects a missing --out or format', async () => {
    expect((await runCli(['import', '--from', 'conll', 'x.conll'])).err).toContain(
      '--out DIR is required',
    );
    expect((await runCli(['import', '--from', 'xml', '--out', 'o', 'x'])).code).toBe(2);
  });
});
