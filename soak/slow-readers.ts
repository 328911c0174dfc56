// Event-stream clients that stop reading while a large document reloads: they are cut off, memory stays bounded.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  deafClient,
  reloadListener,
  residentMegabytes,
} from '../electron/host/fixtures/deaf-client';
import { check, documentText, makePlace, waitUntil } from './harness';

const ID = 'big.txt';

export interface SlowReaderFigures {
  deafClients: number;
  reloads: number;
  documentMegabytes: number;
  serverGrowthMegabytes: number;
}

/**
 * The kernel holds about 4 MB of a socket nobody reads (its send and receive buffers): the first four
 * reloads of the 1 MB document vanish there, and the server cuts a client off only after 8 more events
 * (2 a reload) back up in it. 8 reloads put the cut-off on the very last event; 12 leave 4 to spare.
 */
export async function slowReaders(
  deafClients: number,
  reloads: number,
): Promise<SlowReaderFigures> {
  const lines = 12_000;
  const version = (n: number) => `Version ${n} .\n${documentText(lines)}`;
  const place = await makePlace({ [ID]: version(0) });
  const file = path.join(place.corpus, ID);
  try {
    const server = await place.serve();
    check(
      (await server.call('openSource', { id: ID })).status === 200,
      'the document did not open',
    );
    const pid = server.child.pid!;
    const before = residentMegabytes(pid);
    let peak = before;
    const deaf = await Promise.all(Array.from({ length: deafClients }, () => deafClient(server)));
    const closed = deaf.map(
      (socket) => new Promise<void>((resolve) => socket.on('close', () => resolve())),
    );
    // The document changes after the reload is answered (openSource) but before its event is sent:
    // only a reload that reached a listening stream was sent to the deaf ones too, and reading theirs
    // before that would make them readers.
    const listener = await reloadListener(server);
    for (let n = 1; n <= reloads; n++) {
      await fs.writeFile(file, version(n));
      await waitUntil(async () => {
        peak = Math.max(peak, residentMegabytes(pid));
        return listener.hasReload(`Version ${n} .`);
      }, `reload ${n} did not arrive`);
    }
    listener.stop();
    for (const socket of deaf) socket.resume();
    let allClosed = false;
    void Promise.all(closed).then(() => (allClosed = true));
    await waitUntil(async () => allClosed, 'clients that never read were not cut off');
    check(peak - before < 400, `the server grew by ${Math.round(peak - before)} MB`);
    await server.stop();
    await place.checkOutside();
    return {
      deafClients,
      reloads,
      documentMegabytes: Math.round((Buffer.byteLength(version(0)) / 1024 / 1024) * 10) / 10,
      serverGrowthMegabytes: Math.round(peak - before),
    };
  } finally {
    await place.remove();
  }
}
