// The Agreement view and Adjudicate mode: the copies' figures, and the open document settled place by place.
import type {
  AnnotatorCopy,
  CopyVersions,
  CorpusAgreement,
  DocumentId,
} from '../../../shared/api/contract';
import {
  adjudicate,
  majorityOf,
  markupErrorBefore,
  markupErrorMessage,
  mismatchPlace,
  textMismatch,
  type Place,
  type TextMismatch,
} from '../../../shared/agreement/adjudicate';
import type { Diagnostic, Entity } from '../../../shared/format/document';
import { diagnose, parse } from '../../../shared/format/parse';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { EmendClient } from '../api/client';
import {
  agreedEntities,
  curatorPlaces,
  chooseTransaction,
  entitiesAt,
  prefillTransaction,
  settlementOf,
  type Settlement,
} from './adjudication-places';
import { annotatorSummaries, summaryMarkdown } from './annotator-summary';
import type { CorpusToolHost } from './corpus-tool-host';
import type { LongWork } from './long-work.svelte';
import { messageOf } from './notices.svelte';
import { someOf } from '../../../shared/plural';
import { localStore } from '../../../shared/view/markup-preference';

export type CopyKind = AnnotatorCopy['kind'];

/** When an entity counts as agreed: every copy holds it, or a majority does. */
export type Agreed = 'all' | 'majority';

/** The open document being adjudicated: every annotator's entities, the agreed ones and the places. */
export interface Adjudication {
  id: DocumentId;
  annotators: string[];
  /** The copies' texts as read when adjudicating began (or last found changed on disk). */
  texts: string[];
  copies: Entity[][];
  agreed: Entity[];
  places: Place[];
}

/**
 * Why an annotator's copy (mismatch.copy - 1) differs from the open document, as `emend adjudicate`
 * says it: a markup error in the copy, else in the document (ownErrors, the workspace's), on or
 * before the first differing line; else the annotator and the line.
 */
function mismatchReason(
  id: DocumentId,
  ownErrors: readonly Diagnostic[],
  versions: CopyVersions,
  mismatch: TextMismatch,
): string {
  const annotator = versions.annotators[mismatch.copy - 1];
  const copyError = markupErrorBefore(
    diagnose(versions.texts[mismatch.copy - 1], { infos: false }),
    mismatch.line,
  );
  if (copyError) return markupErrorMessage(`${annotator}/${id}`, copyError);
  const ownError = markupErrorBefore(ownErrors, mismatch.line);
  if (ownError) return markupErrorMessage(id, ownError);
  return `${annotator}'s text differs from it ${mismatchPlace(mismatch)}`;
}

const placeKey = (place: { start: number; end: number }) => `${place.start}:${place.end}`;

/** The copies last named for agreement in a corpus, as typed, and when an entity is agreed: kept in the window's storage. */
interface NamedCopies {
  kind: CopyKind;
  names: string;
  agreed: Agreed;
}

const copiesKey = (corpus: string) => `emend.agreement-copies.${corpus}`;

function namedCopiesOf(corpus: string, storage: Storage | null): NamedCopies | null {
  try {
    const kept: unknown = JSON.parse(storage?.getItem(copiesKey(corpus)) ?? 'null');
    const { kind, names, agreed } = (kept ?? {}) as Partial<NamedCopies>;
    return (kind === 'folder' || kind === 'git') && typeof names === 'string'
      ? { kind, names, agreed: agreed === 'majority' ? 'majority' : 'all' }
      : null;
  } catch {
    return null; // Not written by this code: named anew.
  }
}

function rememberNamedCopies(corpus: string, named: NamedCopies, storage: Storage | null): void {
  try {
    storage?.setItem(copiesKey(corpus), JSON.stringify(named));
  } catch {
    // Storage full or refused: the names hold for this session only.
  }
}

