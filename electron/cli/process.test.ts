// The built `emend` as a real process: piped into a reader that stops early, its report and errors in one file, and installed from `npm pack`.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempCorpus } from './testing';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/emend.js');
const run = promisify(execFile);

/** Runs emend with stdout read until the first chunk, then closed, as `emend ... | head -1` does. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

/** Runs `emend ARGS 2>ERR | head -1` in bash, as the README shows it: emend's status and its stderr. */
async function runIntoHead(args: string[]): Promise<{ code: number; err: string }> {
  const errFile = path.join(tempCorpus({}), 'err.txt');
  const script = '"$@" 2>"$ERR" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"';
  const { stdout } = await run('bash', ['-c', script, 'bash', process.execPath, BIN, ...args], {
    env: { ...process.env, ERR: errFile },
  });
  return { code: Number(stdout.trim()), err: readFileSync(errFile, 'utf8') };
}

describe('emend as a process', () => {
  it('stops quietly when the reader of its output goes away (emend validate | head -1)', async () => {
    const root = tempCorpus({ 'a.txt': '[LOC Kosovo\n'.repeat(20_000) });
    const { code, err } = await runIntoClosedPipe(['validate', root]);
    expect(err).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(141);
  });

  it('prints nothing more once the reader has gone: no summary after head -1 stopped reading', async () => {
    const root = tempCorpus({ 'a.txt': '[LOC Kosovo\n'.repeat(20_000) });
    for (const args of [['validate'], ['validate', '--verbose']]) {
      expect(await runIntoHead([...args, root])).toEqual({ code: 141, err: '' });
    }
  });
});

describe('the diff driver git runs, its reader gone (git diff | head -1)', () => {
  it('ends quietly with status 0: any other status git reports as "external diff died"', async () => {
    const before = '[PER Ann  ] met [LOC Rome  ] .\n'.repeat(20_000);
    const root = tempCorpus({ 'old.txt': before, 'new.txt': before.replaceAll('LOC', 'ORG') });
    const [older, newer] = ['old.txt', 'new.txt'].map((name) => path.join(root, name));
    const args = [
      'git',
      'diff',
      'news.txt',
      older,
      '0'.repeat(40),
      '100644',
      newer,
      '1'.repeat(40),
      '100644',
    ];
    const { code, err } = await runIntoClosedPipe(args);
    expect({ code, err }).toEqual({ code: 0, err: '' });
  });
});

describe('emend given a file whose name starts with "-"', () => {
  it('names the whole argument as an unknown flag and shows how to name the file', async () => {
    const root = tempCorpus({ '-dash.txt': '[PER John  ] .\n' });
    const failed = await run(process.execPath, [BIN, 'validate', '-dash.txt'], { cwd: root }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'emend validate: unknown flag -dash.txt; to name the file -dash.txt, write ./-dash.txt\n' +
        'Run `emend validate --help` for its usage.\n',
    });
  });
});

describe('emend --version', () => {
  it('prints the version of package.json, as the built command reads it, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      expect(await run(process.execPath, [BIN, flag])).toEqual({
        stdout: `emend ${version}\n`,
        stderr: '',
      });
    }
    // Anything after it is a mistake said, not ignored.
    const extra = await run(process.execPath, [BIN, '--version', 'extra']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(extra).toMatchObject({
      code: 2,
      stderr: 'emend --version: takes nothing more, not "extra"\n',
    });
  });
});

describe('emend writing to a full disk', () => {
  // `/dev/full` refuses every write with ENOSPC, as a full disk does.
  it.runIf(existsSync('/dev/full'))(
    'says in one line that its output could not be written, and exits 2 (not 1: no findings)',
    async () => {
      const root = tempCorpus({ 'a.txt': '[PER Ann  ] met Bob .\n' });
      const file = path.join(root, 'a.txt');
      for (const argv of [
        ['stats', root],
        ['diff', file, file],
        ['validate', '--json', root],
      ]) {
        const full = openSync('/dev/full', 'w');
        const { code, err } = await new Promise<{ code: number | null; err: string }>(
          (resolve, reject) => {
            const child = spawn(process.execPath, [BIN, ...argv], {
              stdio: ['ignore', full, 'pipe'],
            });
            let err = '';
            child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
            child.on('error', reject);
            child.on('close', (code) => resolve({ code, err }));
          },
        );
        closeSync(full);
        expect(err).toBe('emend: the output could not be written: the disk is full (ENOSPC)\n');
        expect(code).toBe(2);
      }
    },
  );
});

