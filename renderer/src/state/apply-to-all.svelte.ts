// Apply to all from the editor: a preview with a tick box per hit, applying, and one "undo apply-to-all".
//
// The document on screen changes through the editor's one edit path (painted at once, journaled in
// the background); every other document changes in the workspace, one transaction each.
import { append } from '../../../shared/long-lists';
import type { AppliedDocument } from '../../../shared/api/contract';
import {
  describeAction,
  planApplyToAll,
  type CorpusAction,
  type SkippedHit,
} from '../../../shared/corpus/apply-to-all';
import type { CorpusHit } from '../../../shared/corpus/hits';
import type { EmendClient } from '../api/client';
import type { CorpusToolHost } from './corpus-tool-host';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';
import { plural } from '../../../shared/plural';

/** What an undo of apply-to-all did, with the documents it left (and why) named. */
function undoneMessage(undone: number, notUndone: readonly string[]): string {
  if (notUndone.length === 0) return `Apply-to-all undone in ${plural(undone, 'document')}.`;
  if (undone === 0) return `Nothing was undone: ${notUndone.join(', ')}.`;
  return `Apply-to-all undone in ${plural(undone, 'document')}, except in ${notUndone.join(', ')}.`;
}

/** Whether the action leaves the hit as it is: a tag never starts or ends inside an HTML tag. */
export const skipsHit = (action: CorpusAction, hit: CorpusHit): boolean =>
  action.kind === 'tag' && hit.inTag !== undefined;

export interface ApplyPreview {
  action: CorpusAction;
  /** The action in words (a consistency fix may name it otherwise than its action). */
  name: string;
  hits: CorpusHit[];
  /** One per hit: whether it will be changed. */
  ticked: boolean[];
}

/** What the last apply-to-all changed: each document and the revision it left it at. */
interface AppliedBatch {
  action: CorpusAction;
  documents: AppliedDocument[];
  /** The workspace's answer was lost: its own record of the run says what to undo. */
  recorded?: true;
}

export class ApplyToAll {
  preview = $state.raw<ApplyPreview | null>(null);
  last = $state.raw<AppliedBatch | null>(null);
  /** Told after an apply or its undo (the consistency report reruns). */
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<CorpusToolHost, 'open' | 'notices' | 'apply' | 'undo'>,
    private readonly work: LongWork,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Opens the preview of action over hits, every hit it would change ticked. */
  show(action: CorpusAction, hits: readonly CorpusHit[], name = describeAction(action)): void {
    if (hits.length === 0) {
      this.editor.notices.show('Nothing to apply: there are no hits.', 'info');
      return;
    }
    const ticked = hits.map((hit) => !skipsHit(action, hit));
    this.preview = { action, name, hits: [...hits], ticked };
  }

  tick(index: number, ticked: boolean): void {
    const preview = this.preview;
    if (!preview) return;
    this.preview = {
      ...preview,
      ticked: preview.ticked.map((old, i) => (i === index ? ticked : old)),
    };
  }

  close(): void {
    this.preview = null;
  }

