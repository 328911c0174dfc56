// The Electron preload bridge (`window.emend`): its type, its IPC channel names and its reply envelope.
import type { ArchiveSummary } from './archive';
import type { ApiErrorBody, ApiEvent, ApiMethod, ApiRequest, ApiResponse } from './contract';

/** Every call travels on `emend:<method>`; one channel per contract method. */
export const CALL_CHANNEL_PREFIX = 'emend:';

/** Workspace events and menu commands reach the renderer on this one channel. */
export const EVENT_CHANNEL = 'emend-event';

/** The editor asks the shell to save the corpus export as a zip, streamed to a file the user picks. */
export const ARCHIVE_CHANNEL = 'emend-archive';

export function callChannel(method: ApiMethod): string {
  return `${CALL_CHANNEL_PREFIX}${method}`;
}

/** What an IPC handler answers: errors travel as data, so nothing raw crosses the process boundary. */
export type CallReply<M extends ApiMethod = ApiMethod> =
  { ok: true; value: ApiResponse<M> } | { ok: false; error: ApiErrorBody };

/** What the shell answers to an archive request: what the saved zip holds, or why nothing was saved. */
export type ArchiveReply = { ok: true; value: ArchiveSummary } | { ok: false; error: ApiErrorBody };

/** The object the preload exposes as `window.emend`; `call` rejects with an ApiErrorBody. */
export interface EmendBridge {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribes to workspace events and menu commands; returns the unsubscribe function. */
  onEvent(callback: (event: ApiEvent) => void): () => void;
  /**
   * Saves the corpus export (request as exportCorpus takes it) as a zip, suggested name `name`,
   * where the user picks; rejects with an ApiErrorBody (code "cancelled" when the user cancels).
   */
  archive(request: ApiRequest<'exportCorpus'>, name: string): Promise<ArchiveSummary>;
}
