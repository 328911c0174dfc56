import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

it('relabels entities holding a lone CR or a tab before their close in every file', async () => {
  const root = tempCorpus({
    'a.txt': 'x [PER Ann  ] y\n',
    'm.txt': 'x [PER a\t  ] y\n',
    'z.txt': 'x [PER a\rb  ] y\n',
  });
  expect(await runCli(['validate', root])).toMatchObject({ code: 0 });
  const relabel = await runCli(['relabel', '--from', 'PER', '--to', 'ORG', root]);
  expect(relabel).toMatchObject({ code: 0, err: '3 changes in 3 files\n' });
  // The tab was the close's (the entity is `a`): the edited entity's close is the file's.
  expect(readFileSync(path.join(root, 'm.txt'), 'utf8')).toBe('x [ORG a  ] y\n');
  expect(readFileSync(path.join(root, 'z.txt'), 'utf8')).toBe('x [ORG a\rb  ] y\n');
});
