import { describe, expect, it } from 'vitest';
import { ApiError, type EditResult } from '../api/contract';
import { serialize } from '../format/serialize';
import { moveBoundary } from '../model/gestures';
import { EditError } from '../model/operations';
import { ModelWorkspace } from './fixtures/model-workspace';
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
  type Step,
  type SyncedDocument,
} from './synced-document';

const SOURCE = 'Later [PER Ana  ] met Bob Smith at the [ORG European Union  ] office .\n';

const relabel = (id: number, label: string, time = 0): Step => ({
  kind: 'apply',
  tx: { ops: [{ op: 'relabel', id, label }] },
  time,
});

/** The end of the entity on Bob moved one token on, as one step of a resize group. */
const widen = (synced: SyncedDocument, time: number): Step => ({
  kind: 'apply',
  tx: moveBoundary(shown(synced).doc, 3, 'end', 1),
  time,
  group: 'resize',
});

/** A workspace and an editor that loaded its document. */
function opened() {
  const workspace = new ModelWorkspace('doc.txt', SOURCE);
  return { workspace, synced: loaded(workspace.source()) };
}

/** Makes a step here; fails the test if it is refused or there is nothing to step. */
function local(synced: SyncedDocument, step: Step): SyncedDocument {
  const made = editedLocally(synced, step);
  if (!made) throw new Error('nothing to step');
  return made.synced;
}

/** Sends the oldest pending edit to the workspace (its clock at `time`) and takes the answer. */
function answered(synced: SyncedDocument, workspace: ModelWorkspace, time = 0) {
  const edit = synced.pending[0];
  return acknowledged(synced, workspace.edit(synced.acknowledged.revision, edit.step, time));
}

/** Another editor's edit replayed here; fails the test if it asks for a reload instead. */
function replayed(synced: SyncedDocument, result: EditResult, time: number): SyncedDocument {
  const next = editedRemotely(synced, result, time);
  if (next === 'reload') throw new Error('reload asked for');
  return next.synced;
}

const labels = (synced: SyncedDocument) => shown(synced).doc.entities.map((entity) => entity.label);

