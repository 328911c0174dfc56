// Event-stream backpressure through a real `emend serve`: clients that stop reading are cut off, memory stays bounded.
import { promises as fs } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempFolder } from '../workspace/fixtures/temp-corpus';
import { deafClient, reloadListener, residentMegabytes } from './fixtures/deaf-client';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DEAF_CLIENTS = 20;
/** The kernel holds the first ~4 MB of a socket nobody reads; the cut-off needs 8 events (4 changes) more. */
const CHANGES = 12;
/** About 1 MB of bracket text; change n relabels its first entity so every version differs. */
const version = (n: number) =>
  `[${['LOC', 'PER', 'ORG', 'MISC'][n % 4]} Kosovo  ] v${n} .\n` +
  'Integrating [LOC Kosovo  ] [MISC Serbs  ] into society .\n'.repeat(18_000);

/** Opens the event stream and never reads from it; closed after the test. */
async function deafClientOf(server: ServeProcess): Promise<Socket> {
  const socket = await deafClient(server);
  cleanups.push(() => void socket.destroy());
  return socket;
}

/** Reads a paused socket to its end; resolves once the server has closed it. */
function readToEnd(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
}

it.skipIf(process.platform !== 'linux')(
  `cuts off ${DEAF_CLIENTS} event streams that never read through ${CHANGES} reloads of a 1 MB document, and keeps serving`,
  async () => {
    const folder = await tempFolder();
    cleanups.push(() => fs.rm(folder, { recursive: true, force: true }));
    const corpus = path.join(folder, 'corpus');
    await fs.mkdir(corpus);
    const file = path.join(corpus, 'big.txt');
    await fs.writeFile(file, version(0));
    const server = await startServe(corpus, path.join(folder, 'state'));
    cleanups.push(() => server.stop());
    expect((await server.call('openDocument', { id: 'big.txt' })).status).toBe(200);
    const pid = server.child.pid!;
    const before = residentMegabytes(pid);
    const deaf = await Promise.all(
      Array.from({ length: DEAF_CLIENTS }, () => deafClientOf(server)),
    );
    const listener = await reloadListener(server);
    cleanups.push(listener.stop);
    let peak = before;
    for (let n = 1; n <= CHANGES; n++) {
      await fs.writeFile(file, version(n));
      await listener.reloadOf(` v${n} .`);
      peak = Math.max(peak, residentMegabytes(pid));
    }
    // Every deaf client was dropped by the server: reading its socket now reaches the end.
    await Promise.all(deaf.map(readToEnd));
    const opened = await server.call('openDocument', { id: 'big.txt' });
    expect(opened.status).toBe(200);
    expect(String(opened.body.text)).toContain(` v${CHANGES} .`);
    // Unbounded queues held every event for every deaf client (1 MB of text and its entities, x 12 x 20).
    expect(peak - before).toBeLessThan(400);
  },
  // A hang guard only: at load 30 on 2 cores the 12 reloads took 104 s.
  300_000,
);
