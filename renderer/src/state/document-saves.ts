// Saving from the editor: the shown document, or every document, as the workspace holds them.
import { ApiError, type DocumentId, type DocumentSummary } from '../../../shared/api/contract';
import { plural } from '../../../shared/plural';
import type { EmendClient } from '../api/client';
import { asSentence, messageOf, type Notices } from './notices.svelte';

/** What a save needs of the editor: the workspace, notices, and the shown document's synced state. */
export interface SaveHost {
  readonly client: EmendClient;
  readonly notices: Notices;
  summaryChanged(id: DocumentId, change: Partial<DocumentSummary>): void;
  /** Takes the workspace's summaries of ids (a saved document may be reviewed, or back to untouched). */
  takeSummaries(ids: readonly DocumentId[]): Promise<void>;
  /** The revision the workspace acknowledged for id, while it is shown. */
  acknowledgedRevision(id: DocumentId): number | undefined;
  /** The workspace wrote id to disk (at `revision`, when known). */
  saved(id: DocumentId, revision?: number): void;
  /** Reloads id from the workspace, if it is still shown. */
  reload(id: DocumentId): Promise<void>;
}

/** Saves the shown document id at the revision the workspace acknowledged; a stale one is reloaded. */
export async function saveDocument(host: SaveHost, id: DocumentId): Promise<void> {
  const revision = host.acknowledgedRevision(id);
  if (revision === undefined) return;
  try {
    const result = await host.client.call('save', { id, revision });
    host.saved(id, result.revision);
    host.summaryChanged(id, { dirty: false, status: 'saved' });
    await host.takeSummaries([id]);
    // The workspace's notice (an owner not kept, theirs kept), as a sentence of its own.
    const said = result.notice ?? '';
    const notice = said ? ` ${said.charAt(0).toUpperCase()}${said.slice(1)}.` : '';
    host.notices.show(`Saved ${id}.${notice}`, 'info', `save ${id}`);
  } catch (error) {
    host.notices.show(messageOf(error), 'error', `save ${id}`);
    if (error instanceof ApiError && error.code === 'stale-revision') await host.reload(id);
  }
}

/** Saves every document with unsaved edits; says which were saved and which could not be, and why. */
export async function saveEveryDocument(host: SaveHost): Promise<void> {
  try {
    const { saved, failed, recreated, notices } = await host.client.call('saveAll', {});
    for (const id of saved) {
      host.summaryChanged(id, { dirty: false, status: 'saved' });
      host.saved(id);
    }
    await host.takeSummaries(saved);
    const again =
      recreated.length > 0
        ? ` Written again, deleted on disk before: ${recreated.join(', ')}.`
        : '';
    const said = notices.map(({ id, notice }) => ` ${id}: ${asSentence(notice)}`).join('');
    const done =
      saved.length > 0 ? `Saved ${plural(saved.length, 'document')}.${again}${said}` : '';
    if (failed.length === 0) {
      host.notices.show(done || 'Nothing to save.', 'info');
      return;
    }
    const why = failed.map(({ message }) => asSentence(message));
    const notSaved = `${plural(failed.length, 'document')} not saved: ${why.join(' ')}`;
    host.notices.show(done ? `${done} ${notSaved}` : notSaved);
  } catch (error) {
    host.notices.show(`Save all failed: ${messageOf(error)}`);
  }
}
