// A search regex that backtracks without end cannot freeze `emend serve`: it is stopped with a clear error while other calls go on.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCorpus } from '../workspace/fixtures/temp-corpus';
import { startServe } from './fixtures/serve-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const query = (pattern: string) => ({
  pattern,
  regex: true,
  caseSensitive: true,
  label: null,
  tagged: 'any',
});

describe('a regex search', () => {
  it('that backtracks catastrophically answers "took too long", and other calls are answered meanwhile', async () => {
    const { base, root, state } = await tempCorpus();
    cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
    await fs.writeFile(path.join(root, 'aaa.txt'), `${'a'.repeat(40)}b [PER Ann  ]\n`);
    const server = await startServe(root, state);
    cleanups.push(() => server.stop());

    const order: string[] = [];
    const search = server.call('searchCorpus', { query: query('(a+)+$') }).then((answer) => {
      order.push('search');
      return answer;
    });
    const corpus = await server.call('getCorpus', {});
    order.push('getCorpus');
    expect(corpus.status).toBe(200);
    const answer = await search;
    expect(order).toEqual(['getCorpus', 'search']);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/took too long/);

    // The workspace goes on searching with regexes that are fine.
    const fine = await server.call('searchCorpus', { query: query('Ann|Kosovo') });
    expect(fine.status).toBe(200);
    expect((fine.body.hits as unknown[]).length).toBeGreaterThan(0);
  });

  it('that stops beside placeholders all along a long line is answered at once, not refused', async () => {
    const { base, root, state } = await tempCorpus();
    cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
    // One line of 40,000 tokens, each holding a placeholder a match of fo\S stops beside.
    await fs.writeFile(path.join(root, 'long.txt'), `${'the foo<unk>bar '.repeat(40_000)}.\n`);
    const server = await startServe(root, state);
    cleanups.push(() => server.stop());
    const answer = await server.call('searchCorpus', { query: query('fo\\S') });
    expect(answer.body.message).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.body.hits).toEqual([]);
    const tokens = await server.call('searchCorpus', { query: query('foo\\S+?') });
    const hits = tokens.body.hits as Array<{ text: string }>;
    expect(hits.length).toBeGreaterThan(1000);
    expect(new Set(hits.map((hit) => hit.text))).toEqual(new Set(['foo<unk>bar']));
  });
});
