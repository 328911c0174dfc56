// Builds the app (electron-vite build, what `npm run build` runs) when out/renderer is missing or older than the renderer's sources.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestChange } from '../../scripts/cli-build';

const root = path.resolve(import.meta.dirname, '../..');
const builtPage = path.join(root, 'out/renderer/index.html');

export function ensureRendererBuilt(): void {
  const sources = Math.max(
    newestChange(path.join(root, 'renderer')),
    newestChange(path.join(root, 'shared')),
  );
  if (existsSync(builtPage) && statSync(builtPage).mtimeMs >= sources) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
}
