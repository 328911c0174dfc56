// Many files' versions read from git at once: one `git cat-file` process for a list of REV:PATH names.
import { GitError, runGit } from './git-process';

/** What `git cat-file MODE` answers for the names (one per line, in order). */
export async function catFile(
  root: string,
  mode: string,
  names: readonly string[],
): Promise<Buffer> {
  const run = await runGit(['cat-file', mode], root, {
    input: names.map((name) => `${name}\n`).join(''),
  });
  // Reading an object a partial clone lacks makes git try a fetch, which Emend's git never lets
  // through; whether cat-file then says "missing" or dies of the broken pipe is a race, so refuse both.
  if (/fatal: transport '[^']*' not allowed/.test(run.stderr))
    throw new GitError(
      'this partial clone lacks versions that are needed, and Emend never fetches from a remote: fetch them with git first',
    );
  if (run.code !== 0) throw new GitError(`git cat-file: ${run.stderr.trim().split('\n')[0]}`);
  return run.stdout;
}

/** The bytes of several commit:path files by one `git cat-file --batch`; null for a missing object or one that is not a file. */
export async function readObjectBytes(
  root: string,
  names: readonly string[],
): Promise<(Uint8Array | null)[]> {
  if (names.length === 0) return [];
  const out = await catFile(root, '--batch', names);
  const files: (Uint8Array | null)[] = [];
  let at = 0;
  for (const _name of names) {
    const headerEnd = out.indexOf(10, at);
    const header = out.subarray(at, headerEnd).toString('utf8');
    at = headerEnd + 1;
    const [, type, size] = header.split(' ');
    if (size === undefined || header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      files.push(null);
      continue;
    }
    files.push(type === 'blob' ? out.subarray(at, at + Number(size)) : null);
    at += Number(size) + 1;
  }
  return files;
}
