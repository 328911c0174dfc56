// `emend serve`: opens a file or corpus folder and serves the editor and its API on a loopback port.
import { fileURLToPath } from 'node:url';
import { createToken, isLoopbackAddress } from '../host/guard';
import { createHost } from '../host/server';
import { createApi, createArchiveExport, workspaceTasks } from '../workspace/api';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { DOCUMENT_KIND } from '../workspace/folder-walk';
import { plural } from '../../shared/plural';
import { watchAncestors } from './ancestry';
import {
  EXIT_OK,
  EXIT_USAGE,
  parseFlags,
  printable,
  UsageError,
  warn,
  type CliIO,
  type Command,
} from './io';

const USAGE = `Usage: emend serve [--port N] [--host H] [--allow-remote] PATH
  Serves the editor for PATH (a file or a corpus folder) at http://127.0.0.1:PORT/?token=TOKEN
  until Ctrl-C. --port 0 (the default) takes a free port. A --host other than a loopback
  address needs --allow-remote: anyone who can reach it and has the token can edit your files.`;

export const DEFAULT_RENDERER_FOLDER = fileURLToPath(
  new URL('../../out/renderer/', import.meta.url),
);

export interface ServeOptions {
  path: string;
  port: number;
  host: string;
  allowRemote: boolean;
  rendererFolder?: string;
  stateFolder?: string;
}

export function parseServeArgs(args: string[]): ServeOptions {
  const { values, positionals } = parseFlags(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-remote': { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one PATH (a file or a folder)');
  const port = Number(values.port ?? '0');
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  // `[::1]` as a URL writes it (and as this command prints it) is the address ::1.
  const host = (values.host ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  if (host.trim() === '')
    throw new UsageError('--host needs a host name or address (127.0.0.1 by default)');
  const allowRemote = values['allow-remote'] === true;
  if (!isLoopbackAddress(host) && !allowRemote) {
    throw new UsageError(
      `--host ${host} is not a loopback address: add --allow-remote to serve it anyway`,
    );
  }
  return { path: positionals[0], port, host, allowRemote };
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Refused documents named at most this many at a time; the editor's corpus list has them all. */
const REFUSED_NAMED = 10;

/** What the editor would show only once opened: documents it cannot open (why), a folder with none. */
function openingWarnings(workspace: Workspace): string[] {
  const refused = workspace.refusedFiles();
  if (workspace.readableIds().length + refused.length === 0)
    return [`${workspace.root} holds no ${DOCUMENT_KIND}`];
  const named = refused
    .slice(0, REFUSED_NAMED)
    .map(({ path, why }) => `${printable(path)}: ${why}`);
  if (refused.length > REFUSED_NAMED)
    named.push(`and ${plural(refused.length - REFUSED_NAMED, 'more document')} it cannot open`);
  return named;
}

/** Why the host could not listen where asked, in words, with what to do. */
function listenFailure(error: NodeJS.ErrnoException, { host, port }: ServeOptions): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} of ${host} is already in use (another server?): choose another with --port, or --port 0 for any free one`;
    case 'EACCES':
      return `not allowed to listen on port ${port} of ${host} (ports below 1024 need privileges): choose another with --port`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} is not an address of this machine: give one of its own with --host`;
    default:
      return `cannot listen on ${port === 0 ? 'a free port' : `port ${port}`} of ${host} (${error.code ?? error.message})`;
  }
}

/** Serves until `stopped` settles, then closes the server and the workspace. */
export async function serve(
  options: ServeOptions,
  io: CliIO,
  stopped: Promise<unknown>,
): Promise<number> {
  const workspace = await createWorkspace({ path: options.path, stateFolder: options.stateFolder });
  for (const warning of openingWarnings(workspace)) warn(io, 'emend serve', warning);
  const token = createToken();
  const tasks = workspaceTasks(workspace);
  const host = createHost({
    api: createApi(workspace, tasks),
    exportArchive: createArchiveExport(workspace, tasks),
    subscribe: (listener) => workspace.onEvent(listener),
    firstScreen: (named) => workspace.firstScreenSource(named),
    clientGone: (client) => workspace.forget(client),
    token,
    rendererFolder: options.rendererFolder ?? DEFAULT_RENDERER_FOLDER,
    anyHost: options.allowRemote,
  });
  let port: number;
  try {
    port = await host.listen(options.port, options.host);
  } catch (error) {
    workspace.close();
    // Not a usage error (the flags were right): one line, what is wrong and what to do.
    io.err(`emend serve: ${listenFailure(error as NodeJS.ErrnoException, options)}\n`);
    return EXIT_USAGE;
  }
  if (!isLoopbackAddress(options.host)) {
    warn(
      io,
      'emend serve',
      `serving on ${options.host}, reachable from other machines. Anyone with the token can read and change ${workspace.root}.`,
    );
  }
  io.out(
    `Emend: serving ${workspace.root} at http://${urlHost(options.host)}:${port}/?token=${token}\n`,
  );
  await stopped;
  await host.close();
  workspace.close();
  return EXIT_OK;
}

/**
 * Settles on Ctrl-C or SIGTERM, or once a process that started this one is gone: `npm run` signals
 * only the shell it started, which dies and leaves this process to init; a killed npm signals none.
 */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const ancestorsAlive = watchAncestors();
    const stop = (reason: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearInterval(watch);
      resolve(reason);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const watch = setInterval(() => {
      if (!ancestorsAlive()) stop('a parent process exited');
    }, 500);
    watch.unref();
  });
}

export const serveCommand: Command = {
  summary: 'serve the editor for a file or folder in the browser (loopback only)',
  usage: USAGE,
  run: (args: string[], io: CliIO) => serve(parseServeArgs(args), io, untilStopped()),
};
