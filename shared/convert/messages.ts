// What converting reports: warnings and errors on a line of a file, and failed checks of an export.
import { append } from '../long-lists';

/**
 * A value from an input file as a message may quote it: its JSON, cut after `limit` characters,
 * written without recursing deeper than that (a list nested 100,000 deep is shown, not a crash).
 */
export function preview(value: unknown, limit = 40): string {
  let out = '';
  const write = (item: unknown): void => {
    if (out.length > limit) return;
    if (Array.isArray(item)) {
      out += '[';
      for (let i = 0; i < item.length && out.length <= limit; i++) {
        if (i > 0) out += ',';
        write(item[i]);
      }
      out += ']';
    } else if (item !== null && typeof item === 'object') {
      out += '{';
      Object.entries(item).forEach(([key, inner], i) => {
        if (out.length > limit) return;
        out += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
        write(inner);
      });
      out += '}';
    } else {
      out += JSON.stringify(item) ?? String(item);
    }
  };
  write(value);
  return out.length > limit ? `${out.slice(0, limit)}…` : out;
}

/** A warning or error about a file, on a 1-based line of that file. */
export interface ConvertMessage {
  line: number;
  message: string;
}

/** Bad input: the file cannot be converted; line says where in the input, more lists its other problems. */
export class ConvertError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly more: readonly ConvertMessage[] = [],
  ) {
    super(message);
    this.name = 'ConvertError';
  }
}

/** The problems a refusal of a line-by-line file names at most: one wrong on every line is not listed whole. */
export const MOST_PROBLEMS = 50;

/** Keeps the problems a ConvertError names (its own and its more) in problems; any other error is thrown on. */
export function keepProblems(problems: ConvertMessage[], error: unknown): void {
  if (!(error instanceof ConvertError)) throw error;
  problems.push({ line: error.line, message: error.message });
  append(problems, error.more);
}

/** Throws a ConvertError of every problem, in input order (nothing when there is none). */
export function refuseProblems(problems: readonly ConvertMessage[]): void {
  if (problems.length === 0) return;
  const [first, ...more] = [...problems].sort((a, b) => a.line - b.line);
  throw new ConvertError(first.line, first.message, more);
}

/** An export that does not read back as its document: a bug, reported with the source line. */
export class ExportCheckError extends ConvertError {
  constructor(line: number, message: string) {
    super(line, `export check failed: ${message}`);
    this.name = 'ExportCheckError';
  }
}
