// The soak's shared pieces: a corpus beside a secret it must never leak, served by real `emend serve` processes.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServe,
  type CallAnswer,
  type ServeProcess,
} from '../electron/host/fixtures/serve-process';
import type { DocumentSource } from '../shared/api/contract';
import { parse } from '../shared/format/parse';
import type { BracketDocument } from '../shared/format/document';
import { withAnchorIds } from '../electron/workspace/replay';
import type { History } from '../shared/model/history';

/** Text of a file outside the corpus: no answer may ever hold it. */
export const SECRET = 'SOAK-SECRET-7f3a91-never-served';
export const LABELS = ['PER', 'ORG', 'LOC', 'MISC'];

/** A soak promise that did not hold. */
export class SoakFailure extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SoakFailure(message);
}

/** A line of a document with four entities, numbered so every line differs. */
export const documentLine = (n: number) =>
  `Line ${n} : [LOC Kosovo  ] [MISC Serbs  ] met [ORG EULEX  ] and [PER Javier Solana  ] .\n`;

export function documentText(lines: number, from = 0): string {
  let text = '';
  for (let n = from; n < from + lines; n++) text += documentLine(n);
  return text;
}

export interface Place {
  base: string;
  corpus: string;
  state: string;
  outside: string;
  /** Serves the corpus (or target) with every answer checked for the secret. */
  serve(target?: string): Promise<Served>;
  /** Checks the folder outside the corpus holds exactly what it held at the start. */
  checkOutside(): Promise<void>;
  remove(): Promise<void>;
}

export interface Served extends ServeProcess {
  /** Calls the API; a network failure (the process is gone) resolves to status 0. */
  tryCall(method: string, body: unknown): Promise<CallAnswer>;
}

const running = new Set<ServeProcess>();

/** Ends every server the soak started and has not stopped (on failure or exit). */
export async function stopAll(): Promise<void> {
  for (const server of running) await server.stop('SIGKILL');
  running.clear();
}

function guarded(server: ServeProcess): Served {
  running.add(server);
  server.child.on('exit', () => running.delete(server));
  const call = async (method: string, body: unknown) => {
    const answer = await server.call(method, body);
    check(
      !JSON.stringify(answer.body).includes(SECRET),
      `${method} answered with the text of a file outside the corpus`,
    );
    check(
      answer.body.code !== 'internal',
      `${method} answered an internal error: ${answer.body.message}`,
    );
    return answer;
  };
  return {
    ...server,
    call,
    async tryCall(method, body) {
      try {
        return await call(method, body);
      } catch (error) {
        if (error instanceof SoakFailure) throw error;
        return { status: 0, body: {} };
      }
    },
  };
}

/** A temp folder with corpus/ (the given documents), outside/ (the secret) and state/. */
export async function makePlace(documents: Record<string, string>): Promise<Place> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'emend-soak-')));
  const corpus = path.join(base, 'corpus');
  const outside = path.join(base, 'outside');
  const state = path.join(base, 'state');
  await fs.mkdir(corpus);
  await fs.mkdir(outside);
  for (const [name, text] of Object.entries(documents)) {
    await fs.mkdir(path.dirname(path.join(corpus, name)), { recursive: true });
    await fs.writeFile(path.join(corpus, name), text);
  }
  await fs.writeFile(path.join(outside, 'secret.txt'), `${SECRET}\n`);
  await fs.writeFile(path.join(outside, 'secret.md'), `${SECRET}\n`);
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(corpus, 'escape.txt'));
  const listing = async () => JSON.stringify(await fs.readdir(outside));
  const before = await listing();
  return {
    base,
    corpus,
    state,
    outside,
    async serve(target = corpus) {
      return guarded(await startServe(target, state));
    },
    async checkOutside() {
      check((await listing()) === before, 'a file was written outside the corpus');
      for (const name of ['secret.txt', 'secret.md']) {
        const text = await fs.readFile(path.join(outside, name), 'utf8');
        check(text === `${SECRET}\n`, `${name} outside the corpus was changed`);
      }
    },
    async remove() {
      await fs.chmod(corpus, 0o755).catch(() => undefined);
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}

/** A document and its undo history as the workspace holds them, to predict what edits do. */
export interface Model {
  doc: BracketDocument;
  history: History;
  revision: number;
}

export function modelOf(source: DocumentSource): Model {
  const parsed = parse(source.source, { labels: source.labels });
  const doc = withAnchorIds(parsed, {
    hash: '',
    nextId: source.nextId,
    revision: source.revision,
    ...(source.ids ? { ids: source.ids } : {}),
  });
  return { doc, history: source.history, revision: source.revision };
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until check() is true, polling; fails with message after limitMs (the soak is bounded). */
export async function waitUntil(
  condition: () => Promise<boolean>,
  message: string,
  limitMs = 30_000,
): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    check(Date.now() < end, message);
    await sleep(50);
  }
}
