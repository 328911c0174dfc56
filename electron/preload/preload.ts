// The sandboxed preload: exposes the API contract as `window.emend`, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ARCHIVE_CHANNEL,
  callChannel,
  EVENT_CHANNEL,
  type EmendBridge,
} from '../../shared/api/bridge';
import { isApiMethod, type ApiErrorBody, type ApiEvent } from '../../shared/api/contract';

function failure(code: ApiErrorBody['code'], message: string): Promise<never> {
  const body: ApiErrorBody = { code, message };
  return Promise.reject(body);
}

/** Invokes a channel answering a reply envelope; resolves with its value, rejects with its error. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  let reply: { ok: true; value: T } | { ok: false; error: ApiErrorBody };
  try {
    reply = (await ipcRenderer.invoke(channel, ...args)) as typeof reply;
  } catch (error) {
    return failure('internal', error instanceof Error ? error.message : String(error));
  }
  return reply.ok ? reply.value : failure(reply.error.code, reply.error.message);
}

const bridge: EmendBridge = {
  call(method, request) {
    if (!isApiMethod(method)) {
      return failure('invalid-request', `unknown API method "${String(method)}"`);
    }
    return invoke(callChannel(method), request);
  },
  archive: (request, name) => invoke(ARCHIVE_CHANNEL, request, name),
  onEvent(callback) {
    const listener = (_event: IpcRendererEvent, payload: ApiEvent) => callback(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('emend', bridge);
