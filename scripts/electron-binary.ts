// Finds the Electron binary without loading the `electron` package (which downloads it or throws).
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..');

export interface ElectronBinary {
  path: string | null;
  /** Why there is none, in a few words. */
  reason: string;
}

/** $ELECTRON_PATH, else the binary `npm install electron` downloads (node_modules/electron/dist). */
export function findElectron(
  env: NodeJS.ProcessEnv = process.env,
  root = projectRoot,
): ElectronBinary {
  if (env.ELECTRON_PATH) {
    return existsSync(env.ELECTRON_PATH)
      ? { path: env.ELECTRON_PATH, reason: '' }
      : { path: null, reason: `ELECTRON_PATH=${env.ELECTRON_PATH} does not exist` };
  }
  const packageFolder = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason:
        'node_modules/electron has no downloaded binary (no path.txt); set ELECTRON_PATH to an Electron 45 executable',
    };
  }
  const binary = path.join(packageFolder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary, reason: '' }
    : { path: null, reason: `${binary} (named by node_modules/electron/path.txt) does not exist` };
}

/**
 * The Electron binary when it can open a window here: it exists, may be run, and (on Linux) there
 * is a display to open the window on.
 */
export function desktopShell(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  root = projectRoot,
): ElectronBinary {
  const found = findElectron(env, root);
  if (!found.path) return found;
  try {
    accessSync(found.path, constants.X_OK);
  } catch {
    return { path: null, reason: `${found.path} may not be run (no execute permission)` };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'no display to open a window on ($DISPLAY is not set)' };
  }
  return found;
}
