import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  documentOfState,
  type ApiEvent,
  type BaselineSource,
  type EmendApi,
} from '../../shared/api/contract';
import { parse } from '../../shared/format/parse';
import { compareDocuments, jsonChanges, ReportBuilder } from '../../shared/review/report';
import { createApi } from './api';
import { NotAtRevision } from './baseline';
import { tempFolder } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(() => {
  for (const workspace of opened.splice(0)) workspace.close();
});

/** A corpus of `count` documents in two folders, in git, then changed: every fourth on disk. */
async function changedRepository(count: number) {
  const root = path.join(await tempFolder(), 'corpus');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root });
  const names = Array.from({ length: count }, (_, k) => `${k % 2 ? 'news' : 'wire'}/d${k}.txt`);
  for (const [k, name] of names.entries()) {
    await fs.mkdir(path.join(root, path.dirname(name)), { recursive: true });
    await fs.writeFile(path.join(root, name), `[PER Ann${k}  ] met [LOC Rome  ] on day ${k} .\n`);
  }
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  for (const [k, name] of names.entries())
    if (k % 4 === 0)
      await fs.writeFile(path.join(root, name), `[PER Ann${k}  ] met [ORG Rome  ] on day ${k} .\n`);
  return { root, git, names };
}

async function openApi(root: string): Promise<{ api: EmendApi; events: ApiEvent[] }> {
  const workspace = await createWorkspace({
    path: root,
    stateFolder: path.join(path.dirname(root), 'state'),
    watch: false,
  });
  opened.push(workspace);
  const events: ApiEvent[] = [];
  workspace.onEvent((event) => events.push(event));
  return { api: createApi(workspace), events };
}

/** The review as the editor once made it: each document's baseline and state asked for one by one. */
async function reviewedOneByOne(api: EmendApi, source: BaselineSource) {
  const report = new ReportBuilder();
  const unreadable = [];
  const onlyAfter = [];
  for (const { id } of (await api.getCorpus({})).documents) {
    try {
      const baseline = await api.getBaseline({ id, source });
      const state = await api.openDocument({ id });
      const compared = compareDocuments(id, parse(baseline.text), documentOfState(state));
      report.add(id, compared.diff, jsonChanges(compared), baseline.renamedFrom);
    } catch (error) {
      if (error instanceof NotAtRevision) onlyAfter.push(id);
      else if (error instanceof ApiError) unreadable.push({ path: id, reason: error.message });
      else throw error;
    }
  }
  return report.counted([], onlyAfter, unreadable);
}

