// Which file or folder a start (or a second start) of the app asks to open, read from its argv.
import path from 'node:path';

export interface LaunchContext {
  /** A packaged app's argv is [app, ...args]; in development it is [electron, appPath, ...args]. */
  packaged: boolean;
  /** The folder relative paths are taken from (npm keeps the caller's in INIT_CWD). */
  cwd: string;
}

/** The last argument that is not a switch, resolved; null when none was given. */
export function launchPath(argv: readonly string[], context: LaunchContext): string | null {
  const args = argv.slice(context.packaged ? 1 : 2);
  const given = args.filter((arg) => arg !== '' && !arg.startsWith('-')).at(-1);
  return given === undefined ? null : path.resolve(context.cwd, given);
}
