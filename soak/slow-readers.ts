// Event-stream clients that stop reading while a large document reloads: they are cut off, memory stays bounded.
import { readFileSync, promises as fs } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import type { DocumentSource } from '../shared/api/contract';
import { check, documentText, makePlace, waitUntil, type Served } from './harness';

const ID = 'big.txt';

export interface SlowReaderFigures {
  deafClients: number;
  reloads: number;
  documentMegabytes: number;
  serverGrowthMegabytes: number;
}

function residentMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

function deafClient(server: Served): Promise<Socket> {
  const { port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `GET /api/events?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      );
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

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
    for (let n = 1; n <= reloads; n++) {
      await fs.writeFile(file, version(n));
      await waitUntil(async () => {
        peak = Math.max(peak, residentMegabytes(pid));
        const source = (await server.call('openSource', { id: ID }))
          .body as unknown as DocumentSource;
        return source.source.startsWith(`Version ${n} .`);
      }, `reload ${n} did not arrive`);
    }
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
