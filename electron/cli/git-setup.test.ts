import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';

const cli = path.resolve(import.meta.dirname, '../../bin/emend.js');

describe('emend git setup', () => {
  it('writes the attributes and the drivers with absolute quoted paths, once however often it runs', () => {
    const repository = tempRepository();
    const first = repository.emend(['git', 'setup']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(
      `${path.join(repository.repo, '.gitattributes')}: added "*.txt merge=emend diff=emend"`,
    );
    const second = repository.emend(['git', 'setup']);
    expect(second.out).toContain('already has "*.txt merge=emend diff=emend"');
    expect(repository.read('.gitattributes')).toBe('*.txt merge=emend diff=emend\n');
    expect(repository.git(['config', '--local', 'merge.emend.driver']).trim()).toBe(
      `'${process.execPath}' '${cli}' merge-file --marker-size %L --path %P %O %A %B`,
    );
    expect(repository.git(['config', '--local', 'diff.emend.command']).trim()).toBe(
      `'${process.execPath}' '${cli}' git diff`,
    );
    expect(repository.git(['check-attr', 'merge', 'diff', '--', 'a/b.txt'])).toBe(
      'a/b.txt: merge: emend\na/b.txt: diff: emend\n',
    );
  });

  it('--pattern keeps existing attributes and adds its own line', () => {
    const repository = tempRepository();
    repository.write('.gitattributes', '*.png binary');
    expect(repository.emend(['git', 'setup', '--pattern', 'corpus/**/*.txt']).code).toBe(0);
    expect(repository.read('.gitattributes')).toBe(
      '*.png binary\ncorpus/**/*.txt merge=emend diff=emend\n',
    );
    const bad = repository.emend(['git', 'setup', '--pattern', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('cannot be written to .gitattributes');
  });

  it('--global writes the user config and attributes file, and outside a repository only --global works', () => {
    const repository = tempRepository();
    const outside = repository.emend(['git', 'setup'], repository.home);
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('not a git repository');
    const global = repository.emend(['git', 'setup', '--global'], repository.home);
    expect(global.code, global.err).toBe(0);
    expect(readFileSync(path.join(repository.home, '.config/git/attributes'), 'utf8')).toBe(
      '*.txt merge=emend diff=emend\n',
    );
    expect(readFileSync(repository.env.GIT_CONFIG_GLOBAL, 'utf8')).toContain('[merge "emend"]');
    expect(repository.git(['check-attr', 'merge', '--', 'x.txt'])).toBe('x.txt: merge: emend\n');
  });
});
