import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
      `'${process.execPath}' '${cli}' merge-file --marker-size %L --path=%P %O %A %B`,
    );
    expect(repository.git(['config', '--local', 'diff.emend.command']).trim()).toBe(
      `'${process.execPath}' '${cli}' git diff`,
    );
    expect(repository.git(['check-attr', 'merge', 'diff', '--', 'a/b.txt'])).toBe(
      'a/b.txt: merge: emend\na/b.txt: diff: emend\n',
    );
  });

  it('warns of tracked files its line does not reach, another attributes file setting their driver', () => {
    const repository = tempRepository();
    repository.commit('docs/.gitattributes', '*.txt merge=union\n', 'docs merge by union');
    repository.commit('docs/a.txt', 'A [PER Ann  ] .\n', 'a');
    repository.commit('b.txt', 'B .\n', 'b');
    const setup = repository.emend(['git', 'setup']);
    expect(setup.code, setup.err).toBe(0);
    expect(setup.err).toBe(
      "emend git: warning: 1 tracked file named by *.txt still goes to another driver, which another attributes line sets (a folder's .gitattributes, .git/info/attributes or a line after emend's): docs/a.txt (merge: union)\n",
    );
  });

  it('refuses a .gitattributes that is a link (a clone may hold one leading anywhere), writing nothing', () => {
    const repository = tempRepository();
    const outside = path.join(path.dirname(repository.repo), 'precious.txt');
    writeFileSync(outside, '# my precious file\n');
    symlinkSync(outside, path.join(repository.repo, '.gitattributes'));
    const refused = repository.emend(['git', 'setup']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('.gitattributes is a symbolic link');
    expect(readFileSync(outside, 'utf8')).toBe('# my precious file\n');
    expect(repository.tryGit(['config', '--local', 'merge.emend.driver']).code).toBe(1);
  });

  it("refuses a work tree set elsewhere by the repository's config (core.worktree), writing nothing", () => {
    const repository = tempRepository();
    const victim = path.join(path.dirname(repository.repo), 'victim');
    mkdirSync(victim);
    repository.git(['config', 'core.worktree', victim]);
    const refused = repository.emend(['git', 'setup']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`the repository's work tree is ${victim}`);
    expect(existsSync(path.join(victim, '.gitattributes'))).toBe(false);
    expect(repository.tryGit(['config', '--local', 'merge.emend.driver']).code).toBe(1);
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

  it('refuses to override an existing merge or diff attribute for the pattern unless --force, and says what it overrides', () => {
    const repository = tempRepository();
    repository.write('.gitattributes', '*.png binary\n*.txt merge=union diff=mydiff\n');
    const refused = repository.emend(['git', 'setup']);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `emend git: ${path.join(repository.repo, '.gitattributes')}:2 "*.txt merge=union diff=mydiff" already sets merge and diff for *.txt; rerun with --force to override it\n` +
        'Run `emend git --help` for its usage.\n',
    );
    expect(refused.out).toBe('');
    expect(repository.read('.gitattributes')).toBe('*.png binary\n*.txt merge=union diff=mydiff\n');
    expect(repository.tryGit(['config', '--local', 'merge.emend.driver']).code).toBe(1);

    const forced = repository.emend(['git', 'setup', '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err).toContain(
      'overrides line 2 "*.txt merge=union diff=mydiff" (merge and diff now go to emend)',
    );
    expect(repository.git(['check-attr', 'merge', 'diff', '--', 'a.txt'])).toBe(
      'a.txt: merge: emend\na.txt: diff: emend\n',
    );
  });

  it('finds its line whatever its spacing, and adds no second one', () => {
    const repository = tempRepository();
    repository.write('.gitattributes', '*.txt\tmerge=emend   diff=emend  \n');
    const run = repository.emend(['git', 'setup']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('already has "*.txt merge=emend diff=emend"');
    expect(repository.read('.gitattributes')).toBe('*.txt\tmerge=emend   diff=emend  \n');
  });

  it('checks the git config before writing anything: a driver set twice is refused, nothing written', () => {
    const repository = tempRepository();
    repository.git(['config', '--local', '--add', 'merge.emend.driver', 'one']);
    repository.git(['config', '--local', '--add', 'merge.emend.driver', 'two']);
    const refused = repository.emend(['git', 'setup']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      "merge.emend.driver has 2 values in the repository's git config; rerun with --force to replace them",
    );
    expect(existsSync(path.join(repository.repo, '.gitattributes'))).toBe(false);
    const forced = repository.emend(['git', 'setup', '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(repository.git(['config', '--local', '--get-all', 'merge.emend.driver']).trim()).toBe(
      `'${process.execPath}' '${cli}' merge-file --marker-size %L --path=%P %O %A %B`,
    );
  });

  it.each(['[', 'corpus/[a-z.txt', 'x\\', 'corpus/'])('refuses the pattern %j', (pattern) => {
    const repository = tempRepository();
    const run = repository.emend(['git', 'setup', '--pattern', pattern]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      new RegExp(`^emend git: --pattern .* (is not a valid pattern|names a folder)`),
    );
    expect(existsSync(path.join(repository.repo, '.gitattributes'))).toBe(false);
  });
});
