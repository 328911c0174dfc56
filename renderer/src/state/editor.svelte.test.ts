import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type ApiEvent,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type DocumentState,
  type EditResult,
} from '../../../shared/api/contract';
import { parse } from '../../../shared/format/parse';
import { applyTransaction } from '../../../shared/model/operations';
import type { EmendClient } from '../api/client';
import { Editor } from './editor.svelte';

const SOURCE =
  'Integrating [LOC Kosovo  ] [MISC Serbs  ] into [LOC Kosovo  ] society .\nAmbassador Dell met EULEX .\n';

/** An in-memory workspace of one document speaking the contract, with a hook to fail the next call. */
function scriptedWorkspace() {
  let doc = parse(SOURCE);
  let revision = 0;
  const calls: Array<{ method: ApiMethod; request: unknown }> = [];
  const listeners = new Set<(event: ApiEvent) => void>();
  let failNext: ApiError | null = null;
  const state = (): DocumentState => ({
    id: 'a.txt',
    revision,
    ...doc,
    entities: [...doc.entities],
    labels: [...doc.labels],
    diagnostics: [...doc.diagnostics],
    dirty: revision > 0,
    canUndo: revision > 0,
    canRedo: false,
  });
  const edit = (tx: EditResult['applied']): EditResult => {
    doc = applyTransaction(doc, tx).doc;
    revision++;
    return { id: 'a.txt', revision, applied: tx, dirty: true, canUndo: true, canRedo: false };
  };
  const handlers: Partial<{ [M in ApiMethod]: (request: ApiRequest<M>) => ApiResponse<M> }> = {
    getCorpus: () => ({
      root: '/corpus',
      name: 'corpus',
      documents: [
        {
          id: 'a.txt',
          name: 'a.txt',
          status: 'untouched',
          dirty: false,
          entities: 3,
          errors: 0,
          warnings: 0,
        },
      ],
      settings: {
        labels: ['PER', 'LOC', 'ORG', 'MISC'].map((name, i) => ({
          name,
          color: '#336699',
          key: String(i + 1),
        })),
      },
    }),
    openDocument: () => state(),
    applyEdit: (request) => {
      if (request.revision !== revision)
        throw new ApiError('stale-revision', `a.txt is at revision ${revision}`);
      // Like the real workspace, every editor (this one too) hears of the edit, before the response.
      const result = edit(request.tx);
      for (const listener of listeners) listener({ type: 'document-edited', result });
      return result;
    },
  };
  const client: EmendClient = {
    async call(method, request) {
      calls.push({ method, request });
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      return (handlers[method] as (request: unknown) => never)(request);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    client,
    calls,
    /** Another editor's edit, pushed as an event. */
    editElsewhere(tx: EditResult['applied']) {
      const result = edit(tx);
      for (const listener of listeners) listener({ type: 'document-edited', result });
    },
    failNextCall(error: ApiError) {
      failNext = error;
    },
  };
}

async function started() {
  const workspace = scriptedWorkspace();
  const editor = new Editor(workspace.client);
  await editor.start();
  return { workspace, editor };
}

const shown = (editor: Editor) =>
  editor.open!.doc.entities.map(
    (entity) => `${entity.label}:${editor.open!.doc.text.slice(entity.start, entity.end)}`,
  );

describe('Editor', () => {
  it('opens the first document and labels a keyboard selection, naming the revision', async () => {
    const { workspace, editor } = await started();
    expect(shown(editor)).toEqual(['LOC:Kosovo', 'MISC:Serbs', 'LOC:Kosovo']);
    editor.moveCursor('token', 1); // the cursor appears on the first token
    editor.moveCursor('line', 1); // "Ambassador"
    editor.moveCursor('token', 1); // "Dell"
    editor.moveCursor('token', 1, true); // "Dell met"
    const text = editor.open!.doc.text;
    expect(editor.selection).toEqual({ start: text.indexOf('Dell'), end: text.indexOf(' EULEX') });
    expect(editor.applyLabelKey('1')).toBe(true);
    await editor.settled();
    expect(workspace.calls.at(-1)).toMatchObject({
      method: 'applyEdit',
      request: { id: 'a.txt', revision: 0 },
    });
    expect(shown(editor)).toContain('PER:Dell met');
    expect(editor.selectedEntity?.label).toBe('PER');
    expect(editor.open!.revision).toBe(1);
    expect(editor.documents[0]).toMatchObject({ status: 'edited', dirty: true, entities: 4 });
  });

  it('replaces the entities a new span overlaps in one transaction', async () => {
    const { workspace, editor } = await started();
    const text = editor.open!.doc.text;
    editor.selectSpan({ start: text.indexOf('Serbs'), end: text.indexOf(' society') });
    editor.applyLabel('MISC');
    await editor.settled();
    const request = workspace.calls.at(-1)!.request as ApiRequest<'applyEdit'>;
    expect(request.tx.ops.map((operation) => operation.op)).toEqual(['remove', 'remove', 'add']);
    expect(shown(editor)).toEqual(['LOC:Kosovo', 'MISC:Serbs into Kosovo']);
  });

  it('applies another editor’s edits from events and ignores the echo of its own', async () => {
    const { workspace, editor } = await started();
    workspace.editElsewhere({ ops: [{ op: 'relabel', id: 2, label: 'PER' }] });
    expect(shown(editor)).toEqual(['LOC:Kosovo', 'PER:Serbs', 'LOC:Kosovo']);
    expect(editor.open!.revision).toBe(1);
    // The same event again (an echo) changes nothing.
    editor.handleEvent({
      type: 'document-edited',
      result: {
        id: 'a.txt',
        revision: 1,
        applied: { ops: [{ op: 'remove', id: 2 }] },
        dirty: true,
        canUndo: true,
        canRedo: false,
      },
    });
    expect(shown(editor)).toEqual(['LOC:Kosovo', 'PER:Serbs', 'LOC:Kosovo']);
  });

  it('shows a refused edit as a toast and re-syncs the document', async () => {
    const { workspace, editor } = await started();
    editor.selectEntity(1);
    workspace.failNextCall(new ApiError('stale-revision', 'a.txt changed: revision 7, not 0'));
    editor.removeSelected();
    await editor.settled();
    expect(editor.toasts.map((toast) => toast.message)).toEqual([
      'a.txt changed: revision 7, not 0',
    ]);
    expect(workspace.calls.map((call) => call.method)).toEqual([
      'getCorpus',
      'openDocument',
      'applyEdit',
      'openDocument',
    ]);
    expect(shown(editor)).toEqual(['LOC:Kosovo', 'MISC:Serbs', 'LOC:Kosovo']);
  });

  it('refuses locally what cannot be an entity, without calling the workspace', async () => {
    const { workspace, editor } = await started();
    editor.selectEntity(1);
    editor.moveSelectedBoundary('start', -1); // takes in "Integrating"
    await editor.settled();
    expect(shown(editor)[0]).toBe('LOC:Integrating Kosovo');
    editor.moveSelectedBoundary('start', -1); // now at the start of the line
    await editor.settled();
    expect(editor.toasts.at(-1)?.message).toBe(
      'the entity cannot shrink or grow further on this side',
    );
    expect(workspace.calls.filter((call) => call.method === 'applyEdit')).toHaveLength(1);
  });
});
