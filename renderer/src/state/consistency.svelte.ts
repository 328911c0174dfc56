// The consistency panel's state: the findings of the corpus as it is now, and their fixes.
import type { Finding, FindingFix } from '../../../shared/corpus/consistency';
import type { EmendClient } from '../api/client';
import type { ApplyToAll } from './apply-to-all.svelte';
import type { CorpusToolHost } from './corpus-tool-host';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';

export class ConsistencyReport {
  findings = $state.raw<Finding[] | null>(null);
  /** How many findings the corpus has (more than listed on a large corpus). */
  total = $state(0);
  error = $state('');

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<CorpusToolHost, 'settled'>,
    private readonly work: LongWork,
    private readonly applyToAll: ApplyToAll,
  ) {
    applyToAll.onChange(() => {
      if (this.findings) void this.check();
    });
  }

  async check(): Promise<void> {
    this.error = '';
    try {
      // Edits on screen are journaled first, so the report sees them.
      await this.editor.settled();
      const result = await this.work.run('Checking the corpus', (task) =>
        this.client.call('checkCorpus', { task }),
      );
      if (result) {
        this.findings = result.findings;
        this.total = result.total;
      }
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Opens the preview of a finding's fix. */
  fix(fix: FindingFix): void {
    this.applyToAll.show(fix.action, fix.targets, fix.name);
  }
}
