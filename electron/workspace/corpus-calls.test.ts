import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract';
import { withinHits } from './corpus-search';
import { CONSISTENCY_FIXTURE, consistencyCorpora } from './fixtures/consistency-corpus';

/** Opens the three-file corpus with a planted conflict (Quint), miss (KFOR) and boundaries. */
const openCorpus = consistencyCorpora();

const query = (pattern: string, extra = {}) => ({
  pattern,
  regex: false,
  caseSensitive: true,
  label: null,
  tagged: 'any' as const,
  ...extra,
});

describe('corpus search', () => {
  it('finds whole tokens in every document with file, line, column and context', async () => {
    const { api } = await openCorpus();
    const { hits, documents, truncated } = await api.searchCorpus({
      query: query('quint', { caseSensitive: false }),
    });
    expect({ documents, truncated }).toEqual({ documents: 3, truncated: false });
    expect(
      hits.map(({ path, line, column, label, before, text, after }) => [
        path,
        line,
        column,
        label,
        before,
        text,
        after,
      ]),
    ).toEqual([
      ['a.txt', 1, 5, 'PER', 'The ', 'Quint', ' met in Pristina with KFOR officers .'],
      [
        'b.txt',
        1,
        20,
        'ORG',
        'Ambassadors of the ',
        'Quint',
        ' and KFOR landed at Pristina Airport .',
      ],
      ['c.txt', 1, 5, 'ORG', 'The ', 'Quint', ' said Pristina Airport was closed ; see '],
    ]);
    expect((await api.searchCorpus({ query: query('quint') })).hits).toEqual([]);
  });

  it('filters by label and by tagged/untagged; a regex matches whole tokens only', async () => {
    const { api } = await openCorpus();
    const texts = async (q: object) =>
      (await api.searchCorpus({ query: query('', q) })).hits.map(
        (hit) => `${hit.path}:${hit.text}`,
      );
    expect(await texts({ pattern: 'Quint', label: 'ORG' })).toEqual(['b.txt:Quint', 'c.txt:Quint']);
    expect(await texts({ pattern: 'KFOR', tagged: 'untagged' })).toEqual(['b.txt:KFOR']);
    expect(await texts({ pattern: 'Pristina', tagged: 'tagged' })).toEqual([
      'a.txt:Pristina',
      'c.txt:Pristina',
    ]);
    expect(await texts({ pattern: 'Pri[a-z]+ Airport', regex: true })).toEqual([
      'b.txt:Pristina Airport',
      'b.txt:Pristina Airport',
      'c.txt:Pristina Airport',
      'c.txt:Pristina Airport',
    ]);
    expect(await texts({ pattern: 'rist', regex: true })).toEqual([]);
    await expect(api.searchCorpus({ query: query('(', { regex: true }) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('not a valid regular expression'),
    });
  });
});

describe('apply to all', () => {
  it('applies one transaction per document, skips the unticked hit, and undoes them together', async () => {
    const { api, root, events } = await openCorpus();
    const { hits } = await api.searchCorpus({ query: query('Quint') });
    const ticked = hits.filter((hit) => hit.path !== 'c.txt');
    const result = await api.applyToAll({
      action: { kind: 'relabel', label: 'MISC' },
      hits: ticked,
    });
    expect(result).toEqual({
      documents: [
        { id: 'a.txt', revision: 1 },
        { id: 'b.txt', revision: 1 },
      ],
      applied: 2,
      skipped: [],
    });
    expect(events.filter((event) => event.type === 'document-edited')).toHaveLength(2);
    await api.saveAll({});
    const after = await fs.readFile(path.join(root, 'a.txt'), 'utf8');
    expect(after.split('\n')[0]).toBe(
      'The [MISC Quint  ] met in [LOC Pristina  ] with [ORG KFOR  ] officers .',
    );
    expect(await fs.readFile(path.join(root, 'c.txt'), 'utf8')).toBe(
      await fs.readFile(path.join(CONSISTENCY_FIXTURE, 'c.txt'), 'utf8'),
    );

    // Cancelled after its first document: it stops there and names the others, still changed.
    const stopping = api.undoApplyToAll({ documents: result.documents, task: 'undo' });
    await api.cancelTask({ task: 'undo' });
    expect(await stopping).toEqual({
      undone: ['a.txt'],
      skipped: [],
      stopped: true,
      left: result.documents.slice(1),
    });
    const undone = await api.undoApplyToAll({ documents: result.documents.slice(1) });
    expect(undone).toEqual({ undone: ['b.txt'], skipped: [] });
    await api.saveAll({});
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      expect(await fs.readFile(path.join(root, name), 'utf8')).toBe(
        await fs.readFile(path.join(CONSISTENCY_FIXTURE, name), 'utf8'),
      );
    }
  });

  it('finishes a run cancelled once it changes documents, and says the cancel came late', async () => {
    const { api, workspace } = await openCorpus();
    const { hits } = await api.searchCorpus({ query: query('Quint') });
    // Cancel at the run's last step: its documents are being changed by then.
    workspace.onEvent((event) => {
      if (event.type === 'progress' && event.task === 'late' && event.done === event.total)
        void api.cancelTask({ task: 'late' });
    });
    const result = await api.applyToAll({
      action: { kind: 'relabel', label: 'MISC' },
      hits,
      task: 'late',
    });
    expect(result).toMatchObject({ applied: 3, cancelledLate: true });
  });

  it('tags untagged hits, skips changed text, and leaves a document edited since alone on undo', async () => {
    const { api } = await openCorpus();
    const { hits } = await api.searchCorpus({ query: query('KFOR', { tagged: 'untagged' }) });
    const stale = { ...hits[0], text: 'KFOX' };
    const result = await api.applyToAll({
      action: { kind: 'tag', label: 'ORG' },
      hits: [...hits, stale],
    });
    expect(result.applied).toBe(1);
    expect(result.skipped).toEqual([{ hit: stale, reason: 'the text there has changed' }]);
    const b = await api.openDocument({ id: 'b.txt' });
    expect(
      b.entities.map((entity) => `${entity.label}:${b.text.slice(entity.start, entity.end)}`),
    ).toContain('ORG:KFOR');
    await api.applyEdit({
      id: 'b.txt',
      revision: b.revision,
      tx: { ops: [{ op: 'remove', id: b.entities[0].id }] },
    });
    expect(await api.undoApplyToAll({ documents: result.documents })).toEqual({
      undone: [],
      skipped: [{ id: 'b.txt', reason: 'it was edited since; undo it there' }],
    });
  });
});

