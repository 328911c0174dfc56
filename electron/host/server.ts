// The HTTP host of `emend serve`: the editor's static files, POST /api/METHOD, GET /api/events (SSE) and GET /api/archive (a zip).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  isApiMethod,
  isEchoFor,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiEvent,
  type EmendApi,
} from '../../shared/api/contract';
import { ARCHIVE_SUMMARY_HEADER } from '../../shared/api/archive';
import { labelColorRules } from '../../shared/api/label-colors';
import { documentOfQuery } from '../../shared/api/page-address';
import { themeFromCookies } from '../../shared/api/theme-cookie';
import { toApiError } from '../workspace/api';
import { drained, type ArchiveSink } from '../workspace/corpus-export';
import { hasToken, isLoopbackHost } from './guard';
import {
  firstScreenHtml,
  type FirstScreenSource,
  LABEL_COLORS_PATH,
  splitPage,
  pageHead,
} from './first-screen';
import { readPage, SECURITY_HEADERS, serveStatic } from './static-files';

/** Largest request body accepted (a transaction of many operations fits easily). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * An event-stream client is cut off when it has not taken data through this many events and holds
 * more than MAX_QUEUED_EVENT_BYTES unsent (the event texts themselves are shared by every client).
 */
export const MAX_UNDRAINED_EVENTS = 8;
export const MAX_QUEUED_EVENT_BYTES = 1024 * 1024;

const HEARTBEAT_MS = 20_000;

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  'stale-revision': 409,
  conflict: 409,
  cancelled: 409,
  'not-found': 404,
  'refused-file': 422,
  'path-outside': 403,
  'too-large': 413,
  'invalid-request': 400,
  'edit-refused': 422,
  'save-failed': 500,
  internal: 500,
};

export interface HostOptions {
  api: EmendApi;
  /** Subscribes to workspace events; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** Told when an editor's event stream closes: the document it showed may close. */
  clientGone?(client: string): void;
  /**
   * The text of the document the editor opens first (the one named, else the corpus's first), when
   * the workspace holds it now: the page's first screen.
   */
  firstScreen?: (named?: string) => FirstScreenSource | null;
  /** Writes the corpus export (request as exportCorpus takes it) as a zip to sink. */
  exportArchive?: (request: unknown, sink: ArchiveSink) => Promise<unknown>;
  token: string;
  /** The built editor (out/renderer). */
  rendererFolder: string;
  /** Accept any Host header (only with --allow-remote; the token still guards the API). */
  anyHost?: boolean;
  maxBodyBytes?: number;
  maxQueuedEventBytes?: number;
}

