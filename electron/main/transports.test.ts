// Both transports of the API contract, enumerated from API_METHODS, so neither can drift from it.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api/contract';
import { createHost, type Host } from '../host/server';
import { createApi } from '../workspace/api';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { editorIpc } from './fixtures/editor-ipc';

const token = 'transport-test-token';
let folder: string;
let workspace: Workspace;
let host: Host;
let port: number;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'emend-transports-'));
  await cp(path.join(import.meta.dirname, 'fixtures', 'corpus'), path.join(folder, 'corpus'), {
    recursive: true,
  });
  workspace = await createWorkspace({
    path: path.join(folder, 'corpus'),
    stateFolder: path.join(folder, 'state'),
    watch: false,
  });
  host = createHost({
    api: createApi(workspace),
    subscribe: (listener) => workspace.onEvent(listener),
    token,
    rendererFolder: path.join(folder, 'no-renderer'),
  });
  port = await host.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await host.close();
  workspace.close();
  await rm(folder, { recursive: true, force: true });
});

describe('every contract call', () => {
  it.each(API_METHODS)('%s is a route of the HTTP host', async (method) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { message?: string };
    expect(response.status, JSON.stringify(body)).not.toBe(404);
    expect([200, 400]).toContain(response.status);
  });

  it.each(API_METHODS)('%s has an IPC handler that reaches the workspace', async (method) => {
    const call = editorIpc(createApi(workspace))(method);
    expect(call).toBeDefined();
    const reply = await call!({});
    expect(reply.ok || reply.error.code === 'invalid-request', JSON.stringify(reply)).toBe(true);
  });
});
