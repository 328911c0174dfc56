// The sample corpus `npm start` opens: a copy in the app's data folder, so the bundled files stay pristine.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The folder Electron names `userData` for an app run from source (`electron .` takes the name from
 * package.json), so the browser host opens the same sample working copy the desktop app would.
 */
export function appDataFolder(
  appName: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName);
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), appName);
}

/**
 * The working copy of the bundled samples under dataFolder, made on first use. An existing copy is
 * kept as it is: it holds the user's edits.
 */
export async function sampleCorpus(bundled: string, dataFolder: string): Promise<string> {
  const copy = path.join(dataFolder, 'samples');
  try {
    await fs.access(copy);
    return copy;
  } catch {
    // First use: make the copy below.
  }
  const staging = `${copy}.${process.pid}.partial`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.cp(bundled, staging, { recursive: true, errorOnExist: true, force: false });
  await fs.rename(staging, copy);
  return copy;
}
