// The IPC side of the API contract: one handler per method on `emend:<method>`, for our window only.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  ARCHIVE_CHANNEL,
  callChannel,
  type ArchiveReply,
  type CallReply,
} from '../../shared/api/bridge';
import {
  API_METHODS,
  type ApiErrorBody,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type EmendApi,
} from '../../shared/api/contract';
import { checkRequest } from '../../shared/api/requests';
import { toApiError } from '../workspace/api';
import { isAppUrl } from './app-scheme';
import { writeArchiveFile, type ArchiveExport } from './archive-file';

/** Largest request accepted over IPC, measured as JSON. */
export const MAX_REQUEST_CHARS = 16 * 1024 * 1024;

export interface IpcTarget {
  /** The API of what is open now, or null while nothing is. */
  api(): EmendApi | null;
  /** The editor window's contents: the only ones whose main frame may call. */
  contents(): WebContents | null;
  /** Told of every answered call (the shell learns the editor's client id). */
  answered?<M extends ApiMethod>(method: M, request: ApiRequest<M>, response: ApiResponse<M>): void;
  /** The corpus archive of what is open now, or null while nothing is. */
  archive?(): ArchiveExport | null;
  /** Asks where to save an archive (suggested file name given); null when the user cancels. */
  chooseArchivePath?(name: string): Promise<string | null>;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Why a sender may not call, or null when it is our window's main frame showing our page. */
export function senderProblem(event: SenderEvent, trusted: WebContents | null): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (!trusted || event.sender !== trusted) return 'the call does not come from the editor window';
  if (frame.parent !== null) return 'the call does not come from the main frame';
  if (!isAppUrl(frame.url))
    return `the calling page ${JSON.stringify(frame.url)} is not the editor`;
  return null;
}

/** Checks what a request can be before the workspace looks at its fields. */
export function requestProblem(request: unknown): string | null {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return 'a request must be an object';
  }
  const prototype = Object.getPrototypeOf(request) as unknown;
  if (prototype !== Object.prototype && prototype !== null)
    return 'a request must be a plain object';
  let json: string;
  try {
    json = JSON.stringify(request);
  } catch {
    return 'a request must be plain data';
  }
  if (json.length > MAX_REQUEST_CHARS) return 'the request is too large';
  return null;
}

/** Any failure as the body the editor shows: its code and message, never its stack. */
export function errorBody(error: unknown): ApiErrorBody {
  const { code, message } = toApiError(error);
  return { code, message };
}

/** Answers one call: checks sender and request, runs it, wraps the outcome. Never throws. */
export async function answerCall<M extends ApiMethod>(
  method: M,
  event: SenderEvent,
  request: unknown,
  target: IpcTarget,
): Promise<CallReply<M>> {
  const refusedSender = senderProblem(event, target.contents());
  if (refusedSender) {
    return { ok: false, error: { code: 'invalid-request', message: refusedSender } };
  }
  const badRequest = requestProblem(request);
  if (badRequest) return { ok: false, error: { code: 'invalid-request', message: badRequest } };
  const api = target.api();
  if (!api) return { ok: false, error: { code: 'not-found', message: 'nothing is open' } };
  try {
    const value = await api[method](request as ApiRequest<M>);
    target.answered?.(method, request as ApiRequest<M>, value);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: errorBody(error) };
  }
}

/**
 * Saves the corpus archive where the user picks, streamed to disk (see writeArchiveFile): checks
 * sender, request and name as a call's, then asks where. Answers what the zip holds. Never throws.
 */
export async function answerArchive(
  event: SenderEvent,
  request: unknown,
  name: unknown,
  target: IpcTarget,
): Promise<ArchiveReply> {
  const refused =
    senderProblem(event, target.contents()) ??
    requestProblem(request) ??
    (typeof name === 'string' && name.length <= 255 ? null : 'the archive name must be a string');
  if (refused) return { ok: false, error: { code: 'invalid-request', message: refused } };
  const exportArchive = target.archive?.();
  if (!exportArchive || !target.chooseArchivePath) {
    return { ok: false, error: { code: 'not-found', message: 'nothing is open' } };
  }
  try {
    checkRequest('exportCorpus', request);
    const file = await target.chooseArchivePath((name as string).replace(/[^\w.-]/g, '_'));
    if (!file) return { ok: false, error: { code: 'cancelled', message: 'nothing was exported' } };
    return { ok: true, value: await writeArchiveFile(file, exportArchive, request) };
  } catch (error) {
    return { ok: false, error: errorBody(error) };
  }
}

/** Installs one handler per contract method and the archive one; returns the channels. */
export function registerApiHandlers(ipc: Pick<IpcMain, 'handle'>, target: IpcTarget): string[] {
  ipc.handle(ARCHIVE_CHANNEL, (event, request: unknown, name: unknown) =>
    answerArchive(event, request, name, target),
  );
  const channels = API_METHODS.map((method) => {
    const channel = callChannel(method);
    ipc.handle(channel, (event, request: unknown) => answerCall(method, event, request, target));
    return channel;
  });
  return [...channels, ARCHIVE_CHANNEL];
}
