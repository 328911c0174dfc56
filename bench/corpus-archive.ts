// Benchmarks GET /api/archive of `emend serve`: the server's peak memory while a corpus of 4 and of 12 large documents streams (flat: about the same).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../electron/host/fixtures/serve-process';
import { ensureCliBuilt } from '../scripts/cli-build';

const DOCUMENT_MB = 8;

/** The resident memory of process pid, in MB (Linux). */
function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Downloads the corpus as CoNLL, sampling the server's memory; its size and the peak seen. */
function download(server: ServeProcess): Promise<{ bytes: number; peakMb: number }> {
  const pid = server.child.pid ?? 0;
  let peakMb = residentMb(pid);
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, residentMb(pid))), 20);
  const query = new URLSearchParams({
    token: server.token,
    request: JSON.stringify({ options: { format: 'conll' } }),
  });
  return new Promise((resolve, reject) => {
    get(`${server.base}/api/archive?${query}`, { agent: false }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        clearInterval(sampler);
        if (response.statusCode !== 200) reject(new Error(`archive: ${response.statusCode}`));
        else resolve({ bytes, peakMb });
      });
    }).on('error', reject);
  });
}

async function measure(folder: string, documents: number): Promise<void> {
  const root = path.join(folder, `corpus-${documents}`);
  mkdirSync(root);
  const line = 'The [ORG European Union  ] sent [PER Javier Solana  ] to [LOC Pristina  ] .\n';
  const text = line.repeat(Math.ceil((DOCUMENT_MB * 1024 * 1024) / line.length));
  for (let k = 0; k < documents; k++) writeFileSync(path.join(root, `doc-${k}.txt`), text);
  const server = await startServe(root, path.join(folder, `state-${documents}`));
  try {
    const idleMb = residentMb(server.child.pid ?? 0);
    const started = performance.now();
    const { bytes, peakMb } = await download(server);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${documents} × ${DOCUMENT_MB} MB: archive ${(bytes / 2 ** 20).toFixed(0)} MB in ${seconds.toFixed(1)} s, ` +
        `server memory ${idleMb.toFixed(0)} MB idle, ${peakMb.toFixed(0)} MB at most`,
    );
  } finally {
    await server.stop();
  }
}

ensureCliBuilt();
const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-bench-archive-'));
try {
  console.log('Corpus archive: server memory while the zip streams (flat: 12 documents ≈ 4)');
  await measure(folder, 4);
  await measure(folder, 12);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
