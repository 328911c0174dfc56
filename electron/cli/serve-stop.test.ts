// `npm run emend -- serve` stops its server when the npm process is stopped (npm signals only its shell).
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempCorpus } from '../workspace/fixtures/temp-corpus';
import { printedUrl, untilRefused } from './served-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const folders: string[] = [];
const groups: number[] = [];
afterEach(async () => {
  for (const group of groups.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // The whole group is gone already.
    }
  }
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

/** Starts `npm run emend -- serve` on a fresh corpus; resolves once it answers, with npm's process. */
async function servedByNpm() {
  const { base, root } = await tempCorpus();
  folders.push(base);
  const npm = spawn('npm', ['run', '--silent', 'emend', '--', 'serve', '--port', '0', root], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so the test can clean up whatever it leaves
  });
  groups.push(npm.pid!);
  const { url } = await printedUrl(npm);
  const token = new URL(url).searchParams.get('token');
  const corpus = await fetch(new URL('/api/getCorpus', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: '{}',
  });
  expect(corpus.ok).toBe(true);
  return { npm, url };
}

it('stops serving when its npm process is stopped', async () => {
  const { npm, url } = await servedByNpm();
  npm.kill('SIGTERM');
  await untilRefused(url);
});

// npm cannot pass a SIGKILL on: its shell lives on, and only the process chain shows npm is gone.
it.skipIf(process.platform !== 'linux')(
  'stops serving when its npm process is killed outright',
  async () => {
    const { npm, url } = await servedByNpm();
    npm.kill('SIGKILL');
    await untilRefused(url);
  },
);
