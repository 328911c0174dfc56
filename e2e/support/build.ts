// Builds the app (electron-vite build, what `npm run build` runs) when out/renderer is missing or older than the renderer's sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const builtPage = path.join(root, 'out/renderer/index.html');

function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureRendererBuilt(): void {
  const sources = Math.max(
    newestChange(path.join(root, 'renderer')),
    newestChange(path.join(root, 'shared')),
  );
  if (existsSync(builtPage) && statSync(builtPage).mtimeMs >= sources) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
}
