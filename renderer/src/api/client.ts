// The editor's one client of the workspace API, over the Electron preload bridge or over HTTP.
import {
  API_ERROR_CODES,
  ApiError,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiEvent,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type ClientId,
  type CorpusInfo,
  type DocumentId,
  type DocumentSource,
} from '../../../shared/api/contract';
import type { EmendBridge } from '../../../shared/api/bridge';
import { addressWithoutToken, TOKEN_META, tokenOfQuery } from '../../../shared/api/page-address';
import { ARCHIVE_SUMMARY_HEADER, type ArchiveSummary } from '../../../shared/api/archive';

export type EventListener = (event: ApiEvent) => void;

/** What the editor calls, whichever transport carries it. */
export interface EmendClient {
  /** This editor's id: sent with its edits, so their events are not sent back to it. */
  readonly id: ClientId;
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribes to workspace events; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /**
   * Tells the workspace which document is on screen (it keeps that one open), and the desktop shell
   * too (File › Export… writes it).
   */
  showing?(id: DocumentId | null): void;
  /**
   * The corpus export as a zip streamed by the host (request as exportCorpus takes it), with what
   * it holds; a refusal rejects before any byte. Absent over the preload bridge (see saveArchive).
   */
  archive?(request: ApiRequest<'exportCorpus'>, name: string): Promise<CorpusArchive>;
  /**
   * The desktop shell saves the corpus export as a zip itself, streamed where the user picks;
   * answers what it holds, rejects with code "cancelled" when the user cancels.
   */
  saveArchive?(request: ApiRequest<'exportCorpus'>, name: string): Promise<ArchiveSummary>;
}

/** A corpus archive received from the host. */
export interface CorpusArchive {
  summary: ArchiveSummary;
  bytes: Blob;
}

/** Turns whatever a transport rejected with into an ApiError carrying a readable message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as Partial<ApiErrorBody>;
    if (typeof message === 'string') {
      // Electron prefixes errors thrown in the main process: keep only the workspace's words.
      const text = message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
      return new ApiError(
        API_ERROR_CODES.includes(code as ApiErrorCode) ? (code as ApiErrorCode) : 'internal',
        text,
      );
    }
  }
  return new ApiError('internal', String(error));
}

/** A fresh random id, an editor's or a long call's: not to be guessed (works in any page, secure context or not). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Tells the workspace the document an editor shows. Nothing to report when it fails: the document
 * is then only closed when clean, and opened again on its next use.
 */
function tellShown(call: EmendClient['call'], client: ClientId, id: DocumentId | null): void {
  call('showDocument', { client, id }).catch(() => undefined);
}

