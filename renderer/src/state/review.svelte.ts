// Review of the open document against a baseline: the diff, its marks in the text, jumping, reverting, accepting.
import type { BaselineSource, DocumentId, GitCommit } from '../../../shared/api/contract';
import type { BracketDocument, Diagnostic } from '../../../shared/format/document';
import type { Transaction } from '../../../shared/model/operations';
import { diagnose, parse } from '../../../shared/format/parse';
import { diffDocuments, type DocumentDiff, type EntityChange } from '../../../shared/review/diff';
import { buildReport, compareDocuments } from '../../../shared/review/report';
import { baselineToCurrent, revertTransaction } from '../../../shared/review/revert';
import { downloadReport } from '../components/review/report-download';
import type { EmendClient } from '../api/client';
import { reviewMarks, type ReviewMarks } from '../../../shared/view/review-marks';
import type { OpenDocument } from './document-sync.svelte';
import { asSentence, messageOf, type Notices } from './notices.svelte';

/** What the open document is compared with: a workspace baseline, or a point of its own history. */
export type ReviewSource =
  | BaselineSource
  /** A point of the history, with its time (none for its start, before any edit recorded). */
  | { kind: 'history'; point: number; time: number | null };

export interface ReviewBaseline {
  id: DocumentId;
  source: ReviewSource;
  doc: BracketDocument;
  /** A git baseline of a document renamed since: its path there. */
  renamedFrom?: string;
}

/** What review needs of the editor: the open document, its one edit path, and the label names. */
export interface ReviewHost {
  readonly open: OpenDocument | null;
  readonly notices: Notices;
  apply(tx: Transaction): void;
  labelNames(): string[];
  /** Selects and scrolls to a span of the open document (the entity there, if one is exactly there). */
  reveal(span: { start: number; end: number }): void;
  /** The selection, and where the view's first line starts: where the cursor is. */
  readonly selection: { readonly span: { start: number } | null; readonly viewTop: number };
}

let dateFormat: Intl.DateTimeFormat | undefined;

/** A version's date and time; the formatter is made on first use (its locale data takes a while to load). */
function versionTime(time: number): string {
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return dateFormat.format(time);
}

/** Words for a source, as the panel and the report name it. */
export function describeSource(source: ReviewSource): string {
  switch (source.kind) {
    case 'first-opened':
      return 'the file as first opened';
    case 'disk':
      return 'the file on disk';
    case 'file':
      return source.id;
    case 'git':
      // A commit's full hash is named by its first twelve digits, as git names it short.
      return `git revision ${/^[0-9a-f]{40}$/i.test(source.revision) ? source.revision.slice(0, 12) : source.revision}`;
    case 'copy':
      return `${copyName(source.path)}’s copy`;
    case 'history':
      return source.time === null
        ? 'the start of the recorded history'
        : `the version of ${versionTime(source.time)}`;
  }
}

/** Words for the baseline shown: its source, and the document's name there where it was renamed since. */
export function describeBaseline({ source, renamedFrom }: ReviewBaseline): string {
  const named = describeSource(source);
  return renamedFrom ? `${named} (then ${renamedFrom})` : named;
}

/**
 * Another annotator's copy of a document, to compare it with: of the other documents, the first
 * whose path ends with the most of the document's own (`bo/news/d1.txt` for `ann/news/d1.txt`), its
 * file name at least; else the first of them.
 */
export function counterpartOf(id: DocumentId, others: readonly DocumentId[]): DocumentId | null {
  const parts = id.split('/').reverse();
  const shared = (other: DocumentId) => {
    const theirs = other.split('/').reverse();
    let count = 0;
    while (count < parts.length && parts[count] === theirs[count]) count++;
    return count;
  };
  let best: DocumentId | null = others[0] ?? null;
  let most = 0;
  for (const other of others) {
    const count = shared(other);
    if (count > most) [best, most] = [other, count];
  }
  return best;
}

/** Another annotator's copy or a revision: taking its side of a change is accepting, not reverting. */
export function takesTheirs(source: ReviewSource): boolean {
  return source.kind === 'file' || source.kind === 'git' || source.kind === 'copy';
}

