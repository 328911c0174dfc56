// Starts the real `emend serve` on a copy of a fixture corpus in a temp folder, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface Served {
  /** The temp folder holding the corpus copy. */
  folder: string;
  /** The editor's URL, token included; a restart changes it. */
  url: string;
  /** Ends the process without a chance to save (as a crash would) and starts a new one. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Copies `source` (a folder, keeping its name) to a temp folder and serves it once the URL is printed. */
export async function serveCopy(source: string): Promise<Served> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'emend-e2e-'));
  const folder = path.join(parent, path.basename(source));
  await cp(source, folder, { recursive: true });
  let running: { child: ChildProcess; url: string } | null = null;
  try {
    running = await start(folder);
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  const served: Served = {
    folder,
    url: running.url,
    async restart() {
      if (running) await stopProcess(running.child, 'SIGKILL');
      running = await start(folder);
      served.url = running.url;
    },
    async stop() {
      if (running) await stopProcess(running.child, 'SIGTERM');
      running = null;
      await rm(parent, { recursive: true, force: true });
    },
  };
  return served;
}

async function start(folder: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/emend.js'), 'serve', '--port', '0', folder],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    return { child, url: await printedUrl(child) };
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  }
}

function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`emend serve printed no URL in 20 s:\n${output}`)),
      20_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/\S*/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emend serve exited with ${code}:\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
