import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';
import { runCli, tempCorpus } from './testing';

/** Three annotators' copies of two documents (a.txt differs, b.txt is the same in all). */
const SAME = 'The [ORG Bank of Kosovo  ] opened in [LOC Pristina  ] .\n';
const COPIES = {
  'anna/a.txt': 'John Smith met [PER Anna  ] in [LOC New York  ] .\n',
  'ben/a.txt': '[PER John  ] Smith met [PER Anna  ] in [ORG New York  ] .\n',
  'cleo/a.txt': '[PER John Smith  ] met [PER Anna  ] in [LOC New York  ] .\n',
  'anna/sub/b.txt': SAME,
  'ben/sub/b.txt': SAME,
  'cleo/sub/b.txt': SAME,
};

const copies = (root: string) => ['anna', 'ben', 'cleo'].map((name) => path.join(root, name));

describe('emend agree', () => {
  it('--json gives the documented shape: annotators, items, pairs in order, all-copy figures, labels, documents, warnings, unreadable files', async () => {
    const root = tempCorpus(COPIES);
    const run = await runCli(['agree', '--json', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual([
      'annotators',
      'items',
      'pairs',
      'fleissKappa',
      'krippendorffAlpha',
      'unitizingAlpha',
      'gwetAC1',
      'entities',
      'labels',
      'documents',
      'warnings',
      'unreadable',
    ]);
    expect(json.unreadable).toEqual([]);
    expect(json.annotators).toEqual(['anna', 'ben', 'cleo']);
    // a.txt: John Smith met Anna in New York . (8 tokens); b.txt: 8 tokens.
    expect(json.items).toBe(16);
    expect(json.pairs.map((pair: { a: string; b: string }) => `${pair.a}-${pair.b}`)).toEqual([
      'anna-ben',
      'anna-cleo',
      'ben-cleo',
    ]);
    expect(json.pairs[0]).toMatchObject({ strictPrecision: 3 / 5, strictRecall: 3 / 4 });
    expect(json.pairs[1]).toMatchObject({ strictPrecision: 4 / 5, strictRecall: 1 });
    for (const figure of ['cohenKappa', 'gwetAC1', 'strictF1', 'exactF1', 'partialF1', 'typeF1'])
      expect(typeof json.pairs[0][figure]).toBe('number');
    for (const figure of ['fleissKappa', 'krippendorffAlpha', 'unitizingAlpha', 'gwetAC1'])
      expect(json[figure]).toBeGreaterThan(0);
    expect(json.entities).toEqual([4, 5, 5]);
    expect(Object.keys(json.labels)).toEqual(['LOC', 'ORG', 'PER']);
    expect(json.labels.PER.entities).toEqual([1, 2, 2]);
    expect(json.documents.map((document: { path: string }) => document.path)).toEqual([
      'a.txt',
      path.join('sub', 'b.txt'),
    ]);
    expect(json.documents[1]).toMatchObject({
      fleissKappa: 1,
      krippendorffAlpha: 1,
      unitizingAlpha: 1,
    });
    expect(json.documents[1].pairs[0]).toMatchObject({ cohenKappa: 1, strictF1: 1 });
    expect(json.warnings).toContain(
      'Only 16 tokens compared: with fewer than 100, κ and α swing widely; do not trust them.',
    );
  });

  it('--labels compares only the entities of those labels, the others counted as O', async () => {
    const root = tempCorpus(COPIES);
    const run = await runCli(['agree', '--json', '--labels', 'PER', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json.labels)).toEqual(['PER']);
    expect(json.entities).toEqual([1, 2, 2]);
    // anna (the reference) and cleo differ on John Smith only: cleo's two, one of them anna's.
    expect(json.pairs[1]).toMatchObject({ strictPrecision: 1 / 2, strictRecall: 1 });
  });

  it('--labels with a label no copy uses says so, naming the labels they use', async () => {
    const root = tempCorpus(COPIES);
    const run = await runCli(['agree', '--json', '--labels', 'per,FOO', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).warnings).toEqual(
      expect.arrayContaining([
        'No copy uses the label per (did you mean PER?): it compares nothing. The copies use LOC, ORG, PER.',
        'No copy uses the label FOO: it compares nothing. The copies use LOC, ORG, PER.',
      ]),
    );
  });

  it('prints pairs, all-copy figures, labels, documents and warnings in words', async () => {
    const root = tempCorpus(COPIES);
    const run = await runCli(['agree', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Agreement of 3 copies: anna, ben, cleo\n');
    expect(run.out).toMatch(/\n {2}anna – ben +[-\d.]+/);
    expect(run.out).toMatch(/\n {2}overall +[-\d.]+ +[-\d.]+/);
    expect(run.out).toMatch(/\n {2}PER +[-\d.]+ .* 1\/2\/2\n/);
    expect(run.out).toMatch(/\n {2}sub\/b\.txt +1\.000 +1\.000 +1\.000/);
    expect(run.out).toContain('Warnings:\n  - Only 16 tokens compared');
  });

  it('compares single files, and leaves out (naming it) a document one copy lacks or whose text differs', async () => {
    const root = tempCorpus({
      ...COPIES,
      'cleo/sub/b.txt': SAME.replace('opened', 'closed'),
      'anna/only.txt': 'x\n',
    });
    const files = await runCli([
      'agree',
      '--json',
      path.join(root, 'anna/a.txt'),
      path.join(root, 'cleo/a.txt'),
    ]);
    expect(files.code, files.err).toBe(0);
    // Two files of the same name are named by their paths.
    expect(JSON.parse(files.out)).toMatchObject({
      annotators: [path.join(root, 'anna/a.txt'), path.join(root, 'cleo/a.txt')],
      items: 8,
    });
    const run = await runCli(['agree', '--json', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.documents.map((document: { path: string }) => document.path)).toEqual(['a.txt']);
    expect(json.warnings).toContain(
      `${path.join(root, 'cleo/sub/b.txt')}: its plain text differs from ${path.join(root, 'anna/sub/b.txt')} at line 1: ${path.join('sub', 'b.txt')} left out.`,
    );
    expect(json.warnings).toContain('ben has no only.txt: left out.');
    expect(json.warnings).toContain('cleo has no only.txt: left out.');
  });

  it('warns of a markup error every copy has alike: its text is compared as it reads', async () => {
    const broken = 'A [PER Ann  ] met Bo .\nThe [LOC Kosovo never closes\n';
    const root = tempCorpus({ 'anna/a.txt': broken, 'ben/a.txt': broken, 'cleo/a.txt': broken });
    const run = await runCli(['agree', '--json', ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).warnings).toContain(
      `${path.join(root, 'anna/a.txt')}:2:5: unclosed-entity: entity [LOC is not closed on its line: in every copy alike, so its text is compared as it reads (emend validate)`,
    );
  });

  it('names an unreadable copy in --json and in the warnings, its document left out (exit 2)', async () => {
    const root = tempCorpus(COPIES);
    writeFileSync(path.join(root, 'cleo/sub/b.txt'), Buffer.from('\uFEFFThe bank .\n', 'utf16le'));
    const run = await runCli(['agree', '--json', ...copies(root)]);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.out);
    expect(json.documents.map((document: { path: string }) => document.path)).toEqual(['a.txt']);
    const unreadable = path.join(root, 'cleo/sub/b.txt');
    expect(json.unreadable).toEqual([
      { path: unreadable, reason: expect.stringContaining('UTF-16') },
    ]);
    const [{ reason }] = json.unreadable;
    expect(json.warnings).toContain(
      `${unreadable}: cannot be read (${reason}): ${path.join('sub', 'b.txt')} left out.`,
    );
    const text = await runCli(['agree', ...copies(root)]);
    expect(text.out).toContain(`${unreadable}: cannot be read (`);
  });

  it('exits 2 with no figure when every document was left out, the warnings naming why', async () => {
    const root = tempCorpus({
      'a.txt': '[PER Ann  ] met Bob\n',
      'b.txt': '[PER Ann  ] met Bob !\n',
    });
    const args = ['agree', path.join(root, 'a.txt'), path.join(root, 'b.txt')];
    const json = await runCli([...args.slice(0, 1), '--json', ...args.slice(1)]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ items: 0, documents: [], krippendorffAlpha: null });
    expect(report.pairs[0]).toMatchObject({ cohenKappa: null, strictF1: null, typeF1: null });
    expect(report.warnings).toEqual([
      'No document was compared: there is nothing to measure.',
      `${path.join(root, 'b.txt')}: its plain text differs from ${path.join(root, 'a.txt')} at line 1: a.txt left out.`,
    ]);
    expect(json.err).toContain('emend agree: no document was compared (see the warnings)\n');
    const text = await runCli(args);
    expect(text.code).toBe(2);
    expect(text.out).toMatch(/\n {2}a\.txt – b\.txt( +–){8}\n/);
  });

  it('says when two copies differ only in their final newline', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'one\n[PER Ann  ] two\n',
      'ben/a.txt': 'one\n[PER Ann  ] two',
    });
    const run = await runCli(['agree', path.join(root, 'anna'), path.join(root, 'ben')]);
    expect(run.code).toBe(2);
    expect(run.out).toContain(
      `${path.join(root, 'ben/a.txt')}: its plain text differs from ${path.join(root, 'anna/a.txt')} at line 2 (only the final newline differs: end both files with a line break, or neither): a.txt left out.`,
    );
  });

  it('prints a figure that rounds to zero without a sign (one copy alone uses a label)', async () => {
    // 2,000 tokens, one of them tagged ORG by one copy: Fleiss' κ for ORG is -0.0002.
    const text = 'Stayed on [LOC Redondo Beach  ] near Gardena and Acme today .\n'.repeat(200);
    const root = tempCorpus({
      'anna/a.txt': text,
      'ben/a.txt': text,
      'cleo/a.txt': text.replace('Acme', '[ORG Acme  ]'),
    });
    const run = await runCli(['agree', ...copies(root)]);
    expect(run.out).toMatch(/ORG\s+0\.000/);
    expect(run.out).not.toContain('-0.000');
  });

  it('gives no span score (–) to identical copies without any entity', async () => {
    const root = tempCorpus({ 'ann.txt': 'Ann met Bob\n', 'bo.txt': 'Ann met Bob\n' });
    const run = await runCli(['agree', path.join(root, 'ann.txt'), path.join(root, 'bo.txt')]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/\n {2}ann\.txt – bo\.txt( +–){8}\n/);
    expect(run.out).toMatch(/\n {2}overall( +–){5}\n/);
    expect(run.out).toContain(
      'No copy holds any entity: there is nothing to agree on, and no span score to give.',
    );
  });

  it('names a copy’s markup error, not a text difference, as the reason it is left out', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'one\n[PER Ann  ] met Bob\n',
      'ben/a.txt': 'one\n[PER Ann met Bob\n',
    });
    const run = await runCli(['agree', '--json', ...copies(root).slice(0, 2)]);
    const bad = path.join(root, 'ben/a.txt');
    expect(JSON.parse(run.out).warnings).toContain(
      `${bad}:2:1: unclosed-entity: entity [PER is not closed on its line (repair it first: emend validate ${bad}): a.txt left out.`,
    );
  });

  it('refuses fewer than two copies, and a file mixed with a folder', async () => {
    const root = tempCorpus(COPIES);
    const one = await runCli(['agree', path.join(root, 'anna')]);
    expect(one.code).toBe(2);
    expect(one.err).toContain('emend agree: give at least two copies: A B [C ...]');
    const mixed = await runCli(['agree', path.join(root, 'anna'), path.join(root, 'ben/a.txt')]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('the copies must all be files or all folders');
  });

  it('refuses a copy named twice, as given or by another path, and a revision named twice', async () => {
    const root = tempCorpus(COPIES);
    const [anna, ben] = copies(root);
    const twice = await runCli(['agree', anna, ben, anna]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain(
      `the copy "${anna}" is named twice: name each annotator's copy once`,
    );
    const aliased = await runCli(['agree', anna, ben, path.join(root, 'ben', '..', 'anna') + '/']);
    expect(aliased.code).toBe(2);
    expect(aliased.err).toContain(
      `"${anna}" and "${path.join(root, 'ben', '..', 'anna')}/" are the same copy`,
    );
    const repository = tempRepository();
    repository.commit('corpus/a.txt', COPIES['anna/a.txt'], 'anna', 'Anna');
    const revisions = repository.emend(['agree', 'main', 'main', '--', 'corpus']);
    expect(revisions.code).toBe(2);
    expect(revisions.err).toContain('the copy "main" is named twice');
  });

  it('`emend agree REV1 REV2 REV3 -- PATH` compares annotators’ branches (a real process)', () => {
    const repository = tempRepository();
    repository.commit('corpus/a.txt', COPIES['anna/a.txt'], 'anna', 'Anna');
    repository.git(['checkout', '-q', '-b', 'ben']);
    repository.commit('corpus/a.txt', COPIES['ben/a.txt'], 'ben', 'Ben');
    repository.git(['checkout', '-q', '-b', 'cleo', 'main']);
    repository.commit('corpus/a.txt', COPIES['cleo/a.txt'], 'cleo', 'Cleo');
    const run = repository.emend(['agree', '--json', 'main', 'ben', 'cleo', '--', 'corpus']);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.annotators).toEqual(['main', 'ben', 'cleo']);
    expect(json.documents.map((document: { path: string }) => document.path)).toEqual([
      path.join('corpus', 'a.txt'),
    ]);
    expect(json.pairs[1]).toMatchObject({ a: 'main', b: 'cleo', strictRecall: 1 });
    const bad = repository.emend(['agree', 'main', 'nope', '--', 'corpus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"nope" is not a commit in this repository');
  });
});
