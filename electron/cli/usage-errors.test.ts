// Every command answers a usage error with one line naming the problem and one line pointing at its --help.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from './main';
import { runCli } from './testing';

describe('usage errors', () => {
  it.each(COMMAND_NAMES)(
    'emend %s with an unknown flag: the error and a hint, no usage',
    async (name) => {
      const result = await runCli([name, '--no-such-flag']);
      expect(result.code).toBe(2);
      const lines = result.err.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(new RegExp(`^emend ${name}: .+`));
      expect(lines[1]).toBe(`Run \`emend ${name} --help\` for its usage.`);
      expect(lines[2]).toBe('');
      expect(result.out).toBe('');
    },
  );

  it.each([
    [
      ['stats', '--jobs', '-1', 'x'],
      '--jobs needs a value; a value that starts with "-" is written --jobs=VALUE',
    ],
    [['stats', 'x', '--jobs'], '--jobs needs a value'],
    [['stats', '--json=yes', 'x'], '--json takes no value'],
    [['stats', '--bogus', 'x'], 'unknown flag --bogus'],
    [['stats', '-dash.txt'], 'unknown flag -dash.txt'],
    [['stats', '--bogus=1', 'x'], 'unknown flag --bogus=1'],
    [['stats', '--jobs=-1', 'x'], '--jobs needs a whole number of at least 1, not "-1"'],
  ])('emend %j: one line in plain words', async (args, problem) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`emend stats: ${problem}\nRun \`emend stats --help\` for its usage.\n`);
  });

  it.each([
    [['export', '--format', 'conll', '--format', 'jsonl', 'x.txt'], 'export', '--format'],
    [['validate', '--labels=PER', '--labels', 'LOC', 'x'], 'validate', '--labels'],
    [['stats', '--jobs', '1', '--jobs', '2', 'x'], 'stats', '--jobs'],
  ])('emend %j: a flag that takes one value, given twice, is refused', async (args, name, flag) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `emend ${name}: ${flag} is given twice; give it once\nRun \`emend ${name} --help\` for its usage.\n`,
    );
  });

  it('takes a flag that may be repeated as often as it is given (suspects --predictions)', async () => {
    const result = await runCli(['suspects', '--predictions', 'a', '--predictions', 'b']);
    expect(result.err).toBe(
      'emend suspects: no PATH given\nRun `emend suspects --help` for its usage.\n',
    );
  });

  it.each(['PER,,LOC', 'PER,LOC,', ' ,PER'])(
    'refuses a label list with an empty name (--labels %j), not dropping it',
    async (list) => {
      const result = await runCli(['validate', '--labels', list, 'x']);
      expect(result.code).toBe(2);
      expect(result.err).toBe(
        `emend validate: --labels "${list}" names an empty label; remove the extra comma\n` +
          'Run `emend validate --help` for its usage.\n',
      );
    },
  );

  it('refuses more than four threads a core (each holds documents and starts a thread)', async () => {
    const result = await runCli(['validate', '--jobs', '100000', 'x']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^emend validate: --jobs 100000 is more than 4 threads for each of the \d+ cores here: give at most \d+\n/,
    );
  });

  it('names export, diff and serve among them (the commands whose usage is long)', () => {
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['export', 'diff', 'serve']));
  });

  it('keeps a refusal on one line, a name it quotes escaped (a line feed, a terminal escape)', async () => {
    const missing = 'gone\n\u001b[2J.txt';
    const result = await runCli(['validate', missing]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('gone\\u000a\\u001b[2J.txt');
    expect(result.err).not.toContain('\u001b');
    const unknown = await runCli(['no\u001b]0;x\u0007']);
    expect(unknown.err.split('\n')[0]).toBe('emend: unknown command "no\\u001b]0;x\\u0007"');
  });

  it('an unknown command is one line and a hint to emend --help', async () => {
    const result = await runCli(['no-such-command']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'emend: unknown command "no-such-command"\nRun `emend --help` for the list of commands.\n',
    );
  });
});
