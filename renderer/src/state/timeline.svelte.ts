// The History view's state: the open document's journaled edits as points, each viewable as a review and restorable.
import type { DocumentHistory } from '../../../shared/api/contract';
import type { BracketDocument } from '../../../shared/format/document';
import type { Transaction } from '../../../shared/model/operations';
import {
  documentsAtPoints,
  restoreTransaction,
  summarizeEntry,
} from '../../../shared/review/timeline';
import type { EmendClient } from '../api/client';
import type { OpenDocument } from './document-sync.svelte';
import { messageOf, type Notices } from './notices.svelte';
import type { Review } from './review.svelte';

export interface TimelineHost {
  readonly open: OpenDocument | null;
  readonly notices: Notices;
  readonly review: Review;
  apply(tx: Transaction): void;
  settled(): Promise<void>;
}

/** One point of the history: the document after `entries[point - 1]` (point 0: before them all). */
export interface TimelinePoint {
  point: number;
  /** When the edit leading here was made (or the file was saved, for point 0). */
  time: number | null;
  summary: string;
  /** The file on disk holds this point. */
  saved: boolean;
}

export class Timeline {
  active = $state(false);
  points = $state.raw<TimelinePoint[]>([]);
  /** The point being looked at (its review against now is shown), or -1. */
  selected = $state(-1);
  private history: DocumentHistory | null = null;
  private docs: BracketDocument[] = [];

  constructor(
    private readonly client: EmendClient,
    private readonly host: TimelineHost,
  ) {}

  toggle(): void {
    this.active = !this.active;
    if (this.active) void this.load();
  }

  /** Reads the journaled history once every edit shown has reached the workspace. */
  async load(): Promise<void> {
    await this.host.settled();
    const open = this.host.open;
    if (!open) return;
    try {
      const history = await this.client.call('getHistory', { id: open.id });
      if (this.host.open !== open) return; // edited or switched meanwhile: a later load follows
      this.docs = documentsAtPoints(open.doc, history.entries);
      this.history = history;
      const saved = history.saved?.point ?? -1;
      this.points = this.docs.map((_doc, point) => ({
        point,
        time:
          point === 0
            ? saved === 0
              ? history.saved!.time
              : null
            : history.entries[point - 1].time,
        summary:
          point === 0
            ? 'Start of the recorded history'
            : summarizeEntry(this.docs[point - 1], this.docs[point], history.entries[point - 1]),
        saved: point === saved,
      }));
      if (this.selected >= this.points.length) this.selected = -1;
    } catch (error) {
      this.host.notices.show(`The history could not be read: ${messageOf(error)}`);
    }
  }

  /** Shows the review from point to now. */
  select(point: number): void {
    const open = this.host.open;
    const doc = this.docs[point];
    if (!open || !doc || !this.history) return;
    this.selected = point;
    const { time } = this.points[point];
    this.host.review.show(open.id, { kind: 'history', point, time }, doc);
  }

  /** Restores the version picked in the list (the Restore key). */
  restoreSelected(): void {
    if (this.selected >= 0) this.restore(this.selected);
    else this.host.notices.show('Pick a version in the history first (Shift+H).', 'info');
  }

  /** Takes the document back to point, as one undoable edit. */
  restore(point: number): void {
    if (!this.history) return;
    const tx = restoreTransaction(this.history.entries, point);
    if (!tx) {
      this.host.notices.show('The document is already at this version.', 'info');
      return;
    }
    this.host.apply(tx);
    this.selected = -1;
  }
}
