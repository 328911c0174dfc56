import { describe, expect, it } from 'vitest';
import type { EmendBridge } from '../../../shared/api/bridge';
import { ApiError, type ApiEvent } from '../../../shared/api/contract';
import { DEFAULT_EXPORT_OPTIONS } from '../../../shared/convert/export';
import { bridgeClient, connectClient, httpClient } from './client';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records requests and answers like `emend serve`. */
function recordingFetch(answer: (url: string) => Response) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answer(url);
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

/** An EventSource stand-in the test can push messages through. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onmessage: ((message: { data: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('HTTP transport', () => {
  it('POSTs the request as JSON to /api/METHOD with the bearer token', async () => {
    const { sent, fetch } = recordingFetch(() =>
      json(200, { id: 'a.txt', revision: 3, dirty: false }),
    );
    const client = httpClient({ base: 'http://127.0.0.1:9', token: 's3cret', fetch });
    const result = await client.call('save', { id: 'a.txt', revision: 3 });
    expect(result).toEqual({ id: 'a.txt', revision: 3, dirty: false });
    expect(sent[0].url).toBe('http://127.0.0.1:9/api/save');
    expect(sent[0].init.method).toBe('POST');
    expect((sent[0].init.headers as Record<string, string>).Authorization).toBe('Bearer s3cret');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ id: 'a.txt', revision: 3 });
  });

  it('turns an error body into an ApiError with its code and message', async () => {
    const { fetch } = recordingFetch(() =>
      json(409, { code: 'stale-revision', message: 'a.txt changed: revision 4, not 3' }),
    );
    const client = httpClient({ base: '', token: 't', fetch });
    const error = await client
      .call('undo', { id: 'a.txt', revision: 3 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'stale-revision',
      message: 'a.txt changed: revision 4, not 3',
    });
  });

  it('says so when the host answers without a body or cannot be reached', async () => {
    const empty = httpClient({
      base: '',
      token: 't',
      fetch: recordingFetch(() => new Response('', { status: 502 })).fetch,
    });
    await expect(empty.call('getCorpus', {})).rejects.toThrow('the workspace answered HTTP 502');
    const down = httpClient({
      base: '',
      token: 't',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    });
    await expect(down.call('getCorpus', {})).rejects.toThrow(
      'the workspace is not reachable (Failed to fetch)',
    );
  });

  it('opens one event stream with the token and closes it after the last listener', () => {
    FakeEventSource.opened = [];
    const client = httpClient({
      base: '',
      token: 'a b',
      fetch: recordingFetch(() => json(200, {})).fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const seen: ApiEvent[] = [];
    const stopFirst = client.onEvent((event) => seen.push(event));
    const stopSecond = client.onEvent(() => {});
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0];
    expect(source.url).toBe(`/api/events?token=a%20b&client=${client.id}`);
    expect(client.id).toMatch(/^[0-9a-f]{24}$/);
    source.onmessage?.({ data: JSON.stringify({ type: 'document-conflict', id: 'a.txt' }) });
    source.onmessage?.({ data: 'not json' });
    expect(seen).toEqual([{ type: 'document-conflict', id: 'a.txt' }]);
    stopFirst();
    expect(source.closed).toBe(false);
    stopSecond();
    expect(source.closed).toBe(true);
  });
});

describe('HTTP transport after its event stream was cut', () => {
  it('says "reconnected" when the stream opens again, not when it first opens', () => {
    FakeEventSource.opened = [];
    const client = httpClient({
      base: '',
      token: 't',
      fetch: recordingFetch(() => json(200, {})).fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const seen: ApiEvent[] = [];
    client.onEvent((event) => seen.push(event));
    const source = FakeEventSource.opened[0];
    source.onopen?.();
    expect(seen).toEqual([]);
    source.onopen?.();
    expect(seen).toEqual([{ type: 'reconnected' }]);
  });

  it('tells the workspace the document on screen, and again once the stream is back', () => {
    FakeEventSource.opened = [];
    const { sent, fetch } = recordingFetch(() => json(200, {}));
    const client = httpClient({
      base: '',
      token: 't',
      fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const shown = () =>
      sent
        .filter((request) => request.url === '/api/showDocument')
        .map((request) => JSON.parse(String(request.init.body)));
    client.onEvent(() => {});
    const source = FakeEventSource.opened[0];
    source.onopen?.();
    client.showing?.('a.txt');
    expect(shown()).toEqual([{ client: client.id, id: 'a.txt' }]);
    source.onopen?.();
    expect(shown()).toEqual([
      { client: client.id, id: 'a.txt' },
      { client: client.id, id: 'a.txt' },
    ]);
  });
});

describe('bridge transport', () => {
  const bridge = (
    call: EmendBridge['call'],
    archive: EmendBridge['archive'] = async () => ({ files: 0, warnings: [] }),
  ): EmendBridge => ({
    call,
    onEvent: () => () => {},
    archive,
  });

  it('passes calls through to window.emend', async () => {
    const calls: unknown[] = [];
    const client = bridgeClient(
      bridge(async (method, request) => {
        calls.push([method, request]);
        return { saved: ['a.txt'] } as never;
      }),
    );
    expect(await client.call('saveAll', {})).toEqual({ saved: ['a.txt'] });
    expect(calls).toEqual([['saveAll', {}]]);
  });

  it('rejects with an ApiError carrying the workspace’s own words', async () => {
    const client = bridgeClient(
      bridge(async () => {
        throw { code: 'edit-refused', message: 'the span overlaps entity [LOC] at 3-9' };
      }),
    );
    await expect(client.call('getCorpus', {})).rejects.toMatchObject({
      code: 'edit-refused',
      message: 'the span overlaps entity [LOC] at 3-9',
    });
  });

  it('has the desktop shell save the corpus archive, and tells a cancelled save dialog apart', async () => {
    const asked: unknown[] = [];
    const saved = bridgeClient(
      bridge(
        async () => ({}) as never,
        async (request, name) => {
          asked.push([request, name]);
          return { files: 2, warnings: [] };
        },
      ),
    );
    const request = {
      options: { ...DEFAULT_EXPORT_OPTIONS, format: 'conll' as const },
      task: 't1',
    };
    expect(await saved.saveArchive?.(request, 'gold-conll.zip')).toEqual({
      files: 2,
      warnings: [],
    });
    expect(asked).toEqual([[request, 'gold-conll.zip']]);
    expect(saved.archive).toBeUndefined();

    const cancelled = bridgeClient(
      bridge(
        async () => ({}) as never,
        async () => {
          throw { code: 'cancelled', message: 'nothing was exported' };
        },
      ),
    );
    await expect(cancelled.saveArchive?.(request, 'gold-conll.zip')).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});

/** A page with its address, the meta element of the token the host gave it (null: none), and its tab's session storage. */
function pageAt(address: string, given: string | null, kept = new Map<string, string>()) {
  const replaced: string[] = [];
  const url = new URL(address);
  return {
    replaced,
    kept,
    scope: {
      sessionStorage: {
        getItem: (key: string) => kept.get(key) ?? null,
        setItem: (key: string, value: string) => kept.set(key, value),
      } as unknown as Storage,
      location: { search: url.search, href: url.href } as Location,
      document: {
        querySelector: () => (given === null ? null : { content: given }),
      } as unknown as Document,
      history: {
        state: null,
        replaceState: (_state: unknown, _unused: string, next: string) => replaced.push(next),
      } as unknown as History,
    },
  };
}