export interface Host {
  server: Server;
  listen(port: number, hostname: string): Promise<number>;
  close(): Promise<void>;
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function answerError(
  response: ServerResponse,
  error: ApiError,
  status = HTTP_STATUS[error.code],
): void {
  const body: ApiErrorBody = { code: error.code, message: error.message };
  answerJson(response, status, body);
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** An event as one SSE message, serialized once however many clients receive it. */
const eventTexts = new WeakMap<ApiEvent, string>();
function eventText(event: ApiEvent): string {
  let text = eventTexts.get(event);
  if (text === undefined) {
    text = `data: ${JSON.stringify(event)}\n\n`;
    eventTexts.set(event, text);
  }
  return text;
}

export function createHost(options: HostOptions): Host {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxQueued = options.maxQueuedEventBytes ?? MAX_QUEUED_EVENT_BYTES;
  const streams = new Set<ServerResponse>();

  /** The task ids of the calls in flight, each held by the call that named it first. */
  const claimedTasks = new Set<string>();

  /**
   * A long call whose page went away before its answer (a tab closed) is cancelled: none follows
   * it. Only the call that named the task first may: another naming the same id cancels nothing.
   */
  const cancelWhenGone = (body: unknown, response: ServerResponse) => {
    const task = (body as { task?: unknown } | null)?.task;
    if (typeof task !== 'string' || claimedTasks.has(task)) return;
    claimedTasks.add(task);
    response.on('close', () => {
      claimedTasks.delete(task);
      if (!response.writableFinished) void options.api.cancelTask({ task }).catch(() => undefined);
    });
  };

  const handleCall = async (method: string, request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return answerError(
        response,
        new ApiError('invalid-request', 'API calls are POST requests'),
        405,
      );
    }
    if (!isApiMethod(method)) {
      return answerError(response, new ApiError('not-found', `there is no API call "${method}"`));
    }
    let raw: string;
    try {
      raw = await readBody(request, limit);
    } catch (error) {
      response.setHeader('Connection', 'close');
      if (error instanceof BodyTooLarge) {
        return answerError(
          response,
          new ApiError('too-large', `a request may hold at most ${limit} bytes`),
        );
      }
      return answerError(
        response,
        new ApiError('invalid-request', 'the request body could not be read'),
      );
    }
    let body: unknown;
    try {
      body = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      return answerError(
        response,
        new ApiError('invalid-request', 'the request body is not valid JSON'),
      );
    }
    cancelWhenGone(body, response);
    try {
      const call = options.api[method] as (request: unknown) => Promise<unknown>;
      answerJson(response, 200, await call(body));
    } catch (error) {
      answerError(response, toApiError(error));
    }
  };

  /**
   * Streams the corpus export as a zip (GET /api/archive?request=JSON&name=FILE.zip), chunked, one
   * document at a time and waiting for the client to take each: other calls are answered meanwhile
   * and the archive is never held whole. A refusal found before the first byte answers JSON.
   */
  const handleArchive = async (url: URL, response: ServerResponse) => {
    if (!options.exportArchive) {
      return answerError(response, new ApiError('not-found', 'this host makes no archives'));
    }
    let body: unknown;
    try {
      body = JSON.parse(url.searchParams.get('request') ?? '{}');
    } catch {
      return answerError(response, new ApiError('invalid-request', '"request" is not valid JSON'));
    }
    const name = (url.searchParams.get('name') ?? 'corpus.zip').replace(/[^\w.-]/g, '_');
    let closed = false;
    response.on('close', () => (closed = true));
    const gone = () =>
      new ApiError('cancelled', 'the download was closed: nothing more is written');
    const sink: ArchiveSink = {
      start(summary) {
        if (closed) throw gone();
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'application/zip',
          'Content-Disposition': `attachment; filename="${name}"`,
          'Cache-Control': 'no-store',
          [ARCHIVE_SUMMARY_HEADER]: encodeURIComponent(JSON.stringify(summary)),
        });
      },
      write(bytes) {
        if (closed) throw gone();
        response.write(bytes);
      },
      async flush() {
        if (!closed) await drained(response, 'close');
        if (closed) throw gone();
      },
    };
    try {
      await options.exportArchive(body, sink);
      response.end();
    } catch (error) {
      if (response.headersSent) response.destroy();
      else if (!closed) answerError(response, toApiError(error));
    }
  };

  /**
   * The editor's page to a request with the token: its head at once (the browser fetches the
   * editor's scripts and styles meanwhile), then its body with the first document's first screen.
   */
  const handlePage = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const page = await readPage(options.rendererFolder);
    const parts = page === null ? null : splitPage(page);
    if (!parts) return serveStatic(options.rendererFolder, '/', response, false);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.write(pageHead(parts[0], themeFromCookies(request.headers.cookie), options.token));
    const first = options.firstScreen?.(documentOfQuery(url.search) ?? undefined) ?? null;
    response.end((first ? firstScreenHtml(first) : '') + parts[1]);
  };

  /** The corpus's label colours as a style sheet (GET LABEL_COLORS_PATH?token=…), for the first screen. */
  const handleLabelColors = async (response: ServerResponse) => {
    const css = labelColorRules((await options.api.getCorpus({})).settings.labels);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/css; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(css)),
      'Cache-Control': 'no-store',
    });
    response.end(css);
  };

  /** Streams events to one editor (`client`), leaving out the echo of its own edits. */
  const handleEvents = (
    request: IncomingMessage,
    response: ServerResponse,
    client: string | null,
  ) => {
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return answerError(
        response,
        new ApiError('invalid-request', 'events are read with GET'),
        405,
      );
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    streams.add(response);
    // A client that stops reading is cut off once it has taken no data through several events
    // and its unsent bytes pass the bound; its EventSource reconnects and the editor reloads.
    let undrained = 0;
    response.on('drain', () => (undrained = 0));
    const send = (text: string) => {
      if (undrained >= MAX_UNDRAINED_EVENTS && response.writableLength > maxQueued) {
        response.destroy();
      } else if (!response.write(text)) {
        undrained++;
      }
    };
    const unsubscribe = options.subscribe((event) => {
      if (!isEchoFor(event, client)) send(eventText(event));
    });
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
      if (client !== null) options.clientGone?.(client);
    };
    request.on('close', stop);
    response.on('close', stop);
  };

  // The first screen's code runs once now, so that the first page is not sent late by a cold start.
  const warm = options.firstScreen?.();
  if (warm) firstScreenHtml(warm);

  const server = createServer((request, response) => {
    if (!options.anyHost && !isLoopbackHost(request.headers.host)) {
      return answerError(
        response,
        new ApiError('invalid-request', 'this host answers only to localhost names'),
        403,
      );
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return answerError(response, new ApiError('invalid-request', 'bad request URL'), 400);
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const events = url.pathname === '/api/events';
      const archive = url.pathname === '/api/archive' && request.method === 'GET';
      const colors = url.pathname === LABEL_COLORS_PATH && request.method === 'GET';
      if (!hasToken(request, url, options.token, events || archive || colors)) {
        return answerError(
          response,
          new ApiError(
            'invalid-request',
            'this page holds no valid token for this host: `emend serve` makes a new one each time it starts; open the URL it printed',
          ),
          401,
        );
      }
      if (events) return handleEvents(request, response, url.searchParams.get('client'));
      if (colors) {
        handleLabelColors(response).catch((error: unknown) =>
          answerError(response, toApiError(error)),
        );
        return;
      }
      if (archive) {
        handleArchive(url, response).catch((error: unknown) =>
          answerError(response, toApiError(error)),
        );
        return;
      }
      handleCall(url.pathname.slice('/api/'.length), request, response).catch((error: unknown) =>
        answerError(response, toApiError(error)),
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return answerError(
        response,
        new ApiError('invalid-request', 'only GET and HEAD are served here'),
        405,
      );
    }
    const page = url.pathname === '/' || url.pathname === '/index.html';
    if (page && request.method === 'GET' && hasToken(request, url, options.token, true)) {
      handlePage(request, response, url).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else answerError(response, toApiError(error));
      });
      return;
    }
    serveStatic(options.rendererFolder, url.pathname, response, request.method === 'HEAD').catch(
      (error: unknown) => answerError(response, toApiError(error)),
    );
  });

  return {
    server,
    listen: (port, hostname) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, hostname, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
