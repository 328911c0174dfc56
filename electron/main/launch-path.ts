// Which file or folder a start (or a second start) of the app asks to open, read from its argv.
import path from 'node:path';

export interface LaunchContext {
  /** A packaged app's argv is [app, ...args]; in development the first non-switch is the app folder. */
  packaged: boolean;
  /** The folder relative paths are taken from (npm keeps the caller's in INIT_CWD). */
  cwd: string;
}

/**
 * The last argument that is not a switch, resolved; null when none was given. Switches may come
 * anywhere (Chromium's, or a test driver's before the app folder), so they are dropped first.
 */
export function launchPath(argv: readonly string[], context: LaunchContext): string | null {
  const positional = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'));
  const given = positional.slice(context.packaged ? 0 : 1).at(-1);
  return given === undefined ? null : path.resolve(context.cwd, given);
}
