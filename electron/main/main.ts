// The Electron main process: one instance, the app:// scheme, the IPC handlers and the editor window.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, protocol, session } from 'electron';
import { APP_SCHEME, createAssetHandler } from './app-scheme';
import { registerApiHandlers } from './ipc';
import { launchPath } from './launch-path';
import { sampleCorpus } from '../workspace/sample-corpus';
import { Shell } from './shell';
import { denyPermissions, guardContents } from './window';

const built = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const rendererFolder = built('../renderer/');
const preload = built('../preload/preload.cjs');
const bundledSamples = app.isPackaged
  ? path.join(process.resourcesPath, 'samples')
  : path.join(app.getAppPath(), 'samples');

/** Relative paths are the caller's: npm runs scripts from the package folder but keeps INIT_CWD. */
function pathFromArgv(argv: readonly string[], cwd: string): string | null {
  return launchPath(argv, { packaged: app.isPackaged, cwd: process.env.INIT_CWD ?? cwd });
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const shell = new Shell({
    preload,
    dataFolder: app.getPath('userData'),
    icon: app.isPackaged ? undefined : path.join(app.getAppPath(), 'build', 'icon.png'),
  });
  app.on('second-instance', (_event, argv, cwd) => shell.focus(pathFromArgv(argv, cwd)));
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  registerApiHandlers(ipcMain, shell.ipcTarget);

  app
    .whenReady()
    .then(async () => {
      denyPermissions(session.defaultSession);
      protocol.handle(APP_SCHEME, createAssetHandler(rendererFolder));
      const target =
        pathFromArgv(process.argv, process.cwd()) ??
        (await sampleCorpus(bundledSamples, app.getPath('userData')));
      await shell.start(target);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Emend cannot start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}
