import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';

const BASE = 'first [PER Ann  ] line\nIntegrating [LOC Kosovo  ] [MISC Serbs  ] into society .\n';

describe('git diff shows entity changes after `emend git setup`', () => {
  it('git diff, git show and git log -p name a relabel with its line and column', () => {
    const repository = tempRepository();
    expect(repository.emend(['git', 'setup']).code).toBe(0);
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.write(
      'corpus/news.txt',
      BASE.replace('[LOC Kosovo', '[ORG Kosovo').replace('first', 'First'),
    );
    const diff = repository.git(['diff']);
    expect(diff).toContain('emend diff a/corpus/news.txt b/corpus/news.txt\n');
    expect(diff).toContain('  2:13     relabeled  "Kosovo" LOC → ORG\n');
    expect(diff).toContain('  1:1      text       "f" → "F"\n');
    repository.git(['commit', '-q', '-a', '-m', 'relabel']);
    for (const command of [
      ['show', '--ext-diff'],
      ['log', '-p', '--ext-diff', '-1'],
    ]) {
      expect(repository.git(command)).toContain('  2:13     relabeled  "Kosovo" LOC → ORG\n');
    }
  });

  it("names a file with control characters in its name escaped in the driver's header", () => {
    const repository = tempRepository();
    repository.emend(['git', 'setup']);
    const name = 'esc\u001b[2J.txt';
    repository.commit(name, BASE, 'base');
    repository.write(name, BASE.replace('[LOC Kosovo', '[ORG Kosovo'));
    const diff = repository.git(['diff']);
    expect(diff).toContain('emend diff a/esc\\u001b[2J.txt b/esc\\u001b[2J.txt');
    expect(diff).not.toContain('\u001b');
  });

  it('a new file lists its entities as added', () => {
    const repository = tempRepository();
    expect(repository.emend(['git', 'setup']).code).toBe(0);
    repository.commit('README.md', 'corpus\n', 'start');
    repository.commit('news.txt', BASE, 'add news');
    expect(repository.git(['show', '--ext-diff'])).toContain('  1:7      added      [PER "Ann"]\n');
  });

  it('`emend diff REV1 REV2 -- PATH` gives the corpus scores between two branches', () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.commit('other/skip.txt', '[PER Zed  ]\n', 'outside the path');
    repository.git(['checkout', '-q', '-b', 'bo']);
    repository.commit('corpus/news.txt', BASE.replace('[MISC Serbs', '[PER Serbs'), 'bo', 'Bo');
    repository.commit('other/skip.txt', '[ORG Zed  ]\n', 'bo outside', 'Bo');
    const run = repository.emend(['diff', '--json', 'main', 'bo', '--', 'corpus']);
    expect(run.code, run.err).toBe(1);
    const json = JSON.parse(run.out);
    expect(json.changes).toEqual([
      expect.objectContaining({ path: 'corpus/news.txt', kind: 'relabeled', line: 2, column: 28 }),
    ]);
    expect(json.scores.strict).toMatchObject({ correct: 2, incorrect: 1, precision: 2 / 3 });
    const human = repository.emend(['diff', 'main', 'main', '--', 'corpus']);
    expect(human.code).toBe(0);
    expect(human.out).toContain('same annotations');
    const bad = repository.emend(['diff', 'main', 'nope', '--', 'corpus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"nope" is not a commit in this repository');
    // An exclusion or a range is no revision (git would read `^main` as everything but main).
    for (const revision of ['^main', 'main..bo']) {
      const refused = repository.emend(['diff', revision, 'main', '--', 'corpus']);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`"${revision}" is not a git revision`);
    }
    // Run from elsewhere (outside any repository), PATH names the repository, as for blame.
    const corpus = path.join(repository.repo, 'corpus');
    const elsewhere = repository.emend(
      ['diff', '--json', 'main', 'bo', '--', corpus],
      repository.folder,
    );
    expect(elsewhere.code, elsewhere.err).toBe(1);
    expect(JSON.parse(elsewhere.out).changes).toEqual(json.changes);
  });

  it('follows a document renamed between the revisions, as git diff does, and says so', () => {
    const repository = tempRepository();
    // Lines enough that one changed leaves it alike: git takes it for a rename.
    const news = `${BASE}${'More of the [ORG Quint  ] talks in [LOC Pristina  ] today .\n'.repeat(4)}`;
    repository.commit('corpus/news.txt', news, 'base');
    repository.git(['checkout', '-q', '-b', 'bo']);
    repository.git(['mv', 'corpus/news.txt', 'corpus/news-2011.txt']);
    repository.commit(
      'corpus/news-2011.txt',
      news.replace('[MISC Serbs', '[PER Serbs'),
      'renamed and relabeled',
      'Bo',
    );
    const run = repository.emend(['diff', '--json', 'main', 'bo', '--', 'corpus']);
    expect(run.code, run.err).toBe(1);
    expect(JSON.parse(run.out).changes).toEqual([
      expect.objectContaining({ path: 'corpus/news.txt', kind: 'relabeled', line: 2 }),
    ]);
    expect(run.err).toBe(
      'emend: bo:corpus/news-2011.txt is main:corpus/news.txt renamed: compared as one document\n',
    );
    // Named by either of its names alone, the document is found under the other in the other revision.
    for (const named of ['corpus/news-2011.txt', 'corpus/news.txt']) {
      const one = repository.emend(['diff', '--json', 'main', 'bo', '--', named]);
      expect(one.code, one.err).toBe(1);
      expect(JSON.parse(one.out).changes).toEqual(JSON.parse(run.out).changes);
      expect(one.err).toBe(run.err);
    }
  });

  it('follows a short document relabeled, renamed, then relabeled again: a rename git finds commit by commit', () => {
    const repository = tempRepository();
    const short = 'The [ORG Quint  ] met in [LOC Berlin  ] .\n';
    repository.commit('corpus/berlin.txt', short, 'base');
    repository.commit('corpus/berlin.txt', short.replace('[ORG Quint', '[MISC Quint'), 'one');
    repository.git(['mv', 'corpus/berlin.txt', 'corpus/bonn.txt']);
    repository.git(['commit', '-q', '-m', 'renamed']);
    const after = short.replace('[ORG Quint', '[MISC Quint').replace('Berlin', 'Bonn');
    repository.commit('corpus/bonn.txt', after, 'two');
    // Over the whole range the two versions are too unlike for git to pair them by content.
    const run = repository.emend(['diff', '--json', 'HEAD~3', 'HEAD', '--', 'corpus']);
    expect(run.err).toBe(
      'emend: HEAD:corpus/bonn.txt is HEAD~3:corpus/berlin.txt renamed: compared as one document\n',
    );
    expect(JSON.parse(run.out).changes).toEqual([
      expect.objectContaining({ path: 'corpus/berlin.txt', kind: 'relabeled' }),
    ]);
  });

  it('pairs a rename only where its first name is gone and its new name is there', () => {
    const repository = tempRepository();
    repository.commit('a.txt', '[PER Ann  ] .\n', 'c1');
    repository.git(['tag', 'r1']);
    repository.commit('a.txt', '[ORG Ann  ] x\n', 'c2');
    repository.git(['mv', 'a.txt', 'b.txt']);
    repository.git(['commit', '-q', '-m', 'c3']);
    repository.commit('b.txt', '[LOC Ann  ] y z\n', 'c4');
    // A new a.txt: b.txt is no longer a's other name, but a document of its own.
    repository.commit('a.txt', 'New [PER Bob  ] doc\n', 'c5');
    repository.git(['tag', 'r2']);
    const run = repository.emend(['diff', 'r1', 'r2', '--', '.']);
    expect(run.err).not.toMatch(/unexpected|renamed/);
    expect(run.code).toBe(1);
    // b.txt gone again: nothing is named a rename of a.txt.
    repository.git(['rm', '-q', 'b.txt']);
    repository.git(['commit', '-q', '-m', 'c6']);
    const gone = repository.emend(['diff', 'r1', 'HEAD', '--', '.']);
    expect(gone.err).not.toMatch(/unexpected|renamed/);
  });

  it('names the reference revision as the app does in a report, and a revision holding no document by its name, never the temp copy', () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'bo']);
    repository.commit('corpus/news.txt', BASE.replace('[MISC Serbs', '[PER Serbs'), 'bo', 'Bo');
    repository.git(['checkout', '-q', '-b', 'empty', 'main']);
    repository.git(['rm', '-q', '-r', 'corpus']);
    repository.commit('notes.md', 'nothing here\n', 'no corpus');
    const markdown = repository.emend(['diff', '--report', 'md', 'bo', 'main', '--', 'corpus']);
    expect(markdown.code, markdown.err).toBe(1);
    expect(markdown.out).toContain('Compared with: git revision bo (the reference).\n');
    const json = repository.emend(['diff', '--report', 'json', 'bo', 'main', '--', 'corpus']);
    expect(JSON.parse(json.out).baseline).toBe('git revision bo');
    for (const command of ['diff', 'agree', 'adjudicate']) {
      const out = command === 'adjudicate' ? ['--out', path.join(repository.repo, 'gold')] : [];
      const run = repository.emend([command, ...out, 'empty', 'main', '--', 'corpus']);
      expect(run.code).toBe(2);
      expect(run.err).toContain('git revision empty: holds no .txt document');
      expect(run.out + run.err).not.toContain(os.tmpdir());
    }
    for (const run of [markdown, json]) expect(run.out + run.err).not.toContain(os.tmpdir());
  });

  it('asks for two revisions when one is given after a flag that takes a value, not reading the value as one', () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    for (const flags of [
      ['--report', 'md'],
      ['--jobs', '2'],
    ]) {
      const run = repository.emend(['diff', ...flags, 'main', '--', 'corpus']);
      expect(run.code).toBe(2);
      expect(run.err).toContain('give two revisions before --: REV1 REV2 -- PATH');
      expect(run.err).not.toContain('is not a commit');
    }
  });

  it('names a file that is not UTF-8 at a revision, exit 2, as a folder read would', () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'latin1']);
    const latin1 = Buffer.from('Vous [PER Zo\xe9  ] \xe0 [LOC Montr\xe9al  ] .\n', 'latin1');
    writeFileSync(path.join(repository.repo, 'corpus/news.txt'), latin1);
    repository.git(['commit', '-q', '-a', '-m', 'saved as Latin-1']);
    const run = repository.emend(['diff', 'main', 'latin1', '--', 'corpus']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('emend diff: latin1:corpus/news.txt: not valid UTF-8 (line 1');
    expect(run.err).not.toContain(os.tmpdir());
  });

  it("names a revision's unreadable file as REV:PATH when adjudicate stops on it, and never the temp copy", () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'latin1']);
    writeFileSync(
      path.join(repository.repo, 'corpus/news.txt'),
      Buffer.from('Zo\xe9 .\n', 'latin1'),
    );
    repository.git(['commit', '-q', '-a', '-m', 'saved as Latin-1']);
    const out = path.join(repository.repo, 'gold');
    const run = repository.emend(['adjudicate', '--out', out, 'main', 'latin1', '--', 'corpus']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('emend adjudicate: latin1:corpus/news.txt: not valid UTF-8');
    expect(run.err).not.toContain(os.tmpdir());
  });

  it("advises repairing a revision's broken markup in that revision, not a command that cannot read it", () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'broken']);
    repository.commit('corpus/news.txt', BASE.replace('[LOC Kosovo  ]', '[LOC Kosovo'), 'open');
    for (const command of [
      ['agree'],
      ['adjudicate', '--out', path.join(repository.repo, 'gold')],
    ]) {
      const run = repository.emend([...command, 'main', 'broken', '--', 'corpus']);
      const said = run.out + run.err;
      expect(said).toContain('broken:corpus/news.txt:2:');
      expect(said).toContain('(repair it first, in revision broken)');
      expect(said).not.toContain('emend validate');
      expect(said).not.toContain(os.tmpdir());
    }
  });

  it("names a revision's markup error by the revision and the file's path", () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    repository.git(['checkout', '-q', '-b', 'broken']);
    repository.commit('corpus/news.txt', BASE.replace('[LOC Kosovo  ]', '[LOC Kosovo'), 'open');
    const run = repository.emend(['diff', 'main', 'broken', '--', 'corpus']);
    expect(run.err).toMatch(/^broken:corpus\/news\.txt:2:13: error nested-entity: /m);
  });

  it('leaves no copy of the revisions behind when its output pipe closes early', () => {
    const repository = tempRepository();
    const lines = (label: string) =>
      Array.from({ length: 3000 }, (_, k) => `Line ${k} of [${label} Kosovo  ] .`).join('\n');
    repository.commit('corpus/news.txt', `${lines('LOC')}\n`, 'base');
    repository.git(['checkout', '-q', '-b', 'bo']);
    repository.commit('corpus/news.txt', `${lines('ORG')}\n`, 'all ORG', 'Bo');
    const temp = path.join(repository.folder, 'tmp');
    mkdirSync(temp);
    const cli = path.resolve(import.meta.dirname, '../../bin/emend.js');
    const piped = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${cli}" diff main bo -- corpus | head -c 100`],
      { cwd: repository.repo, env: { ...repository.env, TMPDIR: temp }, encoding: 'utf8' },
    );
    expect(piped.stdout).toContain('relabeled');
    expect(readdirSync(temp)).toEqual([]);
  });

  it('refuses a revision whose tree names a path out of its folder (a hostile clone), writing nothing there', () => {
    const repository = tempRepository();
    repository.commit('corpus/news.txt', BASE, 'base');
    const git = (...args: string[]) => repository.git(args).trim();
    /** A tree object written as is (git's own checks would refuse an entry named ".."). */
    const tree = (entries: Array<[mode: string, name: string, id: string]>) => {
      const body = Buffer.concat(
        entries.flatMap(([mode, name, id]) => [
          Buffer.from(`${mode} ${name}\0`),
          Buffer.from(id, 'hex'),
        ]),
      );
      const file = path.join(repository.folder, 'tree');
      writeFileSync(file, body);
      return git('hash-object', '-t', 'tree', '--literally', '-w', file);
    };
    writeFileSync(path.join(repository.folder, 'blob'), 'overwritten [PER X  ]\n');
    let id = tree([
      ['100644', 'important.txt', git('hash-object', '-w', path.join(repository.folder, 'blob'))],
    ]);
    id = tree([['40000', 'victim', id]]);
    // From TMPDIR/emend-revisions-*/2-evil/corpus, four ".." lead to the test's folder.
    for (let k = 0; k < 4; k++) id = tree([['40000', '..', id]]);
    id = tree([['40000', 'corpus', id]]);
    const commit = git('commit-tree', id, '-m', 'evil');
    git('branch', 'evil', commit);
    mkdirSync(path.join(repository.folder, 'tmp'));
    mkdirSync(path.join(repository.folder, 'victim'));
    const victim = path.join(repository.folder, 'victim', 'important.txt');
    writeFileSync(victim, 'original\n');
    Object.assign(repository.env, { TMPDIR: path.join(repository.folder, 'tmp') });
    const run = repository.emend(['diff', 'main', 'evil', '--', 'corpus']);
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
    expect(run.code).toBe(2);
    expect(run.err).toContain('evil holds a file whose path leaves its folder');
  });
});