/** The client over the preload bridge (Electron). */
export function bridgeClient(bridge: EmendBridge): EmendClient {
  const id: ClientId = randomId();
  const call: EmendClient['call'] = async (method, request) => {
    try {
      return await bridge.call(method, request);
    } catch (error) {
      throw toApiError(error);
    }
  };
  return {
    id,
    call,
    async saveArchive(request, name) {
      try {
        return await bridge.archive(request, name);
      } catch (error) {
        throw toApiError(error);
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
    showing(shown) {
      tellShown(call, id, shown);
    },
  };
}

export interface HttpOptions {
  /** The host's origin and path prefix, e.g. `http://127.0.0.1:4000` ('' for the page's own). */
  base: string;
  token: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

/** The client over `emend serve`: POST /api/METHOD with a bearer token, events as SSE. */
export function httpClient(options: HttpOptions): EmendClient {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const Source = options.EventSource ?? globalThis.EventSource;
  const listeners = new Set<EventListener>();
  const id: ClientId = randomId();
  let source: EventSource | null = null;
  /** The document on screen, told again after the event stream comes back (the host forgets a client gone). */
  let shown: DocumentId | null | undefined;

  const deliver = (event: ApiEvent) => {
    for (const listener of listeners) listener(event);
  };

  const connect = () => {
    const query = `token=${encodeURIComponent(options.token)}&client=${id}`;
    source = new Source(`${options.base}/api/events?${query}`);
    // EventSource reconnects by itself after the stream is cut; what was sent meanwhile is lost.
    let opened = false;
    source.onopen = () => {
      if (opened) {
        if (shown !== undefined) tellShown(call, id, shown);
        deliver({ type: 'reconnected' });
      }
      opened = true;
    };
    source.onmessage = (message) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(message.data) as ApiEvent;
      } catch {
        return;
      }
      deliver(event);
    };
  };

  /** Sends one request with the token; an answer other than 2xx rejects with the host's error. */
  const answer = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await send(`${options.base}/api/${path}`, {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${options.token}` },
      });
    } catch (error) {
      throw new ApiError(
        'internal',
        `the workspace is not reachable (${toApiError(error).message})`,
      );
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      throw body
        ? toApiError(body)
        : new ApiError('internal', `the workspace answered HTTP ${response.status}`);
    }
    return response;
  };

  const call: EmendClient['call'] = async (method, request) => {
    const response = await answer(method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json().catch(() => null)) as never;
  };

  return {
    id,
    call,
    showing(document) {
      shown = document;
      tellShown(call, id, document);
    },
    async archive(request, name) {
      const query = new URLSearchParams({ request: JSON.stringify(request), name });
      const response = await answer(`archive?${query}`);
      const summary = JSON.parse(
        decodeURIComponent(response.headers.get(ARCHIVE_SUMMARY_HEADER) ?? ''),
      ) as ArchiveSummary;
      try {
        return { summary, bytes: await response.blob() };
      } catch (error) {
        throw new ApiError(
          'internal',
          `the archive was cut off, nothing was saved (${toApiError(error).message})`,
        );
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** Where a tab keeps the host's token once its address has dropped it (a reload finds it there). */
const TOKEN_KEY = 'emend-token';

/**
 * Picks the transport: the preload bridge inside Electron, else HTTP with the token the host gave
 * the page (or its address held). The token is kept in this tab's session storage, which is this
 * origin's (its port's) alone, and the address drops it: a reload finds it there. No cookie holds
 * it: a browser sends a cookie of 127.0.0.1 to every port of it.
 */
export function connectClient(scope: {
  emend?: EmendBridge;
  location: Location;
  document: Document;
  history: History;
  sessionStorage: Storage;
}): EmendClient {
  if (scope.emend) return bridgeClient(scope.emend);
  const given = scope.document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  const fromPage = given?.content || tokenOfQuery(scope.location.search);
  if (fromPage) {
    try {
      scope.sessionStorage.setItem(TOKEN_KEY, fromPage);
      scope.history.replaceState(scope.history.state, '', addressWithoutToken(scope.location.href));
    } catch {
      // No session storage (a private mode that refuses it): the address keeps the token.
    }
  }
  const token = fromPage || scope.sessionStorage.getItem(TOKEN_KEY) || '';
  return httpClient({ base: '', token });
}

/** The editor's first two requests: the corpus list and its first document. */
export interface FirstRequests {
  corpus: Promise<CorpusInfo>;
  document: Promise<DocumentSource>;
  /** The document the page's address named, when it is one the corpus refuses (to say why). */
  refused?: Promise<DocumentId | null>;
}

/**
 * Sends the first requests together; the page does so before it mounts the screen, which they
 * overlap. The document is the one the page's address names (a reload), if it can be shown, else
 * the corpus's first (a refused one named is then said to be refused).
 */
export function requestFirst(client: EmendClient, named: string | null = null): FirstRequests {
  const firstDocument = () => client.call('openSource', {});
  if (named === null)
    return started({ corpus: client.call('getCorpus', {}), document: firstDocument() });
  const asked = client.call('openSource', { id: named });
  return started({
    corpus: client.call('getCorpus', {}),
    document: asked.catch((error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return firstDocument();
    }),
    refused: asked.then(
      () => null,
      (error: unknown) =>
        error instanceof ApiError && error.code === 'refused-file' ? named : null,
    ),
  });
}

/** The first requests, sent: the editor takes their failures once it starts; until then they are not unhandled. */
function started(first: FirstRequests): FirstRequests {
  first.corpus.catch(() => undefined);
  first.document.catch(() => undefined);
  return first;
}
