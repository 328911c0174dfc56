// What a CLI command writes to and how it fails: injected streams, usage errors, exit codes.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Diagnostic } from '../../shared/format/document';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal that takes ANSI colors. */
  color: boolean;
  /** Whether stdout is a terminal (see forTerminal). */
  terminal?: boolean;
  /** Redraws a one-line progress report ('' clears it); set only where stderr is a terminal. */
  progress?: (line: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FOUND = 1;
export const EXIT_USAGE = 2;

/** Wrong flags or arguments: printed as one line and a pointer to the command's --help, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs, strict, with its errors turned into UsageErrors; a flag that takes one value
 * is refused when given twice (the parser keeps the last), one marked `multiple` may be repeated.
 */
export function parseFlags<T extends FlagOptions>(args: string[], options: T) {
  const { values, positionals, tokens } = parseStrict(args, options);
  const repeated = repeatedFlag(tokens, options);
  if (repeated !== undefined) throw new UsageError(`--${repeated} is given twice; give it once`);
  return { values, positionals };
}

function parseStrict<T extends FlagOptions>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const problem = error as Error & { code?: string };
    throw new UsageError(
      problem.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? unknownFlag(args, options)
        : flagProblem(problem),
    );
  }
}

/**
 * The first unknown flag as typed (`-dash.txt`, which the parser reads as the flags -d -a -s ...),
 * and, where a file has that name, how to name the file instead.
 */
function unknownFlag(args: string[], options: FlagOptions): string {
  const { tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const unknown = tokens.find(
    (token) => token.kind === 'option' && !Object.hasOwn(options, token.name),
  );
  if (unknown === undefined) return 'unknown flag';
  const typed = args[unknown.index];
  // Not `-- NAME`: diff, agree and adjudicate read what follows `--` as the paths of revisions.
  const file = existsSync(typed) ? `; to name the file ${typed}, write ./${typed}` : '';
  return `unknown flag ${typed}${file}`;
}

/** The first flag that takes one value and is given more than once, if any. */
function repeatedFlag(
  tokens: ReadonlyArray<{ kind: string; name?: string }>,
  options: FlagOptions,
): string | undefined {
  const given = new Set<string>();
  for (const { kind, name } of tokens) {
    if (kind !== 'option' || name === undefined) continue;
    const option = options[name];
    if (option.type !== 'string' || option.multiple) continue;
    if (given.has(name)) return name;
    given.add(name);
  }
  return undefined;
}

/** A flag parsing error in one line of our own words: the parser's run to three lines, in its terms. */
function flagProblem(error: Error & { code?: string }): string {
  const flag = /'(--?[^' ]+)/.exec(error.message)?.[1] ?? 'a flag';
  if (error.message.includes('ambiguous'))
    return `${flag} needs a value; a value that starts with "-" is written ${flag}=VALUE`;
  if (error.message.includes('argument missing')) return `${flag} needs a value`;
  if (error.message.includes('does not take an argument')) return `${flag} takes no value`;
  return error.message.split('\n')[0];
}

/** Bytes of output gathered before they are written at once, where stdout is not a terminal. */
const GATHERED = 1 << 16;

/**
 * Text for stdout, gathered and written in one piece once the running task yields (or GATHERED are
 * waiting), so that a report of thousands of lines is a few writes, not a write per line.
 */
function gatheredStdout(writeOut: (text: string) => void): {
  write(text: string): void;
  flush(): void;
} {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    writeOut(pending.join(''));
    pending = [];
    size = 0;
  };
  process.once('exit', flush);
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= GATHERED) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/**
 * stdout and stderr written in the order they are printed, and nothing more once stdout has failed
 * (its reader went away: the process then ends quietly, see emend.ts). A write to a pipe its reader
 * has not emptied waits; text for stderr waits behind it (else a summary would be printed after a
 * reader that stopped early, `emend validate x 2>err | head -1`), and stdout's text behind that.
 */
