import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../workspace/api';
import { tempFolder } from '../workspace/fixtures/temp-corpus';
import { createWorkspace, type Workspace } from '../workspace/workspace';
import { runCli } from './testing';

const FIXTURE = path.resolve(import.meta.dirname, '../../shared/corpus/fixtures/consistency');
const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function openCorpus() {
  const base = await tempFolder();
  folders.push(base);
  const root = path.join(base, 'corpus');
  await fs.cp(FIXTURE, root, { recursive: true });
  const workspace = await createWorkspace({
    path: root,
    stateFolder: path.join(base, 'state'),
    watch: false,
  });
  opened.push(workspace);
  return { root, base, api: createApi(workspace) };
}

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
