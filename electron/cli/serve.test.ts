import { spawn } from 'node:child_process';
import net from 'node:net';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCorpus } from '../workspace/fixtures/temp-corpus';
import type { CliIO } from './io';
import { main } from './main';
import { parseServeArgs, serve } from './serve';

const BIN = fileURLToPath(new URL('../../bin/emend.js', import.meta.url));
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function corpus() {
  const made = await tempCorpus();
  folders.push(made.base);
  return made;
}

function recordingIO() {
  const io = { out: '', err: '' };
  const cli: CliIO = {
    out: (text) => void (io.out += text),
    err: (text) => void (io.err += text),
    color: false,
  };
  return { io, cli };
}

describe('emend serve', () => {
  it('prints the URL with a token, serves the API, and exits cleanly on SIGTERM', async () => {
    const { root } = await corpus();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let output = '';
    let errors = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.split('\n')[0]);
      });
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('exit', () => reject(new Error(`emend serve exited early: ${output}${errors}`)));
    });
    const match =
      /^Emend: serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([\w-]{20,})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, served, url, , token] = match!;
    expect(served).toBe(root);
    const corpusInfo = await fetch(`${url}api/getCorpus`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect((await corpusInfo.json()).documents).toHaveLength(3);
    expect((await fetch(`${url}api/getCorpus`, { method: 'POST', body: '{}' })).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a non-loopback --host without --allow-remote, and warns with it', async () => {
    const { root } = await corpus();
    const refused = recordingIO();
    expect(await main(['serve', '--host', '0.0.0.0', root], refused.cli)).toBe(2);
    expect(refused.io.err).toMatch(/--allow-remote/);

    const allowed = recordingIO();
    const options = parseServeArgs(['--host', '0.0.0.0', '--allow-remote', root]);
    const code = await serve(
      options,
      allowed.cli,
      new Promise((resolve) => setTimeout(resolve, 50)),
    );
    expect(code).toBe(0);
    expect(allowed.io.err).toMatch(/^emend serve: warning: serving on 0\.0\.0\.0/m);
    expect(allowed.io.out).toMatch(/^Emend: serving .+ at http:\/\/0\.0\.0\.0:\d+\/\?token=/);
  });

  it('checks its flags', () => {
    expect(parseServeArgs(['x'])).toMatchObject({ port: 0, host: '127.0.0.1', allowRemote: false });
    expect(parseServeArgs(['--port', '8123', 'x']).port).toBe(8123);
    expect(() => parseServeArgs(['--port', 'http', 'x'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--port', '70000', 'x'])).toThrow(/--port/);
    expect(() => parseServeArgs([])).toThrow(/PATH/);
    expect(() => parseServeArgs(['a', 'b'])).toThrow(/PATH/);
  });

  it('says a port in use is in use, and how to choose another, in one line (no usage pointer: the flags were right)', async () => {
    const { root } = await corpus();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { io, cli } = recordingIO();
      expect(await main(['serve', '--port', String(port), root], cli)).toBe(2);
      // The last line (the corpus's own warnings come first).
      expect(io.err.split('\n').slice(-2)).toEqual([
        `emend serve: port ${port} of 127.0.0.1 is already in use (another server?): choose another with --port, or --port 0 for any free one`,
        '',
      ]);
    } finally {
      taken.close();
    }
  });

  it('says a host that is no address of this machine is none, without a port never asked for', async () => {
    const { root } = await corpus();
    const { io, cli } = recordingIO();
    const args = ['serve', '--host', 'nosuch.invalid', '--allow-remote', root];
    expect(await main(args, cli)).toBe(2);
    expect(io.err.split('\n').slice(-2)).toEqual([
      'emend serve: nosuch.invalid is not an address of this machine: give one of its own with --host',
      '',
    ]);
  });

  it('takes a bracketed IPv6 host as its address, and refuses an empty host', () => {
    expect(parseServeArgs(['--host', '[::1]', 'corpus']).host).toBe('::1');
    expect(() => parseServeArgs(['--host', '', 'corpus'])).toThrow(
      '--host needs a host name or address',
    );
  });

  it('names a missing PATH in one line', async () => {
    const { io, cli } = recordingIO();
    expect(await main(['serve', '/nonexistent/corpus'], cli)).toBe(2);
    expect(io.err).toBe('emend serve: /nonexistent/corpus: no such file or folder\n');
  });

  it('names each document it cannot open, and a folder with none, before it serves', async () => {
    const { root } = await corpus();
    const binary = path.join(root, 'scan.txt');
    await fs.writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a]));
    const run = async (served: string) => {
      const { io, cli } = recordingIO();
      const options = parseServeArgs([served]);
      expect(await serve(options, cli, Promise.resolve())).toBe(0);
      return io;
    };
    const lone = await run(binary);
    expect(lone.err).toMatch(new RegExp(`^emend serve: warning: ${binary}: .*binary`));
    expect(lone.out).toMatch(/^Emend: serving /);
    expect((await run(root)).err).toMatch(/^emend serve: warning: .*scan\.txt: .*binary/m);
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    expect((await run(empty)).err).toBe(`emend serve: warning: ${empty} holds no .txt document\n`);
  });
});
