// Runs git as a child process (never through a shell) and turns its failures into one-line messages.
import { spawn } from 'node:child_process';

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

/** Runs `git ARGS` in cwd and collects its output, whatever its exit status. */
export function runGit(args: readonly string[], cwd: string, input?: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      windowsHide: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`)));
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

/** Runs `git ARGS` and gives its stdout as text; throws GitError when git exits non-zero. */
export async function gitText(args: readonly string[], cwd: string): Promise<string> {
  const run = await runGit(args, cwd);
  if (run.code !== 0) {
    const detail = run.stderr.trim().split('\n')[0] || `exit status ${run.code}`;
    throw new GitError(`git ${args[0]}: ${detail}`);
  }
  return run.stdout.toString('utf8');
}
