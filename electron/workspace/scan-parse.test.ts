// Opening a document after the corpus scan: the scan's parse is taken, not made again, while it still holds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse, parseWithDiagnostics } from '../../shared/format/parse';
import { tempCorpus } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace } from './workspace';

// The real parser, counted: every call goes through to it (with or without the diagnostics).
vi.mock('../../shared/format/parse', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/format/parse')>();
  return {
    ...real,
    parse: vi.fn(real.parse),
    parseWithDiagnostics: vi.fn(real.parseWithDiagnostics),
  };
});
const counted = [vi.mocked(parse), vi.mocked(parseWithDiagnostics)];
const parses = {
  count: () => counted.reduce((sum, parser) => sum + parser.mock.calls.length, 0),
  clear: () => counted.forEach((parser) => parser.mockClear()),
};

const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function openCorpus() {
  const made = await tempCorpus();
  folders.push(made.base);
  parses.clear();
  const workspace = await createWorkspace({
    path: made.root,
    stateFolder: made.state,
    watch: false,
  });
  opened.push(workspace);
  return { workspace, root: made.root };
}

describe('opening the first document', () => {
  it('parses each file once: the scan’s parse is the open document’s', async () => {
    const { workspace } = await openCorpus();
    const scanned = parses.count();
    expect(scanned).toBe(workspace.readableIds().length);

    const first = await workspace.openSource();
    expect(first.id).toBe('kosovo.txt');
    expect(first.source).toBe(await workspace.currentText('kosovo.txt'));
    expect(parses.count()).toBe(scanned);

    // Another document was not kept from the scan: it is read and parsed on opening.
    await workspace.openSource('news/berlin.txt');
    expect(parses.count()).toBe(scanned + 1);
  });

  it('parses the file again when it changed on disk since the scan, and shows what it holds now', async () => {
    const { workspace, root } = await openCorpus();
    const scanned = parses.count();
    const changed = 'A [PER changed  ] file .\n';
    await fs.writeFile(path.join(root, 'kosovo.txt'), changed);

    const first = await workspace.openSource();
    expect(first.source).toBe(changed);
    expect(parses.count()).toBe(scanned + 1);
  });

  it('takes a new label set: the rescan’s parse is the one opened, problems derived against it', async () => {
    const { workspace } = await openCorpus();
    const { settings } = await workspace.getCorpus();
    await workspace.updateSettings({
      ...settings,
      labels: settings.labels.filter((label) => label.name !== 'MISC'),
    });
    const rescanned = parses.count();
    expect(rescanned).toBe(2 * workspace.readableIds().length);

    const first = await workspace.openDocument('kosovo.txt');
    expect(parses.count()).toBe(rescanned);
    expect(first.labels).not.toContain('MISC');
    expect(first.diagnostics.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/MISC is not in the label set/),
    );
  });
});
