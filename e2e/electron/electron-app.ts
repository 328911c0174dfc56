// Finds an Electron binary without loading the `electron` package, and launches the built app with it.
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface ElectronBinary {
  path: string | null;
  /** Why there is none, for the skip message. */
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
 * Starts the built app (out/, see `npm run build`) with an own data folder, opening target when
 * given (else the sample corpus).
 */
export function launchApp(
  binary: string,
  dataHome: string,
  target?: string,
): Promise<ElectronApplication> {
  // Chromium refuses to run as root without this; the renderer sandbox of our windows stays on.
  const chromiumSandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return electron.launch({
    executablePath: binary,
    args: [...chromiumSandbox, projectRoot, ...(target ? [target] : [])],
    cwd: projectRoot,
    env: { ...process.env, XDG_CONFIG_HOME: dataHome, XDG_STATE_HOME: dataHome },
  });
}
