// GET /api/archive of `emend serve`: the corpus export streamed as a zip, other calls answered meanwhile.
import { promises as fs } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zip } from '../../shared/archive/zip';
import { tempFolder } from '../workspace/fixtures/temp-corpus';
import { startServe, type ServeProcess } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A corpus of count documents of lines lines each (and the extra files), served by `emend serve`. */
async function servedCorpus(
  count: number,
  lines: number,
  extra: Record<string, string> = {},
): Promise<ServeProcess> {
  const base = await tempFolder();
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  const root = path.join(base, 'corpus');
  await fs.mkdir(root);
  for (let k = 0; k < count; k++) {
    const line = `Doc ${k} : [PER Javier Solana  ] went to [LOC Pristina  ] for the [ORG EU  ] .\n`;
    await fs.writeFile(path.join(root, `doc-${k}.txt`), line.repeat(lines));
  }
  for (const [name, text] of Object.entries(extra)) await fs.writeFile(path.join(root, name), text);
  const server = await startServe(root, path.join(base, 'state'));
  cleanups.push(() => server.stop());
  return server;
}

interface Download {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/**
 * Downloads the archive as a browser's link would (token in the query); onHeaders runs once the
 * answer has begun, and order gets "archive" when its last byte has come.
 */
function download(
  server: ServeProcess,
  request: unknown,
  onHeaders: () => Promise<unknown> = async () => {},
  order: string[] = [],
): Promise<Download> {
  const query = new URLSearchParams({
    token: server.token,
    request: JSON.stringify(request),
    name: 'gold-conll.zip',
  });
  return new Promise((resolve, reject) => {
    get(`${server.base}/api/archive?${query}`, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      const ended = new Promise((done) =>
        response.on('end', () => {
          order.push('archive');
          done(undefined);
        }),
      );
      Promise.all([onHeaders(), ended]).then(
        () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            bytes: Buffer.concat(chunks),
          }),
        reject,
      );
    }).on('error', reject);
  });
}

describe('the corpus archive of emend serve', () => {
  it('is the zip the in-memory export makes, sent chunked as it is written (no Content-Length), its file count and warnings in a header', async () => {
    const server = await servedCorpus(3, 20);
    const options = { format: 'conll' };
    const answer = await download(server, { options });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="gold-conll.zip"');
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();

    const exported = await server.call('exportCorpus', { options });
    const files = exported.body.files as Array<{ name: string; content: string }>;
    expect(files.map((file) => file.name)).toEqual(['doc-0.conll', 'doc-1.conll', 'doc-2.conll']);
    expect(answer.bytes.equals(Buffer.from(zip(files)))).toBe(true);
    // What the editor tells the user comes before the bytes, in a header.
    const summary = decodeURIComponent(String(answer.headers['x-emend-export']));
    expect(JSON.parse(summary)).toEqual({ files: 3, warnings: exported.body.warnings });
  });

  it('refuses a corpus with an annotation error in JSON before any byte of the zip', async () => {
    const server = await servedCorpus(2, 5, { 'broken.txt': 'An [PER open entity .\n' });
    const answer = await download(server, { options: { format: 'conll' } });
    expect(answer.status).toBe(422);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(answer.bytes.toString('utf8')) as { code: string; message: string };
    expect(body.code).toBe('refused-file');
    expect(body.message).toMatch(/^nothing exported: broken\.txt:1:/);
  });

  it('asks for the token', async () => {
    const server = await servedCorpus(1, 1);
    const answer = await new Promise<number>((resolve, reject) =>
      get(`${server.base}/api/archive?request={}`, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(answer).toBe(401);
  });

  it('of several multi-megabyte documents lets another call be answered before it ends', async () => {
    const server = await servedCorpus(4, 25_000);
    const order: string[] = [];
    const answer = await download(
      server,
      { options: { format: 'conll' } },
      async () => {
        const corpus = await server.call('getCorpus', {});
        order.push(`getCorpus ${corpus.status}`);
      },
      order,
    );
    expect(order).toEqual(['getCorpus 200', 'archive']);
    expect(answer.status).toBe(200);
    expect(answer.bytes.length).toBeGreaterThan(4 * 1_500_000);
  });
});