function orderedStreams(): { out(text: string): void; err(text: string): void } {
  /** stdout writes not done yet. */
  let writing = 0;
  const held: Array<{ stderr: boolean; text: string }> = [];
  const failed = () => process.stdout.errored !== null;
  const writeOut = (text: string) => {
    writing++;
    process.stdout.write(text, () => {
      writing--;
      release();
    });
  };
  const release = () => {
    for (let next = held[0]; next && !failed(); next = held[0]) {
      if (next.stderr && writing > 0) return;
      held.shift();
      if (next.stderr) process.stderr.write(next.text);
      else writeOut(next.text);
    }
  };
  return {
    out(text) {
      if (failed()) return;
      if (held.length > 0) held.push({ stderr: false, text });
      else writeOut(text);
    },
    err(text) {
      held.push({ stderr: true, text });
      release();
    },
  };
}

/** The process's own streams; on a terminal stdout is written line by line, elsewhere gathered. */
export function processIO(): CliIO {
  const streams = orderedStreams();
  const stdout = process.stdout.isTTY
    ? { write: streams.out, flush: () => {} }
    : gatheredStdout(streams.out);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  // Colours are chosen by stdout; stderr sent elsewhere (a log file) gets none.
  const stderrColor = color && Boolean(process.stderr.isTTY);
  // A progress line is drawn on a terminal that takes escapes; any other output first clears it.
  const drawsProgress = Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb';
  let progressShown = false;
  const clearProgress = () => {
    if (!progressShown) return;
    process.stderr.write('\r\u001b[2K');
    progressShown = false;
  };
  return {
    out: (text) => {
      clearProgress();
      stdout.write(text);
    },
    // What stdout holds first, so that both in one file or pipe (2>&1) keep their order.
    err: (text) => {
      clearProgress();
      stdout.flush();
      streams.err(stderrColor ? text : text.replace(ANSI_ESCAPE, ''));
    },
    color,
    terminal: Boolean(process.stdout.isTTY),
    progress: drawsProgress
      ? (line) => {
          process.stderr.write(`\r\u001b[2K${line}`);
          progressShown = line !== '';
        }
      : undefined,
  };
}

/** The colour escapes paint writes. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function paint(io: CliIO, color: keyof typeof ANSI, text: string): string {
  return io.color ? `\u001b[${ANSI[color]}m${text}\u001b[0m` : text;
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'dim' } as const;

/** A diagnostic as every command prints it: `PATH:LINE:COL: severity code: message` (no line end). */
export function diagnosticLine(
  io: CliIO,
  path: string,
  { line, column, severity, code, message }: Diagnostic,
): string {
  return `${printable(path)}:${line}:${column}: ${paint(io, SEVERITY_COLOR[severity], severity)} ${code}: ${message}`;
}

/** A place `LINE:COLUMN` as a report's first column: nine wide, and never glued to what follows. */
export const placeColumn = (line: number, column: number) => `${`${line}:${column}`.padEnd(8)} `;

/**
 * Control characters (C0, DEL, C1), which written to a terminal can clear it, retitle it or fake a
 * line, the bidi controls (marks, embeddings, overrides, isolates), which make it show a name
 * other than its bytes (`a<RLO>txt.exe` read as `aexe.txt`), and U+FEFF (a byte order mark), which
 * shows nothing at all.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text from outside (a commit's author or subject, a name) as one terminal line may show it: each
 * control or bidi control character (a line feed too) and U+FEFF written as a \u escape, as JSON
 * writes it.
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/**
 * A document's text in a report, as JSON quotes it, with what a terminal would not show as it is
 * (bidi controls, a byte order mark; see printable) escaped too.
 */
export const quoted = (text: string) => printable(JSON.stringify(text));

/** A control character as JSON writes it: `\\u001b`. */
const escaped = (code: string) => `\\u${code.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters but line feed and tab. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROLS_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A file's text (a diff of it) as stdout takes it: on a terminal, each control character but line
 * feed and tab written as a \u escape (a file's bytes could clear the screen or rewrite the lines a
 * reviewer reads); byte for byte into a pipe or a file (a patch applies).
 */
export function forTerminal(io: CliIO, text: string): string {
  return io.terminal ? text.replace(CONTROLS_IN_LINES, escaped) : text;
}

/**
 * A warning on stderr, led by what it is about: `emend CMD` (the run, or a whole file named in the
 * message) or `FILE:LINE` (a line: the form compilers print and editors jump to).
 */
export function warn(io: CliIO, about: string, message: string): void {
  io.err(`${about}: ${paint(io, 'yellow', 'warning')}: ${message}\n`);
}