export class Agreement {
  active = $state(false);
  kind = $state<CopyKind>('folder');
  /** The copies as typed: folder paths (relative to the corpus folder) or git revisions, space-separated. */
  names = $state('');
  agreed = $state<Agreed>('all');
  result = $state.raw<CorpusAgreement | null>(null);
  /** The copies the figures (and adjudication) were computed on. */
  copies = $state.raw<AnnotatorCopy[]>([]);
  error = $state('');
  adjudication = $state.raw<Adjudication | null>(null);
  /** The place last jumped to, -1 before any. */
  current = $state(-1);
  /** Places of the adjudicated document where the curator chose "none". */
  readonly noneChosen = new SvelteSet<string>();
  /**
   * The "none" choices that made no edit (their place held nothing already), latest last, each with
   * the document and revision it was made at: Ctrl+Z takes such a choice back while no edit has
   * been made since, rather than the edit before it.
   */
  private readonly editlessNones: Array<{ key: string; id: DocumentId; revision: number }> = [];
  /** Documents adjudicated in this session (for the annotator summary). */
  readonly adjudicated = new SvelteMap<DocumentId, Adjudication>();

  constructor(
    private readonly client: EmendClient,
    private readonly editor: Pick<
      CorpusToolHost,
      'open' | 'openDocument' | 'settled' | 'notices' | 'labelNames' | 'apply' | 'reveal' | 'corpus'
    >,
    private readonly work: LongWork,
  ) {}

  /** The adjudication of the document on screen, if it is being adjudicated. */
  readonly shown: Adjudication | null = $derived.by(() =>
    this.adjudication?.id === this.editor.open?.id ? this.adjudication : null,
  );

  /** How each place of the open document stands now. */
  readonly settlements: Settlement[] = $derived.by(() => {
    const adjudication = this.shown;
    const open = this.editor.open;
    if (!adjudication || !open) return [];
    return adjudication.places.map((place) =>
      settlementOf(open.doc, place, this.noneChosen.has(placeKey(place))),
    );
  });

  readonly settledCount = $derived(
    this.settlements.filter((settlement) => settlement.kind !== 'open').length,
  );

  /** The documents worst first (lowest Krippendorff's α, no figure last). */
  readonly worstFirst = $derived.by(() => {
    const documents = this.result?.report.documents ?? [];
    const alpha = (value: number | null) => value ?? Number.POSITIVE_INFINITY;
    return [...documents].sort(
      (a, b) =>
        alpha(a.krippendorffAlpha) - alpha(b.krippendorffAlpha) || (a.path < b.path ? -1 : 1),
    );
  });

  /** Opens the view (naming the copies named last for this corpus, when none are typed) or closes it. */
  toggle(): void {
    this.active = !this.active;
    if (!this.active || this.names !== '') return;
    const last = namedCopiesOf(this.editor.corpus.root, localStore());
    if (last) ({ kind: this.kind, names: this.names, agreed: this.agreed } = last);
  }

  /** The typed copies as the API takes them. */
  typedCopies(): AnnotatorCopy[] {
    return this.names
      .split(/\s+/)
      .filter(Boolean)
      .map((name) =>
        this.kind === 'git' ? { kind: 'git', revision: name } : { kind: 'folder', path: name },
      );
  }

