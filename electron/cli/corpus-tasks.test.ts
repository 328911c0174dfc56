// A corpus task: the files it could not read, each named, and (run in the command's own thread) what its result holds once the document is let go.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatsCounter } from '../../shared/corpus/stats';
import { runTask, runTaskHere } from './corpus-tasks';
import { tempCorpus } from './testing';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap in MB kept by what make returns, after a full collection. */
async function heapKept(make: () => Promise<unknown>): Promise<{ kept: unknown; mb: number }> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept = await make();
  collectGarbage();
  return { kept, mb: (process.memoryUsage().heapUsed - before) / 1e6 };
}

describe('a task run in this thread', () => {
  it("keeps none of the document's text alive through its result (check's forms)", async () => {
    // Three 7 MB documents whose entity form is long enough to be cut from the text, not copied.
    const line = 'plain words here and there [ORG International Business Machines  ] said .\n';
    const root = tempCorpus({ 'a.txt': line.repeat(100_000) });
    const file = path.join(root, 'a.txt');
    const labels = ['PER', 'LOC', 'ORG', 'MISC'];
    const { kept, mb } = await heapKept(() =>
      Promise.all([1, 2, 3].map(() => runTaskHere({ task: 'check', paths: [file], labels }))),
    );
    expect(kept).toHaveLength(3);
    // Each result is 100k hits packed (~2.5 MB); a result holding its text would add ~5 MB each.
    expect(mb).toBeLessThan(10);
  });
});

describe('a task of several files', () => {
  it('names every file it could not read, in order, each read while the one before is decoded', async () => {
    // The first is long to read and decode: the missing one after it fails meanwhile.
    const root = tempCorpus({
      'long.txt': '[PER Ann  ] met Bob .\n'.repeat(400_000),
      'bin.txt': new Uint8Array([0x41, 0x00]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const paths = ['long.txt', 'missing.txt', 'bin.txt', 'latin1.txt'].map((name) =>
      path.join(root, name),
    );
    const outcome = await runTask({
      task: 'agree',
      paths,
      labels: [],
      copyLabels: [[], [], [], []],
    });
    expect(outcome).toEqual({
      unreadable: [
        expect.objectContaining({ code: 'not-found', path: paths[1] }),
        expect.objectContaining({ code: 'binary', path: paths[2] }),
        expect.objectContaining({ code: 'invalid-utf8', path: paths[3] }),
      ],
    });
  });
});

describe('stats of a document', () => {
  const labels = ['PER', 'LOC', 'ORG', 'MISC'];
  // 9 MB: read 1 MB at a time and counted in pieces of at most 64 KB.
  const line = '\uFEFF[PER Ann  ] met [LOC Oslo  ] in [MISC Ålesund 🙂 ] .\n';
  const long = line.repeat(150_000);

  it('counts a long document read in pieces as it counts it whole', async () => {
    // A U+FEFF opens every line: only the file's first is a byte order mark, the others are text.
    const root = tempCorpus({ 'a.txt': long });
    const whole = new StatsCounter();
    whole.add(long, new TextEncoder().encode(long), labels);
    expect(await runTask({ task: 'stats', paths: [path.join(root, 'a.txt')], labels })).toEqual({
      result: whole.tally(),
      characters: long.length,
    });
  });

  it('counts nothing of a document found unreadable after its first pieces, and names its line', async () => {
    const root = tempCorpus({ 'late.txt': `${long}bad\0\n` });
    const file = path.join(root, 'late.txt');
    expect(await runTask({ task: 'stats', paths: [file], labels })).toEqual({
      unreadable: [
        {
          code: 'binary',
          path: file,
          reason: 'binary file (NUL byte on line 150001), not a text document',
        },
      ],
    });
  });
});
