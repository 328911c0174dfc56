// `npm start [-- PATH]`: the desktop app where Electron can run, else the browser host on the same corpus.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { main } from '../electron/cli/main';
import { processIO, type CliIO } from '../electron/cli/io';
import { launchPath } from '../electron/main/launch-path';
import { appDataFolder, sampleCorpus } from '../electron/workspace/sample-corpus';
import { desktopShell, projectRoot } from './electron-binary';

/** The name Electron gives an app run from source (package.json's), hence its data folder. */
const APP_NAME = 'emend';

export async function start(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<number> {
  const shell = desktopShell(env, platform);
  if (shell.path) {
    const code = await runDesktop(shell.path, args);
    if (typeof code === 'number') return code;
    shell.reason = `${shell.path} could not be started (${code.message})`;
  }
  const io = processIO();
  io.out(
    `Emend: the desktop shell is not available: ${shell.reason}. Serving the editor to your browser instead.\n`,
  );
  const target =
    launchPath(['npm start', ...args], { packaged: true, cwd: env.INIT_CWD ?? process.cwd() }) ??
    (await sampleCorpus(path.join(projectRoot, 'samples'), appDataFolder(APP_NAME, env, platform)));
  return main(['serve', target], openingBrowser(io, env, platform));
}

/** Runs the desktop app until it exits, passing on Ctrl-C and SIGTERM; an Error when it cannot start. */
function runDesktop(binary: string, args: string[]): Promise<number | Error> {
  return new Promise((resolve) => {
    const child = spawn(binary, [projectRoot, ...args], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (result: number | Error) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(result);
    };
    child.once('error', done);
    child.once('exit', (code) => done(code ?? 1));
  });
}

/** The CLI's output, plus: once `emend serve` prints its URL, open it in the system browser. */
function openingBrowser(io: CliIO, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): CliIO {
  return {
    ...io,
    out: (text) => {
      io.out(text);
      const url = / at (http:\/\/\S+)/.exec(text)?.[1];
      if (url) openBrowser(url, env, platform);
    },
  };
}

/** Best effort: a machine without a browser (or a display) just keeps the printed URL. */
function openBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): void {
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return;
  const [command, ...args] =
    platform === 'darwin'
      ? ['open', url]
      : platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  const opener = spawn(command, args, { stdio: 'ignore', detached: true });
  opener.on('error', () => {});
  opener.unref();
}
