// The Export dialog's state: what to export, in which format and options, and the download.
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../shared/convert/export';
import { zip } from '../../../shared/archive/zip';
import type { EmendClient } from '../api/client';
import type { Editor } from './editor.svelte';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';

export type ExportScope = 'document' | 'corpus';

/** A file for the browser to save. */
export interface Download {
  name: string;
  bytes: Uint8Array | string;
}

export class ExportDialog {
  open = $state(false);
  scope = $state<ExportScope>('document');
  options = $state<ExportOptions>({ ...DEFAULT_EXPORT_OPTIONS });
  error = $state('');

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Editor,
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
   * file as itself, several (a corpus, or brat's pair) as a zip.
   */
  async run(): Promise<void> {
    this.error = '';
    const document = this.editor.open?.id;
    const ids = this.scope === 'document' && document ? [document] : undefined;
    try {
      await this.editor.settled();
      const options = { ...this.options };
      const result = await this.work.run(
        ids ? `Exporting ${document}` : 'Exporting the corpus',
        (task) => this.client.call('exportCorpus', { options, ...(ids ? { ids } : {}), task }),
      );
      if (!result) return;
      const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);
      if (ids && result.files.length === 1) {
        this.save({ name: base(result.files[0].name), bytes: result.files[0].content });
      } else {
        const stem = ids ? base(ids[0]).replace(/\.[^.]*$/, '') : this.editor.corpus.name;
        this.save({ name: `${stem}-${options.format}.zip`, bytes: zip(result.files) });
      }
      const warnings = result.warnings.length;
      this.editor.notices.show(
        `Exported ${result.files.length} file(s)${
          warnings
            ? ` with ${warnings} warning(s): ${result.warnings
                .slice(0, 3)
                .map((w) => `${w.id}:${w.line}: ${w.message}`)
                .join('; ')}`
            : ''
        }.`,
        warnings ? 'error' : 'info',
      );
      this.open = false;
    } catch (error) {
      this.error = messageOf(error);
    }
  }
}
