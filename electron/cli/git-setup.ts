// `emend git setup`: points git's merge and diff drivers for bracket files at this installed CLI.
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWritable, writeFileAtomic } from '../workspace/atomic-write';
import { gitText, runGit } from '../workspace/git-process';
import { plural, someOf } from '../../shared/plural';
import { printable, UsageError, warn, type CliIO } from './io';

export interface SetupOptions {
  pattern: string;
  global: boolean;
  /** Override attribute lines for the pattern and replace drivers set more than once. */
  force: boolean;
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

/** Why a pattern cannot go into .gitattributes as it is, or null when it can. */
function patternProblem(pattern: string): string | null {
  if (pattern === '' || /\s/.test(pattern) || /^[#!]/.test(pattern))
    return 'cannot be written to .gitattributes (no spaces, no leading # or !)';
  if (pattern.endsWith('/'))
    return 'names a folder, and attributes apply to files: write FOLDER/** instead';
  for (let k = 0; k < pattern.length; k++) {
    if (pattern[k] === '\\') {
      if (++k === pattern.length) return 'is not a valid pattern: it ends with a lone \\';
    } else if (pattern[k] === '[') {
      const close = bracketEnd(pattern, k);
      if (close === -1)
        return `is not a valid pattern: the "[" at character ${k + 1} is never closed by "]"`;
      k = close;
    }
  }
  return null;
}

/** Where the bracket expression opened at `open` ends (its "]"), or -1 when it never does. */
function bracketEnd(pattern: string, open: number): number {
  let k = open + 1;
  if (pattern[k] === '!' || pattern[k] === '^') k++;
  if (pattern[k] === ']') k++; // a "]" first in the set is a member, not the end
  for (; k < pattern.length; k++) {
    if (pattern[k] === ']') return k;
    if (pattern[k] === '\\') k++;
  }
  return -1;
}

/** The attributes line for a pattern, or a usage error saying why the pattern cannot have one. */
function attributesLine(pattern: string): string {
  const problem = patternProblem(pattern);
  if (problem) throw new UsageError(`--pattern ${JSON.stringify(pattern)} ${problem}`);
  return `${pattern} ${OUR_ATTRIBUTES.join(' ')}`;
}

const OUR_ATTRIBUTES: readonly string[] = ['merge=emend', 'diff=emend'];

/** Which driver attribute (merge or diff) an attribute word sets, unsets or resets; binary sets both. */
function driversSet(word: string): string[] {
  if (word === 'binary') return ['merge', 'diff'];
  const name = word.replace(/^[-!]/, '').split('=')[0];
  return name === 'merge' || name === 'diff' ? [name] : [];
}

/**
 * What the attributes file says for pattern: whether its last word on merge and on diff is ours,
 * and the lines that set them otherwise (which a line of ours after them would override).
 */
function attributesFor(text: string, pattern: string) {
  const last = new Map<string, string>(); // driver attribute → the word that sets it last
  const overridden: Array<{ number: number; line: string; sets: string[] }> = [];
  text.split(/\r?\n/).forEach((line, k) => {
    const [first, ...words] = line.trim().split(/\s+/);
    if (first !== pattern) return;
    const foreign = new Set<string>();
    for (const word of words) {
      for (const driver of driversSet(word)) {
        last.set(driver, word);
        if (!OUR_ATTRIBUTES.includes(word)) foreign.add(driver);
      }
    }
    if (foreign.size > 0) overridden.push({ number: k + 1, line: line.trim(), sets: [...foreign] });
  });
  const present = OUR_ATTRIBUTES.every((word) => last.get(word.split('=')[0]) === word);
  return { present, overridden };
}

/**
 * The attributes file setup writes: the repository's .gitattributes, or the user's global one. The
 * repository's is refused where its work tree is not around the folder setup runs in: a cloned
 * repository's own config can set core.worktree to any folder (the home folder, another project).
 */
async function attributesFile(global: boolean, cwd: string): Promise<string> {
  if (!global) {
    const top = (await gitText(['rev-parse', '--show-toplevel'], cwd)).trim();
    const [here, tree] = await Promise.all([fs.realpath(cwd), fs.realpath(top)]);
    if (here !== tree && !here.startsWith(tree + path.sep)) {
      throw new UsageError(
        `the repository's work tree is ${printable(top)} (its config sets core.worktree), not this folder or one around it: setup writes no .gitattributes there`,
      );
    }
    return path.join(top, '.gitattributes');
  }
  const configured = await runGit(
    ['config', '--global', '--path', '--get', 'core.attributesFile'],
    cwd,
  );
  const value = configured.stdout.toString('utf8').trim();
  if (configured.code === 0 && value) return value;
  const configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'git', 'attributes');
}

/** The attributes file's text, '' when it does not exist yet. */
async function readAttributes(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return '';
  }
}

/** Appends line to the attributes file's text (created with its folder when missing). */
async function appendLine(file: string, text: string, line: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  await writeFileAtomic(
    file,
    `${text}${text === '' || text.endsWith('\n') ? '' : eol}${line}${eol}`,
  );
}

/**
 * Writes the attributes and the driver configuration, printing each thing it set. Everything is
 * checked first (the pattern, an attribute line it would override, a driver set more than once in
 * the config, a file it cannot write), so a refusal writes nothing; --force overrides and replaces.
 */
export async function setupGit(
  options: SetupOptions,
  io: CliIO,
  cwd = process.cwd(),
): Promise<void> {
  const line = attributesLine(options.pattern);
  const scope = options.global ? '--global' : '--local';
  const where = options.global ? 'your global git config' : "the repository's git config";
  if (!options.global) await gitText(['rev-parse', '--git-dir'], cwd);
  const cli = options.cli.map(shellQuote).join(' ');
  const settings: Array<[string, string]> = [
    ['merge.emend.name', 'Emend: merge bracket files entity by entity'],
    ['merge.emend.driver', `${cli} merge-file --marker-size %L --path=%P %O %A %B`],
    ['diff.emend.command', `${cli} git diff`],
  ];
  const file = await attributesFile(options.global, cwd);
  // Git reads no .gitattributes that is a link; a cloned one could lead anywhere, so none is followed.
  if (!options.global && (await fs.lstat(file).catch(() => null))?.isSymbolicLink()) {
    throw new UsageError(
      `${file} is a symbolic link: git does not read a .gitattributes that is a link, and setup does not write through one; make it a file`,
    );
  }
  const text = await readAttributes(file);
  const { present, overridden } = attributesFor(text, options.pattern);
  const driverNames = (sets: string[]) => sets.join(' and ');
  if (!present && overridden.length > 0 && !options.force) {
    const [first] = overridden;
    throw new UsageError(
      `${file}:${first.number} "${first.line}" already sets ${driverNames(first.sets)} for ${options.pattern}; rerun with --force to override it`,
    );
  }
  for (const [key] of settings) {
    const values = await runGit(['config', scope, '--get-all', key], cwd);
    const count = values.stdout.toString('utf8').split('\n').filter(Boolean).length;
    if (count > 1 && !options.force) {
      throw new UsageError(
        `${key} has ${count} values in ${where}; rerun with --force to replace them`,
      );
    }
  }
  if (!present) {
    if (existsSync(path.dirname(file))) await checkWritable(file);
    await appendLine(file, text, line);
    io.out(`${file}: added "${line}"\n`);
    for (const { number, line: old, sets } of overridden) {
      warn(
        io,
        'emend git',
        `${file}: "${line}" overrides line ${number} "${old}" (${driverNames(sets)} now go${sets.length === 1 ? 'es' : ''} to emend)`,
      );
    }
  } else io.out(`${file}: already has "${line}"\n`);
  for (const [key, value] of settings) {
    await gitText(['config', scope, '--replace-all', key, value], cwd);
    io.out(`git config ${scope} ${key} ${value}\n`);
  }
  if (!options.global) await warnOfFilesNotReached(options.pattern, path.dirname(file), io);
}

/**
 * Warns of the tracked files the pattern names whose merge or diff driver is not emend's all the
 * same: another attributes line sets it (a folder's .gitattributes, .git/info/attributes, a line
 * after setup's), which git reads over setup's line.
 */
async function warnOfFilesNotReached(pattern: string, top: string, io: CliIO): Promise<void> {
  const listed = await runGit(['ls-files', '-z', '--', pattern], top, { patterns: true });
  const files = listed.stdout.toString('utf8').split('\0').filter(Boolean);
  if (files.length === 0) return;
  const checked = await runGit(['check-attr', '-z', '--stdin', 'merge', 'diff'], top, {
    input: files.join('\0'),
  });
  // path NUL attribute NUL value NUL, for each file and attribute.
  const fields = checked.stdout.toString('utf8').split('\0');
  const elsewhere = new Map<string, string[]>();
  for (let k = 0; k + 2 < fields.length; k += 3) {
    const [file, attribute, value] = fields.slice(k, k + 3);
    if (value === 'emend') continue;
    elsewhere.set(file, [...(elsewhere.get(file) ?? []), `${attribute}: ${value}`]);
  }
  if (elsewhere.size === 0) return;
  const named = [...elsewhere].map(
    ([file, drivers]) => `${printable(file)} (${drivers.join(', ')})`,
  );
  warn(
    io,
    'emend git',
    `${plural(elsewhere.size, 'tracked file')} named by ${pattern} still ${elsewhere.size === 1 ? 'goes' : 'go'} to another driver, which another attributes line sets (a folder's .gitattributes, .git/info/attributes or a line after emend's): ${someOf(named)}`,
  );
}
