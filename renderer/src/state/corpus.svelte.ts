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

  find(id: DocumentId | undefined): DocumentSummary | undefined {
    return this.documents.find((summary) => summary.id === id);
  }

  /** The document before (-1) or after (1) id in the list. */
  neighbour(id: DocumentId | undefined, direction: 1 | -1): DocumentSummary | undefined {
    const index = this.documents.findIndex((summary) => summary.id === id);
    return this.documents[index + direction];
  }

  update(id: DocumentId, change: Partial<DocumentSummary>): void {
    this.documents = this.documents.map((summary) =>
      summary.id === id ? { ...summary, ...change } : summary,
    );
  }
}
