// Test helpers for the git integration: temp repositories driven by real git, with no user config touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** A temp repository on branch main (removed when the test ends), with its own HOME and global git config so nothing of the user's is read or written. */
export function tempRepository() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-git-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const home = path.join(folder, 'home');
  const repo = path.join(folder, 'repo');
  mkdirSync(home);
  mkdirSync(repo);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_PAGER: 'cat',
    NO_COLOR: '1',
  };
  const run = (command: string, args: readonly string[], cwd = repo): Run => {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
    return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
  };
  /** git as an author (default Ann); throws when git fails, unless allowed. */
  const git = (args: readonly string[], author = 'Ann'): string =>
    execFileSync(
      'git',
      [
        '-c',
        `user.name=${author}`,
        '-c',
        `user.email=${author.toLowerCase()}@example.org`,
        ...args,
      ],
      { cwd: repo, env, encoding: 'utf8' },
    );
  const tryGit = (args: readonly string[], author = 'Ann'): Run =>
    run('git', [
      '-c',
      `user.name=${author}`,
      '-c',
      `user.email=${author.toLowerCase()}@example.org`,
      ...args,
    ]);
  git(['init', '-q', '-b', 'main']);
  return {
    folder,
    repo,
    home,
    env,
    git,
    tryGit,
    /** The emend CLI of this checkout as a real process (bin/emend.js). */
    emend: (args: readonly string[], cwd = repo) =>
      run(process.execPath, [path.join(root, 'bin/emend.js'), ...args], cwd),
    run,
    write: (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
      writeFileSync(path.join(repo, name), text);
    },
    read: (name: string) => readFileSync(path.join(repo, name), 'utf8'),
    /** Writes the file and commits it (all changes) as author. */
    commit: (name: string, text: string, message: string, author = 'Ann') => {
      mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
      writeFileSync(path.join(repo, name), text);
      git(['add', '-A'], author);
      git(['commit', '-q', '-m', message], author);
      return git(['rev-parse', 'HEAD']).trim();
    },
  };
}

export type TempRepository = ReturnType<typeof tempRepository>;