describe('connectClient', () => {
  it('uses the preload bridge when it exists, else HTTP with the token the host gave the page', async () => {
    const viaBridge = connectClient({
      emend: {
        call: async () => ({ saved: ['x'] }) as never,
        onEvent: () => () => {},
        archive: async () => ({ files: 0, warnings: [] }),
      },
      ...pageAt('http://127.0.0.1:1/', null).scope,
    });
    expect(await viaBridge.call('saveAll', {})).toEqual({ saved: ['x'] });

    const original = globalThis.fetch;
    const { sent, fetch } = recordingFetch(() => json(200, { saved: [] }));
    globalThis.fetch = fetch;
    try {
      // The host gave the page its token: the tab keeps it, and the address drops it.
      const given = pageAt('http://127.0.0.1:1/?token=abc123&document=a.txt', 'abc123');
      const viaHttp = connectClient(given.scope);
      await viaHttp.call('saveAll', {});
      expect(sent[0].url).toBe('/api/saveAll');
      expect((sent[0].init.headers as Record<string, string>).Authorization).toBe('Bearer abc123');
      expect(given.replaced).toEqual(['http://127.0.0.1:1/?document=a.txt']);
      // Reloaded, the page has no token of its own: the tab's is used.
      const reloaded = pageAt('http://127.0.0.1:1/?document=a.txt', null, given.kept);
      await connectClient(reloaded.scope).call('saveAll', {});
      expect((sent[1].init.headers as Record<string, string>).Authorization).toBe('Bearer abc123');
      expect(reloaded.replaced).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });
});