/** An annotator's name as their copy's folder says it: its last part (`../bo` → bo). */
const copyName = (folder: string) =>
  folder
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() || folder;

/** A baseline's markup errors in words (the first three, lines named), or '' when it has none. */
function brokenMarkup(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((problem) => problem.severity === 'error');
  const named = errors.slice(0, 3).map(({ line, message }) => `line ${line}: ${message}`);
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  return named.join('; ') + more;
}

export class Review {
  active = $state(false);
  baseline = $state.raw<ReviewBaseline | null>(null);
  loading = $state(false);
  /** The kind of baseline chosen in the panel (a document or revision may still be to pick). */
  choice = $state<BaselineSource['kind']>('first-opened');
  /** The change last jumped to (index into the diff's changes), -1 before any. */
  current = $state(-1);
  /** Recent commits of the open document's file, for the git source. */
  commits = $state.raw<GitCommit[]>([]);
  /** Why the last comparison asked for could not be made (the review shown, if any, is older). */
  failure = $state<string | null>(null);
  /** The broken markup of the baseline shown (its entities there are not compared), in words; '' if none. */
  brokenBaseline = $state('');
  /** Counts the baselines asked for: an answer to an earlier one than the last is not shown. */
  private asked = 0;

  constructor(
    private readonly client: EmendClient,
    private readonly host: ReviewHost,
  ) {}

  /** The diff of the open document against the baseline, baseline as reference. */
  readonly diff: DocumentDiff | null = $derived.by(() => {
    const open = this.host.open;
    const baseline = this.baseline;
    if (!this.active || !open || !baseline || baseline.id !== open.id) return null;
    return diffDocuments(baseline.doc, open.doc);
  });

  /** Where a baseline offset lies in the open document: aligned once per baseline and version. */
  private readonly toCurrent = $derived.by(() => {
    const open = this.host.open;
    const baseline = this.baseline;
    return open && baseline ? baselineToCurrent(baseline.doc, open.doc) : null;
  });

  /** The diff as marks for the document view. */
  readonly marks: ReviewMarks | null = $derived.by(() => {
    const diff = this.diff;
    const open = this.host.open;
    if (!diff || !open || !this.toCurrent) return null;
    return reviewMarks(diff, open.doc, this.toCurrent);
  });

  /** Turns review on (against the file as first opened) or off. */
  toggle(): void {
    if (this.active) {
      this.active = false;
      return;
    }
    this.active = true;
    const open = this.host.open;
    if (!open) return;
    if (this.baseline?.id !== open.id) void this.compareWith({ kind: 'first-opened' });
  }

  /** Loads a baseline from the workspace and shows the review against it. */
  async compareWith(source: BaselineSource): Promise<void> {
    const open = this.host.open;
    if (!open) return;
    this.active = true;
    this.choice = source.kind;
    this.loading = true;
    const asked = ++this.asked;
    try {
      const baseline = await this.client.call('getBaseline', { id: open.id, source });
      if (asked !== this.asked) return;
      const labels = this.host.labelNames();
      this.showBaseline(open.id, source, parse(baseline.text, { labels }), baseline.renamedFrom);
      this.brokenBaseline = brokenMarkup(diagnose(baseline.text, { labels, infos: false }));
    } catch (error) {
      if (asked !== this.asked) return;
      this.failure = `Cannot compare with ${describeSource(source)}: ${asSentence(messageOf(error))}`;
    } finally {
      if (asked === this.asked) this.loading = false;
    }
  }

  /** Shows the review against a document already at hand (a point of the history). */
  show(id: DocumentId, source: ReviewSource, doc: BracketDocument): void {
    // A baseline still on its way was asked for before this one.
    this.asked++;
    this.loading = false;
    this.showBaseline(id, source, doc);
  }

  private showBaseline(
    id: DocumentId,
    source: ReviewSource,
    doc: BracketDocument,
    renamedFrom?: string,
  ): void {
    this.active = true;
    this.baseline = { id, source, doc, ...(renamedFrom && { renamedFrom }) };
    this.brokenBaseline = '';
    this.failure = null;
    this.current = -1;
  }

