import { cpSync, promises as fs, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError, type ApiEvent, type ListedSuspect } from '../../shared/api/contract';
import type { Suspect } from '../../shared/suspects/suspect';
import { parse } from '../../shared/format/parse';
import { rankSuspects, sourceOf } from '../../shared/suspects/rank';
import { consistencyCorpora } from './fixtures/consistency-corpus';
import { createApi } from './api';
import { dismissalKey, Dismissals, keyedSuspects } from './suspects-dismissals';
import { createWorkspace } from './workspace';

/** Quint is ORG five times and LOC once (people.txt line 2). */
const SUSPECTS_FIXTURE = path.resolve(import.meta.dirname, '../../e2e/fixtures/suspects');
const openCorpus = consistencyCorpora(SUSPECTS_FIXTURE);

const SUSPECT: Suspect = {
  path: 'people.txt',
  line: 2,
  column: 17,
  endColumn: 22,
  start: 70,
  end: 75,
  text: 'Quint',
  sentence: 'The chairman of Quint resigned yesterday .',
  sentenceStart: 54,
  kind: 'wrong-label',
  label: 'LOC',
  suggestion: { kind: 'relabel', label: 'ORG' },
  score: 0.9,
  reasons: ["'Quint' is ORG in 5 other places"],
};

const isLocQuint = (suspect: ListedSuspect) =>
  suspect.path === 'people.txt' && suspect.text === 'Quint' && suspect.label === 'LOC';

describe('dismissal keys', () => {
  it('stay the same when the suspect moves, its score or its reasons change', () => {
    const moved = { ...SUSPECT, line: 9, column: 3, endColumn: 8, start: 400, end: 405 };
    const rescored = { ...SUSPECT, score: 0.2, reasons: [] };
    expect(dismissalKey(moved)).toBe(dismissalKey(SUSPECT));
    expect(dismissalKey(rescored)).toBe(dismissalKey(SUSPECT));
    const extent = {
      kind: 'extent',
      from: 70,
      to: 84,
      text: 'Quint resigned',
      label: 'ORG',
    } as const;
    const shifted = {
      kind: 'extent',
      from: 170,
      to: 184,
      text: 'Quint resigned',
      label: 'ORG',
    } as const;
    expect(dismissalKey({ ...moved, start: 170, end: 175, suggestion: shifted })).toBe(
      dismissalKey({ ...SUSPECT, suggestion: extent }),
    );
  });

  it('change with its text, sentence, label, kind, fix or document', () => {
    const others = [
      { ...SUSPECT, text: 'Quints' },
      { ...SUSPECT, sentence: 'The chairman of Quint resigned today .' },
      { ...SUSPECT, label: 'PER' },
      { ...SUSPECT, kind: 'wrong-boundary' as const },
      { ...SUSPECT, suggestion: { kind: 'remove' as const } },
      { ...SUSPECT, path: 'markets.txt' },
    ];
    const keys = new Set([SUSPECT, ...others].map((suspect) => dismissalKey(suspect)));
    expect(keys.size).toBe(others.length + 1);
  });

  it('tell apart the same suspect in the same sentence twice in a document, by their order', () => {
    // The same line twice: the suspects differ only in their place, which a key leaves out.
    const second = { ...SUSPECT, line: 5, start: 170, end: 175 };
    const third = { ...SUSPECT, line: 8, start: 270, end: 275 };
    const keyed = keyedSuspects([third, SUSPECT, second]);
    expect(new Set(keyed.map(({ key }) => key)).size).toBe(3);
    // The first in the document keeps its own key; the later ones are keyed by their order.
    expect(keyed[1].key).toBe(dismissalKey(SUSPECT));
    expect(keyedSuspects([second, third]).map(({ key }) => key)).toEqual([
      dismissalKey(SUSPECT),
      keyed[2].key,
    ]);
  });
});

