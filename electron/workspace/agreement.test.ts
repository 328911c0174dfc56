import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract';
import { copyNames } from './agreement-copies';
import { createApi } from './api';
import { KOSOVO, tempCorpus } from './fixtures/temp-corpus';
import { createWorkspace, type Workspace } from './workspace';

const opened: Workspace[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const workspace of opened.splice(0)) workspace.close();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

/** The fixture corpus with two annotators' copies beside it: bo relabeled Serbs, and lacks berlin.txt. */
async function corpusWithCopies() {
  const made = await tempCorpus();
  folders.push(made.base);
  for (const copy of ['ann', 'bo']) {
    await fs.cp(made.root, path.join(made.base, copy), { recursive: true });
  }
  await fs.writeFile(
    path.join(made.base, 'bo', 'kosovo.txt'),
    KOSOVO.replace('[MISC Serbs  ]', '[PER Serbs  ]'),
  );
  await fs.rm(path.join(made.base, 'bo', 'news', 'berlin.txt'));
  const workspace = await createWorkspace({
    path: made.root,
    stateFolder: made.state,
    watch: false,
  });
  opened.push(workspace);
  return { ...made, workspace, api: createApi(workspace) };
}

const BESIDE = [
  { kind: 'folder' as const, path: '../ann' },
  { kind: 'folder' as const, path: '../bo' },
];

