// `emend git setup`: points git's merge and diff drivers for bracket files at this installed CLI.
import { promises as fs, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../workspace/files';
import { gitText, runGit } from '../workspace/git-process';
import { UsageError, type CliIO } from './io';

export interface SetupOptions {
  pattern: string;
  global: boolean;
  /** The command that runs this CLI: node and the script, as absolute paths. */
  cli: readonly string[];
}

/** The absolute node binary and CLI script that are running now (symlinks such as node_modules/.bin resolved). */
export function runningCli(): string[] {
  return [process.execPath, realpathSync(process.argv[1])];
}

/** A word for sh, as git runs drivers through the shell: single-quoted, quotes inside escaped. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The attributes line for a pattern; a pattern with spaces or a leading # or ! cannot be written plainly. */
function attributesLine(pattern: string): string {
  if (pattern === '' || /\s/.test(pattern) || /^[#!]/.test(pattern))
    throw new UsageError(
      `--pattern "${pattern}" cannot be written to .gitattributes (no spaces, no leading # or !)`,
    );
  return `${pattern} merge=emend diff=emend`;
}

/** The attributes file setup writes: the repository's .gitattributes, or the user's global one. */
async function attributesFile(global: boolean, cwd: string): Promise<string> {
  if (!global)
    return path.join(
      (await gitText(['rev-parse', '--show-toplevel'], cwd)).trim(),
      '.gitattributes',
    );
  const configured = await runGit(
    ['config', '--global', '--path', '--get', 'core.attributesFile'],
    cwd,
  );
  const value = configured.stdout.toString('utf8').trim();
  if (configured.code === 0 && value) return value;
  const configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'git', 'attributes');
}

/** Adds line to the attributes file unless it is there; says whether it did. */
async function ensureLine(file: string, line: string): Promise<boolean> {
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text.split(/\r?\n/).some((existing) => existing.trim() === line)) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  await writeFileAtomic(
    file,
    `${text}${text === '' || text.endsWith('\n') ? '' : eol}${line}${eol}`,
  );
  return true;
}

/** Writes the attributes and the driver configuration, printing each thing it set. */
export async function setupGit(
  options: SetupOptions,
  io: CliIO,
  cwd = process.cwd(),
): Promise<void> {
  const line = attributesLine(options.pattern);
  const scope = options.global ? '--global' : '--local';
  if (!options.global) await gitText(['rev-parse', '--git-dir'], cwd);
  const cli = options.cli.map(shellQuote).join(' ');
  const settings: Array<[string, string]> = [
    ['merge.emend.name', 'Emend: merge bracket files entity by entity'],
    ['merge.emend.driver', `${cli} merge-file --marker-size %L --path %P %O %A %B`],
    ['diff.emend.command', `${cli} git diff`],
  ];
  const file = await attributesFile(options.global, cwd);
  const added = await ensureLine(file, line);
  io.out(`${file}: ${added ? 'added' : 'already has'} "${line}"\n`);
  for (const [key, value] of settings) {
    await gitText(['config', scope, key, value], cwd);
    io.out(`git config ${scope} ${key} ${value}\n`);
  }
}
