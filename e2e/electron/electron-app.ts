// Launches the built app with an Electron binary (found by scripts/electron-binary.ts).
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { projectRoot } from '../../scripts/electron-binary';

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
