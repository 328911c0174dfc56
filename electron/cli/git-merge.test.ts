import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository, type TempRepository } from './git-testing';
import { runCli, tempCorpus } from './testing';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');

const BASE =
  'first [PER Ann  ] line\nIntegrating [LOC Kosovo  ] [MISC Serbs  ] into society .\nlast line\n';

/** Commits base on main, theirs on branch "theirs", ours on main; returns the repository, main checked out. */
function branches(base: string, ours: string, theirs: string, setup = true): TempRepository {
  const repository = tempRepository();
  if (setup) {
    const run = repository.emend(['git', 'setup']);
    expect(run.code, run.err).toBe(0);
  }
  repository.commit('corpus/news.txt', base, 'base');
  repository.git(['checkout', '-q', '-b', 'theirs']);
  repository.commit('corpus/news.txt', theirs, 'theirs', 'Bo');
  repository.git(['checkout', '-q', 'main']);
  repository.commit('corpus/news.txt', ours, 'ours');
  return repository;
}

const unmerged = (repository: TempRepository) =>
  repository.git(['ls-files', '-u', '--', 'corpus/news.txt']).trim().split('\n').length;

describe('git merges bracket files by entity after `emend git setup`', () => {
  const ours = BASE.replace('[LOC Kosovo', '[ORG Kosovo');
  const theirs = BASE.replace('[MISC Serbs', '[PER Serbs');

  it("edits to different entities on one line: git's own merge conflicts", () => {
    const repository = branches(BASE, ours, theirs, false);
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.code).toBe(1);
    expect(repository.read('corpus/news.txt')).toContain('<<<<<<< HEAD\n');
  });

  it('edits to different entities on one line: emend merges them cleanly', () => {
    const repository = branches(BASE, ours, theirs);
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.code, merge.out + merge.err).toBe(0);
    expect(repository.read('corpus/news.txt')).toBe(
      'first [PER Ann  ] line\nIntegrating [ORG Kosovo  ] [PER Serbs  ] into society .\nlast line\n',
    );
    expect(repository.git(['status', '--porcelain', '--', 'corpus'])).toBe('');
    expect(repository.git(['log', '-1', '--format=%P']).trim().split(' ')).toHaveLength(2);
  });

  it.each([
    ['relabeled two ways', '[ORG Serbs  ] into society', '[PER Serbs  ] into society'],
    ['resized two ways', '[MISC Serbs into  ] society', '[MISC Serbs into society  ]'],
    [
      'removed on one side, relabeled on the other',
      'Serbs into society',
      '[ORG Serbs  ] into society',
    ],
  ])(
    'one entity %s: the file is unmerged, with markers around its line (ours, then theirs)',
    (_name, mine, yours) => {
      const sentence = (words: string) => `Integrating [LOC Kosovo  ] ${words} .`;
      const repository = branches(
        BASE,
        BASE.replace('[MISC Serbs  ] into society', mine),
        BASE.replace('[MISC Serbs  ] into society', yours).replace('[PER Ann', '[ORG Ann'),
      );
      const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
      expect(merge.code).toBe(1);
      expect(merge.out).toContain('CONFLICT (content): Merge conflict in corpus/news.txt');
      expect(repository.read('corpus/news.txt')).toBe(
        `first [ORG Ann  ] line\n<<<<<<< ours\n${sentence(mine)}\n=======\n${sentence(yours)}\n>>>>>>> theirs\nlast line\n`,
      );
      expect(unmerged(repository)).toBe(3);
      expect(repository.git(['status', '--porcelain', '--', 'corpus'])).toBe(
        'UU corpus/news.txt\n',
      );
    },
  );

  it('merges text edits by line as git does: different lines merge, the same line conflicts', () => {
    const clean = branches(
      BASE,
      BASE.replace('first', 'First'),
      BASE.replace('last line', 'last line .'),
    );
    expect(clean.tryGit(['merge', '-m', 'merge', 'theirs']).code).toBe(0);
    expect(clean.read('corpus/news.txt')).toBe(
      'First [PER Ann  ] line\nIntegrating [LOC Kosovo  ] [MISC Serbs  ] into society .\nlast line .\n',
    );
    const clash = branches(BASE, BASE.replace('first', 'First'), BASE.replace('first', 'FIRST'));
    expect(clash.tryGit(['merge', '-m', 'merge', 'theirs']).code).toBe(1);
    expect(clash.read('corpus/news.txt')).toContain(
      '<<<<<<< ours\nFirst [PER Ann  ] line\n=======\nFIRST [PER Ann  ] line\n>>>>>>> theirs\n',
    );
    expect(unmerged(clash)).toBe(3);
  });

  it("falls back to git's line merge when a side does not parse, and says so", () => {
    const broken = BASE.replace('last line', 'last [LOC line');
    const repository = branches(BASE, BASE.replace('first', 'First'), broken);
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.err).toContain(
      'emend merge-file: corpus/news.txt: their version does not parse (3:6: entity [LOC is not closed on its line); merging by lines with git merge-file',
    );
    expect(merge.code).toBe(0);
    expect(repository.read('corpus/news.txt')).toBe(broken.replace('first', 'First'));
  });
});

