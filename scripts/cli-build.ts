// Keeps the built `emend` (out/cli/) current for tests that run it as a process: rebuilds it when a source is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtCli = path.join(root, 'out/cli/emend.js');

/** The newest modification time of any file under folder (recursively), in ms. */
export function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds out/cli/ (the second half of `npm run build`) when it is missing or older than its sources. */
export function ensureCliBuilt(): void {
  const sources = Math.max(
    newestChange(path.join(root, 'electron')),
    newestChange(path.join(root, 'shared')),
    statSync(path.join(root, 'vite.cli.config.ts')).mtimeMs,
  );
  if (existsSync(builtCli) && statSync(builtCli).mtimeMs >= sources) return;
  execFileSync(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}

/** Vitest global setup: the CLI process tests run the built command. */
export default function setup(): void {
  ensureCliBuilt();
}
