// The corpus list: its name, every document's summary (status, counts) and the refused file on screen.
import type { CorpusInfo, DocumentId, DocumentSummary } from '../../../shared/api/contract';

export class Corpus {
  name = $state('');
  /** The opened folder's path (what per-corpus choices kept in the browser are keyed by). */
  root = $state('');
  documents = $state.raw<DocumentSummary[]>([]);
  /** The refused file whose message is shown instead of a document. */
  refused = $state.raw<DocumentSummary | null>(null);
  /** Said once for the whole corpus when it opened with a limit (a read-only folder). */
  notice = $state('');

  load(info: Pick<CorpusInfo, 'root' | 'name' | 'documents' | 'notice'>): void {
    this.root = info.root;
    this.name = info.name;
    this.documents = info.documents;
    this.notice = info.notice ?? '';
  }

  /** Where each document sits in `documents`: made again only when the list is replaced. */
  private positions: {
    of: readonly DocumentSummary[];
    at: ReadonlyMap<DocumentId, number>;
  } | null = null;

  private indexOf(id: DocumentId | undefined): number {
    if (this.positions?.of !== this.documents) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- derived from the list, never shown
      const at = new Map(this.documents.map((summary, index) => [summary.id, index]));
      this.positions = { of: this.documents, at };
    }
    return id === undefined ? -1 : (this.positions.at.get(id) ?? -1);
  }

  find(id: DocumentId | undefined): DocumentSummary | undefined {
    return this.documents[this.indexOf(id)];
  }

  /** The document before (-1) or after (1) id in the list. */
  neighbour(id: DocumentId | undefined, direction: 1 | -1): DocumentSummary | undefined {
    return this.documents[this.indexOf(id) + direction];
  }

  /** Changes one document's summary; a change that changes nothing leaves the list as it is. */
  update(id: DocumentId, change: Partial<DocumentSummary>): void {
    const index = this.indexOf(id);
    const summary = this.documents[index];
    const same = (key: string, value: unknown) => summary[key as keyof DocumentSummary] === value;
    if (!summary || Object.entries(change).every(([key, value]) => same(key, value))) return;
    const documents = [...this.documents];
    documents[index] = { ...summary, ...change };
    if (this.positions) this.positions = { of: documents, at: this.positions.at };
    this.documents = documents;
  }
}
