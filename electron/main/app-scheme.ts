// The app:// scheme that serves the built renderer: files under one folder only, always with the CSP.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/content-security-policy';
import { resolveInside } from '../workspace/paths';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://emend`;
export const RENDERER_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Whether a URL is a page of ours (the renderer served over app://). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

function refuse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** The protocol handler for app://emend/…: reads files under root, never outside it. */
export function createAssetHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'read only');
    if (!isAppUrl(request.url)) return refuse(404, 'not found');
    let relative: string;
    try {
      relative = decodeURIComponent(new URL(request.url).pathname).replace(/^\/+/, '');
    } catch {
      return refuse(400, 'bad path');
    }
    if (relative === '') relative = 'index.html';
    let file: string;
    let body: Buffer;
    try {
      file = await resolveInside(root, relative);
      body = await fs.readFile(file);
    } catch {
      return refuse(404, 'not found');
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
