// The Suspects queue: the corpus ranked for likely annotation errors, accepting or dismissing each, one by one.
import { SvelteSet } from 'svelte/reactivity';
import type { DocumentId, ListedSuspect, SuspectsResult } from '../../../shared/api/contract';
import { openMarkupLines } from '../../../shared/format/validate';
import { fixTransaction, missingEntitiesFixed } from '../../../shared/suspects/fix';
import { plural } from '../../../shared/plural';
import type { EmendClient } from '../api/client';
import type { CorpusToolHost } from './corpus-tool-host';
import type { OpenDocument } from './document-sync.svelte';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';

/** The open document's lines whose markup is broken, from the problems the editor derived already. */
const openMarkupOf = (open: OpenDocument) =>
  openMarkupLines(open.diagnostics.map((span) => span.diagnostic));

/**
 * An accept made (or undone): the suspects its one edit fixed, their document, and how many edits
 * deep in the document's undo history the edit is (in the redo history, once undone).
 */
interface AcceptStep {
  suspects: ListedSuspect[];
  path: DocumentId;
  depth: number;
}

/** The text a suspect's fix changes: its span, and the extent it proposes. */
function reachOf(suspect: ListedSuspect): { start: number; end: number } {
  const fix = suspect.suggestion;
  return fix.kind === 'extent'
    ? { start: Math.min(suspect.start, fix.from), end: Math.max(suspect.end, fix.to) }
    : { start: suspect.start, end: suspect.end };
}

/**
 * A document's suspects scored again, but those over text a fix accepted there changed: the models
 * that raised the accepted suspect (or another source) would at once take the annotator's decision
 * back ("Remove PER" for the PER just tagged). Rank again weighs them anew.
 */
export function undecided(
  suspects: readonly ListedSuspect[],
  accepted: readonly ListedSuspect[],
): ListedSuspect[] {
  const decided = accepted.map(reachOf);
  return suspects.filter((suspect) => {
    const { start, end } = reachOf(suspect);
    return !decided.some((span) => start < span.end && span.start < end);
  });
}

/** Most suspects the panel lists at once, the worst: a longer list would slow it down (the review steps through all). */
export const MAX_LISTED = 500;

/** Worst first: by score, then by place (the order the workspace ranks in). */
function worstFirst(a: ListedSuspect, b: ListedSuspect): number {
  return b.score - a.score || a.path.localeCompare(b.path) || a.start - b.start;
}

