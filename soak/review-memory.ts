// A corpus review of every document through a real `emend serve`: the memory it takes grows neither with the corpus (as many reviews of a small corpus take as much) nor with reviewing again.
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
  /** Peaks: the small corpus reviewed once and as many times over as the large one has documents, the large one once. */
  peakMb: { small: Peaks; smallOver: Peaks; large: Peaks };
  /** What the large corpus's review added to the peak over what as many reviews of the small one added. */
  perDocument: number;
  /** What the small corpus's reviews over and over added over what reviewing it once added. */
  perReview: number;
}

/** The process's peak resident memory so far (VmHWM), in megabytes. */
function peakMegabytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/** Reviews a corpus of `count` documents as the editor does (one reviewCorpus call), `rounds` times over. */
async function reviewPeaks(count: number, rounds: number): Promise<Peaks> {
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
    for (let round = 0; round < rounds; round++)
      await call('reviewCorpus', { source: { kind: 'first-opened' } });
    const reviewed = peakMegabytes(server.child.pid!);
    await server.stop();
    await place.checkOutside();
    return { opened, reviewed };
  } finally {
    await place.remove();
  }
}

export async function reviewMemory(small: number, large: number): Promise<ReviewMemoryFigures> {
  const times = Math.round(large / small);
  const peakMb = {
    small: await reviewPeaks(small, 1),
    smallOver: await reviewPeaks(small, times),
    large: await reviewPeaks(large, 1),
  };
  const added = (peaks: Peaks) => Math.max(1, peaks.reviewed - peaks.opened);
  const round = (ratio: number) => Math.round(ratio * 100) / 100;
  const figures = {
    documentKb: Math.round(Buffer.byteLength(documentText(LINES)) / 1024),
    peakMb,
    perDocument: round(added(peakMb.large) / added(peakMb.smallOver)),
    perReview: round(added(peakMb.smallOver) / added(peakMb.small)),
  };
  // As many reviews of many documents as of few take as much: the heap grows with the work done
  // (0.8–1.25x between runs); a server keeping ~50 KB per document (a parse of each) adds half again.
  check(
    figures.perDocument < 1.5,
    `reviewing ${large} documents added ${added(peakMb.large)} MB to the peak, ${figures.perDocument}x the ${added(peakMb.smallOver)} MB of reviewing ${small} documents ${times} times`,
  );
  // Reviewing the same documents over and over: the heap's growth with the work done is 1.6–2.4x
  // here; a server keeping a parse of each document reviewed (~150 KB) would add three times as much.
  check(
    figures.perReview < 3,
    `reviewing ${small} documents ${times} times added ${added(peakMb.smallOver)} MB to the peak, ${figures.perReview}x the ${added(peakMb.small)} MB of reviewing them once`,
  );
  return figures;
}
