// What the corpus tools need of the editor: the document on screen, opening one, edits, selection and notices.
import type { DocumentId } from '../../../shared/api/contract';
import type { DocumentEntity } from '../../../shared/format/document';
import type { Transaction } from '../../../shared/model/operations';
import type { Span } from '../document/dom-selection';
import type { Corpus } from './corpus.svelte';
import type { OpenDocument } from './document-sync.svelte';
import type { Notices } from './notices.svelte';
import type { Selection } from './selection.svelte';

/** The editor as the corpus tools see it; each tool takes only the members it uses (Pick). */
export interface CorpusToolHost {
  readonly open: OpenDocument | null;
  readonly selectedEntity: DocumentEntity | null;
  readonly selection: Selection;
  readonly notices: Notices;
  readonly corpus: Pick<Corpus, 'root' | 'name'>;
  openDocument(id: DocumentId): Promise<void>;
  /** Resolves once every edit sent is acknowledged (corpus-wide work reads the workspace after it). */
  settled(): Promise<void>;
  /** Applies tx to the open document as one undoable edit; false when it was refused. */
  apply(tx: Transaction, options?: { select?: boolean }): boolean;
  undo(): void;
  labelNames(): string[];
  /** Selects and scrolls to a span of the open document. */
  reveal(span: Span): void;
}
