import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/content-security-policy';
import { createAssetHandler, isAppUrl, RENDERER_ENTRY_URL } from './app-scheme';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const serve = createAssetHandler(path.join(fixtures, 'renderer'));
const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('serves the renderer entry with the content security policy', async () => {
    const response = await get(RENDERER_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('fixture page');
  });

  it('serves assets with their type and the policy', async () => {
    const response = await get('app://emend/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('never allows inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it.each([
    'app://emend/../secret.txt',
    'app://emend/%2e%2e/secret.txt',
    'app://emend/assets/..%2F..%2Fsecret.txt',
    'app://emend/%00index.html',
    'app://emend/missing.js',
    'app://other/index.html',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer folder');
  });

  it('refuses a symbolic link that leaves the renderer folder', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-scheme-'));
    try {
      await symlink(path.join(fixtures, 'secret.txt'), path.join(folder, 'leak.txt'));
      const response = await createAssetHandler(folder)(new Request('app://emend/leak.txt'));
      expect(response.status).toBe(404);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('is read only', async () => {
    expect((await get(RENDERER_ENTRY_URL, 'POST')).status).toBe(405);
  });

  it('tells our pages from others', () => {
    expect(isAppUrl('app://emend/index.html?x=1')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://emend/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
