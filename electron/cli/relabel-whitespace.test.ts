import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

it('relabels entities holding a trailing tab or a lone CR, which validate accepts, in every file', async () => {
  const root = tempCorpus({
    'a.txt': 'x [PER Ann  ] y\n',
    'm.txt': 'x [PER a\t  ] y\n',
    'z.txt': 'x [PER a\rb  ] y\n',
  });
  expect(await runCli(['validate', root])).toMatchObject({ code: 0 });
  const relabel = await runCli(['relabel', '--from', 'PER', '--to', 'ORG', root]);
  expect(relabel).toMatchObject({ code: 0, out: '3 changes in 3 files\n' });
  expect(readFileSync(path.join(root, 'm.txt'), 'utf8')).toBe('x [ORG a\t  ] y\n');
  expect(readFileSync(path.join(root, 'z.txt'), 'utf8')).toBe('x [ORG a\rb  ] y\n');
});
