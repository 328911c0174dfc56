import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');

interface Row {
  line: number;
  column: number;
  label: string;
  text: string;
  commit: string;
  author: string;
  change: string;
}

describe('emend blame', () => {
  it('names the commit and author that last changed each entity, through branches, a merge and a rename', () => {
    const repository = tempRepository();
    expect(repository.emend(['git', 'setup']).code).toBe(0);
    const base =
      'first [PER Ann  ] line\nIntegrating [LOC Kosovo  ] [MISC Serbs  ] into society .\n';
    const added = repository.commit('news.txt', base, 'base', 'Ann');
    repository.git(['checkout', '-q', '-b', 'bo']);
    const relabeled = repository.commit(
      'news.txt',
      base.replace('[LOC Kosovo', '[ORG Kosovo'),
      'relabel Kosovo',
      'Bo',
    );
    repository.git(['checkout', '-q', 'main']);
    const resized = repository.commit(
      'news.txt',
      base.replace('[MISC Serbs  ] into', '[MISC Serbs into  ]'),
      'widen Serbs',
      'Cy',
    );
    repository.git(['merge', '-q', '-m', 'merge bo', 'bo'], 'Cy');
    repository.git(['mv', 'news.txt', 'renamed.txt']);
    repository.git(['commit', '-q', '-m', 'rename'], 'Dee');
    const text = repository.commit(
      'renamed.txt',
      repository.read('renamed.txt').replace('society', 'the society'),
      'text only',
      'Dee',
    );
    const run = repository.emend(['blame', '--json', 'renamed.txt']);
    expect(run.code, run.err).toBe(0);
    const rows: Row[] = JSON.parse(run.out);
    expect(
      rows.map(({ line, column, label, commit, author, change }) => [
        line,
        column,
        label,
        commit,
        author,
        change,
      ]),
    ).toEqual([
      [1, 7, 'PER', added, 'Ann', 'added'],
      [2, 13, 'ORG', relabeled, 'Bo', 'relabeled LOC → ORG'],
      [2, 28, 'MISC', resized, 'Cy', 'resized from "Serbs"'],
    ]);
    expect(rows.some((row) => row.commit === text)).toBe(false);

    repository.write('renamed.txt', repository.read('renamed.txt').replace('[PER Ann', '[ORG Ann'));
    const line = repository.emend(['blame', 'renamed.txt:1']);
    expect(line.out).toMatch(
      /^ {2}1:7 {6}\[ORG "Ann"\] {2}0{8} {14}Not Committed Yet {2}relabeled PER → ORG\n$/,
    );
    // A line the file does not have is a usage error, not an empty answer.
    for (const missing of ['renamed.txt:3', 'renamed.txt:0']) {
      const past = repository.emend(['blame', missing]);
      expect(past.code).toBe(2);
      expect(past.err).toContain(`renamed.txt has no line ${missing.slice(-1)} (it has 2 lines)`);
    }
  });

  it('credits a change made under the old name on one branch while another renamed and edited the file', () => {
    const repository = tempRepository();
    repository.emend(['git', 'setup']);
    repository.commit(
      'old.txt',
      'Ann met [PER Quint  ] in [LOC Paris  ] .\nBo saw [PER Cooper  ] .\n',
      'base',
    );
    repository.git(['checkout', '-q', '-b', 'rename']);
    repository.git(['mv', 'old.txt', 'new.txt']);
    repository.git(['commit', '-q', '-m', 'rename']);
    repository.git(['checkout', '-q', 'main']);
    repository.git(['checkout', '-q', '-b', 'fix']);
    const fix = repository.commit(
      'old.txt',
      repository.read('old.txt').replace('[PER Quint', '[ORG Quint'),
      'Quint is an ORG',
      'Bo',
    );
    repository.git(['checkout', '-q', 'rename']);
    repository.commit(
      'new.txt',
      repository.read('new.txt').replace('[PER Cooper', '[ORG Cooper'),
      'Cooper ORG',
      'Cy',
    );
    repository.git(['merge', '-q', '-m', 'merge fix', 'fix'], 'Dee');
    expect(repository.read('new.txt')).toContain('[ORG Quint  ]');
    const run = repository.emend(['blame', '--json', 'new.txt']);
    expect(run.code, run.err).toBe(0);
    const quint = (
      JSON.parse(run.out) as Array<{ text: string; commit: string; subject: string }>
    ).find((entry) => entry.text === 'Quint');
    expect(quint).toMatchObject({ commit: fix, subject: 'Quint is an ORG' });
  });

  it('follows a rename made on a branch that was then merged in', () => {
    const repository = tempRepository();
    repository.emend(['git', 'setup']);
    const base = repository.commit(
      'a.txt',
      '[PER John  ] met [LOC Paris  ] .\nSecond line here .\n',
      'base',
      'Ann',
    );
    repository.git(['checkout', '-q', '-b', 'side']);
    repository.git(['mv', 'a.txt', 'b.txt']);
    repository.git(['commit', '-q', '-m', 'rename'], 'Bo');
    repository.git(['checkout', '-q', 'main']);
    const edit = repository.commit(
      'a.txt',
      repository.read('a.txt').replace('Second', '[MISC Second  ]'),
      'tag Second',
      'Cy',
    );
    repository.git(['merge', '-q', '--no-edit', 'side'], 'Dee');
    for (const [file, cwd] of [
      ['b.txt', repository.repo],
      [`${repository.repo}/b.txt`, repository.folder],
    ]) {
      const run = repository.emend(['blame', '--json', file], cwd);
      expect(run.code, run.err).toBe(0);
      const rows: Row[] = JSON.parse(run.out);
      expect(rows.map(({ line, label, commit, author }) => [line, label, commit, author])).toEqual([
        [1, 'PER', base, 'Ann'],
        [1, 'LOC', base, 'Ann'],
        [2, 'MISC', edit, 'Cy'],
      ]);
    }
  });

  it('credits each entity of a long history to the commit that last changed it', () => {
    const repository = tempRepository();
    const lines = Array.from({ length: 40 }, (_, k) => `line ${k} [PER Name${k}  ]`);
    repository.commit('long.txt', `${lines.join('\n')}\n`, 'base', 'Ann');
    const commits: string[] = [];
    for (let k = 0; k < lines.length; k++) {
      lines[k] = lines[k].replace('[PER', '[ORG');
      commits.push(repository.commit('long.txt', `${lines.join('\n')}\n`, `relabel ${k}`, `A${k}`));
    }
    const run = repository.emend(['blame', '--json', 'long.txt']);
    const rows: Row[] = JSON.parse(run.out);
    expect(rows.map((row) => [row.line, row.commit, row.author])).toEqual(
      commits.map((commit, k) => [k + 1, commit, `A${k}`]),
    );
  });

  it('refuses a file git does not track, and a missing file, in one line', () => {
    const repository = tempRepository();
    repository.commit('a.txt', '[PER Ann  ]\n', 'start');
    repository.write('new.txt', '[PER Ann  ]\n');
    const untracked = repository.emend(['blame', 'new.txt']);
    expect(untracked.code).toBe(2);
    expect(untracked.err).toContain('new.txt: git has no committed version of this file');
    const missing = repository.emend(['blame', 'gone.txt']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('emend blame: gone.txt: no such file or folder\n');
  });

  it('says a tracked file whose committed version is not UTF-8 text is so, not that git lacks it', () => {
    const repository = tempRepository();
    repository.commit('a.txt', 'café [PER Ann  ]\n', 'start');
    writeFileSync(path.join(repository.repo, 'a.txt'), Buffer.from('café [PER Ann  ]\n', 'latin1'));
    repository.git(['commit', '-qam', 'as latin-1']);
    repository.write('a.txt', 'café [PER Ann  ]\n');
    const run = repository.emend(['blame', 'a.txt']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'emend blame: a.txt: its committed version (HEAD) is not UTF-8 text: commit it as UTF-8 text, then blame it\n',
    );
  });

  it('shows a commit author and subject with their control characters escaped, never sent to the terminal', () => {
    const repository = tempRepository();
    repository.commit('a.txt', '[PER Ann  ]\n', 'second \u001b[1mbold\u0007', 'Ev\u001b[2Jil');
    const run = repository.emend(['blame', 'a.txt']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toContain('\u001b');
    expect(run.out).not.toContain('\u0007');
    expect(run.out).toContain('Ev\\u001b[2Jil');
    expect(run.out).toContain('(second \\u001b[1mbold\\u0007)');
    // --json keeps them as they are (JSON escapes them itself).
    const [row] = JSON.parse(repository.emend(['blame', '--json', 'a.txt']).out) as Row[];
    expect(row.author).toBe('Ev\u001b[2Jil');
  });

  it('reads a file name as itself, never as a pattern: doc[1].txt is not doc1.txt', () => {
    const repository = tempRepository();
    repository.write('doc[1].txt', 'one [PER Alpha  ] .\n');
    repository.write('q?.txt', 'q [ORG Q  ] .\n');
    const base = repository.commit('doc1.txt', 'one [PER Beta  ] here .\n', 'base', 'Ann');
    repository.commit('doc1.txt', 'one [ORG Beta  ] here .\n', 'touch doc1', 'Bo');
    repository.commit('qa.txt', 'qq [LOC QQ  ] .\n', 'add qa', 'Bo');
    for (const name of ['doc[1].txt', 'q?.txt']) {
      const run = repository.emend(['blame', '--json', name]);
      expect(run.code, run.err).toBe(0);
      const rows: Row[] = JSON.parse(run.out);
      expect(rows.map(({ commit, author, change }) => [commit, author, change])).toEqual([
        [base, 'Ann', 'added'],
      ]);
    }
  });

  it('reads commit subjects as UTF-8 whatever encoding the repository asks git to show them in', () => {
    const repository = tempRepository();
    repository.commit('a.txt', '[PER Zoë  ]\n', 'base énoncé', 'Zoë Ångström');
    repository.git(['config', 'i18n.logOutputEncoding', 'ISO-8859-1']);
    const [row] = JSON.parse(repository.emend(['blame', '--json', 'a.txt']).out) as Row[];
    expect(row.author).toBe('Zoë Ångström');
  });

  it('in a shallow clone, says an entity of its oldest commit may be older: the history is cut off there', () => {
    const repository = tempRepository();
    repository.commit('a.txt', '[PER Ann  ] met [LOC Rome  ] .\n', 'first', 'Ann');
    const relabel = repository.commit('a.txt', '[PER Ann  ] met [ORG Rome  ] .\n', 'relabel', 'Bo');
    repository.commit('a.txt', '[PER Ann  ] met [ORG Rome  ] today .\n', 'text', 'Cy');
    const clone = path.join(repository.folder, 'clone');
    repository.run('git', ['clone', '-q', '--depth', '2', `file://${repository.repo}`, clone]);
    const run = repository.run(process.execPath, [BIN, 'blame', '--json', 'a.txt'], clone);
    expect(run.code, run.err).toBe(0);
    const rows: Row[] = JSON.parse(run.out);
    expect(rows.map(({ commit, change }) => [commit, change])).toEqual([
      [relabel, 'added, or earlier (the history before it is not in this shallow clone)'],
      [relabel, 'added, or earlier (the history before it is not in this shallow clone)'],
    ]);
  });
});
