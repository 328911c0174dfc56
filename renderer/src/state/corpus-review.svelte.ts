// Corpus review: every document compared with its baseline, how much each changed, corpus scores, review marks.
import {
  ApiError,
  type BaselineSource,
  type DocumentId,
  type TaskId,
} from '../../../shared/api/contract';
import { plural } from '../../../shared/plural';
import {
  changeSummary,
  type ReviewReport,
  type UnreadableDocument,
} from '../../../shared/review/report';
import { randomId, type EmendClient } from '../api/client';
import type { Corpus } from './corpus.svelte';
import { messageOf, type Notices } from './notices.svelte';
import { describeSource } from './review.svelte';

/**
 * The comparison in a sentence or two: how many documents changed and how; where some could not be
 * compared, how many were, and why not (the one not compared named; several are listed apart); the
 * documents new since the baseline (not in it), likewise.
 */
export function corpusSummary(report: ReviewReport): string {
  const { documents, unreadable, onlyAfter, onlyBefore, changedDocuments, baseline } = report;
  const changes = changeSummary(report.totals);
  const apart = (paths: string[], what: string) =>
    paths.length === 0
      ? ''
      : paths.length === 1
        ? ` 1 is ${what}: ${paths[0]}.`
        : ` ${paths.length} are ${what} (listed below).`;
  const newSince =
    apart(onlyAfter, `new since, not in ${baseline}`) +
    apart(onlyBefore, `gone since, only in ${baseline}`);
  if (unreadable.length === 0)
    return `${changedDocuments} of ${plural(documents.length, 'document')} changed against ${baseline}; ${changes}.${newSince}`;
  const total = documents.length + unreadable.length;
  const notCompared =
    unreadable.length === 1
      ? `1 could not be: ${unreadable[0].path}: ${unreadable[0].reason}`
      : `${unreadable.length} could not be (listed below)`;
  return `${documents.length} of ${plural(total, 'document')} compared against ${baseline}; ${notCompared}. ${changedDocuments} of ${documents.length} changed; ${changes}.${newSince}`;
}

export interface CorpusReviewHost {
  readonly notices: Notices;
  readonly corpus: Corpus;
  settled(): Promise<void>;
}

export class CorpusReview {
  active = $state(false);
  source = $state.raw<BaselineSource>({ kind: 'first-opened' });
  report = $state.raw<ReviewReport | null>(null);
  /** Documents compared so far while a comparison runs, and how many there are. */
  progress = $state.raw<{ done: number; total: number } | null>(null);
  /**
   * Where no document could be compared (and there is no report, no scores): the baseline in words,
   * and the reason when every document failed for the same one (a revision that names no commit),
   * else each document with why. Where some could, the report names those that could not.
   */
  nothingCompared = $state.raw<{
    baseline: string;
    reason: string | null;
    unreadable: UnreadableDocument[];
  } | null>(null);
  /** A document was edited since the comparison began: the figures may no longer hold. */
  stale = $state(false);
  private run = 0;
  /** The workspace's task of the comparison running, to follow its progress and cancel it. */
  private task: TaskId | null = null;

  constructor(
    private readonly client: EmendClient,
    private readonly host: CorpusReviewHost,
  ) {
    client.onEvent((event) => {
      if (event.type === 'progress' && event.task === this.task)
        this.progress = { done: event.done, total: event.total };
    });
  }

  toggle(): void {
    this.active = !this.active;
    if (this.active && !this.report) void this.compare(this.source);
  }

  /**
   * Compares every readable document with its baseline, in the workspace (the page stays free); a
   * newer comparison cancels this one.
   */
  async compare(source: BaselineSource): Promise<void> {
    this.cancel();
    const run = ++this.run;
    await this.host.settled();
    if (run !== this.run) return;
    const task = `task-${randomId()}`;
    this.task = task;
    const total = this.host.corpus.documents.filter((summary) => !summary.refused).length;
    this.progress = { done: 0, total };
    let counted: Omit<ReviewReport, 'baseline'>;
    try {
      counted = await this.client.call('reviewCorpus', { source, task });
    } catch (error) {
      if (run !== this.run) return;
      this.task = null;
      this.progress = null;
      if (!(error instanceof ApiError && error.code === 'cancelled'))
        this.host.notices.show(messageOf(error));
      return;
    }
    if (run !== this.run) return;
    this.task = null;
    // What is shown is now this comparison's: its source, figures as they are now.
    this.source = source;
    this.stale = false;
    const baseline =
      source.kind === 'first-opened' ? 'each file as first opened' : describeSource(source);
    const { documents, unreadable, onlyAfter } = counted;
    const reason = unreadable.every((document) => document.reason === unreadable[0]?.reason)
      ? unreadable[0]?.reason
      : undefined;
    this.nothingCompared =
      documents.length === 0 &&
      onlyAfter.length === 0 &&
      counted.onlyBefore.length === 0 &&
      unreadable.length > 0
        ? { baseline, reason: reason ?? null, unreadable: reason ? [] : unreadable }
        : null;
    this.report = this.nothingCompared ? null : { baseline, ...counted };
    this.progress = null;
  }

  /** Stops the comparison running, if one is. */
  cancel(): void {
    this.run++;
    this.progress = null;
    const task = this.task;
    this.task = null;
    if (task) void this.client.call('cancelTask', { task }).catch(() => undefined);
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
