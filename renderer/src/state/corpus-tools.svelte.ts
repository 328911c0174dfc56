// The corpus-wide tools beside the editor: search, apply to all, the consistency report, export, agreement, long work.
import type { EmendClient } from '../api/client';
import { Agreement } from './agreement.svelte';
import { ApplyToAll } from './apply-to-all.svelte';
import { ConsistencyReport } from './consistency.svelte';
import { CorpusSearch } from './corpus-search.svelte';
import type { CorpusToolHost } from './corpus-tool-host';
import { ExportDialog, type Download } from './export.svelte';
import { LongWork } from './long-work.svelte';
import { SuspectQueue } from './suspects.svelte';

export type CorpusPanelName = 'search' | 'consistency' | 'suspects';

/** Hands a file to the browser's download (under `emend serve`) or save dialog (Electron). */
function saveDownload({ name, bytes }: Download): void {
  const url = URL.createObjectURL(bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export class CorpusTools {
  readonly work: LongWork;
  readonly applyToAll: ApplyToAll;
  readonly search: CorpusSearch;
  readonly consistency: ConsistencyReport;
  readonly exporter: ExportDialog;
  readonly agreement: Agreement;
  readonly suspects: SuspectQueue;
  panel = $state<CorpusPanelName | null>(null);

  constructor(
    client: EmendClient,
    editor: CorpusToolHost,
    save: (download: Download) => void = saveDownload,
  ) {
    this.work = new LongWork(client);
    this.applyToAll = new ApplyToAll(client, editor, this.work);
    this.search = new CorpusSearch(client, editor, this.work, this.applyToAll);
    this.consistency = new ConsistencyReport(client, editor, this.work, this.applyToAll);
    this.exporter = new ExportDialog(client, editor, this.work, save);
    this.agreement = new Agreement(client, editor, this.work);
    this.suspects = new SuspectQueue(client, editor, this.work);
  }

  /** Shows a panel, or hides it when it is already shown; the consistency report runs when shown, the suspects the first time. */
  toggle(panel: CorpusPanelName): void {
    this.panel = this.panel === panel ? null : panel;
    if (this.panel === 'consistency') void this.consistency.check();
    if (this.panel === 'suspects' && !this.suspects.suspects) void this.suspects.rank();
  }
}
