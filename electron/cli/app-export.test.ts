import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consistencyCorpora } from '../workspace/fixtures/consistency-corpus';
import { runCli } from './testing';

const openCorpus = consistencyCorpora();

describe('the app exports what `emend export --out` writes', () => {
  it.each([
    { format: 'conll', scheme: 'bioes', docstart: true },
    { format: 'hf' },
    { format: 'brat' },
    { format: 'prodigy', unit: 'line' },
    { format: 'brackets', normalize: true },
  ])('exports the corpus byte for byte as the CLI does: %o', async (options) => {
    const { api, root, base } = await openCorpus();
    const { files } = await api.exportCorpus({ options: options as never });
    const out = path.join(base, 'cli-out');
    const flags = Object.entries(options).flatMap(([key, value]) =>
      value === true ? [`--${key}`] : [`--${key}`, String(value)],
    );
    expect((await runCli(['export', ...flags, '--out', out, root])).code).toBe(0);
    const written = (await fs.readdir(out, { recursive: true })).sort();
    expect(files.map((file) => file.name).sort()).toEqual(written);
    for (const file of files) {
      expect(file.content).toBe(await fs.readFile(path.join(out, file.name), 'utf8'));
    }
  });
});
