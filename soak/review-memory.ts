// A corpus review of every document through a real `emend serve`: the memory it takes does not grow with the corpus.
import { readFileSync } from 'node:fs';
import { check, documentText, makePlace } from './harness';

/** One document's lines: about 34 KB and 1,600 entities. */
const LINES = 400;
const EDITOR = 'soak-editor';

/** The server's peak resident memory (MB) after opening the corpus and after reviewing it. */
interface Peaks {
  opened: number;
  reviewed: number;
}

export interface ReviewMemoryFigures {
  documentKb: number;
  /** Peaks by the corpus's number of documents. */
  peakMb: Record<number, Peaks>;
  /** The larger corpus's peak after its review over the smaller's. */
  ratio: number;
  /** What the review added to the peak of the larger corpus over what it added to the smaller's. */
  reviewRatio: number;
}

/** The process's peak resident memory so far (VmHWM), in megabytes. */
function peakMegabytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/** Reviews a corpus of `count` documents as the editor does: each one's state, then its baseline. */
async function reviewPeaks(count: number): Promise<Peaks> {
  const names = Array.from({ length: count }, (_, n) => `doc-${String(n).padStart(4, '0')}.txt`);
  const place = await makePlace(
    Object.fromEntries(names.map((name, n) => [name, documentText(LINES, n * LINES)])),
  );
  try {
    const server = await place.serve();
    const call = async (method: string, body: unknown) => {
      const answer = await server.call(method, body);
      check(answer.status === 200, `${method} answered ${answer.status}: ${answer.body.message}`);
    };
    // The editor shows the first document; the review then reads every one.
    await call('openSource', { id: names[0] });
    await call('showDocument', { client: EDITOR, id: names[0] });
    const opened = peakMegabytes(server.child.pid!);
    for (const id of names) {
      await call('openDocument', { id });
      await call('getBaseline', { id, source: { kind: 'first-opened' } });
    }
    const reviewed = peakMegabytes(server.child.pid!);
    await server.stop();
    await place.checkOutside();
    return { opened, reviewed };
  } finally {
    await place.remove();
  }
}

export async function reviewMemory(small: number, large: number): Promise<ReviewMemoryFigures> {
  const peakMb: Record<number, Peaks> = {};
  for (const count of [small, large]) peakMb[count] = await reviewPeaks(count);
  const added = (count: number) => Math.max(1, peakMb[count].reviewed - peakMb[count].opened);
  const round = (ratio: number) => Math.round(ratio * 100) / 100;
  const figures = {
    documentKb: Math.round(Buffer.byteLength(documentText(LINES)) / 1024),
    peakMb,
    ratio: round(peakMb[large].reviewed / peakMb[small].reviewed),
    reviewRatio: round(added(large) / added(small)),
  };
  check(
    figures.reviewRatio < 2,
    `reviewing ${large} documents added ${added(large)} MB to the peak, ${figures.reviewRatio}x the ${added(small)} MB of ${small}`,
  );
  return figures;
}
