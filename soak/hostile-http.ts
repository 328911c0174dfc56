// Hostile requests against `emend serve`: every one is answered with a clear refusal and the server keeps serving.
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { check, documentText, makePlace, SECRET, type Served } from './harness';

export interface HostileFigures {
  requests: number;
  slowConnections: number;
}

interface Raw {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(
  server: Served,
  method: string,
  pathname: string,
  body: string | Buffer | null,
  headers: Record<string, string> = {},
): Promise<Raw> {
  const { port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method, path: pathname, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: response.headers,
          }),
        );
      },
    );
    request.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'EPIPE' ||
      (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? resolve({ status: 413, body: '', headers: {} })
        : reject(error),
    );
    if (body !== null) request.write(body);
    request.end();
  });
}

export async function hostileHttp(slowConnections: number): Promise<HostileFigures> {
  const place = await makePlace({ 'doc.txt': documentText(10) });
  let requests = 0;
  try {
    const server = await place.serve();
    const auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
    const refusal = async (
      what: string,
      method: string,
      pathname: string,
      body: string | Buffer | null,
      headers: Record<string, string>,
      allowed: number[],
    ) => {
      const answer = await raw(server, method, pathname, body, headers);
      requests++;
      check(
        allowed.includes(answer.status),
        `${what}: answered ${answer.status} ${answer.body.slice(0, 200)}`,
      );
      check(!answer.body.includes(SECRET), `${what}: leaked a file outside the corpus`);
      check(!answer.body.includes('"code":"internal"'), `${what}: answered an internal error`);
      check(
        answer.headers['access-control-allow-origin'] === undefined,
        `${what}: allowed another origin`,
      );
    };
    const api = (method: string) => `/api/${method}`;
    await refusal('bad JSON', 'POST', api('applyEdit'), '{"id":', auth, [400]);
    await refusal('not an object', 'POST', api('openSource'), '[1,2]', auth, [400]);
    await refusal(
      'wrong types',
      'POST',
      api('applyEdit'),
      JSON.stringify({ id: 7, revision: 'x', tx: 'no' }),
      auth,
      [400],
    );
    await refusal(
      'ops not a list',
      'POST',
      api('applyEdit'),
      JSON.stringify({ id: 'doc.txt', revision: 0, tx: { ops: {} } }),
      auth,
      [400, 422],
    );
    await refusal(
      'huge numbers',
      'POST',
      api('applyEdit'),
      JSON.stringify({
        id: 'doc.txt',
        revision: 1e308,
        tx: { ops: [{ op: 'add', entity: { id: -1, start: -5, end: 1e20, label: 'PER' } }] },
      }),
      auth,
      [400, 409, 422],
    );
    await refusal(
      'huge body',
      'POST',
      api('applyEdit'),
      Buffer.alloc(6 * 1024 * 1024, 32),
      auth,
      [413],
    );
    for (const id of [
      '../outside/secret.txt',
      '/etc/passwd',
      'escape.txt',
      '..%2foutside%2fsecret.txt',
      'a/../../outside/secret.txt',
      'C:\\x',
      '\u0000',
    ]) {
      await refusal(
        `traversal ${JSON.stringify(id)}`,
        'POST',
        api('openSource'),
        JSON.stringify({ id }),
        auth,
        [400, 403, 404, 422],
      );
      await refusal(
        `baseline traversal ${JSON.stringify(id)}`,
        'POST',
        api('getBaseline'),
        JSON.stringify({ id: 'doc.txt', source: { kind: 'file', id } }),
        auth,
        [400, 403, 404, 422],
      );
    }
    await refusal(
      'baseline of a non-document',
      'POST',
      api('getBaseline'),
      JSON.stringify({ id: 'doc.txt', source: { kind: 'git', revision: '--output=/tmp/x' } }),
      auth,
      [400, 404],
    );
    for (const pathname of [
      '/../outside/secret.txt',
      '/%2e%2e/%2e%2e/outside/secret.txt',
      '/..%2f..%2foutside%2fsecret.txt',
      '//etc/passwd',
    ]) {
      await refusal(
        `static traversal ${pathname}`,
        'GET',
        pathname,
        null,
        {},
        [200, 400, 403, 404],
      );
    }
    await refusal(
      'no token',
      'POST',
      api('getCorpus'),
      '{}',
      { 'Content-Type': 'application/json' },
      [401],
    );
    await refusal(
      'wrong token',
      'POST',
      api('getCorpus'),
      '{}',
      { Authorization: 'Bearer nope' },
      [401],
    );
    await refusal(
      'foreign Host',
      'POST',
      api('getCorpus'),
      '{}',
      { ...auth, Host: 'evil.example' },
      [403],
    );
    await refusal(
      'foreign Origin without token',
      'POST',
      api('getCorpus'),
      '{}',
      { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      [401],
    );
    await refusal('GET on a call', 'GET', api('getCorpus'), null, auth, [405]);
    await refusal('unknown call', 'POST', api('deleteEverything'), '{}', auth, [404]);

    // Slow partial requests: many connections that send half a request and wait.
    const sockets: Socket[] = [];
    const { port } = new URL(server.base);
    for (let i = 0; i < slowConnections; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(
        `POST /api/getCorpus HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"a`,
      );
      sockets.push(socket);
    }
    const stillServing = await server.call('getCorpus', {});
    check(stillServing.status === 200, 'the server stopped answering under slow partial requests');
    for (const socket of sockets) socket.destroy();
    check(
      (await server.call('openSource', { id: 'doc.txt' })).status === 200,
      'the server stopped serving',
    );
    await server.stop();
    await place.checkOutside();
    return { requests, slowConnections };
  } finally {
    await place.remove();
  }
}