describe('one label rule', () => {
  it('a label the settings accept, of any length, can be applied by an edit and by apply to all', async () => {
    const { api } = await openCorpus();
    const long = `WORK_OF_ART-${'x'.repeat(80)}`;
    const { settings } = await api.getCorpus({});
    await api.updateSettings({
      settings: { labels: [...settings.labels, { name: long, color: '#117733', key: '' }] },
    });
    const a = await api.openDocument({ id: 'a.txt' });
    const edited = await api.applyEdit({
      id: 'a.txt',
      revision: a.revision,
      tx: { ops: [{ op: 'relabel', id: a.entities[0].id, label: long }] },
    });
    expect(edited.revision).toBe(a.revision + 1);
    const { hits } = await api.searchCorpus({ query: query('KFOR', { tagged: 'untagged' }) });
    expect((await api.applyToAll({ action: { kind: 'tag', label: long }, hits })).applied).toBe(1);
  });

  it('a label the settings refuse is refused by an edit and by apply to all', async () => {
    const { api } = await openCorpus();
    const a = await api.openDocument({ id: 'a.txt' });
    const relabel = { op: 'relabel' as const, id: a.entities[0].id, label: '9 LIVES' };
    await expect(
      api.applyEdit({ id: 'a.txt', revision: a.revision, tx: { ops: [relabel] } }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    const { hits } = await api.searchCorpus({ query: query('KFOR', { tagged: 'untagged' }) });
    await expect(
      api.applyToAll({ action: { kind: 'tag', label: '9 LIVES' }, hits }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('apply to all, asked by hand', () => {
  it('refuses a hit without its text, which guards that the place still holds it', async () => {
    const { api } = await openCorpus();
    const hit = { path: 'a.txt', start: 0, end: 3, line: 1, column: 1 };
    await expect(
      api.applyToAll({ action: { kind: 'relabel', label: 'LOC' }, hits: [hit] as never }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/text/) });
  });
});

describe('apply to all racing another editor', () => {
  it('leaves the raced document alone, lists every document it changed, and undoes them', async () => {
    const { api, workspace } = await openCorpus();
    const { hits } = await api.searchCorpus({ query: query('Quint') });
    let raced: Promise<unknown> | null = null;
    workspace.onEvent((event) => {
      // Another editor edits c.txt as the run changes its first document.
      if (event.type !== 'document-edited' || raced) return;
      raced = api.openDocument({ id: 'c.txt' }).then((c) =>
        api.applyEdit({
          id: 'c.txt',
          revision: c.revision,
          tx: { ops: [{ op: 'relabel', id: c.entities[0].id, label: 'LOC' }] },
        }),
      );
    });
    const result = await api.applyToAll({ action: { kind: 'relabel', label: 'MISC' }, hits });
    await raced;
    expect(result.documents.map((document) => document.id)).toEqual(['a.txt', 'b.txt']);
    expect(result.skipped.map(({ hit, reason }) => [hit.path, reason])).toEqual([
      ['c.txt', expect.stringMatching(/another editor changed it/)],
    ]);
    expect(await api.undoApplyToAll({ documents: result.documents })).toEqual({
      undone: ['a.txt', 'b.txt'],
      skipped: [],
    });
  });
});

describe('consistency report and export', () => {
  it('checks the corpus as it is now, unsaved edits included', async () => {
    const { api } = await openCorpus();
    const before = await api.checkCorpus({});
    expect(before.findings.map((finding) => `${finding.kind}:${finding.text}`)).toEqual([
      'label-conflict:Quint',
      'possible-miss:KFOR',
      'boundary:DECL:',
      'boundary:Pristina',
      'boundary:" Kosovo Times',
    ]);
    const conflict = before.findings[0];
    await api.applyToAll({ action: conflict.fix.action, hits: conflict.fix.targets });
    const after = await api.checkCorpus({});
    expect(after.findings.map((finding) => finding.text)).not.toContain('Quint');
  });

  it('lists what fits in a page, in order, and says how many the corpus has (a large one: thousands)', async () => {
    const { api } = await openCorpus();
    const { findings, total } = await api.checkCorpus({});
    expect(total).toBe(findings.length);
    const hits = findings.map((finding) => finding.occurrences.length + finding.fix.targets.length);
    const sum = (counts: number[]) => counts.reduce((all, count) => all + count, 0);
    expect(withinHits(findings, sum(hits))).toEqual(findings);
    // The first findings that fit, stopping at the first that does not: "the first N" is true.
    expect(withinHits(findings, hits[0] - 1)).toEqual([]);
    expect(withinHits(findings, hits[0] + hits[1] - 1)).toEqual([findings[0]]);
    expect(withinHits(findings, hits[0] + hits[1])).toEqual(findings.slice(0, 2));
  });

  it('refuses a document with annotation errors, naming it, and exports nothing', async () => {
    const { api, root } = await openCorpus();
    await fs.writeFile(path.join(root, 'a.txt'), '[LOC Kosovo never closes\n');
    await expect(
      api.exportCorpus({ options: { format: 'conll' } as never, ids: ['a.txt'] }),
    ).rejects.toMatchObject({
      code: 'refused-file',
      message:
        'nothing exported: a.txt:1:1: unclosed-entity: entity [LOC is not closed on its line',
    });
  });
});

describe('long work', () => {
  it('reports progress per document and stops when cancelled', async () => {
    const { api, events } = await openCorpus();
    await api.checkCorpus({ task: 'check-1' });
    expect(events.filter((event) => event.type === 'progress').at(-1)).toEqual({
      type: 'progress',
      task: 'check-1',
      done: 3,
      total: 3,
    });
    const running = api.searchCorpus({ query: query('Quint'), task: 'search-1' });
    expect(await api.cancelTask({ task: 'search-1' })).toEqual({ cancelled: true });
    const failure = await running.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'cancelled' });
    expect(await api.cancelTask({ task: 'search-1' })).toEqual({ cancelled: false });
  });
});