describe('emend on threads, with a file it cannot read', () => {
  // Stopping the threads once the file is reported used to start new ones for the documents still
  // waiting, so the process never ended.
  for (const args of [['check'], ['export', '--format', 'conll', '--out', 'OUT']]) {
    it(`ends at once with status 2: emend ${args[0]} --jobs 2`, async () => {
      const line = '[PER Ann  ] met Bob .\n';
      const root = tempCorpus({
        'a.txt': line,
        'b.txt': 'x\u0000y\n',
        'c.txt': line,
        'd.txt': line,
      });
      const argv = args.map((arg) => (arg === 'OUT' ? path.join(root, 'out') : arg));
      const failed = await run(process.execPath, [BIN, ...argv, '--jobs', '2', root], {
        timeout: 20_000,
      }).catch((error: { code: unknown; stderr: string; killed: boolean }) => error);
      expect(failed).toMatchObject({ code: 2, killed: false });
      expect((failed as { stderr: string }).stderr).toContain('b.txt: binary file');
    });
  }
});

describe('emend output', () => {
  /** Runs a script in a process whose stdout and stderr are one file (2>&1), and gives the file. */
  async function bothInOneFile(script: string): Promise<string> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-output-'));
    try {
      const file = path.join(folder, 'both.txt');
      const fd = openSync(file, 'w');
      await new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', script],
          {
            cwd: ROOT,
            stdio: ['ignore', fd, fd],
          },
        );
        child.on('error', reject);
        child.on('close', resolve);
      });
      closeSync(fd);
      return readFileSync(file, 'utf8');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  it('keeps an error after the report written before it, and every line of both', async () => {
    const both = await bothInOneFile(`
      import { processIO } from './electron/cli/io.ts';
      const io = processIO();
      for (let line = 1; line <= 20000; line++) io.out(\`report line \${line}\\n\`);
      io.err('emend: an error after the report\\n');
      io.out('the last line\\n');
    `);
    const lines = both.split('\n');
    expect(lines.slice(0, 20000)).toEqual(
      Array.from({ length: 20000 }, (_, k) => `report line ${k + 1}`),
    );
    expect(lines.slice(20000)).toEqual(['emend: an error after the report', 'the last line', '']);
  });
});

describe('the npm package', () => {
  it('installs offline without development dependencies and gives a working emend', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-pack-'));
    try {
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', folder], {
        cwd: ROOT,
      });
      const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
      const packedFiles = packed.files.map((file) => file.path);
      expect(packedFiles).toContain('out/cli/emend.js');
      expect(packedFiles.filter((file) => /\.ts$|^electron\/|^shared\//.test(file))).toEqual([]);

      const app = path.join(folder, 'app');
      await mkdir(app);
      await writeFile(path.join(app, 'package.json'), '{"name":"try-emend","private":true}\n');
      // --offline: the package has no runtime dependencies, so nothing is fetched.
      await run(
        'npm',
        [
          'install',
          '--omit=dev',
          '--offline',
          '--no-audit',
          '--no-fund',
          path.join(folder, packed.filename),
        ],
        { cwd: app },
      );
      expect(existsSync(path.join(app, 'node_modules/tsx'))).toBe(false);
      expect(existsSync(path.join(app, 'node_modules/esbuild'))).toBe(false);

      const line = '[LOC Kosovo  ] and [PER Dell  ] .\n';
      const corpus = tempCorpus({ 'a.txt': line, 'b.txt': line });
      const emend = path.join(app, 'node_modules/.bin/emend');
      // Two threads: the packed worker file runs without tsx.
      const stats = await run(emend, ['stats', '--json', '--jobs', '2', corpus]);
      expect(JSON.parse(stats.stdout)).toMatchObject({ files: 2, tokens: 8, entities: 4 });
      expect(stats.stderr).toBe(''); // no progress line where stderr is not a terminal
      expect((await run(emend, ['--help'])).stdout).toContain('Usage: emend COMMAND');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('on a terminal', () => {
  it('colours what goes to the terminal, never what goes to a file (2>log)', async () => {
    const root = tempCorpus({ 'a.txt': 'KFOR [LOC x\n' });
    const log = path.join(root, 'log');
    // `script` gives emend a terminal for stdout; its stderr goes to the log.
    const command = `'${process.execPath}' '${BIN}' tag --text KFOR --label UNIT a.txt 2>'${log}'`;
    await run('script', ['-qc', command, '/dev/null'], { cwd: root });
    const written = readFileSync(log, 'utf8');
    expect(written).toContain('emend tag: warning: a.txt: label UNIT is not in the label set');
    expect(written).not.toContain('\u001b');
  });
});
