// Serves a peer page on a loopback port: its HTML, its script (and library), and one document as JSON.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { browserScript } from '../browser-script';
import type { BaselineDocument } from './page';

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

const DOCUMENT_PATH = '/document.json';

/** The pages the editor is measured beside. */
export type PeerPage = 'plain' | 'highlights' | 'recogito';

const SHOW: Record<PeerPage, string> = {
  plain: 'showBaseline',
  highlights: 'showHighlights',
  recogito: 'showRecogito',
};

const RECOGITO = path.join(
  import.meta.dirname,
  '../../node_modules/@recogito/text-annotator/dist/text-annotator',
);

export async function serveBaseline(
  document: BaselineDocument,
  page: PeerPage = 'plain',
): Promise<BaselineServer> {
  const here = import.meta.dirname;
  // The UMD build reads process.env.NODE_ENV as a bundler would have replaced it.
  const library =
    page === 'recogito'
      ? `window.process = { env: { NODE_ENV: 'production' } };\n${readFileSync(`${RECOGITO}.umd.js`, 'utf8')}`
      : '';
  const style = page === 'recogito' ? readFileSync(`${RECOGITO}.css`, 'utf8') : '';
  const routes = new Map<string, { type: string; body: string }>([
    ['/', { type: 'text/html', body: readFileSync(`${here}/index.html`, 'utf8') }],
    ['/library.js', { type: 'text/javascript', body: library }],
    ['/page.css', { type: 'text/css', body: style }],
    [
      '/page.js',
      {
        type: 'text/javascript',
        body: browserScript(`${here}/page.ts`, SHOW[page], DOCUMENT_PATH),
      },
    ],
    [DOCUMENT_PATH, { type: 'application/json', body: JSON.stringify(document) }],
  ]);
  const server = createServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (request.method !== 'GET' || !route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': `${route.type}; charset=utf-8`,
      'Cache-Control': 'no-store',
    });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