describe('synced document transitions', () => {
  it('loads the workspace’s document with its ids, revision and history, nothing pending', () => {
    const { workspace, synced } = opened();
    workspace.edit(0, relabel(1, 'LOC'), 0);
    const again = loaded(workspace.source());
    expect(serialize(shown(again).doc)).toBe(SOURCE.replace('[PER Ana', '[LOC Ana'));
    expect(statusOf(again)).toEqual({
      revision: 1,
      dirty: true,
      undoable: 1,
      redoable: 0,
      pending: 0,
    });
    expect(statusOf(synced)).toMatchObject({ revision: 0, dirty: false, undoable: 0 });
  });

  it('shows a local edit at once as pending, one revision on, unsaved and undoable', () => {
    const { synced } = opened();
    const made = editedLocally(synced, relabel(2, 'LOC'));
    expect(made?.step.applied).toEqual({ ops: [{ op: 'relabel', id: 2, label: 'LOC' }] });
    expect(labels(made!.synced)).toEqual(['PER', 'LOC']);
    expect(statusOf(made!.synced)).toEqual({
      revision: 1,
      dirty: true,
      undoable: 1,
      redoable: 0,
      pending: 1,
    });
    expect(labels(synced)).toEqual(['PER', 'ORG']);
  });

  it('refuses locally what cannot be applied, and has nothing to undo on a fresh document', () => {
    const { synced } = opened();
    expect(() => editedLocally(synced, relabel(99, 'LOC'))).toThrow(EditError);
    expect(editedLocally(synced, { kind: 'undo' })).toBeNull();
  });

  it('takes the workspace’s acknowledgement: the edit is no longer pending', () => {
    const { workspace, synced } = opened();
    const edited = local(local(synced, relabel(1, 'LOC')), { kind: 'undo' });
    const first = answered(edited, workspace);
    expect(first.matches).toBe(true);
    expect(statusOf(first.synced)).toMatchObject({ revision: 2, pending: 1, redoable: 1 });
    const second = answered(first.synced, workspace);
    expect(second.matches).toBe(true);
    expect(statusOf(second.synced)).toEqual({
      revision: 2,
      dirty: false,
      undoable: 0,
      redoable: 1,
      pending: 0,
    });
  });

  it('asks for a reload when the workspace grouped the undo history otherwise', () => {
    const { workspace, synced } = opened();
    const bob = local(synced, {
      kind: 'apply',
      tx: { ops: [{ op: 'add', entity: { id: 3, start: 14, end: 17, label: 'PER' } }] },
      time: 0,
    });
    // Here the two resizes are 600 ms apart: two undo steps. The workspace gets them together: one.
    let edited = local(bob, widen(bob, 1000));
    edited = local(edited, widen(edited, 1600));
    let answer = answered(edited, workspace, 1600);
    answer = answered(answer.synced, workspace, 1600);
    answer = answered(answer.synced, workspace, 1600);
    expect(answer.matches).toBe(true);
    const undone = answered(local(answer.synced, { kind: 'undo' }), workspace);
    expect(undone.matches).toBe(false);
    expect(serialize(workspace.doc)).toContain('[PER Bob  ] Smith');
    expect(serialize(shown(undone.synced).doc)).toContain('[PER Bob Smith  ] at');
  });

  it('drops every pending edit on a refusal; only a refusal of the edit itself needs no reload', () => {
    const { synced } = opened();
    const edited = local(local(synced, relabel(1, 'LOC')), relabel(2, 'PER'));
    const refusal = refused(edited, new ApiError('edit-refused', 'overlap'));
    expect(refusal.dropped).toBe(2);
    expect(refusal.reload).toBe(false);
    expect(labels(refusal.synced)).toEqual(['PER', 'ORG']);
    expect(statusOf(refusal.synced)).toMatchObject({ revision: 0, pending: 0, dirty: false });
    expect(refused(edited, new ApiError('stale-revision', 'at 1')).reload).toBe(true);
  });

  it('replays another editor’s next edit, ignores one it knows, reloads on a gap or a crossing', () => {
    const { workspace, synced } = opened();
    const theirs = workspace.edit(0, relabel(2, 'LOC'), 0);
    const next = replayed(synced, theirs, 0);
    expect(labels(next)).toEqual(['PER', 'LOC']);
    expect(statusOf(next)).toMatchObject({ revision: 1, dirty: true, undoable: 1 });
    expect(replayed(next, theirs, 0)).toBe(next);
    const undone = workspace.edit(1, { kind: 'undo' }, 0);
    expect(labels(replayed(next, undone, 0))).toEqual(['PER', 'ORG']);
    const gap: EditResult = { ...undone, revision: 3 };
    expect(editedRemotely(next, gap, 0)).toBe('reload');
    expect(editedRemotely(local(synced, relabel(1, 'LOC')), theirs, 0)).toBe('reload');
  });

  it('reloads when another editor’s undo undid more than its history here says (grouped otherwise)', () => {
    const { workspace, synced } = opened();
    const add: Step = {
      kind: 'apply',
      tx: { ops: [{ op: 'add', entity: { id: 3, start: 14, end: 17, label: 'PER' } }] },
      time: 0,
    };
    let here = replayed(synced, workspace.edit(0, add, 0), 0);
    // The workspace joins the two resizes of one group into one undo step; their events carry no group.
    for (const revision of [1, 2]) {
      const result = workspace.edit(revision, widen(here, 100), 100);
      here = replayed(here, result, 100 + revision * 1000);
    }
    expect(serialize(shown(here).doc)).toBe(serialize(workspace.doc));
    expect(editedRemotely(here, workspace.edit(3, { kind: 'undo' }, 200), 200)).toBe('reload');
  });

  it('takes a reload, unless another editor’s edit replayed meanwhile is newer than its answer', () => {
    const { workspace, synced } = opened();
    const answer = workspace.source();
    const theirs = replayed(synced, workspace.edit(0, relabel(2, 'LOC'), 0), 0);
    expect(reloaded(theirs, answer, synced)).toBe(theirs);
    const edited = local(synced, relabel(1, 'LOC'));
    expect(statusOf(reloaded(edited, workspace.source(), synced))).toMatchObject({
      revision: 1,
      pending: 0,
    });
    // A workspace that started its revisions afresh is believed when nothing came between.
    expect(statusOf(reloaded(theirs, answer, theirs))).toMatchObject({ revision: 0 });
  });

  it('is saved at the answer’s revision, unless another editor’s edit overtook the answer', () => {
    const { workspace, synced } = opened();
    const edited = answered(local(synced, relabel(1, 'LOC')), workspace).synced;
    expect(statusOf(saved(edited, workspace.save(1)))).toMatchObject({ revision: 1, dirty: false });
    const theirs = replayed(edited, workspace.edit(1, relabel(2, 'LOC'), 0), 0);
    expect(statusOf(saved(theirs, 1)).dirty).toBe(true);
  });
});
