// Corpus review: every document compared with its baseline, how much each changed, corpus scores, review marks.
import {
  documentOfState,
  type BaselineSource,
  type DocumentId,
} from '../../../shared/api/contract';
import { parse } from '../../../shared/format/parse';
import {
  buildReport,
  compareDocuments,
  type ComparedDocument,
  type ReviewReport,
} from '../../../shared/review/report';
import type { EmendClient } from '../api/client';
import type { Corpus } from './corpus.svelte';
import type { OpenDocument } from './document-sync.svelte';
import { messageOf, type Notices } from './notices.svelte';
import { describeSource } from './review.svelte';

export interface CorpusReviewHost {
  readonly open: OpenDocument | null;
  readonly notices: Notices;
  readonly corpus: Corpus;
  labelNames(): string[];
  settled(): Promise<void>;
}

export class CorpusReview {
  active = $state(false);
  source = $state.raw<BaselineSource>({ kind: 'first-opened' });
  report = $state.raw<ReviewReport | null>(null);
  /** Documents compared so far while a comparison runs, and how many there are. */
  progress = $state.raw<{ done: number; total: number } | null>(null);
  /** Documents that could not be compared, with why. */
  failures = $state.raw<{ id: DocumentId; message: string }[]>([]);
  /**
   * Where no document could be compared (and there is no report, no scores): the baseline in words,
   * and the reason when every document failed for the same one (a revision that names no commit).
   */
  nothingCompared = $state.raw<{ baseline: string; reason: string | null } | null>(null);
  /** A document was edited since the comparison began: the figures may no longer hold. */
  stale = $state(false);
  private run = 0;

  constructor(
    private readonly client: EmendClient,
    private readonly host: CorpusReviewHost,
  ) {}

  toggle(): void {
    this.active = !this.active;
    if (this.active && !this.report) void this.compare(this.source);
  }

  /** Compares every readable document with its baseline; a newer comparison cancels this one. */
  async compare(source: BaselineSource): Promise<void> {
    const run = ++this.run;
    this.source = source;
    this.stale = false;
    this.failures = [];
    this.nothingCompared = null;
    await this.host.settled();
    const ids = this.host.corpus.documents.filter((summary) => !summary.refused).map((s) => s.id);
    this.progress = { done: 0, total: ids.length };
    const compared: ComparedDocument[] = [];
    const failures: { id: DocumentId; message: string }[] = [];
    for (const id of ids) {
      try {
        const open = this.host.open;
        const after =
          open?.id === id
            ? open.doc
            : documentOfState(await this.client.call('openDocument', { id }));
        const baseline = await this.client.call('getBaseline', { id, source });
        const before = parse(baseline.text, { labels: this.host.labelNames() });
        compared.push(compareDocuments(id, before, after));
      } catch (error) {
        failures.push({ id, message: messageOf(error) });
      }
      if (run !== this.run) return;
      this.progress = { done: compared.length + failures.length, total: ids.length };
    }
    const baseline =
      source.kind === 'first-opened' ? 'each file as first opened' : describeSource(source);
    this.nothingCompared =
      compared.length === 0 && failures.length > 0
        ? {
            baseline,
            reason: failures.every(({ message }) => message === failures[0].message)
              ? failures[0].message
              : null,
          }
        : null;
    this.report = this.nothingCompared ? null : buildReport(baseline, compared);
    this.failures = this.nothingCompared?.reason ? [] : failures;
    this.progress = null;
  }

  cancel(): void {
    this.run++;
    this.progress = null;
  }

  /** Marks a document reviewed (or not); the sidebar shows it. */
  async markReviewed(id: DocumentId, reviewed: boolean): Promise<void> {
    try {
      const summary = await this.client.call('markReviewed', { id, reviewed });
      this.host.corpus.update(id, summary);
    } catch (error) {
      this.host.notices.show(messageOf(error));
    }
  }
}
