// Serves the built editor (out/renderer) read-only: no directory traversal, known types, strict headers.
import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/content-security-policy';
import { isInside } from '../workspace/paths';

/** Headers on every answer of the host. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const NOT_BUILT_MESSAGE =
  'The Emend editor is not built yet: run `npm run build`, then start `emend serve` again.\n';

function answerText(response: ServerResponse, status: number, text: string, head: boolean): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(head ? undefined : text);
}

/** Answers a GET or HEAD for pathname from folder; `/` is index.html. */
export async function serveStatic(
  folder: string,
  pathname: string,
  response: ServerResponse,
  head: boolean,
): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return answerText(response, 400, 'Bad path.\n', head);
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return answerText(response, 400, 'Bad path.\n', head);
  }
  let root: string;
  try {
    root = await fs.realpath(folder);
  } catch {
    return answerText(response, 503, NOT_BUILT_MESSAGE, head);
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  let file: string;
  let stat;
  try {
    file = await fs.realpath(path.join(root, relative));
    stat = await fs.stat(file);
  } catch {
    if (relative === 'index.html') return answerText(response, 503, NOT_BUILT_MESSAGE, head);
    return answerText(response, 404, 'Not found.\n', head);
  }
  if (!isInside(root, file) || !stat.isFile())
    return answerText(response, 404, 'Not found.\n', head);
  const body = head ? undefined : await fs.readFile(file);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
    'Cache-Control': 'no-cache',
  });
  response.end(body);
}

/** The built editor's page (index.html), or null when the editor is not built. */
export async function readPage(folder: string): Promise<string | null> {
  try {
    return await fs.readFile(path.join(await fs.realpath(folder), 'index.html'), 'utf8');
  } catch {
    return null;
  }
}
