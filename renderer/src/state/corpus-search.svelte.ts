// Corpus search from the editor: the query, its hits, jumping to one, and apply to all from them.
import type { CorpusSearchResult, DocumentId } from '../../../shared/api/contract';
import type { CorpusAction } from '../../../shared/corpus/apply-to-all';
import type { CorpusHit } from '../../../shared/corpus/hits';
import type { SearchQuery, TaggedFilter } from '../../../shared/corpus/search';
import type { EmendClient } from '../api/client';
import type { ApplyToAll } from './apply-to-all.svelte';
import type { CorpusToolHost } from './corpus-tool-host';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';

export type ActionKind = CorpusAction['kind'];

export class CorpusSearch {
  pattern = $state('');
  regex = $state(false);
  caseSensitive = $state(true);
  /** Only hits an entity with this label covers exactly ('' for any). */
  label = $state('');
  tagged = $state<TaggedFilter>('any');
  result = $state.raw<CorpusSearchResult | null>(null);
  error = $state('');
  /** The apply-to-all chosen under the hits. */
  actionKind = $state<ActionKind>('tag');
  actionLabel = $state('');

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<
      CorpusToolHost,
      'open' | 'openDocument' | 'selectedEntity' | 'selection' | 'notices' | 'settled'
    >,
    private readonly work: LongWork,
    private readonly applyToAll: ApplyToAll,
  ) {
    // The hits show labels: after an apply-to-all or its undo they are fetched again.
    applyToAll.onChange(() => {
      if (this.searched) void this.search(this.searched);
    });
  }

  /** The query the hits shown answer. */
  private searched = $state.raw<SearchQuery | null>(null);

  /**
   * Whether the search asked for differs from the one the hits shown answer (its text or a filter
   * changed and it was not searched again): no apply is offered over those hits.
   */
  get outdated(): boolean {
    const searched = this.searched;
    const now = this.query();
    return (
      this.result !== null &&
      searched !== null &&
      (Object.keys(now) as (keyof SearchQuery)[]).some((key) => now[key] !== searched[key])
    );
  }

  /** A filter changed (a choice, not the text being typed): the hits shown are found again. */
  filtersChanged(): void {
    if (this.searched && this.pattern !== '') void this.search();
  }
  /** The revision of each document seen on screen since the hits shown were found. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  private readonly seen = new Map<DocumentId, number>();

  /**
   * Searches again for the hits shown when the document on screen was edited since they were
   * found or it was first seen after (their labels and columns may have changed).
   */
  refreshAfterEdits(): void {
    const open = this.editor.open;
    if (!this.searched || !open || this.work.busy) return;
    const seen = this.seen.get(open.id);
    if (seen === undefined) this.seen.set(open.id, open.revision);
    if (seen === undefined || seen === open.revision) return;
    void this.search(this.searched);
  }

  query(): SearchQuery {
    return {
      pattern: this.pattern,
      regex: this.regex,
      caseSensitive: this.caseSensitive,
      label: this.label === '' ? null : this.label,
      tagged: this.tagged,
    };
  }

  /** Searches for the selected entity (or the selection) at once. */
  fromSelection(): void {
    const open = this.editor.open;
    const entity = this.editor.selectedEntity;
    const span = entity ?? this.editor.selection.span;
    if (!open || !span) {
      this.editor.notices.show('Select an entity or some text first.', 'info');
      return;
    }
    this.pattern = open.doc.text.slice(span.start, span.end);
    this.regex = false;
    if (entity) this.actionLabel = entity.label;
    void this.search();
  }

  async search(query = this.query()): Promise<void> {
    this.error = '';
    try {
      // Edits on screen are journaled first, so the hits point at the text as shown.
      await this.editor.settled();
      const open = this.editor.open;
      const on = open && ([open.id, open.revision] as const);
      const result = await this.work.run('Searching the corpus', (task) =>
        this.client.call('searchCorpus', { query, task }),
      );
      if (result) {
        this.result = result;
        this.searched = query;
        this.seen.clear();
        if (on) this.seen.set(...on);
      }
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Opens the hit's document and selects the hit. */
  async reveal(hit: CorpusHit): Promise<void> {
    if (this.editor.open?.id !== hit.path) await this.editor.openDocument(hit.path);
    if (this.editor.open?.id !== hit.path) return;
    this.editor.selection.select({ start: hit.start, end: hit.end });
    this.editor.selection.reveal = { offset: hit.start };
  }

  /** The action chosen under the hits, or null with a notice when it needs a label that is missing. */
  action(): CorpusAction | null {
    if (this.actionKind === 'untag') return { kind: 'untag' };
    if (this.actionLabel === '') {
      this.editor.notices.show('Choose the label to apply.', 'info');
      return null;
    }
    return { kind: this.actionKind, label: this.actionLabel };
  }

  /** Previews the chosen action over every hit. */
  preview(): void {
    if (this.outdated) {
      this.editor.notices.show('The search changed since these hits: press Search first.', 'info');
      return;
    }
    const action = this.action();
    if (action && this.result) this.applyToAll.show(action, this.result.hits);
  }
}
