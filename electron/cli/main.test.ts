// The command line's own help: `emend`, `emend --help` and `emend help COMMAND`.
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

describe('emend help', () => {
  it("emend help COMMAND prints that command's help, as emend COMMAND --help does", async () => {
    const help = await runCli(['help', 'export']);
    const flag = await runCli(['export', '--help']);
    expect(help).toEqual({ code: 0, out: flag.out, err: '' });
    expect(help.out).toMatch(/^Usage: emend export /);
  });

  it('emend help with an unknown command is a usage error', async () => {
    const result = await runCli(['help', 'no-such-command']);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'emend: unknown command "no-such-command"\nRun `emend --help` for the list of commands.\n',
    });
  });

  it('emend help takes one topic: help help is the list, a second topic a usage error', async () => {
    expect(await runCli(['help', 'help'])).toEqual(await runCli(['help']));
    expect(await runCli(['help', 'validate', 'stats'])).toEqual({
      code: 2,
      out: '',
      err: 'emend help: give one command, not 2 ("validate stats")\nRun `emend --help` for the list of commands.\n',
    });
  });

  it('emend help and emend --help print the list of commands on stdout', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const result = await runCli(argv);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^Usage: emend COMMAND/);
      expect(result.err).toBe('');
    }
  });

  it('emend --help with a flag after it prints the list of commands, not "unknown command"', async () => {
    const result = await runCli(['--help', '--version']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: emend COMMAND/);
  });

  it('names what is wrong: an unknown git subcommand, and "-" (standard input elsewhere)', async () => {
    expect((await runCli(['git', 'frob'])).err).toContain(
      'emend git: unknown subcommand "frob": give setup or diff',
    );
    expect((await runCli(['validate', '-'])).err).toContain(
      '-: no such file or folder (Emend reads files and folders, not standard input: save it to a file)',
    );
  });

  it('emend --help names --version', async () => {
    expect((await runCli(['--help'])).out).toContain('`emend --version`');
  });

  it('bare emend is a usage error: the list of commands on stderr, nothing on stdout', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe((await runCli(['--help'])).out);
  });
});
