// The Export dialog's state: what to export, in which format and options, and the download.
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../shared/convert/export';
import { zip } from '../../../shared/archive/zip';
import type { ArchiveSummary } from '../../../shared/api/archive';
import type { DocumentId, TaskId } from '../../../shared/api/contract';
import type { EmendClient } from '../api/client';
import type { CorpusToolHost } from './corpus-tool-host';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';

export type ExportScope = 'document' | 'corpus';

/** A file for the browser to save. */
export interface Download {
  name: string;
  bytes: Uint8Array | string | Blob;
}

/** What an export hands to save (nothing when the desktop shell saved it), and what the user is told of it. */
interface Exported {
  download?: Download;
  summary: ArchiveSummary;
}

export class ExportDialog {
  open = $state(false);
  scope = $state<ExportScope>('document');
  options = $state<ExportOptions>({ ...DEFAULT_EXPORT_OPTIONS });
  error = $state('');
  /** An export under way: Export waits for it, Cancel (or Escape) stops it. */
  running = $state(false);

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<CorpusToolHost, 'open' | 'settled' | 'notices' | 'corpus'>,
    private readonly work: LongWork,
    private readonly save: (download: Download) => void,
  ) {}

  show(): void {
    this.error = '';
    this.scope = this.editor.open ? 'document' : 'corpus';
    this.open = true;
  }

  /**
   * Exports as the CLI does (the workspace runs the same code) and hands the result to save: one
   * file as itself, several (a corpus, or brat's pair) as a zip. A corpus comes as the host's
   * streamed archive, never built in the page: downloaded from `emend serve`, saved to disk by
   * the desktop shell.
   */
  async run(): Promise<void> {
    if (this.running) return;
    this.error = '';
    const document = this.editor.open?.id;
    const id = this.scope === 'document' ? document : undefined;
    this.running = true;
    try {
      await this.editor.settled();
      const options = { ...this.options };
      const exported = await this.work.run(
        id ? `Exporting ${id}` : 'Exporting the corpus',
        (task) => (id ? this.exportDocument(id, options, task) : this.exportCorpus(options, task)),
      );
      if (!exported) {
        this.open = false;
        this.editor.notices.show('Export cancelled: nothing was saved.', 'info');
        return;
      }
      if (exported.download) this.save(exported.download);
      const { files, warnings } = exported.summary;
      this.editor.notices.show(
        `Exported ${files} file(s)${
          warnings.length
            ? ` with ${warnings.length} warning(s): ${warnings
                .slice(0, 3)
                .map((w) => `${w.id}:${w.line}: ${w.message}`)
                .join('; ')}`
            : ''
        }.`,
        warnings.length ? 'error' : 'info',
      );
      this.open = false;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.running = false;
    }
  }

  /** Closes the dialog; an export under way is cancelled (the dialog closes when it has stopped). */
  cancel(): void {
    if (this.running) this.work.cancel();
    else this.open = false;
  }

  private async exportDocument(
    id: DocumentId,
    options: ExportOptions,
    task: TaskId,
  ): Promise<Exported> {
    const result = await this.client.call('exportCorpus', { options, ids: [id], task });
    const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);
    const stem = base(id).replace(/\.[^.]*$/, '');
    const download =
      result.files.length === 1
        ? { name: base(result.files[0].name), bytes: result.files[0].content }
        : { name: `${stem}-${options.format}.zip`, bytes: zip(result.files) };
    return { download, summary: { files: result.files.length, warnings: result.warnings } };
  }

  private async exportCorpus(options: ExportOptions, task: TaskId): Promise<Exported> {
    const name = `${this.editor.corpus.name}-${options.format}.zip`;
    if (this.client.saveArchive) {
      return { summary: await this.client.saveArchive({ options, task }, name) };
    }
    if (this.client.archive) {
      const { summary, bytes } = await this.client.archive({ options, task }, name);
      return { download: { name, bytes }, summary };
    }
    // A client with neither (a test's) is sent the files: the page zips them.
    const result = await this.client.call('exportCorpus', { options, task });
    const download = { name, bytes: zip(result.files) };
    return { download, summary: { files: result.files.length, warnings: result.warnings } };
  }
}
