// Runs git for Emend (never through a shell) with every repository setting that would run a program turned off, so a corpus from someone else is only read.
import { spawn } from 'node:child_process';
import { formatBytes } from './file-error';

export interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** A git command that failed, or git missing: its message is git's first line of complaint. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Settings given on the command line, which win over every config file (the repository's own
 * .git/config and whatever it includes): each turns off a way a repository's config runs a program.
 */
const NEUTRAL_CONFIG: ReadonlyArray<[string, string]> = [
  ['log.showSignature', 'false'], // else `git log` runs gpg.program (or gpg.ssh.program) on signed commits
  ['core.pager', 'cat'],
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['credential.helper', ''], // an empty value clears the list
  // Not programs, but settings that change what Emend reads: commit messages re-encoded, the
  // first commit's diff left out of `git log -p`.
  ['i18n.logOutputEncoding', 'UTF-8'],
  ['log.showRoot', 'true'],
];

/**
 * The environment git runs in: no system config; no transport at all (a partial clone would
 * otherwise fetch a missing object through the remote its config names: an `ext::` command, an ssh
 * with core.sshCommand, a credential helper); no terminal prompt; no pager; no external diff.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ALLOW_PROTOCOL: '',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
  };
  for (const name of [
    'GIT_EXTERNAL_DIFF',
    'GIT_ASKPASS',
    'SSH_ASKPASS',
    'GIT_SSH',
    'GIT_SSH_COMMAND',
  ]) {
    delete env[name];
  }
  return env;
}

/**
 * Subcommands that could show a diff take flags that keep the repository's diff drivers out
 * (diff.external, diff.<driver>.command and .textconv chosen by its .gitattributes). Emend runs no
 * other subcommand that applies attributes (no checkout or blame: filters are never run).
 */
const DIFF_GUARDS: Readonly<Record<string, readonly string[]>> = {
  log: ['--no-ext-diff', '--no-textconv', '--no-show-signature'],
  show: ['--no-ext-diff', '--no-textconv', '--no-show-signature'],
  diff: ['--no-ext-diff', '--no-textconv'],
};

/**
 * The full argument list for `git ARGS`: the neutral settings, then the subcommand and its guards.
 * Paths are read as themselves (`doc[1].txt` is no pattern), unless patterns are asked for.
 */
export function neutralArguments(args: readonly string[], patterns = false): string[] {
  const [subcommand, ...rest] = args;
  return [
    '--no-pager',
    ...(patterns ? [] : ['--literal-pathspecs']),
    ...NEUTRAL_CONFIG.flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    subcommand,
    ...(DIFF_GUARDS[subcommand] ?? []),
    ...rest,
  ];
}

/**
 * Runs `git ARGS` in cwd, neutralised (see NEUTRAL_CONFIG), and collects its output, whatever its
 * exit status; input goes to its stdin. Output past maxBytes stops git and throws a GitError.
 * patterns: its paths are git's patterns (`*.txt`), not paths.
 */
export function runGit(
  args: readonly string[],
  cwd: string,
  {
    input,
    maxBytes = Infinity,
    patterns = false,
  }: { input?: string; maxBytes?: number; patterns?: boolean } = {},
): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', neutralArguments(args, patterns), {
      cwd,
      env: gitEnvironment(),
      windowsHide: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= maxBytes) return void out.push(chunk);
      child.kill();
      reject(new GitError(`git ${args[0]}: its output is larger than ${formatBytes(maxBytes)}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        new GitError(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'git is not installed on this computer'
            : `cannot run git: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (child.stdin) {
      // git may exit before reading all of its input; its exit status tells what happened.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

/** git's first line of complaint about a run, or its exit status. */
export function gitComplaint(run: GitRun): string {
  return run.stderr.trim().split('\n')[0] || `exit status ${run.code}`;
}

/** Runs `git ARGS` and gives its stdout as text; throws GitError when git exits non-zero. */
export async function gitText(args: readonly string[], cwd: string): Promise<string> {
  const run = await runGit(args, cwd);
  if (run.code !== 0) throw new GitError(`git ${args[0]}: ${gitComplaint(run)}`);
  return run.stdout.toString('utf8');
}