describe('agreement of copies beside the corpus', () => {
  it('computes the figures document by document with progress, leaving out what a copy lacks', async () => {
    const { api, workspace } = await corpusWithCopies();
    const events: ApiEvent[] = [];
    workspace.onEvent((event) => events.push(event));
    const { report, leftOut } = await api.getAgreement({ copies: BESIDE, task: 'agree-1' });
    expect(report.annotators).toEqual(['ann', 'bo']);
    expect(report.documents.map((document) => document.path)).toEqual(['kosovo.txt']);
    expect(report.pairs[0]).toMatchObject({ a: 'ann', b: 'bo', strictF1: expect.closeTo(0.8, 9) });
    expect(leftOut).toEqual([{ id: 'news/berlin.txt', reason: 'bo holds no news/berlin.txt' }]);
    expect(events.at(-1)).toEqual({ type: 'progress', task: 'agree-1', done: 2, total: 2 });
  });

  it('names every copy that lacks a document left out, not only the first', async () => {
    const { api, base } = await corpusWithCopies();
    await fs.cp(path.join(base, 'bo'), path.join(base, 'cy'), { recursive: true });
    const copies = [...BESIDE, { kind: 'folder' as const, path: '../cy' }];
    const { leftOut } = await api.getAgreement({ copies });
    expect(leftOut).toEqual([
      { id: 'news/berlin.txt', reason: 'bo holds no news/berlin.txt; cy holds no news/berlin.txt' },
    ]);
  });

  it("reads one document's version in every copy, for adjudication", async () => {
    const { api } = await corpusWithCopies();
    const versions = await api.getCopyVersions({ id: 'kosovo.txt', copies: BESIDE });
    expect(versions.annotators).toEqual(['ann', 'bo']);
    expect(versions.texts[0]).toBe(KOSOVO);
    expect(versions.texts[1]).toContain('[PER Serbs  ]');
    await expect(
      api.getCopyVersions({ id: 'news/berlin.txt', copies: BESIDE }),
    ).rejects.toMatchObject({ code: 'not-found', message: 'bo holds no news/berlin.txt' });
  });

  it('refuses a copy that is the corpus itself, the folder holding it, or lies elsewhere on disk', async () => {
    const { api, base } = await corpusWithCopies();
    const elsewhere = path.join(path.dirname(base), path.basename(base) + '-elsewhere');
    await fs.mkdir(elsewhere);
    folders.push(elsewhere);
    // A folder deeper below the folder holding the corpus is elsewhere too, not beside it.
    const below = path.join(base, 'private', 'deep');
    await fs.mkdir(below, { recursive: true });
    const deep = ['../private/deep', below];
    for (const copy of [
      '.',
      '..',
      '../',
      `../../${path.basename(elsewhere)}`,
      elsewhere,
      ...deep,
    ]) {
      await expect(
        api.getAgreement({ copies: [BESIDE[0], { kind: 'folder', path: copy }] }),
      ).rejects.toMatchObject({ code: 'path-outside' });
    }
    await expect(api.getAgreement({ copies: [BESIDE[0]] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });

  it('names the first copy given that is no folder, whichever is found wrong first', async () => {
    const { api, base } = await corpusWithCopies();
    // A file takes one more look than a missing path to be found no folder.
    await fs.writeFile(path.join(base, 'a-file'), 'x');
    const copies = [
      { kind: 'folder' as const, path: '../a-file' },
      { kind: 'folder' as const, path: '../no-such-b' },
    ];
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(api.getAgreement({ copies })).rejects.toMatchObject({
        code: 'not-found',
        message: 'the copy "../a-file" is not a folder',
      });
    }
  });

  it('refuses a copy named twice, by the same path or another', async () => {
    const { api } = await corpusWithCopies();
    for (const again of ['../ann', '../bo/../ann/']) {
      const copies = [...BESIDE, { kind: 'folder' as const, path: again }];
      await expect(api.getAgreement({ copies })).rejects.toMatchObject({
        code: 'invalid-request',
        message: expect.stringContaining("name each annotator's copy once"),
      });
      await expect(api.getCopyVersions({ id: 'kosovo.txt', copies })).rejects.toMatchObject({
        code: 'invalid-request',
      });
    }
  });

  it('names the markup error that made a copy’s text differ, as emend agree does, else the line', async () => {
    const { api, base } = await corpusWithCopies();
    await fs.writeFile(
      path.join(base, 'bo', 'kosovo.txt'),
      KOSOVO.replace('[PER Javier Solana  ]', '[PER Javier Solana'),
    );
    await fs.writeFile(path.join(base, 'ann', 'news', 'berlin.txt'), 'One text .\n');
    await fs.writeFile(path.join(base, 'bo', 'news', 'berlin.txt'), 'Another text .\n');
    const { leftOut } = await api.getAgreement({ copies: BESIDE });
    expect(leftOut).toEqual([
      {
        id: 'kosovo.txt',
        reason:
          'bo/kosovo.txt:2:33: unclosed-entity: entity [PER is not closed on its line (repair it first)',
      },
      { id: 'news/berlin.txt', reason: "bo's text differs from ann's at line 1" },
    ]);
  });

  it('leaves out the documents of a copy kept inside the corpus', async () => {
    const { api, root, workspace } = await corpusWithCopies();
    await fs.cp(path.join(root, '..', 'bo'), path.join(root, 'copies', 'bo'), { recursive: true });
    await workspace.scan();
    const { report } = await api.getAgreement({
      copies: [BESIDE[0], { kind: 'folder', path: 'copies/bo' }],
    });
    expect(report.documents.map((document) => document.path)).toEqual(['kosovo.txt']);
  });
});

describe('what adjudication keeps between sessions', () => {
  const file = (root: string) => path.join(root, '.emend', 'adjudication.json');

  it('keeps, with the corpus, the copies a document was adjudicated against and its "none" places', async () => {
    const { api, root, workspace, state } = await corpusWithCopies();
    const versions = () => api.getCopyVersions({ id: 'kosovo.txt', copies: BESIDE });
    expect((await versions()).earlier).toBeNull();
    await api.keepAdjudication({ id: 'kosovo.txt', copies: BESIDE, none: [] });
    expect((await versions()).earlier).toEqual({ none: [] });
    await api.keepAdjudication({
      id: 'kosovo.txt',
      copies: BESIDE,
      none: [{ start: 12, end: 17 }],
    });
    expect((await versions()).earlier).toEqual({ none: [{ start: 12, end: 17 }] });
    // Against other copies (or the same in another order) it was not adjudicated.
    const [ann, bo] = BESIDE;
    expect((await api.getCopyVersions({ id: 'kosovo.txt', copies: [bo, ann] })).earlier).toBeNull();
    // In the corpus's .emend, for a person (and the next session of any editor) to read.
    const kept = JSON.parse(await fs.readFile(file(root), 'utf8'));
    expect(kept.documents['kosovo.txt']).toMatchObject({
      copies: BESIDE,
      none: [{ start: 12, end: 17 }],
    });
    // A workspace opened again on the corpus finds it.
    workspace.close();
    const again = await createWorkspace({ path: root, stateFolder: state, watch: false });
    opened.push(again);
    const reopened = await createApi(again).getCopyVersions({ id: 'kosovo.txt', copies: BESIDE });
    expect(reopened.earlier).toEqual({ none: [{ start: 12, end: 17 }] });
  });

  it('leaves a note it cannot read as it is, and refuses a file that is not JSON without writing over it', async () => {
    const { api, root } = await corpusWithCopies();
    await fs.mkdir(path.dirname(file(root)), { recursive: true });
    await fs.writeFile(file(root), JSON.stringify({ documents: { 'old.txt': { by: 'hand' } } }));
    await api.keepAdjudication({ id: 'kosovo.txt', copies: BESIDE, none: [] });
    const kept = JSON.parse(await fs.readFile(file(root), 'utf8'));
    expect(kept.documents['old.txt']).toEqual({ by: 'hand' });
    expect(Object.keys(kept.documents)).toEqual(['old.txt', 'kosovo.txt']);

    await fs.writeFile(file(root), '{ not json');
    await expect(
      api.keepAdjudication({ id: 'kosovo.txt', copies: BESIDE, none: [] }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining(file(root)),
    });
    await expect(api.getCopyVersions({ id: 'kosovo.txt', copies: BESIDE })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(await fs.readFile(file(root), 'utf8')).toBe('{ not json');
  });
});

describe('the names of the copies', () => {
  it("are the folders' names, or the paths as given where two would clash, as emend agree names them", () => {
    expect(
      copyNames([
        { kind: 'folder', path: '../ann' },
        { kind: 'folder', path: 'copies/ann' },
        { kind: 'folder', path: '../bo/' },
        { kind: 'git', revision: 'cy' },
      ]),
    ).toEqual(['../ann', 'copies/ann', 'bo', 'cy']);
  });
});

describe('agreement of git branches', () => {
  it("reads each annotator's branch of a document", async () => {
    const { api, root } = await corpusWithCopies();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root });
    git('init', '-q', '-b', 'ann');
    git('add', 'kosovo.txt');
    git('commit', '-qm', 'ann');
    git('checkout', '-qb', 'bo');
    await fs.writeFile(
      path.join(root, 'kosovo.txt'),
      KOSOVO.replace('[LOC Kosovo  ] society', 'Kosovo society'),
    );
    git('commit', '-qam', 'bo');
    const versions = await api.getCopyVersions({
      id: 'kosovo.txt',
      copies: [
        { kind: 'git', revision: 'ann' },
        { kind: 'git', revision: 'bo' },
      ],
    });
    expect(versions).toEqual({
      id: 'kosovo.txt',
      annotators: ['ann', 'bo'],
      texts: [KOSOVO, KOSOVO.replace('[LOC Kosovo  ] society', 'Kosovo society')],
      earlier: null,
    });
  });
});