  /**
   * Fetches the recent commits of the open document's file (empty outside git); they are listed
   * only while that document is still the open one.
   */
  async loadCommits(): Promise<void> {
    const id = this.host.open?.id;
    if (!id) return;
    const stillOpen = () => this.host.open?.id === id;
    try {
      const { commits } = await this.client.call('getGitLog', { id });
      if (stillOpen()) this.commits = commits;
    } catch (error) {
      if (!stillOpen()) return;
      this.commits = [];
      this.host.notices.show(messageOf(error));
    }
  }

  /** Scrolls to change `index` and makes it the current one. */
  jump(index: number): void {
    const change = this.diff?.changes[index];
    const toCurrent = this.toCurrent;
    if (!change || !toCurrent) return;
    this.current = index;
    if (change.after) return this.host.reveal(change.after);
    this.host.reveal({
      start: toCurrent(change.before!.start, 'start'),
      end: toCurrent(change.before!.end, 'end'),
    });
  }

  /**
   * Jumps to the next (1) or previous (-1) change, wrapping around: from the current change while
   * the cursor is on it, else from the cursor (the annotator moved on, or has not jumped yet).
   */
  step(direction: 1 | -1): void {
    const changes = this.diff?.changes ?? [];
    const count = changes.length;
    const toCurrent = this.toCurrent;
    if (count === 0 || !toCurrent) return;
    const at = (change: EntityChange) =>
      change.after ? change.after.start : toCurrent(change.before!.start, 'start');
    const { span, viewTop } = this.host.selection;
    const cursor = span?.start ?? viewTop;
    let next: number;
    if (this.current >= 0 && this.current < count && at(changes[this.current]) === cursor) {
      next = this.current + direction;
    } else if (direction > 0) {
      // Past a selection; from the top of the view, a change on its first line counts.
      const after = changes.findIndex((change) =>
        span ? at(change) > cursor : at(change) >= cursor,
      );
      next = after === -1 ? 0 : after;
    } else {
      next = changes.findLastIndex((change) => at(change) < cursor);
    }
    this.jump(((next % count) + count) % count);
  }

  /** Gives the open document the baseline's side of these changes, as one undoable edit. */
  revert(changes: readonly EntityChange[]): void {
    const open = this.host.open;
    const baseline = this.baseline;
    if (!open || !baseline || changes.length === 0) return;
    let reverted;
    try {
      reverted = revertTransaction(baseline.doc, open.doc, changes);
    } catch (error) {
      this.host.notices.show(messageOf(error));
      return;
    }
    if (reverted.skipped > 0)
      this.host.notices.show(
        `${reverted.skipped} change${reverted.skipped === 1 ? ' was' : 's were'} left: the text ${reverted.skipped === 1 ? 'it marks is' : 'they mark is'} not in this version.`,
        'info',
      );
    if (reverted.tx) this.host.apply(reverted.tx);
  }

  /** Reverts (or accepts) the change last jumped to, the Revert key. */
  revertCurrent(): void {
    const change = this.diff?.changes[this.current];
    if (change) this.revert([change]);
    else if (this.active) this.host.notices.show('Jump to a change first (n / p).', 'info');
  }

  /** Downloads the review of the open document as a report. */
  saveReport(open: OpenDocument | null, format: 'md' | 'json'): void {
    const diff = this.diff;
    if (!open || !diff || !this.baseline) return;
    const report = buildReport(describeBaseline(this.baseline), [
      compareDocuments(open.id, this.baseline.doc, open.doc, diff),
    ]);
    downloadReport(report, open.id, format);
  }

  revertAll(): void {
    this.revert(this.diff?.changes ?? []);
  }

  /** Drops the baseline, and a comparison that failed, when another document opens (the old one's). */
  forget(id: DocumentId | undefined): void {
    this.failure = null;
    if (this.baseline && this.baseline.id !== id) {
      this.baseline = null;
      this.commits = [];
      if (this.active && id) void this.compareWith({ kind: 'first-opened' });
    }
  }
}
