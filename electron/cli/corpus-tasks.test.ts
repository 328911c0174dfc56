// A corpus task run in the command's own thread: what its result holds once the document is let go.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTaskHere } from './corpus-tasks';
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
