// Starts the real `emend serve` on a copy of a fixture corpus in a temp folder, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface Served {
  /** The temp folder holding the corpus copy. */
  folder: string;
  /** The editor's URL, token included. */
  url: string;
  stop(): Promise<void>;
}

/** Copies `source` (a folder, keeping its name) to a temp folder and serves it once the URL is printed. */
export async function serveCopy(source: string): Promise<Served> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'emend-e2e-'));
  const folder = path.join(parent, path.basename(source));
  await cp(source, folder, { recursive: true });
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/emend.js'), 'serve', '--port', '0', folder],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const url = await printedUrl(child);
    return {
      folder,
      url,
      async stop() {
        await stopProcess(child);
        await rm(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopProcess(child);
    await rm(parent, { recursive: true, force: true });
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

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
