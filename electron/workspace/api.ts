// The workspace behind the API contract: validates each request and turns every failure into an ApiError.
import { ApiError, type EmendApi } from '../../shared/api/contract';
import { EditError } from '../../shared/model/operations';
import { FileError } from './file-error';
import { readGitLog } from './git-log';
import { checkDocumentId } from './paths';
import {
  checkBaselineSource,
  checkBoolean,
  checkChoice,
  checkClient,
  checkGroup,
  checkObject,
  checkRevision,
  checkTransaction,
} from './request';
import { SettingsError, validateSettings } from './settings';
import {
  applyToAll,
  checkAction,
  checkAppliedDocuments,
  checkHits,
  undoApplyToAll,
  undoRecordedApplyToAll,
} from './apply-to-all';
import { copyVersions, corpusAgreement } from './agreement';
import { checkCopies } from './agreement-copies';
import {
  checkExportOptions,
  checkIds,
  exportCorpus,
  writeCorpusArchive,
  type ArchiveSink,
} from './corpus-export';
import { checkCorpus, checkQuery, checkTask, searchCorpus } from './corpus-search';
import { checkKey, findSuspects, SuspectRanker } from './suspects';
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

/** An export request's options, documents (absent: all) and task, checked. */
export function checkExportRequest(request: unknown) {
  const body = checkObject(request);
  return [checkExportOptions(body.options), checkIds(body.ids), checkTask(body.task)] as const;
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
    guarded(async () => writeCorpusArchive(workspace, tasks, ...checkExportRequest(request), sink));
}

export function createApi(workspace: Workspace, tasks = workspaceTasks(workspace)): EmendApi {
  const suspects = new SuspectRanker(workspace);
  return {
    getCorpus: (request) =>
      guarded(async () => {
        checkObject(request);
        return workspace.getCorpus();
      }),
    openDocument: (request) =>
      guarded(async () => workspace.openDocument(checkDocumentId(checkObject(request).id))),
    openSource: (request) =>
      guarded(async () => {
        const { id } = checkObject(request);
        return workspace.openSource(id === undefined ? undefined : checkDocumentId(id));
      }),
    applyEdit: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.applyEdit(
          checkDocumentId(body.id),
          checkRevision(body.revision),
          checkTransaction(body.tx),
          checkGroup(body.group),
          checkClient(body.client),
        );
      }),
    undo: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.step(
          'undo',
          checkDocumentId(body.id),
          checkRevision(body.revision),
          checkClient(body.client),
        );
      }),
    redo: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.step(
          'redo',
          checkDocumentId(body.id),
          checkRevision(body.revision),
          checkClient(body.client),
        );
      }),
    save: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.save(checkDocumentId(body.id), checkRevision(body.revision));
      }),
    saveAll: (request) =>
      guarded(async () => {
        checkObject(request);
        return workspace.saveAll();
      }),
    markReviewed: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.markReviewed(
          checkDocumentId(body.id),
          checkBoolean(body.reviewed, 'reviewed'),
        );
      }),
    resolveConflict: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.resolveConflict(checkDocumentId(body.id), checkChoice(body.choice));
      }),
    updateSettings: (request) =>
      guarded(async () =>
        workspace.updateSettings(validateSettings(checkObject(request).settings, 'settings')),
      ),
    getBaseline: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return workspace.getBaseline(checkDocumentId(body.id), checkBaselineSource(body.source));
      }),
    getGitLog: (request) =>
      guarded(async () => {
        const id = checkDocumentId(checkObject(request).id);
        const file = await workspace.withSession(id, (session) => session.path);
        return { commits: await readGitLog(file) };
      }),
    getHistory: (request) =>
      guarded(async () =>
        workspace.withSession(checkDocumentId(checkObject(request).id), (session) =>
          session.historyView(),
        ),
      ),
    searchCorpus: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return searchCorpus(workspace, tasks, checkQuery(body.query), checkTask(body.task));
      }),
    checkCorpus: (request) =>
      guarded(async () => checkCorpus(workspace, tasks, checkTask(checkObject(request).task))),
    applyToAll: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return applyToAll(
          workspace,
          tasks,
          checkAction(body.action),
          checkHits(body.hits),
          checkTask(body.task),
        );
      }),
    undoApplyToAll: (request) =>
      guarded(async () => {
        const { documents } = checkObject(request);
        return documents === undefined
          ? undoRecordedApplyToAll(workspace)
          : undoApplyToAll(workspace, checkAppliedDocuments(documents));
      }),
    exportCorpus: (request) =>
      guarded(async () => exportCorpus(workspace, tasks, ...checkExportRequest(request))),
    getAgreement: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return corpusAgreement(workspace, tasks, checkCopies(body.copies), checkTask(body.task));
      }),
    getCopyVersions: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        return copyVersions(workspace, checkDocumentId(body.id), checkCopies(body.copies));
      }),
    findSuspects: (request) =>
      guarded(async () => findSuspects(suspects, tasks, checkTask(checkObject(request).task))),
    dismissSuspect: (request) =>
      guarded(async () => suspects.dismiss(checkKey(checkObject(request).key))),
    cancelTask: (request) =>
      guarded(async () => {
        const task = checkTask(checkObject(request).task);
        if (task === undefined) throw new ApiError('invalid-request', '"task" is required');
        return { cancelled: tasks.cancel(task) };
      }),
    showDocument: (request) =>
      guarded(async () => {
        const body = checkObject(request);
        const client = checkClient(body.client);
        if (client === undefined) throw new ApiError('invalid-request', '"client" is required');
        workspace.show(client, body.id === null ? null : checkDocumentId(body.id));
        return {};
      }),
  };
}
