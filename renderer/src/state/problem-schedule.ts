// The open document's problems, derived from it as an editor's lint runs: after edits pause, at once when its text or the labels change.
import type { BracketDocument, Diagnostic } from '../../../shared/format/document';
import { revalidate, type Validated } from '../../../shared/format/revalidate';
import { sameLabels, validate } from '../../../shared/format/validate';

/** Problems are derived again once edits pause for this long. */
const PAUSE_MS = 150;

/** What problems are derived from: the document now, the corpus's labels now, its text's line starts. */
export interface LintInput {
  doc: BracketDocument;
  labels: readonly string[];
  starts: readonly number[];
}

export class ProblemSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The document whose problems were last derived, and the labels they were derived against. */
  private validated: Validated | null = null;

  constructor(
    private readonly input: () => LintInput | null,
    private readonly found: (doc: BracketDocument, diagnostics: readonly Diagnostic[]) => void,
  ) {}

  /**
   * Another document is shown (or the same one reloaded): its problems are the ones found reading
   * it, when it was read against the labels now; else they are derived in full now.
   */
  anew(read?: Validated): void {
    clearTimeout(this.timer);
    const input = this.input();
    const taken = read && input?.doc === read.doc && sameLabels(read.labels, input.labels);
    this.validated = taken ? read : null;
    if (taken) this.found(read.doc, read.diagnostics);
    else this.now();
  }

  /** The document's entities changed: its problems are derived once edits pause. */
  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(), PAUSE_MS);
  }

  /** Derives the problems of the document as it is now; after an entity edit only the lines around it are read again. */
  now(): void {
    clearTimeout(this.timer);
    const input = this.input();
    if (!input) return;
    const { doc, labels, starts } = input;
    // Already derived from this document against these labels (the labels loaded as they were).
    if (this.validated?.doc === doc && sameLabels(this.validated.labels, labels)) return;
    const diagnostics = this.validated
      ? revalidate(this.validated, doc, labels, starts)
      : validate(doc, labels);
    this.validated = { doc, diagnostics, labels };
    this.found(doc, diagnostics);
  }

  /** No document is shown: nothing is derived. */
  stop(): void {
    clearTimeout(this.timer);
    this.validated = null;
  }
}
