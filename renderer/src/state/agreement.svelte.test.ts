// @vitest-environment node
// Adjudicate mode refusing a document whose copies' texts differ: the markup error that made them differ, as emend adjudicate names it.
import { describe, expect, it } from 'vitest';
import type { CopyVersions } from '../../../shared/api/contract';
import { diagnose, parse } from '../../../shared/format/parse';
import { diagnosticSpans } from '../../../shared/view/diagnostic-spans';
import type { EmendClient } from '../api/client';
import { Agreement } from './agreement.svelte';
import type { CorpusToolHost } from './corpus-tool-host';
import { LongWork } from './long-work.svelte';
import { Notices } from './notices.svelte';

const KOSOVO = 'Integrating [LOC Kosovo  ] into society .\nThe [PER Javier Solana  ] left .\n';
const UNCLOSED = KOSOVO.replace('[PER Javier Solana  ]', '[PER Javier Solana');

/**
 * What Adjudicate mode tells when asked to adjudicate kosovo.txt (its text `corpus` in the editor)
 * against the copies ann and bo (their texts `copies`).
 */
async function refusal(corpus: string, copies: [string, string]): Promise<string[]> {
  const versions: CopyVersions = {
    id: 'kosovo.txt',
    annotators: ['ann', 'bo'],
    texts: copies,
    earlier: null,
  };
  const client = {
    call: async () => versions,
    onEvent: () => () => undefined,
  } as unknown as EmendClient;
  const doc = parse(corpus);
  const notices = new Notices();
  const editor = {
    open: { id: 'kosovo.txt', doc, diagnostics: diagnosticSpans(doc, diagnose(corpus)) },
    notices,
    openDocument: async () => undefined,
    settled: async () => undefined,
    labelNames: () => ['LOC', 'PER'],
  } as unknown as CorpusToolHost;
  const agreement = new Agreement(client, editor, new LongWork(client));
  agreement.copies = [
    { kind: 'folder', path: '../ann' },
    { kind: 'folder', path: '../bo' },
  ];
  await agreement.adjudicate('kosovo.txt');
  return notices.toasts.map((toast) => toast.message);
}

describe('adjudicating copies whose plain texts differ', () => {
  it("names a copy's markup error on or before the first differing line", async () => {
    expect(await refusal(KOSOVO, [KOSOVO, UNCLOSED])).toEqual([
      'Cannot adjudicate kosovo.txt: bo/kosovo.txt:2:5: unclosed-entity: entity [PER is not closed on its line (repair it first).',
    ]);
  });

  it("names the corpus document's own markup error", async () => {
    expect(await refusal(UNCLOSED, [KOSOVO, KOSOVO])).toEqual([
      'Cannot adjudicate kosovo.txt: kosovo.txt:2:5: unclosed-entity: entity [PER is not closed on its line (repair it first).',
    ]);
  });

  it('names the copy and the line where no markup error explains the difference', async () => {
    expect(await refusal(KOSOVO, [KOSOVO, KOSOVO.replace('left', 'went')])).toEqual([
      "Cannot adjudicate kosovo.txt: bo's text differs from it at line 2.",
    ]);
  });
});
