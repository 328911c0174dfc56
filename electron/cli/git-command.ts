// `emend git`: the git integration's subcommands, `setup` (run by users) and `diff` (run by git).
import { diffDriver } from './git-diff-driver';
import { runningCli, setupGit } from './git-setup';
import { EXIT_OK, parseFlags, UsageError, type CliIO, type Command } from './io';

const USAGE = `Usage: emend git setup [--pattern GLOB] [--global] [--force]
       emend git diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
  setup   makes git merge and diff bracket files by entity: adds "GLOB merge=emend diff=emend"
          (GLOB default *.txt) to the repository's .gitattributes and sets merge.emend.driver and
          diff.emend.command in its git config, pointing at this installed emend by absolute path.
          --global writes the user's git config and global attributes file instead. Safe to rerun.
          A line that already sets merge or diff for GLOB, or a driver set twice in the config, is
          refused with nothing written; --force overrides the line (saying so) and replaces the driver.
  diff    the diff driver git runs (\`git diff\`, \`git log -p --ext-diff\`): lists entities added,
          removed, relabeled and resized, and text edits, with line:column.`;

export const gitCommand: Command = {
  summary: 'set up git to merge and diff bracket files by entity (setup); the diff driver (diff)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const [subcommand, ...rest] = args;
    if (subcommand === 'diff') {
      await diffDriver(rest, io);
      return EXIT_OK;
    }
    if (subcommand === undefined) throw new UsageError('give a subcommand: setup or diff');
    if (subcommand !== 'setup')
      throw new UsageError(`unknown subcommand "${subcommand}": give setup or diff`);
    const { values, positionals } = parseFlags(rest, {
      pattern: { type: 'string', default: '*.txt' },
      global: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await setupGit(
      { pattern: values.pattern, global: values.global, force: values.force, cli: runningCli() },
      io,
    );
    return EXIT_OK;
  },
};