describe('a conflict marker size git passes from .gitattributes', () => {
  it.each([120, 5000])('%i: merges by entity as with any other size', (size) => {
    const repository = tempRepository();
    expect(repository.emend(['git', 'setup']).code).toBe(0);
    const attributes = repository.read('.gitattributes');
    repository.write('.gitattributes', `${attributes}*.txt conflict-marker-size=${size}\n`);
    const ours = BASE.replace('[LOC Kosovo', '[ORG Kosovo');
    const theirs = BASE.replace('[MISC Serbs', '[PER Serbs');
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'theirs']);
    repository.commit('corpus/news.txt', theirs, 'theirs', 'Bo');
    repository.git(['checkout', '-q', 'main']);
    repository.commit('corpus/news.txt', ours, 'ours');
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.code, merge.out + merge.err).toBe(0);
    expect(repository.read('corpus/news.txt')).toBe(
      'first [PER Ann  ] line\nIntegrating [ORG Kosovo  ] [PER Serbs  ] into society .\nlast line\n',
    );
  });
});

describe('emend merge-file run by hand', () => {
  it('refuses a version that is not there, naming it, without falling back to a line merge', async () => {
    const root = tempCorpus({ 'base.txt': BASE, 'theirs.txt': BASE.replace('first', 'First') });
    const missing = path.join(root, 'nosuch.txt');
    const run = await runCli([
      'merge-file',
      path.join(root, 'base.txt'),
      missing,
      path.join(root, 'theirs.txt'),
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `emend merge-file: ${missing}: our version cannot be read: no such file or folder\n`,
    );
  });

  it('merges by lines a version named like an option, read as a file', async () => {
    const broken = BASE.replace('last line', 'last [LOC line');
    const root = tempCorpus({
      '-p': broken,
      'ours.txt': broken.replace('first', 'First'),
      'theirs.txt': broken.replace('last [LOC line', 'last [LOC line .'),
    });
    const run = spawnSync(
      process.execPath,
      [BIN, 'merge-file', '--', '-p', 'ours.txt', 'theirs.txt'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'ours.txt'), 'utf8')).toBe(
      broken.replace('first', 'First').replace('last [LOC line', 'last [LOC line .'),
    );
  });
});

describe('the merge driver `emend git setup` installs', () => {
  it('merges a file whose name starts with "-" (its path is never read as an option)', () => {
    const repository = tempRepository();
    expect(repository.emend(['git', 'setup']).code).toBe(0);
    const base = 'The [ORG UN  ] met [PER John  ] .\n';
    repository.commit('-notes.txt', base, 'base');
    repository.git(['checkout', '-q', '-b', 'theirs']);
    repository.commit('-notes.txt', base.replace('PER John', 'LOC John'), 'theirs', 'Bo');
    repository.git(['checkout', '-q', 'main']);
    repository.commit('-notes.txt', base.replace('ORG UN', 'MISC UN'), 'ours');
    const merge = repository.tryGit(['merge', '-m', 'merge', 'theirs']);
    expect(merge.code, merge.out + merge.err).toBe(0);
    expect(repository.read('-notes.txt')).toBe('The [MISC UN  ] met [LOC John  ] .\n');
  });
});
