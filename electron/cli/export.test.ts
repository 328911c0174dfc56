import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const hasCorpus = existsSync(path.join(corpus, 'wnut17-test.brackets.txt'));
const CABLE = '<p>[PER Christopher W. Dell  ] met [ORG AT&amp;T  ] in [LOC Pristina  ] .</p>\n';

describe('emend export', () => {
  it('writes one file to stdout, byte for byte in brackets by default', async () => {
    const root = tempCorpus({ 'a.txt': '\uFEFF[LOC Paris ] and [PER Ann  ] \r\n' });
    const run = await runCli(['export', '--format', 'brackets', path.join(root, 'a.txt')]);
    expect(run).toMatchObject({ code: 0, out: '\uFEFF[LOC Paris ] and [PER Ann  ] \r\n' });
  });

  it('writes a folder to --out at the same relative paths, HTML stripped', async () => {
    const root = tempCorpus({ 'in/cable.txt': CABLE, 'in/sub/b.txt': '[PER Zoë  ] 😀\n' });
    const out = path.join(root, 'out');
    const run = await runCli([
      'export',
      '--format',
      'jsonl',
      '--strip-html',
      '--out',
      out,
      path.join(root, 'in'),
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(`wrote 2 files to ${out}\n`);
    expect(readFileSync(path.join(out, 'cable.jsonl'), 'utf8')).toBe(
      '{"text":"Christopher W. Dell met AT&T in Pristina .","label":[[0,19,"PER"],[24,28,"ORG"],[32,40,"LOC"]]}\n',
    );
    expect(readFileSync(path.join(out, 'sub/b.jsonl'), 'utf8')).toBe(
      '{"text":"Zoë 😀","label":[[0,3,"PER"]]}\n',
    );
  });

  it('strips the markup of scraped Word pages, SVG and custom elements with --strip-html', async () => {
    const root = tempCorpus({
      'w.txt':
        '<p class=MsoNormal>[ORG Acme  ] in [LOC Oslo  ]<o:p></o:p></p>\n' +
        '<svg width=10><circle r="4"/><g><path d="M0 0"/></g></svg> [PER Ann  ] <my-card>text</my-card>\n',
    });
    const file = path.join(root, 'w.txt');
    const brackets = await runCli(['export', '--format', 'brackets', '--strip-html', file]);
    expect(brackets).toMatchObject({
      code: 0,
      err: '',
      out: '[ORG Acme  ] in [LOC Oslo  ]\n [PER Ann  ] text\n',
    });
    const conll = await runCli(['export', '--format', 'conll', '--strip-html', file]);
    expect(conll).toMatchObject({
      code: 0,
      err: '',
      out: 'Acme\tB-ORG\nin\tO\nOslo\tB-LOC\n\nAnn\tB-PER\ntext\tO\n\n',
    });
  });

  it('writes nothing through a link inside --out (a cloned folder could lead anywhere)', async () => {
    const root = tempCorpus({ 'in/sub/b.txt': '[PER Zoë  ] .\n', 'elsewhere/keep.md': 'mine\n' });
    const out = path.join(root, 'out');
    mkdirSync(out);
    symlinkSync(path.join(root, 'elsewhere'), path.join(out, 'sub'));
    const run = await runCli(['export', '--format', 'jsonl', '--out', out, path.join(root, 'in')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      `${path.join(out, 'sub')} is a symbolic link inside --out: outputs are not written through links`,
    );
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual(['keep.md']);
    // --out itself may be a link: the user chose it.
    const linked = path.join(root, 'linked-out');
    symlinkSync(path.join(root, 'elsewhere'), linked);
    const through = await runCli([
      'export',
      '--format',
      'jsonl',
      '--out',
      linked,
      path.join(root, 'in'),
    ]);
    expect(through.code, through.err).toBe(0);
    expect(existsSync(path.join(root, 'elsewhere/sub/b.jsonl'))).toBe(true);
  });

  it('writes brat pairs and CoNLL with a scheme and document markers', async () => {
    const root = tempCorpus({ 'a.txt': '[PER John Smith  ] met [PER Ann  ]\n' });
    const out = path.join(root, 'out');
    expect(
      (await runCli(['export', '--format', 'brat', '--out', out, path.join(root, 'a.txt')])).code,
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.ann', 'a.txt']);
    expect(readFileSync(path.join(out, 'a.ann'), 'utf8')).toBe(
      'T1\tPER 0 10\tJohn Smith\nT2\tPER 15 18\tAnn\n',
    );
    const conll = await runCli([
      'export',
      '--format',
      'conll',
      '--scheme',
      'bioes',
      '--docstart',
      path.join(root, 'a.txt'),
    ]);
    expect(conll.out).toBe(
      '-DOCSTART- -X- -X- O\n\nJohn\tB-PER\nSmith\tE-PER\nmet\tO\nAnn\tS-PER\n\n',
    );
  });

  it('takes the extension off a name whose backslash is part of it, not a folder before it', async () => {
    const root = tempCorpus({
      'in/back\\slash.txt': '[LOC Oslo  ] y\n',
      'in/trail\\.txt': '[LOC Oslo  ] y\n',
    });
    const out = path.join(root, 'out');
    const run = await runCli(['export', '--format', 'conll', '--out', out, path.join(root, 'in')]);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['back\\slash.conll', 'trail\\.conll']);
    expect(readFileSync(path.join(out, 'trail\\.conll'), 'utf8')).toBe('Oslo\tB-LOC\ny\tO\n\n');
  });

  it('refuses files with annotation errors, naming file, line and column, and writes nothing', async () => {
    const root = tempCorpus({
      'good.txt': '[PER Ann  ]\n',
      'bad.txt': 'ok\n[LOC Kosovo never closes\n',
    });
    const out = path.join(root, 'out');
    const run = await runCli([
      'export',
      '--format',
      'text',
      '--out',
      out,
      path.join(root, 'good.txt'),
      path.join(root, 'bad.txt'),
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${path.join(root, 'bad.txt')}:2:1: error unclosed-entity`);
    expect(run.err).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects wrong flags and never writes over an input', async () => {
    const root = tempCorpus({ 'a.txt': '[PER Ann  ]\n', 'b.txt': 'x\n' });
    expect((await runCli(['export', '--format', 'xml', path.join(root, 'a.txt')])).err).toContain(
      '--format must be one of',
    );
    expect(
      (await runCli(['export', '--format', 'jsonl', '--scheme', 'iob1', path.join(root, 'a.txt')]))
        .err,
    ).toContain('--scheme applies to conll only');
    expect((await runCli(['export', '--format', 'text', root])).err).toContain('give --out DIR');
    const over = await runCli(['export', '--format', 'brackets', '--out', root, root]);
    expect(over.code).toBe(2);
    expect(over.err).toContain('is an input');
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('[PER Ann  ]\n');
    // Documents written inside the corpus would be read as part of it next time.
    const inside = await runCli(['export', '--format', 'brackets', '--out', `${root}/clean`, root]);
    expect(inside.code).toBe(2);
    expect(inside.err).toContain(`is inside ${root}, a folder read as input`);
    expect(existsSync(path.join(root, 'clean'))).toBe(false);
    // Other formats are not documents: they may go there.
    const conll = await runCli(['export', '--format', 'conll', '--out', `${root}/conll`, root]);
    expect(conll.code).toBe(0);
  });

  it.skipIf(!hasCorpus)(
    'exports WNUT-17 to CoNLL IOB2 equal to its .bio file (skipped without ../shared)',
    async () => {
      const run = await runCli([
        'export',
        '--format',
        'conll',
        path.join(corpus, 'wnut17-test.brackets.txt'),
      ]);
      expect(run.code).toBe(0);
      expect(run.out).toBe(readFileSync(path.join(corpus, 'wnut17-test.bio'), 'utf8'));
    },
  );

  it.skipIf(!hasCorpus)(
    'exports WNUT-17 train, literal `[Haters … ]` and `Goldsmith[May … ]` included, to its .bio tags (skipped without ../shared)',
    async () => {
      const run = await runCli([
        'export',
        '--format',
        'conll',
        path.join(corpus, 'wnut17-train.brackets.txt'),
      ]);
      expect(run).toMatchObject({ code: 0, err: '' });
      // The .bio separates sentences with a line holding a tab; its tokens and tags are the same.
      const bio = readFileSync(path.join(corpus, 'wnut17-train.bio'), 'utf8');
      expect(run.out).toBe(bio.replaceAll(/^\t$/gm, ''));
    },
  );
});