  /** Computes the figures of the typed copies, document by document, with progress. */
  async compute(): Promise<void> {
    const copies = this.typedCopies();
    this.error = '';
    if (copies.length < 2) {
      this.error = 'Name at least two copies (folders or git branches), separated by spaces.';
      return;
    }
    try {
      const result = await this.work.run('Computing agreement', (task) =>
        this.client.call('getAgreement', { copies, task }),
      );
      if (!result) return;
      this.result = result;
      this.copies = copies;
      const named = { kind: this.kind, names: this.names, agreed: this.agreed };
      rememberNamedCopies(this.editor.corpus.root, named, localStore());
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Opens a document and adjudicates it against the copies: agreed entities in, places listed. */
  async adjudicate(id: DocumentId): Promise<void> {
    if (this.copies.length < 2) return;
    await this.editor.openDocument(id);
    if (this.editor.open?.id !== id) return;
    let versions;
    try {
      await this.editor.settled();
      versions = await this.client.call('getCopyVersions', { id, copies: this.copies });
    } catch (error) {
      this.editor.notices.show(`Cannot adjudicate ${id}: ${messageOf(error)}`);
      return;
    }
    // Another document opened while the copies were on their way: this one is not adjudicated.
    const open = this.editor.open;
    if (open?.id !== id) return;
    const labels = this.editor.labelNames();
    const docs = versions.texts.map((text) => parse(text, { labels }));
    const mismatch = textMismatch([open.doc.text, ...docs.map((doc) => doc.text)]);
    if (mismatch) {
      const ownErrors = open.diagnostics.map((problem) => problem.diagnostic);
      this.editor.notices.show(
        `Cannot adjudicate ${id}: ${mismatchReason(id, ownErrors, versions, mismatch)}.`,
      );
      return;
    }
    const copies = docs.map((doc) =>
      doc.entities.map(({ start, end, label }) => ({ start, end, label })),
    );
    const vote = adjudicate(
      copies,
      this.agreed === 'all' ? copies.length : majorityOf(copies.length),
    );
    const agreed = agreedEntities(vote.entities, vote.places);
    // Adjudicated against these copies before (in any editor): what was settled then stays.
    const { earlier } = versions;
    // Where the curator's document differs from what the copies agree on, it stays as it is.
    const own = curatorPlaces(open.doc, agreed, vote.places, copies, earlier?.none);
    const adjudication: Adjudication = {
      id,
      annotators: versions.annotators,
      texts: versions.texts,
      copies,
      agreed,
      places: [...vote.places, ...own].sort((a, b) => a.start - b.start),
    };
    this.noneChosen.clear();
    this.editlessNones.length = 0;
    for (const span of earlier?.none ?? []) this.noneChosen.add(placeKey(span));
    this.adjudication = adjudication;
    this.adjudicated.set(id, adjudication);
    this.current = -1;
    if (!earlier) this.keep(adjudication);
    // A place the document already settles its own way (entities no copy gave) stays so too.
    const ownWay = vote.places.filter(
      (place) =>
        entitiesAt(open.doc, place).length > 0 &&
        settlementOf(open.doc, place, false).kind === 'hand',
    );
    const kept = earlier ? adjudication.places : [...own, ...ownWay];
    const tx = prefillTransaction(open.doc, agreed, kept);
    if (tx) this.editor.apply(tx);
    this.step(1);
  }

  /**
   * Reads the copies of the document being adjudicated again (when the window is back in use) and
   * says which changed on disk since adjudicating began: its disagreements are still the copies'
   * then. Nothing is changed: opening it again from the Agreement view works them out anew (said
   * once per change).
   */
  async checkCopies(): Promise<void> {
    const adjudication = this.shown;
    if (!adjudication) return;
    let versions;
    try {
      versions = await this.client.call('getCopyVersions', {
        id: adjudication.id,
        copies: this.copies,
      });
    } catch {
      return; // A copy gone unreadable is said when the document is adjudicated again.
    }
    const changed = adjudication.annotators.filter(
      (_, k) => versions.texts[k] !== adjudication.texts[k],
    );
    if (changed.length === 0 || this.adjudication !== adjudication) return;
    adjudication.texts = versions.texts;
    const copies = someOf(changed.map((annotator) => `${annotator}'s copy`));
    this.editor.notices.show(
      `${adjudication.id} changed on disk in ${copies} since you began adjudicating it: the disagreements shown are as the copies were. Open it again from the Agreement view to work them out anew.`,
    );
  }

  /**
   * Settles place `index` with annotator `choice`'s version (a number) or with nothing ('none'):
   * one undoable edit through the editor (none when the place already holds it).
   */
  choose(index: number, choice: number | 'none'): void {
    const adjudication = this.adjudication;
    const open = this.editor.open;
    const place = adjudication?.places[index];
    if (!adjudication || !place || open?.id !== adjudication.id) return;
    const version = choice === 'none' ? [] : place.versions[choice];
    if (!version) return;
    const key = placeKey(place);
    const wasNone = this.noneChosen.has(key);
    if (version.length === 0) this.noneChosen.add(key);
    else this.noneChosen.delete(key);
    if (wasNone !== this.noneChosen.has(key)) this.keep(adjudication);
    this.current = index;
    const tx = chooseTransaction(open.doc, place, version);
    if (tx) this.editor.apply(tx);
    else if (!wasNone && version.length === 0)
      this.editlessNones.push({ key, id: open.id, revision: open.revision });
  }

  /** Whether Ctrl+Z now takes back a "none" that made no edit (see editlessNones). */
  undoesNone(): boolean {
    const open = this.editor.open;
    const last = this.editlessNones.at(-1);
    return (
      last !== undefined &&
      open?.id === last.id &&
      open.revision === last.revision &&
      this.noneChosen.has(last.key)
    );
  }

  /** Takes back the last "none" that made no edit: its place is open again. */
  undoNone(): void {
    const last = this.editlessNones.pop();
    const adjudication = this.adjudication;
    if (!last || !adjudication) return;
    this.noneChosen.delete(last.key);
    this.keep(adjudication);
  }

  /** Settles the current place (the keys Alt+1…9 and Alt+0). */
  chooseCurrent(choice: number | 'none'): void {
    if (!this.adjudication) {
      this.editor.notices.show('Open a document to adjudicate from the Agreement view.', 'info');
      return;
    }
    if (this.current < 0) this.step(1);
    this.choose(this.current, choice);
  }

  /** Jumps to place `index`: selects its span, so a label key settles it by hand. */
  jump(index: number): void {
    const place = this.adjudication?.places[index];
    if (!place) return;
    this.current = index;
    this.editor.reveal({ start: place.start, end: place.end });
  }

  /** Jumps to the next (1) or previous (-1) place, wrapping around. */
  step(direction: 1 | -1): void {
    const count = this.adjudication?.places.length ?? 0;
    if (count === 0) return;
    const from = this.current < 0 && direction < 0 ? 0 : this.current;
    this.jump((((from + direction) % count) + count) % count);
  }

  /** The per-annotator summary over the documents adjudicated in this session (as they are now). */
  async summaryReport(format: 'md' | 'json'): Promise<string> {
    const documents = [];
    for (const adjudication of this.adjudicated.values()) {
      const open = this.editor.open;
      const result =
        open?.id === adjudication.id
          ? open.doc.entities
          : (await this.client.call('openDocument', { id: adjudication.id })).entities;
      const undecided = adjudication.places.filter(
        (place) =>
          settlementOf({ entities: result }, place, this.noneChosen.has(placeKey(place))).kind ===
          'open',
      );
      documents.push({ id: adjudication.id, copies: adjudication.copies, result, undecided });
    }
    const annotators = [...this.adjudicated.values()][0]?.annotators ?? [];
    const summaries = annotatorSummaries(annotators, documents);
    const ids = documents.map((document) => document.id);
    return format === 'md'
      ? summaryMarkdown(summaries, ids)
      : `${JSON.stringify({ documents: ids, annotators: summaries }, null, 2)}\n`;
  }

  /**
   * Keeps with the corpus that the document is adjudicated against the copies, and where "none" was
   * chosen, so that the next session (in any editor) takes up what was settled.
   */
  private keep(adjudication: Adjudication): void {
    const none = adjudication.places
      .filter((place) => this.noneChosen.has(placeKey(place)))
      .map(({ start, end }) => ({ start, end }));
    this.client
      .call('keepAdjudication', { id: adjudication.id, copies: this.copies, none })
      .catch((error: unknown) =>
        this.editor.notices.show(
          `What was settled in ${adjudication.id} is not kept for the next session: ${messageOf(error)}`,
        ),
      );
  }
}