  /** Applies the previewed action to the ticked hits: one undoable step in each document. */
  async apply(): Promise<void> {
    const preview = this.preview;
    if (!preview) return;
    const chosen = preview.hits.filter((_hit, index) => preview.ticked[index]);
    this.preview = null;
    const onScreen = this.editor.open?.id;
    const here = chosen.filter((hit) => hit.path === onScreen);
    const elsewhere = chosen.filter((hit) => hit.path !== onScreen);
    const documents: AppliedDocument[] = [];
    let applied = 0;
    const skipped: SkippedHit[] = [];
    let cancelledLate = false;
    // The other documents first: a run cancelled before it changed any leaves the one on screen
    // as it is too.
    if (elsewhere.length > 0) {
      try {
        const result = await this.work.run('Applying to all', (task) =>
          this.client.call('applyToAll', { action: preview.action, hits: elsewhere, task }),
        );
        if (!result) {
          this.editor.notices.show('Apply to all cancelled: no document was changed.', 'info');
          return;
        }
        append(documents, result.documents);
        applied += result.applied;
        append(skipped, result.skipped);
        cancelledLate = result.cancelledLate === true;
      } catch (error) {
        this.editor.notices.show(`Apply to all failed: ${messageOf(error)}`);
        this.last = { action: preview.action, documents, recorded: true };
        this.changed();
        return;
      }
    }
    // The document on screen through the editor, as it is now (edited or left meanwhile: a hit of a
    // document no longer on screen is left as it was, said).
    const open = this.editor.open;
    if (here.length > 0 && open?.id !== onScreen)
      append(
        skipped,
        here.map((hit) => ({ hit, reason: 'its document was left while the others were changed' })),
      );
    else if (open && here.length > 0) {
      const plan = planApplyToAll(open.doc, here, preview.action);
      append(skipped, plan.skipped);
      if (plan.tx) {
        this.editor.apply(plan.tx, { select: false });
        const after = this.editor.open;
        if (after?.id === open.id && after.revision !== open.revision) {
          documents.unshift({ id: open.id, revision: after.revision });
          applied += plan.applied.length;
        }
      }
    }
    if (documents.length > 0) this.last = { action: preview.action, documents };
    const files = plural(documents.length, 'document');
    const late = cancelledLate
      ? ' Cancel came once documents were being changed: the run finished; Undo apply-to-all takes it back.'
      : '';
    this.editor.notices.show(
      `${preview.name}: ${applied} changed in ${files}${leftAsTheyWere(skipped)}.${late}`,
      'info',
    );
    this.changed();
  }

  /** Undoes the last apply-to-all in every document not edited since. */
  async undo(): Promise<void> {
    const last = this.last;
    if (!last) return;
    this.last = null;
    const open = this.editor.open;
    const elsewhere = last.documents.filter((document) => document.id !== open?.id);
    const notUndone: string[] = [];
    let undone = 0;
    const here = last.documents.find((document) => document.id === open?.id);
    if (here) {
      if (open?.revision === here.revision) {
        this.editor.undo();
        undone += 1;
      } else notUndone.push(`${here.id} (edited since)`);
    }
    if (elsewhere.length > 0 || last.recorded) {
      try {
        const result = await this.work.run('Undoing apply-to-all', (task) =>
          this.client.call(
            'undoApplyToAll',
            last.recorded ? { task } : { documents: elsewhere, task },
          ),
        );
        if (!result) return;
        append(
          notUndone,
          result.skipped.map(({ id, reason }) => `${id} (${reason})`),
        );
        undone += result.undone.length;
        if (result.stopped) {
          // Cancelled part way: the documents not reached keep the apply, and Undo goes on with them.
          this.last = result.left ? { ...last, documents: result.left } : last;
          this.editor.notices.show(
            `Undo stopped: ${plural(undone, 'document')} undone; the others are still changed (Undo goes on with them).`,
            'info',
          );
          this.changed();
          return;
        }
      } catch (error) {
        this.editor.notices.show(`Undo apply-to-all failed: ${messageOf(error)}`);
        this.changed();
        return;
      }
    }
    this.editor.notices.show(
      undoneMessage(undone, notUndone),
      notUndone.length === 0 ? 'info' : 'error',
    );
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Places named per reason in the notice of an apply to all; the rest are counted. */
const NAMED_PLACES = 3;

/** `; 2 left as they were: a.txt:2, b.txt:5 (its line has broken markup: …)`, or nothing. */
function leftAsTheyWere(skipped: readonly SkippedHit[]): string {
  if (skipped.length === 0) return '';
  const byReason: Array<[reason: string, places: string[]]> = [];
  for (const { hit, reason } of skipped) {
    const place = `${hit.path}:${hit.line}`;
    const same = byReason.find(([other]) => other === reason);
    if (same) same[1].push(place);
    else byReason.push([reason, [place]]);
  }
  const why = byReason.map(([reason, places]) => {
    const more = places.length - NAMED_PLACES;
    const named = places.slice(0, NAMED_PLACES).join(', ');
    return `${named}${more > 0 ? ` and ${more} more` : ''} (${reason})`;
  });
  const left = skipped.length === 1 ? '1 left as it was' : `${skipped.length} left as they were`;
  return `; ${left}: ${why.join('; ')}`;
}
