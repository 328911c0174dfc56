// The sandboxed preload: exposes the API contract as `window.emend`, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  callChannel,
  EVENT_CHANNEL,
  ON_SCREEN_CHANNEL,
  type CallReply,
  type EmendBridge,
} from '../../shared/api/bridge';
import { isApiMethod, type ApiErrorBody, type ApiEvent } from '../../shared/api/contract';

function failure(code: ApiErrorBody['code'], message: string): Promise<never> {
  const body: ApiErrorBody = { code, message };
  return Promise.reject(body);
}

const bridge: EmendBridge = {
  async call(method, request) {
    if (!isApiMethod(method)) {
      return failure('invalid-request', `unknown API method "${String(method)}"`);
    }
    let reply: CallReply;
    try {
      reply = (await ipcRenderer.invoke(callChannel(method), request)) as CallReply;
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error));
    }
    return reply.ok ? (reply.value as never) : failure(reply.error.code, reply.error.message);
  },
  onEvent(callback) {
    const listener = (_event: IpcRendererEvent, payload: ApiEvent) => callback(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  showing(id) {
    // Only File › Export… reads it; a refusal (never expected from the editor) changes nothing.
    ipcRenderer.invoke(ON_SCREEN_CHANNEL, id).catch(() => undefined);
  },
};

contextBridge.exposeInMainWorld('emend', bridge);
