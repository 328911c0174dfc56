// `npm start` without a usable Electron binary: one line saying why, then the browser host on the samples.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printedUrl, untilRefused } from '../electron/cli/served-process';
import { desktopShell, projectRoot } from './electron-binary';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function tempFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'emend-start-'));
  folders.push(folder);
  return folder;
}

/** Runs the start script as `npm start` does, with no display and a missing Electron binary. */
function startScript(args: string[], configHome: string, cwd = projectRoot) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_PATH: path.join(configHome, 'no-such-electron'),
    XDG_CONFIG_HOME: configHome,
    INIT_CWD: cwd,
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return spawn(process.execPath, [path.join(projectRoot, 'scripts/start.js'), ...args], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The documents the served editor lists. */
async function servedDocuments(url: string): Promise<string[]> {
  const response = await fetch(new URL('/api/getCorpus', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${new URL(url).searchParams.get('token')}` },
    body: '{}',
  });
  const corpus = (await response.json()) as { documents: { id: string }[] };
  return corpus.documents.map((document) => document.id).sort();
}

describe('npm start without the desktop shell', () => {
  it('says why in one line, then serves the sample working copy and prints its URL', async () => {
    const configHome = await tempFolder();
    const child = startScript([], configHome);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { url, output } = await printedUrl(child);
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Emend: the desktop shell is not available: ELECTRON_PATH=.+ does not exist\. Serving the editor to your browser instead\.$/,
    );
    const copy = path.join(configHome, 'emend', 'samples');
    expect(lines[1]).toBe(`Emend: serving ${copy} at ${url}`);
    expect(await servedDocuments(url)).toEqual(
      (await fs.readdir(path.join(projectRoot, 'samples'))).sort(),
    );
    child.kill('SIGTERM');
    await exited;
    await untilRefused(url);
  });

  it('serves PATH, taken relative to where npm was run', async () => {
    const configHome = await tempFolder();
    await fs.mkdir(path.join(configHome, 'mine'));
    await fs.writeFile(path.join(configHome, 'mine', 'one.txt'), 'Hello [PER Ann  ] .\n');
    const child = startScript(['mine'], configHome, configHome);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { url } = await printedUrl(child);
    expect(await servedDocuments(url)).toEqual(['one.txt']);
    child.kill('SIGTERM');
    await exited;
  });
});

describe('the desktop shell', () => {
  it('needs a display on Linux', () => {
    const env = { ELECTRON_PATH: process.execPath };
    expect(desktopShell(env, 'linux').reason).toMatch(/no display/);
    expect(desktopShell({ ...env, DISPLAY: ':0' }, 'linux').path).toBe(process.execPath);
    expect(desktopShell(env, 'darwin').path).toBe(process.execPath);
  });
});
