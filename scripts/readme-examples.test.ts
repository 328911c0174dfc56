// The README's command-line examples on the checkout's samples and docs/examples, run as the README shows them: each prints what the README says it prints.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeExamples, type ReadmeExample } from './readme-examples';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/emend.js');

const inCheckout = (arg: string) => existsSync(path.join(ROOT, arg));

/** An example can run here when every argument that names a file or folder names one of the checkout's. */
const runnable = (args: string[]) =>
  args.some(inCheckout) && args.every((arg) => !/[/~]|\.txt$/.test(arg) || inCheckout(arg));

/** The checkout's top-level files and folders that examples read. */
const inputsOf = (examples: ReadmeExample[]) =>
  new Set(
    examples
      .flatMap(({ args }) => args)
      .filter(inCheckout)
      .map((arg) => arg.split('/')[0]),
  );

/**
 * Runs emend in folder: what it prints, stdout and stderr into one file in the order written, as a
 * terminal shows them.
 */
function printed(folder: string, args: string[]): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'emend-readme-')), 'printed');
  const output = openSync(file, 'w');
  try {
    const child = spawnSync(process.execPath, [BIN, ...args], {
      cwd: folder,
      stdio: ['ignore', output, output],
    });
    if (child.error) throw child.error;
  } finally {
    closeSync(output);
  }
  const text = readFileSync(file, 'utf8');
  rmSync(path.dirname(file), { recursive: true });
  return text;
}

const blocks = readmeExamples(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))
  .map((examples) => examples.filter(({ args }) => runnable(args)))
  .filter((examples) => examples.length > 0);

describe("the README's command-line examples", () => {
  it('include validate, stats, check, tag, relabel, untag, diff and adjudicate', () => {
    const commands = blocks.flat().map(({ args }) => args[0]);
    expect(commands).toEqual(
      expect.arrayContaining([
        'validate',
        'stats',
        'check',
        'tag',
        'relabel',
        'untag',
        'diff',
        'adjudicate',
      ]),
    );
  });

  // Each block runs in order on its own copy of the files it reads, as a reader following it would.
  it.each(
    blocks.map((examples) => [examples.map(({ args }) => args.join(' ')).join('; '), examples]),
  )('print what the README shows: %s', async (_, examples) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-readme-'));
    try {
      for (const name of inputsOf(examples))
        cpSync(path.join(ROOT, name), path.join(folder, name), { recursive: true });
      for (const { command, args, expected, elided } of examples) {
        const output = printed(folder, args);
        const shown = elided ? output.split('\n').slice(0, expected.length).join('\n') : output;
        expect(shown, command).toBe(elided ? expected.join('\n') : `${expected.join('\n')}\n`);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
