import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from './api';
import { SOCIETY, tempCorpus } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace } from './workspace';

const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function open(root: string, state: string, now = () => 1000) {
  const workspace = await createWorkspace({ path: root, stateFolder: state, watch: false, now });
  opened.push(workspace);
  return createApi(workspace);
}

describe('a document history', () => {
  it('lists the undo stack and where the disk stands, and survives a restart', async () => {
    const { base, root, state } = await tempCorpus();
    folders.push(base);
    let clock = 1000;
    const api = await open(root, state, () => clock);
    const id = 'kosovo.txt';
    const state0 = await api.openDocument({ id });
    expect(await api.getHistory({ id })).toEqual({
      id,
      revision: 0,
      entries: [],
      saved: { point: 0, time: 1000 },
    });
    clock = 2000;
    await api.applyEdit({ id, revision: 0, tx: { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] } });
    clock = 3000;
    await api.save({ id, revision: 1 });
    clock = 4000;
    const add = { op: 'add' as const, entity: { id: state0.nextId, ...SOCIETY, label: 'MISC' } };
    await api.applyEdit({ id, revision: 1, tx: { ops: [add] } });
    const history = await api.getHistory({ id });
    expect(history.revision).toBe(2);
    expect(history.entries.map((entry) => [entry.time, entry.forward.ops[0].op])).toEqual([
      [2000, 'relabel'],
      [4000, 'add'],
    ]);
    expect(history.entries[0].inverse.ops).toEqual([
      { op: 'relabel', id: 1, label: 'LOC', close: '  ]' },
    ]);
    expect(history.saved).toEqual({ point: 1, time: 3000 });

    opened.splice(0).forEach((workspace) => workspace.close());
    const again = await open(root, state, () => 9000);
    expect(await again.getHistory({ id })).toEqual(history);
  });

  it('loses the disk point when the edits that led to it are undone and replaced', async () => {
    const { base, root, state } = await tempCorpus();
    folders.push(base);
    const api = await open(root, state);
    const id = 'kosovo.txt';
    await api.openDocument({ id });
    await api.applyEdit({ id, revision: 0, tx: { ops: [{ op: 'relabel', id: 1, label: 'ORG' }] } });
    await api.save({ id, revision: 1 });
    await api.undo({ id, revision: 1 });
    await api.applyEdit({ id, revision: 2, tx: { ops: [{ op: 'relabel', id: 1, label: 'PER' }] } });
    expect((await api.getHistory({ id })).saved).toBeNull();
  });
});

describe('the git log of a document', () => {
  it('lists the commits that touched the file, newest first, and nothing outside git', async () => {
    const { base, root, state } = await tempCorpus();
    folders.push(base);
    const api = await open(root, state);
    expect(await api.getGitLog({ id: 'kosovo.txt' })).toEqual({ commits: [] });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', 'kosovo.txt');
    git('commit', '-qm', 'first annotation');
    await fs.appendFile(path.join(root, 'kosovo.txt'), 'More .\n');
    git('commit', '-qam', 'second | pass');
    git('add', 'news/berlin.txt');
    git('commit', '-qm', 'berlin only');
    const { commits } = await api.getGitLog({ id: 'kosovo.txt' });
    expect(commits.map((commit) => commit.subject)).toEqual(['second | pass', 'first annotation']);
    expect(commits[0].revision).toBe(git('rev-parse', 'HEAD~1').trim());
    expect(commits[0].revision.startsWith(commits[0].short)).toBe(true);
    expect(commits[0].time).toBeGreaterThan(0);
  });
});
