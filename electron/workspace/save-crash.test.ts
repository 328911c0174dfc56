import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createApi } from './api';
import { tempFolder } from './fixtures/temp-corpus';
import { createWorkspace } from './workspace';

const SAVE_LOOP = fileURLToPath(new URL('./fixtures/save-loop.ts', import.meta.url));
const LINE = 'Integrating [LOC Kosovo  ] society .\n';
const OLD = LINE.repeat(20_000);
const NEW = OLD.replace('[LOC Kosovo  ]', '[MISC Kosovo  ]');
const KILLS = 8;

let folder = '';
afterAll(async () => {
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

/** Starts the save loop and SIGKILLs it after a random moment once it has opened the document. */
function runAndKill(file: string, state: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SAVE_LOOP, file, state], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n') && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 150);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(output);
      else reject(new Error(`the save loop stopped by itself: ${errors || output}`));
    });
  });
}

it(`a save killed at random moments (${KILLS} times) leaves the old or the new bytes, and a journal that replays`, async () => {
  folder = await tempFolder();
  const file = path.join(folder, 'big.txt');
  const state = path.join(folder, 'state');
  await fs.writeFile(file, OLD);
  for (let round = 0; round < KILLS; round++) {
    await runAndKill(file, state);
    const bytes = await fs.readFile(file, 'utf8');
    expect(
      bytes === OLD || bytes === NEW,
      `round ${round}: the file is neither the old nor the new text`,
    ).toBe(true);
  }
  const workspace = await createWorkspace({ path: file, stateFolder: state, watch: false });
  try {
    const doc = await createApi(workspace).openDocument({ id: 'big.txt' });
    expect(['LOC', 'MISC']).toContain(doc.entities[0].label);
    expect(doc.entities).toHaveLength(20_000);
  } finally {
    workspace.close();
  }
  const leftovers = await fs.readdir(
    path.join(state, 'files', (await fs.readdir(path.join(state, 'files')))[0]),
  );
  expect(leftovers.filter((name) => name.endsWith('.unmatched'))).toEqual([]);
}, 120_000);