export class SuspectQueue {
  /** The ranking, less what was accepted or dismissed; null before the first ranking. */
  suspects = $state.raw<ListedSuspect[] | null>(null);
  error = $state('');
  /** What the last ranking said about trusting it (a model that learned from few entities), or null. */
  caution = $state<string | null>(null);
  /** The lines the last ranking left out, per document: their markup is broken. */
  unchecked = $state.raw<SuspectsResult['unchecked']>([]);
  /** Stepping through the suspects one by one with the keyboard. */
  reviewing = $state(false);
  /** The suspect under review (its key), in review mode. */
  currentKey = $state<string | null>(null);
  /**
   * The suspect under review when a re-scoring took it off the list (the annotator corrected it by
   * hand): the review stays at its place, on the document on screen, until `n` or `p`.
   */
  private corrected: ListedSuspect | null = null;
  /** The suspects accepted, dismissed or stepped past: each counted once, however often seen. */
  private readonly reviewedKeys = new SvelteSet<string>();
  accepted = $state(0);
  /** Missing entities shown as ghost suggestions in the text. */
  ghosts = $state(true);
  /** The suspects dismissed since the ranking, newest last: restoreDismissed brings them back. */
  private readonly dismissed: ListedSuspect[] = [];
  /** The accepts in effect, and those undone (a redo makes them again), newest last. */
  private readonly accepts: AcceptStep[] = [];
  private readonly undoneAccepts: AcceptStep[] = [];

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<
      CorpusToolHost,
      'open' | 'openDocument' | 'settled' | 'reveal' | 'apply' | 'undo' | 'notices' | 'selection'
    >,
    private readonly work: LongWork,
  ) {
    client.onEvent((event) => {
      if (event.type === 'suspects-rescored') this.replace(event.id, event.suspects);
    });
  }

  get reviewed(): number {
    return this.reviewedKeys.size;
  }

  /** The worst suspects, as many as the panel lists. */
  get listed(): ListedSuspect[] {
    return this.suspects?.slice(0, MAX_LISTED) ?? [];
  }

  get current(): ListedSuspect | null {
    return this.suspects?.find((suspect) => suspect.key === this.currentKey) ?? null;
  }

  /** The open document's missing entities, shown as ghosts while ghosts are on. */
  ghostsOf(id: DocumentId | undefined): ListedSuspect[] {
    if (!this.ghosts || !this.suspects) return [];
    return this.suspects.filter(
      (suspect) => suspect.path === id && suspect.kind === 'missing-entity',
    );
  }

  /** Ranks the corpus as it is now (edits on screen journaled first), with progress and Cancel. */
  async rank(): Promise<void> {
    this.error = '';
    try {
      await this.editor.settled();
      const result = await this.work.run('Finding suspects', (task) =>
        this.client.call('findSuspects', { task }),
      );
      if (!result) {
        this.editor.notices.show('Finding suspects cancelled.', 'info');
        return;
      }
      this.suspects = result.suspects;
      this.dismissed.length = 0;
      this.caution = result.caution;
      this.unchecked = result.unchecked;
      if (this.reviewing) this.currentKey = result.suspects[0]?.key ?? null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** An edited document's suspects, scored again by the workspace. */
  private replace(id: DocumentId, suspects: readonly ListedSuspect[]): void {
    if (!this.suspects) return;
    const shown = this.current;
    const others = this.suspects.filter((suspect) => suspect.path !== id);
    const accepted = this.accepts
      .filter((step) => step.path === id)
      .flatMap((step) => step.suspects);
    const list = [...others, ...undecided(suspects, accepted)].sort(worstFirst);
    this.suspects = list;
    // The suspect under review is gone (fixed by hand, or dismissed meanwhile): the review waits
    // there, so that the next key still acts on what the annotator sees.
    if (this.reviewing && shown && !this.current) this.corrected = shown;
  }

  /** Where a suspect no longer listed would be: the index of the first listed after it. */
  private placeOf(gone: ListedSuspect): number {
    const list = this.suspects ?? [];
    const after = list.findIndex((suspect) => worstFirst(gone, suspect) < 0);
    return after === -1 ? list.length : after;
  }

  /** Opens the suspect's document and selects its span. */
  async show(suspect: ListedSuspect): Promise<boolean> {
    if (this.editor.open?.id !== suspect.path) await this.editor.openDocument(suspect.path);
    if (this.editor.open?.id !== suspect.path) return false;
    this.editor.reveal({ start: suspect.start, end: suspect.end });
    return true;
  }

  /** Applies the suspect's fix to its document as one undoable edit. */
  async accept(suspect: ListedSuspect): Promise<void> {
    if (!(await this.show(suspect))) return;
    const open = this.editor.open!;
    const fix = fixTransaction(open.doc, suspect, openMarkupOf(open));
    if ('problem' in fix) {
      this.editor.notices.show(`${suspect.path}: ${fix.problem}.`);
      return;
    }
    if (!this.editor.apply(fix.tx)) return;
    this.keepAccept([suspect]);
    this.done(suspect);
  }

  /** Counts an accept made, and keeps its step to count it out and in as it is undone and redone. */
  private keepAccept(suspects: ListedSuspect[]): void {
    const open = this.editor.open!;
    this.accepted += suspects.length;
    this.accepts.push({ suspects, path: open.id, depth: open.undoable });
    // A new edit empties the document's redo history.
    for (let k = this.undoneAccepts.length - 1; k >= 0; k--)
      if (this.undoneAccepts[k].path === open.id) this.undoneAccepts.splice(k, 1);
  }

  /**
   * Before an undo or a redo in the document on screen: when it takes back an accept (its edit is
   * the one undo steps back through) or makes one again, its suspects leave the counts or join them.
   */
  beforeStep(kind: 'undo' | 'redo'): void {
    const open = this.editor.open;
    if (!open) return;
    const [from, to, depth] =
      kind === 'undo'
        ? [this.accepts, this.undoneAccepts, open.undoable]
        : [this.undoneAccepts, this.accepts, open.redoable];
    const at = from.findLastIndex((step) => step.path === open.id);
    if (at === -1 || from[at].depth !== depth || depth === 0) return;
    const [step] = from.splice(at, 1);
    to.push({ ...step, depth: kind === 'undo' ? open.redoable + 1 : open.undoable + 1 });
    for (const suspect of step.suspects) {
      if (kind === 'undo') this.reviewedKeys.delete(suspect.key);
      else this.reviewedKeys.add(suspect.key);
    }
    this.accepted += (kind === 'undo' ? -1 : 1) * step.suspects.length;
  }

  /** The last accept in effect, when the review has moved on to another document since. */
  private get acceptLeftBehind(): AcceptStep | undefined {
    const last = this.accepts.at(-1);
    return this.reviewing && last && this.editor.open?.id !== last.path ? last : undefined;
  }

  /** Whether an undo now should take back the last accept rather than act on the document on screen. */
  undoesAccept(): boolean {
    return this.acceptLeftBehind !== undefined;
  }

  /**
   * Takes back the last accept: its document is shown again and its edit undone (when nothing was
   * edited there since), and the suspect is under review again.
   */
  async undoAccept(): Promise<void> {
    const last = this.acceptLeftBehind;
    if (!last) return;
    const [suspect] = last.suspects;
    await this.editor.openDocument(last.path);
    const open = this.editor.open;
    if (open?.id !== last.path) return;
    if (open.undoable !== last.depth) {
      this.accepts.splice(this.accepts.indexOf(last), 1);
      this.editor.notices.show(`${last.path} was edited after the accept: undo there.`, 'info');
      return;
    }
    this.beforeStep('undo');
    this.editor.undo();
    const list = (this.suspects ?? []).filter((candidate) => candidate.key !== suspect.key);
    this.suspects = [...list, suspect].sort(worstFirst);
    this.currentKey = suspect.key;
    this.editor.reveal({ start: suspect.start, end: suspect.end });
  }

  /** Keeps the suspect dismissed (it comes back only if its text changes, or restoreDismissed). */
  async dismiss(suspect: ListedSuspect): Promise<void> {
    try {
      await this.client.call('dismissSuspect', { key: suspect.key });
      this.dismissed.push(suspect);
      this.done(suspect);
    } catch (error) {
      this.editor.notices.show(messageOf(error));
    }
  }

  /** Undoes the last dismissal since the ranking: the suspect is listed again, and under review in review mode. */
  async restoreDismissed(): Promise<void> {
    const suspect = this.dismissed.pop();
    if (!suspect) {
      this.editor.notices.show('No suspect dismissed since the ranking to bring back.', 'info');
      return;
    }
    try {
      await this.client.call('restoreSuspect', { key: suspect.key });
    } catch (error) {
      this.editor.notices.show(messageOf(error));
      return;
    }
    this.reviewedKeys.delete(suspect.key);
    const list = (this.suspects ?? []).filter((candidate) => candidate.key !== suspect.key);
    this.suspects = [...list, suspect].sort(worstFirst);
    if (this.reviewing) {
      this.corrected = null;
      this.currentKey = suspect.key;
    }
    if (await this.show(suspect))
      this.editor.notices.show(`Brought back: ${suspect.path}:${suspect.line}.`, 'info');
  }

  /**
   * Counts a suspect reviewed and takes it off the list (a re-scoring that knew of its dismissal may have
   * taken it off already); in review mode the next one is shown.
   */
  private done(suspect: ListedSuspect): void {
    this.reviewedKeys.add(suspect.key);
    const list = this.suspects ?? [];
    const index = list.findIndex((candidate) => candidate.key === suspect.key);
    if (index !== -1) this.suspects = list.toSpliced(index, 1);
    if (this.reviewing && this.currentKey === suspect.key)
      this.goTo(index !== -1 ? index : this.placeOf(suspect));
  }

  private goTo(index: number): void {
    const next = this.suspects?.[Math.min(index, this.suspects.length - 1)] ?? null;
    this.corrected = null;
    this.currentKey = next?.key ?? null;
    if (next) void this.show(next);
  }

  /** Starts or stops the keyboard review, from the worst suspect (ranking first if need be). */
  async toggleReview(): Promise<void> {
    if (this.reviewing) {
      this.reviewing = false;
      this.currentKey = null;
      return;
    }
    if (!this.suspects) await this.rank();
    // A ranking cancelled or failed leaves nothing to review.
    if (!this.suspects) return;
    this.reviewing = true;
    this.goTo(0);
  }

  /** What the accept and dismiss keys act on: the suspect under review, else a ghost at the selection. */
  private target(): ListedSuspect | null {
    if (this.reviewing && this.corrected && !this.current) {
      this.editor.notices.show('Corrected by hand: n goes on to the next suspect.', 'info');
      return null;
    }
    if (this.reviewing) return this.current;
    const span = this.editor.selection.span;
    const ghost = span
      ? this.ghostsOf(this.editor.open?.id).find(
          (candidate) => candidate.start < span.end && candidate.end > span.start,
        )
      : undefined;
    if (!ghost) {
      this.editor.notices.show(
        'Step through the suspects (Shift+Q) or select a suggested entity first.',
        'info',
      );
    }
    return ghost ?? null;
  }

  /** Accepts the suspect under review (then shows the next), or the suggestion at the selection. */
  acceptCurrent(): void {
    const target = this.target();
    if (target) void this.accept(target);
  }

  dismissCurrent(): void {
    const target = this.target();
    if (target) void this.dismiss(target);
  }

  /** In review mode: the next (1) or previous (-1) suspect; leaving one counts it reviewed. */
  step(direction: 1 | -1): void {
    const list = this.suspects ?? [];
    const { corrected } = this;
    if (corrected && !this.current) {
      // Corrected by hand: reviewed, and the next and previous are those listed around its place.
      this.reviewedKeys.add(corrected.key);
      const place = this.placeOf(corrected);
      this.goTo(Math.max(0, direction === 1 ? place : place - 1));
      return;
    }
    const index = list.findIndex((suspect) => suspect.key === this.currentKey);
    if (direction === 1 && index !== -1) this.reviewedKeys.add(list[index].key);
    this.goTo(Math.max(0, index + direction));
  }

  /** Tags every missing entity shown in the open document, as one undoable edit. */
  acceptGhosts(): void {
    const open = this.editor.open;
    if (!open) return;
    const { tx, fixed, refused, why } = missingEntitiesFixed(
      open.doc,
      this.ghostsOf(open.id),
      openMarkupOf(open),
    );
    if (refused > 0) {
      const added = fixed.length > 0 ? `${fixed.length} added; ` : '';
      this.editor.notices.show(
        `${open.id}: ${added}${plural(refused, 'missing entity', 'missing entities')} not added: ${why}.`,
        fixed.length > 0 ? 'info' : undefined,
      );
    }
    if (tx.ops.length === 0 || !this.editor.apply(tx)) return;
    this.keepAccept(fixed);
    for (const ghost of fixed) this.done(ghost);
  }

  /** Dismisses every missing entity shown in the open document. */
  async rejectGhosts(): Promise<void> {
    for (const ghost of this.ghostsOf(this.editor.open?.id)) await this.dismiss(ghost);
  }
}
