import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepository } from './git-testing';
import { runCli, tempCorpus } from './testing';

/**
 * Three copies: Anna is unanimous, [PER John Smith] two of three, New York has no majority
 * (LOC, ORG, none). Anna's copy closes with one space in places, which must survive.
 */
const COPIES = {
  'anna/news/a.txt': '\uFEFF[PER John Smith ] met [PER Anna  ] in [LOC New York  ] .\r\nBye .\r\n',
  'ben/news/a.txt': '\uFEFF[PER John  ] Smith met [PER Anna  ] in [ORG New York  ] .\r\nBye .\r\n',
  'cleo/news/a.txt': '\uFEFF[PER John Smith  ] met [PER Anna  ] in New York .\r\nBye .\r\n',
};
const copies = (root: string) => ['anna', 'ben', 'cleo'].map((name) => path.join(root, name));

/** `emend adjudicate --out ROOT/gold ROOT/anna ROOT/ben`. */
const adjudicateTwo = (root: string) =>
  runCli(['adjudicate', '--out', path.join(root, 'gold'), ...copies(root).slice(0, 2)]);

describe('emend adjudicate', () => {
  it('writes the majority, keeps the first copy’s bytes, and lists the unsettled place (exit 1)', async () => {
    const root = tempCorpus(COPIES);
    const out = path.join(root, 'gold');
    const run = await runCli(['adjudicate', '--out', out, ...copies(root)]);
    expect(run.code, run.err).toBe(1);
    // Anna's copy already holds the result: every byte is hers (BOM, CRLF, the one-space close).
    expect(readFileSync(path.join(out, 'news/a.txt'), 'utf8')).toBe(COPIES['anna/news/a.txt']);
    expect(run.out).toContain(
      `${path.join('news', 'a.txt')}: 3 entities (1 unanimous), 1 dropped, 1 unsettled\n`,
    );
    // Placed where it sits in the file written, markup counted: `[LOC New York` opens at column 39.
    expect(run.out).toContain(
      '  1:39     unsettled "New York": anna [LOC "New York"] · ben [ORG "New York"] · cleo none → anna\'s kept\n',
    );
    expect(run.err).toBe(`wrote 1 file to ${out}; 1 unsettled place\n`);
  });

  it.runIf(existsSync('/dev/full'))(
    'says what it wrote before its report: a report that cannot be written (a full disk) leaves the files written named',
    () => {
      const root = tempCorpus(COPIES);
      const out = path.join(root, 'gold');
      const full = openSync('/dev/full', 'w');
      const run = spawnSync(
        process.execPath,
        [
          path.resolve(import.meta.dirname, '../../bin/emend.js'),
          'adjudicate',
          '--json',
          '--out',
          out,
          ...copies(root),
        ],
        { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' },
      );
      closeSync(full);
      expect(readFileSync(path.join(out, 'news/a.txt'), 'utf8')).toBe(COPIES['anna/news/a.txt']);
      // The report is lost (exit 2), and stderr says first what is on disk whatever became of it.
      expect({ status: run.status, err: run.stderr }).toEqual({
        status: 2,
        err: `wrote 1 file to ${out}; 1 unsettled place\nemend: the output could not be written: the disk is full (ENOSPC)\n`,
      });
    },
  );

  it('exits 1 when a document some copy lacks is left out, and never glues a long column to its word', async () => {
    const long = `${'w '.repeat(60000)}[LOC Rome  ] .\n`;
    const root = tempCorpus({
      'anna/a.txt': long,
      'ben/a.txt': long.replace('[LOC Rome  ]', '[ORG Rome  ]'),
      'ben/only-ben.txt': '[PER Bo  ] .\n',
    });
    const run = await runCli([
      'adjudicate',
      '--out',
      path.join(root, 'gold'),
      ...copies(root).slice(0, 2),
    ]);
    expect(run.code, run.err).toBe(1);
    expect(run.err).toContain('emend adjudicate: anna has no only-ben.txt: not written\n');
    expect(run.out).toContain('  1:120001 unsettled "Rome"');
    // --json names the documents left out, and which copies lack each: exit 1 says why.
    const json = await runCli([
      'adjudicate',
      '--json',
      '--force',
      '--out',
      path.join(root, 'gold'),
      ...copies(root).slice(0, 2),
    ]);
    expect(json.code, json.err).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      unsettled: 1,
      leftOut: [{ path: 'only-ben.txt', lackedBy: ['anna'] }],
    });
  });

  it('names a markup error the copies share, written as it is, and exits 1', async () => {
    const broken = 'A [PER Ann  ] .\nThe [LOC Kosovo never closes\n';
    const root = tempCorpus({ 'anna/a.txt': broken, 'ben/a.txt': broken, 'cleo/a.txt': broken });
    const out = path.join(root, 'gold');
    const run = await runCli(['adjudicate', '--out', out, ...copies(root)]);
    expect(run.code, run.err).toBe(1);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe(broken);
    expect(run.err).toContain(
      `emend adjudicate: ${path.join(out, 'a.txt')}:2:5: unclosed-entity: entity [LOC is not closed on its line: in every copy alike, written as it is\n`,
    );
  });

  it('takes another copy’s entity where the majority holds it, written in the file’s close style', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'John Smith met [PER Anna  ] .\n',
      'ben/a.txt': '[PER John Smith  ] met [PER Anna  ] .\n',
      'cleo/a.txt': '[PER John Smith ] met [PER Anna  ] .\n',
    });
    const out = path.join(root, 'gold');
    const run = await runCli(['adjudicate', '--out', out, ...copies(root)]);
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe(
      '[PER John Smith  ] met [PER Anna  ] .\n',
    );
  });

  it('--json lists each unsettled place with every annotator’s version, offsets in code points', async () => {
    const root = tempCorpus({
      'anna/a.txt': '😀 [LOC Zürich  ] .\n',
      'ben/a.txt': '😀 [ORG Zürich  ] .\n',
      'cleo/a.txt': '😀 Zürich .\n',
    });
    const run = await runCli([
      'adjudicate',
      '--json',
      '--out',
      path.join(root, 'gold'),
      ...copies(root),
    ]);
    expect(run.code, run.err).toBe(1);
    const json = JSON.parse(run.out);
    expect(json).toMatchObject({ annotators: ['anna', 'ben', 'cleo'], min: 2, unsettled: 1 });
    expect(json.documents).toEqual([
      {
        path: 'a.txt',
        entities: 1,
        unanimous: 0,
        dropped: 0,
        unsettled: [
          {
            line: 1,
            column: 3,
            start: 2,
            end: 8,
            text: 'Zürich',
            versions: [
              { annotator: 'anna', entities: [{ start: 2, end: 8, label: 'LOC', text: 'Zürich' }] },
              { annotator: 'ben', entities: [{ start: 2, end: 8, label: 'ORG', text: 'Zürich' }] },
              { annotator: 'cleo', entities: [] },
            ],
          },
        ],
      },
    ]);
  });

  it('--min 3 asks for all three copies: the 2-of-3 entity becomes unsettled', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'John Smith met [PER Anna  ] .\n',
      'ben/a.txt': '[PER John Smith  ] met [PER Anna  ] .\n',
      'cleo/a.txt': '[PER John Smith  ] met [PER Anna  ] .\n',
    });
    const out = path.join(root, 'gold');
    const run = await runCli(['adjudicate', '--min', '3', '--out', out, ...copies(root)]);
    expect(run.code, run.err).toBe(1);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('John Smith met [PER Anna  ] .\n');
    const low = await runCli(['adjudicate', '--min', '1', '--out', out, ...copies(root)]);
    expect(low.code).toBe(2);
    expect(low.err).toContain('--min takes a whole number from 2 to 3 for 3 copies');
  });

  it('refuses copies whose plain text differs, naming the first differing line, and writes nothing', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'one\n[PER Ann  ] two\n',
      'ben/a.txt': 'one\n[PER Ann  ] two\n',
      'anna/b.txt': 'one\ntwo\n[LOC Rome  ] three\n',
      'ben/b.txt': 'one\ntwo\n[LOC Roma  ] three\n',
    });
    const out = path.join(root, 'gold');
    const run = await adjudicateTwo(root);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `emend adjudicate: ${path.join(root, 'ben/b.txt')}: its plain text differs from ${path.join(root, 'anna/b.txt')} at line 3\nemend adjudicate: nothing written\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('names the first copy’s markup error where it, not the text, makes the copies differ', async () => {
    const root = tempCorpus({
      'anna/a.txt': '[PER Ann met Bob\n',
      'ben/a.txt': '[PER Ann  ] met Bob\n',
    });
    const run = await adjudicateTwo(root);
    const bad = path.join(root, 'anna/a.txt');
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `emend adjudicate: ${bad}:1:1: unclosed-entity: entity [PER is not closed on its line (repair it first: emend validate ${bad})\nemend adjudicate: nothing written\n`,
    );
  });

  it('counts one entity in the singular', async () => {
    const root = tempCorpus({
      'anna/a.txt': '[PER Ann  ] met Bob\n',
      'ben/a.txt': 'Ann met Bob\n',
    });
    const run = await adjudicateTwo(root);
    expect(run.out).toContain('a.txt: 1 entity (0 unanimous), 0 dropped, 1 unsettled\n');
  });

  it('says when two copies differ only in their line endings', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'one\n[PER Ann  ] two\n',
      'ben/a.txt': 'one\r\n[PER Ann  ] two\r\n',
    });
    const run = await adjudicateTwo(root);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'its plain text differs from ' +
        `${path.join(root, 'anna/a.txt')} at line 1 (only the line endings differ, CRLF and LF: convert one of them)`,
    );
  });

  it('says when two copies differ only in their final newline', async () => {
    const root = tempCorpus({
      'anna/a.txt': 'one\n[PER Ann  ] two',
      'ben/a.txt': 'one\n[PER Ann  ] two\n',
    });
    const run = await adjudicateTwo(root);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'its plain text differs from ' +
        `${path.join(root, 'anna/a.txt')} at line 2 (only the final newline differs: end both files with a line break, or neither)`,
    );
  });

  it('refuses a copy named twice (it would win every vote), writing nothing', async () => {
    const root = tempCorpus(COPIES);
    const [anna, ben] = copies(root);
    const run = await runCli(['adjudicate', '--out', path.join(root, 'gold'), anna, anna, ben]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`the copy "${anna}" is named twice: name each annotator's copy once`);
    expect(existsSync(path.join(root, 'gold'))).toBe(false);
  });

  it('refuses an --out folder that is one of the copies, writing nothing', async () => {
    const root = tempCorpus({ 'anna/a.txt': '[PER Ann  ]\n', 'ben/a.txt': 'Ann\n' });
    const run = await runCli([
      'adjudicate',
      '--out',
      path.join(root, 'ben'),
      ...copies(root).slice(0, 2),
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('is an input: choose another --out folder');
    expect(readFileSync(path.join(root, 'ben/a.txt'), 'utf8')).toBe('Ann\n');
  });

  it('refuses an --out folder inside one of the copies, which would read it as part of that copy', async () => {
    const root = tempCorpus({ 'anna/a.txt': '[PER Ann  ]\n', 'ben/a.txt': 'Ann\n' });
    const out = path.join(root, 'anna', 'gold');
    const run = await runCli(['adjudicate', '--out', out, ...copies(root).slice(0, 2)]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`is inside ${path.join(root, 'anna')}, a folder read as input`);
    expect(existsSync(out)).toBe(false);
  });

  it('`emend adjudicate --out DIR REV1 REV2 REV3 -- PATH` adjudicates annotators’ branches (a real process)', () => {
    const repository = tempRepository();
    repository.commit('corpus/a.txt', 'John Smith met [PER Anna  ] .\n', 'anna', 'Anna');
    for (const name of ['ben', 'cleo']) {
      repository.git(['checkout', '-q', '-b', name, 'main']);
      repository.commit('corpus/a.txt', '[PER John Smith  ] met [PER Anna  ] .\n', name, name);
    }
    const run = repository.emend([
      'adjudicate',
      '--out',
      'gold',
      'main',
      'ben',
      'cleo',
      '--',
      'corpus',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(repository.read('gold/corpus/a.txt')).toBe('[PER John Smith  ] met [PER Anna  ] .\n');
  });
});
