// What a CLI command writes to and how it fails: injected streams, usage errors, exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal that takes ANSI colors. */
  color: boolean;
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

/** node:util parseArgs, strict, with its errors turned into UsageErrors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    progress: process.stderr.isTTY
      ? (line) => process.stderr.write(`\r\u001b[2K${line}`)
      : undefined,
  };
}

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function paint(io: CliIO, color: keyof typeof ANSI, text: string): string {
  return io.color ? `\u001b[${ANSI[color]}m${text}\u001b[0m` : text;
}
