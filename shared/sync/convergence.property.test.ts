// Any interleaving of local edits, answers, refusals and other editors' edits leaves the editor showing the workspace's document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiError, DocumentSource, EditResult } from '../api/contract';
import { serialize } from '../format/serialize';
import type { History } from '../model/history';
import { ModelWorkspace, stepOf, type Gesture } from './fixtures/model-workspace';
import {
  acknowledged,
  editedLocally,
  editedRemotely,
  loaded,
  refused,
  reloaded,
  saved,
  shown,
  statusOf,
  type PendingEdit,
  type SyncedDocument,
} from './synced-document';

// Entities with free tokens around them, so boundaries can move and several steps of one group follow.
const SOURCE =
  'In spring [LOC Kosovo  ] saw many [MISC Serbs  ] move to big [LOC Pristina ] and other towns .\n' +
  'Later [PER Ana  ] met Bob Smith at the [ORG European Union  ] office in Brussels today .\n';

/**
 * An editor as DocumentSync drives the core: requests go out one at a time in order (an edit to
 * send, or a reload); each answer comes back later; other editors' edits arrive as events, in
 * order, but in any order relative to the answers.
 */
class ModelEditor {
  synced: SyncedDocument;
  tasks: Array<'send' | 'save' | 'reload'> = [];
  inFlight:
    | { kind: 'send'; edit: PendingEdit; answer: EditResult | ApiError }
    | { kind: 'save'; answer: number | ApiError }
    | { kind: 'reload'; source: DocumentSource; asked: SyncedDocument }
    | null = null;
  readonly events: EditResult[] = [];

  constructor(private readonly workspace: ModelWorkspace) {
    this.synced = loaded(workspace.source());
  }

  local(gesture: Gesture, time: number): void {
    const step = stepOf(shown(this.synced).doc, gesture, time);
    const made = step && editedLocallyOrNull(this.synced, step);
    if (!made) return;
    this.synced = made.synced;
    this.tasks.push('send');
  }

  /** The workspace takes the next request. */
  send(time: number): void {
    if (this.inFlight) return;
    const task = this.tasks.shift();
    if (task === 'reload') {
      this.inFlight = { kind: 'reload', source: this.workspace.source(), asked: this.synced };
      return;
    }
    if (task === 'save') {
      this.inFlight = {
        kind: 'save',
        answer: attempt(() => this.workspace.save(this.synced.acknowledged.revision)),
      };
      return;
    }
    const edit = this.synced.pending[0];
    if (!task || !edit) return;
    const answer = attempt(() =>
      this.workspace.edit(this.synced.acknowledged.revision, edit.step, time),
    );
    this.inFlight = { kind: 'send', edit, answer };
  }

  /** The answer to the request in flight arrives. */
  answer(): void {
    const flight = this.inFlight;
    if (!flight) return;
    this.inFlight = null;
    if (flight.kind === 'reload') {
      this.synced = reloaded(this.synced, flight.source, flight.asked);
    } else if (flight.kind === 'save') {
      if (typeof flight.answer === 'number') this.synced = saved(this.synced, flight.answer);
      else this.tasks.unshift('reload');
    } else if (this.synced.pending[0] !== flight.edit) {
      this.tasks.unshift('reload');
    } else if ('revision' in flight.answer) {
      const next = acknowledged(this.synced, flight.answer);
      this.synced = next.synced;
      if (!next.matches) this.tasks.unshift('reload');
    } else {
      const next = refused(this.synced, flight.answer);
      this.synced = next.synced;
      if (next.reload) this.tasks.unshift('reload');
    }
  }

  /** The oldest event arrives. */
  event(time: number): void {
    const result = this.events.shift();
    if (!result) return;
    const next = editedRemotely(this.synced, result, time);
    if (next === 'reload') this.tasks.push('reload');
    else this.synced = next.synced;
  }

  get idle(): boolean {
    return this.tasks.length === 0 && this.inFlight === null && this.events.length === 0;
  }
}

