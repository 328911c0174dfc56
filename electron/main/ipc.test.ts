import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_CHANNEL } from '../../shared/api/bridge';
import { API_METHODS, ApiError, type EmendApi } from '../../shared/api/contract';
import { answerCall, MAX_REQUEST_CHARS, registerApiHandlers, type IpcTarget } from './ipc';

const editor = { id: 1 } as unknown as WebContents;
const mainFrame = { url: 'app://emend/index.html', parent: null };
const fromEditor = { sender: editor, senderFrame: mainFrame } as never;

function targetWith(api: Partial<EmendApi>, answered: string[] = []): IpcTarget {
  return {
    api: () => api as EmendApi,
    contents: () => editor,
    answered: (method) => answered.push(method),
  };
}

const corpus = { root: '/corpus', name: 'corpus', documents: [], settings: { labels: [] } };

describe('IPC calls', () => {
  it('answers a call from the editor page with the workspace response', async () => {
    const answered: string[] = [];
    const reply = await answerCall(
      'getCorpus',
      fromEditor,
      {},
      targetWith({ getCorpus: async () => corpus }, answered),
    );
    expect(reply).toEqual({ ok: true, value: corpus });
    expect(answered).toEqual(['getCorpus']);
  });

  it.each([
    ['another window', { sender: { id: 2 }, senderFrame: mainFrame }, 'editor window'],
    [
      'a sub-frame',
      { sender: editor, senderFrame: { url: mainFrame.url, parent: mainFrame } },
      'main frame',
    ],
    [
      'a remote page',
      { sender: editor, senderFrame: { url: 'https://evil.example/', parent: null } },
      'not the editor',
    ],
    [
      'a file page',
      { sender: editor, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      'not the editor',
    ],
    ['a vanished frame', { sender: editor, senderFrame: null }, 'gone'],
  ])('refuses %s without reaching the workspace', async (_name, event, reason) => {
    let reached = false;
    const api = { getCorpus: async () => ((reached = true), corpus) };
    const reply = await answerCall('getCorpus', event as never, {}, targetWith(api));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('invalid-request');
    expect(!reply.ok && reply.error.message).toContain(reason);
    expect(reached).toBe(false);
  });

  it.each([
    ['null', null],
    ['an array', [1]],
    ['a string', 'id'],
    ['a class instance', new Date()],
    ['an oversized request', { id: 'x'.repeat(MAX_REQUEST_CHARS) }],
  ])('refuses %s as a request', async (_name, request) => {
    const reply = await answerCall('getCorpus', fromEditor, request, targetWith({}));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('returns workspace errors as data with their code', async () => {
    const api = {
      openDocument: async () => {
        throw new ApiError('path-outside', '"../x" is not a path inside the opened folder');
      },
    };
    const reply = await answerCall('openDocument', fromEditor, { id: '../x' }, targetWith(api));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'path-outside', message: '"../x" is not a path inside the opened folder' },
    });
  });

  it('turns an unexpected failure into an internal error without its stack', async () => {
    const api = {
      save: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const reply = await answerCall('save', fromEditor, { id: 'a', revision: 1 }, targetWith(api));
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'unexpected failure: cannot read properties of undefined',
      },
    });
  });

  it('says so when nothing is open', async () => {
    const target: IpcTarget = { api: () => null, contents: () => editor };
    const reply = await answerCall('getCorpus', fromEditor, {}, target);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('handles every contract method on its own channel, the document on screen and the corpus archive on two more', () => {
    const channels = new Map<string, unknown>();
    const ipc = { handle: (channel: string, listener: unknown) => channels.set(channel, listener) };
    registerApiHandlers(ipc as unknown as IpcMain, targetWith({}));
    expect([...channels.keys()].sort()).toEqual(
      [...API_METHODS.map((m) => `emend:${m}`), ARCHIVE_CHANNEL].sort(),
    );
  });
});
