import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

/** A right-to-left override: a terminal shows the text after it reversed (`A\u202eB.exe`). */
const RLO = '\u202e';

it('quotes a document’s text with its bidi controls escaped in every report (check, diff, adjudicate)', async () => {
  const root = tempCorpus({
    'a/x.txt': `[PER A${RLO}B  ] met A${RLO}B .\n[PER A${RLO}B  ] .\n`,
    'b/x.txt': `[ORG A${RLO}B  ] met A${RLO}B .\n[PER A${RLO}B  ] .\n`,
  });
  const [a, b] = ['a', 'b'].map((copy) => path.join(root, copy));
  const runs = [
    await runCli(['check', a]),
    await runCli(['diff', a, b]),
    await runCli(['adjudicate', '--out', path.join(root, 'gold'), a, b]),
  ];
  for (const run of runs) {
    expect(run.out).toContain('A\\u202eB');
    expect(run.out + run.err).not.toContain(RLO);
  }
});