describe('corpus review', () => {
  it('compares every document as it is now with a git revision read many at a time, as each document alone reads it', async () => {
    // More documents than one git batch, renamed since, unreadable there, new since, edited unsaved.
    const { root, git } = await changedRepository(70);
    await fs.writeFile(path.join(root, 'wire/bin.txt'), 'a\u0000b\n');
    git('add', 'wire/bin.txt');
    git('commit', '-qm', 'a binary file');
    git('mv', 'news/d1.txt', 'news/moved.txt');
    git('commit', '-qm', 'renamed');
    await fs.writeFile(path.join(root, 'wire/bin.txt'), '[LOC Oslo  ] now .\n');
    await fs.writeFile(path.join(root, 'wire/new.txt'), '[LOC Kyiv  ] new .\n');
    const { api, events } = await openApi(root);
    const { revision, entities } = await api.openDocument({ id: 'wire/d2.txt' });
    await api.applyEdit({
      id: 'wire/d2.txt',
      revision,
      tx: { ops: [{ op: 'remove', id: entities[0].id }] },
    });

    const source = { kind: 'git', revision: 'HEAD~1' } as const;
    const review = await api.reviewCorpus({ source, task: 'review-1' });
    expect(review).toEqual(await reviewedOneByOne(api, source));
    expect(review.documents).toHaveLength(70);
    expect(review.documents.find(({ path }) => path === 'news/moved.txt')?.renamedFrom).toBe(
      'news/d1.txt',
    );
    expect(review.documents.find(({ path }) => path === 'wire/d2.txt')?.counts.removed).toBe(1);
    expect(review.unreadable.map(({ path }) => path)).toEqual(['wire/bin.txt']);
    expect(review.unreadable[0].reason).toMatch(/binary file/);
    // New since the revision: listed apart, as `emend diff --report` lists it; the renamed one is
    // compared under its new name, not gone.
    expect(review.onlyAfter).toEqual(['wire/new.txt']);
    expect(review.onlyBefore).toEqual([]);
    // 18 relabelled on disk (every fourth of 70), one removed unsaved.
    expect(review.totals).toMatchObject({ relabeled: 18, removed: 1 });
    expect(events.filter((event) => event.type === 'progress').at(-1)).toEqual({
      type: 'progress',
      task: 'review-1',
      done: 72,
      total: 72,
    });
  });

  it('compares with the files as first opened, and stops when cancelled', async () => {
    const { root } = await changedRepository(8);
    const { api } = await openApi(root);
    const review = await api.reviewCorpus({ source: { kind: 'first-opened' } });
    expect({ compared: review.documents.length, changed: review.changedDocuments }).toEqual({
      compared: 8,
      changed: 0,
    });
    const running = api.reviewCorpus({ source: { kind: 'disk' }, task: 'review-2' });
    expect(await api.cancelTask({ task: 'review-2' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('says for every document that a revision names no commit (a tree is none)', async () => {
    const { root } = await changedRepository(3);
    // A name git would read as a pattern must not hide the revision's fault.
    await fs.writeFile(path.join(root, 'q?.txt'), '[PER Ann  ] .\n');
    const { api } = await openApi(root);
    for (const revision of ['nope', 'HEAD^{tree}']) {
      const review = await api.reviewCorpus({ source: { kind: 'git', revision } });
      expect(review.documents).toEqual([]);
      expect(new Set(review.unreadable.map(({ reason }) => reason))).toEqual(
        new Set([`"${revision}" is not a commit in this repository`]),
      );
      expect(review.unreadable).toHaveLength(4);
    }
  });

  it('lists the documents gone since the revision, committed or not, as `emend diff --report` does', async () => {
    const { root, git } = await changedRepository(4);
    git('rm', '-q', '-f', 'wire/d0.txt');
    git('commit', '-qm', 'one document gone');
    await fs.rm(path.join(root, 'news/d1.txt'));
    const { api } = await openApi(root);
    const review = await api.reviewCorpus({ source: { kind: 'git', revision: 'HEAD~1' } });
    expect(review.onlyBefore).toEqual(['news/d1.txt', 'wire/d0.txt']);
    expect(review.documents.map(({ path }) => path)).toEqual(['news/d3.txt', 'wire/d2.txt']);
  });

  it('lists as new since the revision a file git holds no file for there: a name with ? * or [, a folder then', async () => {
    const { root, git } = await changedRepository(2);
    await fs.mkdir(path.join(root, 'was-folder.txt'));
    await fs.writeFile(path.join(root, 'was-folder.txt', 'inner.txt'), 'x .\n');
    git('add', 'was-folder.txt');
    git('commit', '-qm', 'a folder named like a document');
    const then = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    await fs.rm(path.join(root, 'was-folder.txt'), { recursive: true });
    await fs.writeFile(path.join(root, 'was-folder.txt'), '[LOC Oslo  ] .\n');
    for (const name of ['q?.txt', 'star*.txt', 'doc[1].txt'])
      await fs.writeFile(path.join(root, name), '[PER Ann  ] met [LOC Bo  ] .\n');
    const { api } = await openApi(root);
    for (const source of [
      { kind: 'git', revision: then },
      { kind: 'git', revision: 'HEAD' },
    ] as const) {
      const review = await api.reviewCorpus({ source });
      expect(review.onlyAfter.sort()).toEqual([
        'doc[1].txt',
        'q?.txt',
        'star*.txt',
        'was-folder.txt',
      ]);
      expect(review.unreadable).toEqual([]);
      expect(review.totals.added).toBe(0);
    }
  });
});
