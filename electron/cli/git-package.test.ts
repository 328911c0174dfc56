import { execFile } from 'node:child_process';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('the git drivers of an emend installed from npm pack', () => {
  it('are found after `emend git setup`: git merges by entity and diffs entities through the installed CLI', async () => {
    const repository = tempRepository();
    const { stdout } = await run(
      'npm',
      ['pack', '--json', '--pack-destination', repository.folder],
      {
        cwd: ROOT,
      },
    );
    const [packed] = JSON.parse(stdout) as [{ filename: string }];
    const app = path.join(repository.folder, 'app with space');
    await mkdir(app);
    await writeFile(path.join(app, 'package.json'), '{"name":"try-emend","private":true}\n');
    await run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--offline',
        '--no-audit',
        '--no-fund',
        path.join(repository.folder, packed.filename),
      ],
      { cwd: app },
    );
    const installed = await realpath(path.join(app, 'node_modules/emend/bin/emend.js'));

    const setup = repository.run(path.join(app, 'node_modules/.bin/emend'), ['git', 'setup']);
    expect(setup.code, setup.err).toBe(0);
    expect(repository.git(['config', 'merge.emend.driver'])).toContain(
      `'${process.execPath}' '${installed}' merge-file`,
    );

    const base = 'Integrating [LOC Kosovo  ] [MISC Serbs  ] into society .\n';
    repository.commit('news.txt', base, 'base');
    repository.git(['checkout', '-q', '-b', 'theirs']);
    repository.commit('news.txt', base.replace('[MISC Serbs', '[PER Serbs'), 'theirs', 'Bo');
    repository.git(['checkout', '-q', 'main']);
    repository.write('news.txt', base.replace('[LOC Kosovo', '[ORG Kosovo'));
    expect(repository.git(['diff'])).toContain('  1:13     relabeled  "Kosovo" LOC → ORG\n');
    repository.git(['commit', '-q', '-a', '-m', 'ours']);
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.code, merge.err).toBe(0);
    expect(repository.read('news.txt')).toBe(
      'Integrating [ORG Kosovo  ] [PER Serbs  ] into society .\n',
    );
  }, 120_000);
});
