// The `emend` command line: dispatches to a command, turns every failure into one line and an exit code.
import { FileError } from '../workspace/file-error';
import { SettingsError } from '../workspace/state-file';
import { GitError } from '../workspace/git-process';
// Bundled into out/cli by the build: the installed command needs no package.json beside it.
import { version } from '../../package.json';
import {
  EXIT_OK,
  EXIT_USAGE,
  printable,
  processIO,
  UsageError,
  type CliIO,
  type Command,
} from './io';

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate')).validate,
  stats: async () => (await import('./stats')).stats,
  check: async () => (await import('./check')).check,
  suspects: async () => (await import('./suspects')).suspectsCommand,
  tag: async () => (await import('./corrections')).tag,
  relabel: async () => (await import('./corrections')).relabel,
  untag: async () => (await import('./corrections')).untag,
  export: async () => (await import('./export')).exportCommand,
  import: async () => (await import('./import')).importCommand,
  diff: async () => (await import('./diff')).diffCommand,
  agree: async () => (await import('./agree')).agreeCommand,
  adjudicate: async () => (await import('./adjudicate')).adjudicateCommand,
  serve: async () => (await import('./serve')).serveCommand,
  'merge-file': async () => (await import('./merge-file')).mergeFileCommand,
  blame: async () => (await import('./blame')).blameCommand,
  git: async () => (await import('./git-command')).gitCommand,
};

/** Every command's name, as typed after `emend`. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

async function helpText(): Promise<string> {
  const lines = ['Usage: emend COMMAND [OPTIONS] PATH...', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  }
  lines.push(
    '',
    "Run `emend COMMAND --help` (or `emend help COMMAND`) for a command's options;",
    '`emend --version` (or `-V`) prints the version.',
  );
  return `${lines.join('\n')}\n`;
}

/** The command a name calls, or undefined with the usage error for an unknown name said on stderr. */
async function commandNamed(name: string, io: CliIO): Promise<Command | undefined> {
  const load = COMMANDS[name];
  if (load) return load();
  io.err(
    `emend: unknown command "${printable(name)}"\nRun \`emend --help\` for the list of commands.\n`,
  );
  return undefined;
}

/** `emend help [COMMAND]`: the list of commands, or one command's usage (as its --help prints it). */
async function help(topic: string | undefined, io: CliIO): Promise<number> {
  // `emend --help --version` and the like: a flag names no command.
  if (topic === undefined || topic === 'help' || topic.startsWith('-')) {
    io.out(await helpText());
    return EXIT_OK;
  }
  const command = await commandNamed(topic, io);
  if (!command) return EXIT_USAGE;
  io.out(`${command.usage}\n`);
  return EXIT_OK;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  // No command is a usage error: the list of commands goes where errors go, never into a pipe's data.
  if (!name) {
    io.err(await helpText());
    return EXIT_USAGE;
  }
  if (name === '--version' || name === '-V') {
    if (args.length > 0) {
      io.err(`emend ${name}: takes nothing more, not "${printable(args.join(' '))}"\n`);
      return EXIT_USAGE;
    }
    io.out(`emend ${version}\n`);
    return EXIT_OK;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    if (args.length > 1) {
      io.err(
        `emend help: give one command, not ${args.length} ("${printable(args.join(' '))}")\nRun \`emend --help\` for the list of commands.\n`,
      );
      return EXIT_USAGE;
    }
    return help(args[0], io);
  }
  const command = await commandNamed(name, io);
  if (!command) return EXIT_USAGE;
  if (args.includes('--help') || args.includes('-h')) return help(name, io);
  try {
    return await command.run(args, io);
  } catch (error) {
    // A message is one line: a name it quotes (a file's, a revision's) may hold a line feed or an escape.
    const message = printable(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) {
      io.err(`emend ${name}: ${message}\nRun \`emend ${name} --help\` for its usage.\n`);
    } else if (
      error instanceof FileError ||
      error instanceof SettingsError ||
      error instanceof GitError
    ) {
      io.err(`emend ${name}: ${message}\n`);
    } else {
      io.err(`emend ${name}: unexpected failure: ${message}\n`);
    }
    return EXIT_USAGE;
  }
}