/** A request's answer: what it returned, or the error the workspace answered with. */
function attempt<T>(request: () => T): T | ApiError {
  try {
    return request();
  } catch (error) {
    return error as ApiError;
  }
}

function editedLocallyOrNull(synced: SyncedDocument, step: Parameters<typeof editedLocally>[1]) {
  try {
    return editedLocally(synced, step);
  } catch {
    return null; // refused here: a notice, nothing sent
  }
}

/** Another editor's gesture, made on the workspace's document directly. */
function remote(workspace: ModelWorkspace, editor: ModelEditor, gesture: Gesture, time: number) {
  const step = stepOf(workspace.doc, gesture, time);
  if (!step) return;
  try {
    editor.events.push(workspace.edit(workspace.revision, step, time));
  } catch {
    // Refused by the workspace: the other editor shows a notice; nothing changed.
  }
}

const gesture: fc.Arbitrary<Gesture> = fc.record({
  // Boundary moves of one entity are grouped into one undo step: they come most often.
  kind: fc.constantFrom('tag', 'remove', 'relabel', 'resize', 'resize', 'resize', 'undo', 'redo'),
  pick: fc.nat(3),
  label: fc.constantFrom('PER', 'LOC', 'ORG'),
  size: fc.nat(3),
});

type Action =
  | { type: 'local' | 'remote'; gesture: Gesture; wait: number }
  | { type: 'send' | 'answer' | 'event' | 'save' | 'refresh'; wait: number };

// Steps of one group join within 500 ms: waits on either side of that, so the editor and the workspace group differently.
const wait = fc.constantFrom(0, 0, 300, 450, 600);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant<'local'>('local'), gesture, wait }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant<'remote'>('remote'), gesture, wait }) },
  {
    weight: 6,
    arbitrary: fc.record({ type: fc.constantFrom<'send' | 'answer'>('send', 'answer'), wait }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom<'event' | 'save' | 'refresh'>('event', 'event', 'save', 'refresh'),
      wait,
    }),
  },
);

/** A history as its edits in order, however they are grouped into undo steps. */
const flat = (history: History) => ({
  done: history.done.flatMap((entry) => entry.forward.ops),
  undone: history.undone.flatMap((entry) => entry.forward.ops),
});

const entitiesOf = (synced: { doc: SyncedDocument['acknowledged']['doc'] }) =>
  synced.doc.entities.map(({ id, start, end, label }) => ({ id, start, end, label }));

describe('synced document', () => {
  it('converges on the workspace’s document, history, revision and unsaved state', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40, size: 'max' }), (actions) => {
        const workspace = new ModelWorkspace('doc.txt', SOURCE);
        const editor = new ModelEditor(workspace);
        let time = 0;
        for (const next of actions) {
          time += next.wait;
          if (next.type === 'local') editor.local(next.gesture, time);
          else if (next.type === 'remote') remote(workspace, editor, next.gesture, time);
          else if (next.type === 'send') editor.send(time);
          else if (next.type === 'answer') editor.answer();
          else if (next.type === 'event') editor.event(time);
          else if (next.type === 'save') editor.tasks.push('save');
          else editor.tasks.push('reload'); // the event stream came back: the document is reloaded
        }
        while (!editor.idle) {
          editor.event(time);
          editor.send(time);
          editor.answer();
        }
        const held = shown(editor.synced);
        // Their histories may group the same edits into entries otherwise (compared flat below).
        const { undoable, redoable, ...status } = statusOf(editor.synced);
        expect({ ...status, canUndo: undoable > 0, canRedo: redoable > 0 }).toEqual({
          revision: workspace.revision,
          dirty: workspace.dirty,
          canUndo: workspace.history.done.length > 0,
          canRedo: workspace.history.undone.length > 0,
          pending: 0,
        });
        expect(serialize(held.doc)).toBe(serialize(workspace.doc));
        expect(entitiesOf(held)).toEqual(entitiesOf(workspace));
        expect(held.doc.nextId).toBe(workspace.doc.nextId);
        expect(flat(held.history)).toEqual(flat(workspace.history));
      }),
      { numRuns: 1000 },
    );
  });
});
