// The workspace behind the API contract: validates each request and turns every failure into an ApiError.
import {
  API_METHODS,
  ApiError,
  type ApiMethod,
  type ApiResponse,
  type EmendApi,
} from '../../shared/api/contract';
import { checkRequest, type CheckedRequest } from '../../shared/api/requests';
import { EditError } from '../../shared/model/operations';
import { FileError } from './file-error';
import { readGitLog } from './git-log';
import { SettingsError } from './state-file';
import { applyToAll, undoApplyToAll, undoRecordedApplyToAll } from './apply-to-all';
import { ADJUDICATION_FILE, AdjudicationNotes } from './adjudication-notes';
import { copyVersions, corpusAgreement } from './agreement';
import { exportCorpus, writeCorpusArchive, type ArchiveSink } from './corpus-export';
import { reviewCorpus } from './corpus-review';
import { checkCorpus, searchCorpus } from './corpus-search';
import { findSuspects, SuspectRanker } from './suspects';
import { Tasks } from './tasks';
import type { Workspace } from './workspace';

/** Maps any failure to the typed error both transports carry; unknown ones say "internal". */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof EditError) return new ApiError('edit-refused', error.message);
  if (error instanceof SettingsError) return new ApiError('invalid-request', error.message);
  if (error instanceof FileError) {
    if (error.code === 'not-found') return new ApiError('not-found', error.message);
    if (error.code === 'too-large') return new ApiError('too-large', error.message);
    if (error.code === 'not-writable' || error.code === 'write-failed') {
      return new ApiError('save-failed', error.message);
    }
    return new ApiError('refused-file', error.message);
  }
  return new ApiError(
    'internal',
    `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** The tasks of one workspace's long calls, shared by its API and its archive downloads. */
export function workspaceTasks(workspace: Workspace): Tasks {
  return new Tasks((event) => workspace.emit(event));
}

function guarded<R>(task: () => Promise<R>): Promise<R> {
  return task().catch((error: unknown) => {
    throw toApiError(error);
  });
}

/**
 * The corpus export as a zip written to sink (request as exportCorpus takes it); every failure is
 * an ApiError, and one found before the first byte leaves sink untouched.
 */
export function createArchiveExport(
  workspace: Workspace,
  tasks: Tasks,
): (request: unknown, sink: ArchiveSink) => Promise<unknown> {
  return (request, sink) =>
    guarded(async () => {
      const { options, ids, task } = checkRequest('exportCorpus', request);
      return writeCorpusArchive(workspace, tasks, options, ids, task, sink);
    });
}

/** What the workspace does for each call, given its request checked against REQUEST_SCHEMAS. */
type Handlers = {
  [M in ApiMethod]: (request: CheckedRequest<M>) => Promise<ApiResponse<M>>;
};

function handlers(workspace: Workspace, tasks: Tasks): Handlers {
  const suspects = new SuspectRanker(workspace);
  const adjudication = new AdjudicationNotes(() => workspace.corpusStateFile(ADJUDICATION_FILE));
  return {
    getCorpus: async () => workspace.getCorpus(),
    openDocument: async ({ id }) => workspace.openDocument(id),
    openSource: async ({ id }) => workspace.openSource(id),
    applyEdit: async ({ id, revision, tx, group, client }) =>
      workspace.applyEdit(id, revision, tx, group, client),
    undo: async ({ id, revision, client }) => workspace.step('undo', id, revision, client),
    redo: async ({ id, revision, client }) => workspace.step('redo', id, revision, client),
    save: async ({ id, revision }) => workspace.save(id, revision),
    saveAll: async () => workspace.saveAll(),
    markReviewed: async ({ id, reviewed }) => workspace.markReviewed(id, reviewed),
    resolveConflict: async ({ id, choice }) => workspace.resolveConflict(id, choice),
    updateSettings: async ({ settings }) => workspace.updateSettings(settings),
    getBaseline: async ({ id, source }) => workspace.getBaseline(id, source),
    reviewCorpus: ({ source, task }) => reviewCorpus(workspace, tasks, source, task),
    getGitLog: async ({ id }) => ({
      commits: await readGitLog(await workspace.withSession(id, (session) => session.path)),
    }),
    getHistory: ({ id }) => workspace.withSession(id, (session) => session.historyView()),
    searchCorpus: ({ query, task }) => searchCorpus(workspace, tasks, query, task),
    checkCorpus: ({ task }) => checkCorpus(workspace, tasks, task),
    applyToAll: ({ action, hits, task }) => applyToAll(workspace, tasks, action, hits, task),
    undoApplyToAll: ({ documents, task }) =>
      documents === undefined
        ? undoRecordedApplyToAll(workspace, tasks, task)
        : undoApplyToAll(workspace, tasks, documents, task),
    exportCorpus: ({ options, ids, task }) => exportCorpus(workspace, tasks, options, ids, task),
    getAgreement: ({ copies, task }) => corpusAgreement(workspace, tasks, copies, task),
    getCopyVersions: ({ id, copies }) => copyVersions(workspace, adjudication, id, copies),
    keepAdjudication: async ({ id, copies, none }) => {
      workspace.documentPath(id);
      await adjudication.keep(id, copies, none);
      return {};
    },
    findSuspects: ({ task }) => findSuspects(suspects, tasks, task),
    dismissSuspect: async ({ key }) => suspects.dismiss(key),
    restoreSuspect: async ({ key }) => suspects.restore(key),
    cancelTask: async ({ task }) => ({ cancelled: tasks.cancel(task) }),
    showDocument: async ({ client, id }) => {
      workspace.show(client, id);
      return {};
    },
  };
}

/** The API: every call checks its request against its schema first, then runs; failures are ApiErrors. */
export function createApi(workspace: Workspace, tasks = workspaceTasks(workspace)): EmendApi {
  const run = handlers(workspace, tasks);
  const call = <M extends ApiMethod>(method: M) => [
    method,
    (request: unknown) =>
      guarded(async () => (run[method] as Handlers[M])(checkRequest(method, request))),
  ];
  return Object.fromEntries(API_METHODS.map(call)) as EmendApi;
}