describe('dismissals of like suspects', () => {
  it('hide the one nearest where each was made: the second of three stays hidden when the first is fixed', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-dismissals-'));
    try {
      const [first, second, third] = [2, 5, 8].map((line) => ({
        ...SUSPECT,
        line,
        start: line * 50,
        end: line * 50 + 5,
      }));
      const dismissals = new Dismissals(folder);
      await dismissals.add(second, 0);
      expect(dismissals.undismissed([first, second, third])).toEqual([first, third]);
      // The first fixed, and a line added above all: the one dismissed is still the one hidden.
      const down = (suspect: Suspect) => ({ ...suspect, line: suspect.line + 1 });
      expect(dismissals.undismissed([down(second), down(third)])).toEqual([down(third)]);
      const reread = new Dismissals(folder);
      await reread.load();
      expect(reread.undismissed([second, third])).toEqual([third]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('suspects in the workspace', () => {
  it('ranks the corpus in a worker: the one LOC Quint first, suggesting ORG', async () => {
    const { api, events } = await openCorpus();
    const { suspects, documents } = await api.findSuspects({ task: 'rank' });
    expect(documents).toBe(2);
    expect(suspects[0]).toMatchObject({
      path: 'people.txt',
      line: 2,
      text: 'Quint',
      label: 'LOC',
      suggestion: { kind: 'relabel', label: 'ORG' },
    });
    const progress = events.filter((event) => event.type === 'progress' && event.task === 'rank');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('reads unsaved edits: a relabel on screen is ranked as it is now', async () => {
    const { api } = await openCorpus();
    const open = await api.openDocument({ id: 'people.txt' });
    const loc = open.entities.find(
      (entity) => open.text.slice(entity.start, entity.end) === 'Quint',
    )!;
    await api.applyEdit({
      id: 'people.txt',
      revision: open.revision,
      tx: { ops: [{ op: 'relabel', id: loc.id, label: 'ORG' }] },
    });
    const { suspects } = await api.findSuspects({});
    expect(suspects.some(isLocQuint)).toBe(false);
  });

  it('stops the worker when cancelled, and ranks again afterwards', async () => {
    const { workspace, api } = await openCorpus();
    // Cancel as soon as the worker asks for its first document.
    const read = workspace.currentText.bind(workspace);
    let reads = 0;
    workspace.currentText = async (id) => {
      if (++reads === 1) await api.cancelTask({ task: 'rank' });
      return read(id);
    };
    const cancelled = await api.findSuspects({ task: 'rank' }).catch((error: unknown) => error);
    expect(cancelled).toBeInstanceOf(ApiError);
    expect((cancelled as ApiError).code).toBe('cancelled');
    const { suspects } = await api.findSuspects({ task: 'again' });
    expect(suspects.some(isLocQuint)).toBe(true);
  });

  it('lets a second editor asking while a ranking runs follow it, its progress and result, and cancel only when both have', async () => {
    const { api, events } = await openCorpus();
    const first = api.findSuspects({ task: 'first' });
    const second = api.findSuspects({ task: 'second' });
    const [one, two] = await Promise.all([first, second]);
    expect(two.suspects).toEqual(one.suspects);
    expect(two.suspects.some(isLocQuint)).toBe(true);
    const reported = (task: string) =>
      events.some((event) => event.type === 'progress' && event.task === task);
    expect(reported('first') && reported('second')).toBe(true);

    // The editor that started it has gone (its tab closed): the one that joined cancels it.
    const gone = api.findSuspects({ task: 'gone' });
    const joined = api.findSuspects({ task: 'joined' });
    await api.cancelTask({ task: 'joined' });
    const code = async (call: Promise<unknown>) =>
      ((await call.catch((error: unknown) => error)) as ApiError).code;
    expect(await code(joined)).toBe('cancelled');
    expect((await gone).suspects.some(isLocQuint)).toBe(true);
    const both = [api.findSuspects({ task: 'a' }), api.findSuspects({ task: 'b' })];
    await api.cancelTask({ task: 'a' });
    await api.cancelTask({ task: 'b' });
    expect(await Promise.all(both.map(code))).toEqual(['cancelled', 'cancelled']);
    expect((await api.findSuspects({ task: 'again' })).suspects.some(isLocQuint)).toBe(true);
  });

  it('re-scores an edited document without ranking again, and tells the editors', async () => {
    const { api, events } = await openCorpus();
    const { suspects } = await api.findSuspects({});
    const loc = suspects.find(isLocQuint)!;
    const open = await api.openDocument({ id: 'people.txt' });
    const entity = open.entities.find((candidate) => candidate.start === loc.start)!;
    const rescored = new Promise<ApiEvent>((resolve) => {
      const stop = (event: ApiEvent) => event.type === 'suspects-rescored' && resolve(event);
      events.push = (...pushed: ApiEvent[]) => {
        pushed.forEach(stop);
        return Array.prototype.push.apply(events, pushed);
      };
    });
    await api.applyEdit({
      id: 'people.txt',
      revision: open.revision,
      tx: { ops: [{ op: 'relabel', id: entity.id, label: 'ORG' }] },
    });
    const event = await rescored;
    expect(event).toMatchObject({ type: 'suspects-rescored', id: 'people.txt' });
    if (event.type === 'suspects-rescored') expect(event.suspects.some(isLocQuint)).toBe(false);
  });

  it('re-scores a document another program rewrote while it was not open: its suspects at their new place', async () => {
    const { api, events, root, workspace } = await openCorpus();
    const before = (await api.findSuspects({})).suspects.find(isLocQuint)!;
    const file = path.join(root, 'people.txt');
    const added = 'A new first line .\n';
    writeFileSync(file, added + readFileSync(file, 'utf8'));
    await workspace.relistFolder();
    await expect.poll(() => events.some((event) => event.type === 'suspects-rescored')).toBe(true);
    const event = events.find((candidate) => candidate.type === 'suspects-rescored')!;
    if (event.type !== 'suspects-rescored') throw new Error('not a re-scoring');
    expect(event.id).toBe('people.txt');
    expect(event.suspects.find(isLocQuint)).toMatchObject({
      line: before.line + 1,
      start: before.start + added.length,
    });
  });

  it('keeps a dismissal in .emend/suspects.json across a restart', async () => {
    const { root, base, api } = await openCorpus();
    const { suspects } = await api.findSuspects({});
    const loc = suspects.find(isLocQuint)!;
    expect(await api.dismissSuspect({ key: loc.key })).toEqual({ dismissed: 1 });
    const kept = JSON.parse(await fs.readFile(path.join(root, '.emend/suspects.json'), 'utf8'));
    expect(kept.dismissed).toMatchObject([{ key: loc.key, path: 'people.txt', text: 'Quint' }]);

    const reopened = await createWorkspace({
      path: root,
      stateFolder: path.join(base, 'state'),
      watch: false,
    });
    try {
      const again = await createApi(reopened).findSuspects({});
      expect(again.suspects.some(isLocQuint)).toBe(false);
    } finally {
      reopened.close();
    }
  });

  it('brings back a suspect dismissed since the ranking: listed again, its dismissal gone from the file', async () => {
    const { root, api } = await openCorpus();
    const { suspects } = await api.findSuspects({});
    const loc = suspects.find(isLocQuint)!;
    await api.dismissSuspect({ key: loc.key });
    expect(await api.restoreSuspect({ key: loc.key })).toEqual({ dismissed: 0 });
    const kept = JSON.parse(await fs.readFile(path.join(root, '.emend/suspects.json'), 'utf8'));
    expect(kept.dismissed).toEqual([]);
    // Listed again: it can be dismissed again, and a ranking lists it.
    expect(await api.dismissSuspect({ key: loc.key })).toEqual({ dismissed: 1 });
    await api.restoreSuspect({ key: loc.key });
    expect((await api.findSuspects({})).suspects.some(isLocQuint)).toBe(true);
    // Only a suspect dismissed since the ranking.
    await expect(api.restoreSuspect({ key: loc.key })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to dismiss a suspect that is not listed, and a dismissal file it cannot read', async () => {
    const { root, api } = await openCorpus();
    await expect(api.dismissSuspect({ key: 'f'.repeat(24) })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.dismissSuspect({ key: 'nope' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await fs.mkdir(path.join(root, '.emend'), { recursive: true });
    await fs.writeFile(path.join(root, '.emend/suspects.json'), '{ not json');
    await expect(api.findSuspects({})).rejects.toThrow(/suspects\.json: is not valid JSON/);
    expect(await fs.readFile(path.join(root, '.emend/suspects.json'), 'utf8')).toBe('{ not json');
  });
});

describe('like suspects on one line', () => {
  // people.txt with Quint tagged LOC twice on line 2: two suspects alike in all but their place.
  const twins = mkdtempSync(path.join(os.tmpdir(), 'emend-twins-'));
  afterAll(() => rmSync(twins, { recursive: true, force: true }));
  cpSync(SUSPECTS_FIXTURE, twins, { recursive: true });
  const people = path.join(twins, 'people.txt');
  const lines = readFileSync(people, 'utf8').split('\n');
  lines[1] = 'The chairman of [LOC Quint  ] and the board of [LOC Quint  ] resigned yesterday .';
  writeFileSync(people, lines.join('\n'));
  const openTwins = consistencyCorpora(twins);

  it('are both listed, each under its own key, ranked and re-scored alike', async () => {
    const { api, events } = await openTwins();
    const { suspects } = await api.findSuspects({});
    const locQuints = suspects.filter(isLocQuint);
    expect(locQuints.map(({ column }) => column).sort()).toEqual([17, 48]);
    expect(new Set(locQuints.map(({ key }) => key)).size).toBe(2);

    // An edit elsewhere in the document re-scores it: the same two keys, no key twice.
    const open = await api.openDocument({ id: 'people.txt' });
    const madrid = open.entities.find(
      (entity) => open.text.slice(entity.start, entity.end) === 'Madrid',
    )!;
    await api.applyEdit({
      id: 'people.txt',
      revision: open.revision,
      tx: { ops: [{ op: 'relabel', id: madrid.id, label: 'ORG' }] },
    });
    await expect.poll(() => events.some((event) => event.type === 'suspects-rescored')).toBe(true);
    const event = events.find((candidate) => candidate.type === 'suspects-rescored')!;
    if (event.type !== 'suspects-rescored') throw new Error('not a re-scoring');
    const keys = event.suspects.map(({ key }) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      event.suspects
        .filter(isLocQuint)
        .map(({ key }) => key)
        .sort(),
    ).toEqual(locQuints.map(({ key }) => key).sort());
  });

  it('stays with the one dismissed when the other is fixed, and hides no other', async () => {
    const { api } = await openTwins();
    const { suspects } = await api.findSuspects({});
    const [first, second] = suspects.filter(isLocQuint).sort((a, b) => a.column - b.column);
    await api.dismissSuspect({ key: second.key });
    const listed = await api.findSuspects({});
    expect(listed.suspects.filter(isLocQuint).map(({ column }) => column)).toEqual([first.column]);

    // The first is accepted (relabeled ORG): the second, dismissed, stays out of the list.
    const open = await api.openDocument({ id: 'people.txt' });
    const entity = open.entities.find((candidate) => candidate.start === first.start)!;
    await api.applyEdit({
      id: 'people.txt',
      revision: open.revision,
      tx: { ops: [{ op: 'relabel', id: entity.id, label: 'ORG' }] },
    });
    const again = await api.findSuspects({});
    expect(again.suspects.filter(isLocQuint)).toEqual([]);
  });
});

describe('a line with broken markup', () => {
  // people.txt with an entity left open on line 3: no suspect may be given there, and it is named.
  const broken = mkdtempSync(path.join(os.tmpdir(), 'emend-broken-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));
  cpSync(SUSPECTS_FIXTURE, broken, { recursive: true });
  const people = path.join(broken, 'people.txt');
  const lines = readFileSync(people, 'utf8').split('\n');
  lines[2] = `${lines[2]} [PER never closed`;
  writeFileSync(people, lines.join('\n'));
  const openBroken = consistencyCorpora(broken);

  it('is listed as not checked, and has no suspect', async () => {
    const { api } = await openBroken();
    const { suspects, unchecked } = await api.findSuspects({});
    expect(unchecked).toEqual([{ id: 'people.txt', lines: [3] }]);
    expect(suspects.some(({ path, line }) => path === 'people.txt' && line === 3)).toBe(false);
  });
});

describe('a corpus with many suspects', () => {
  // 400 lines of two entities labeled PER, LOC or ORG at random (MISC, in the default label set, is
  // never used): hundreds of suspects, more than the panel lists at once.
  const noisy = mkdtempSync(path.join(os.tmpdir(), 'emend-noisy-'));
  afterAll(() => rmSync(noisy, { recursive: true, force: true }));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const label = () => ['PER', 'LOC', 'ORG'][Math.floor(random() * 3)];
  const lines = Array.from(
    { length: 400 },
    (_, i) => `The [${label()} Thing${i % 50}  ] met [${label()} Other${i % 40}  ] today .`,
  );
  writeFileSync(path.join(noisy, 'a.txt'), `${lines.slice(0, 200).join('\n')}\n`);
  writeFileSync(path.join(noisy, 'b.txt'), `${lines.slice(200).join('\n')}\n`);
  const openNoisy = consistencyCorpora(noisy);

  it("are all listed, and an accept changes their count by its document's re-scoring only", async () => {
    const { api, events } = await openNoisy();
    const { suspects } = await api.findSuspects({});
    expect(suspects.length).toBeGreaterThan(500);
    const worst = suspects.find(
      (suspect) => suspect.path === 'a.txt' && suspect.kind === 'wrong-label',
    )!;
    const open = await api.openDocument({ id: 'a.txt' });
    const entity = open.entities.find((candidate) => candidate.start === worst.start)!;
    await api.applyEdit({
      id: 'a.txt',
      revision: open.revision,
      tx: {
        ops: [
          { op: 'relabel', id: entity.id, label: (worst.suggestion as { label: string }).label },
        ],
      },
    });
    await expect.poll(() => events.some((event) => event.type === 'suspects-rescored')).toBe(true);
    const event = events.find((candidate) => candidate.type === 'suspects-rescored')!;
    if (event.type !== 'suspects-rescored') throw new Error('not a re-scoring');
    // What the panel lists after the accept: the other document's suspects and a.txt's new ones.
    const after = suspects.filter((suspect) => suspect.path !== 'a.txt').length;
    expect(Math.abs(after + event.suspects.length - suspects.length)).toBeLessThanOrEqual(5);
  });

  it('are ranked as `emend suspects` ranks them: on the labels the corpus uses', async () => {
    const { api } = await openNoisy();
    const { suspects } = await api.findSuspects({});
    // What the command does without --labels: documents parsed, the model given no label set.
    const documents = ['a.txt', 'b.txt'].map((file) => ({
      path: file,
      doc: parse(readFileSync(path.join(noisy, file), 'utf8')),
    }));
    const ranked = await rankSuspects(sourceOf(documents));
    const brief = ({ path: file, line, text, kind, label, score }: Suspect) =>
      [file, line, text, kind, label, score].join(' ');
    expect(suspects.map(brief)).toEqual(ranked.suspects.map(brief));
  });
});
