// `--jobs`: the corpus commands print the same bytes and exit the same way on one thread as on several, through the built emend.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../../scripts/cli-build';
import { tempCorpus } from './testing';

const BIN = path.resolve(import.meta.dirname, '../../bin/emend.js');

/** Runs the built emend as a process: its exit status, stdout and stderr. */
function emend(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, out, err) =>
      resolve({ code: error ? Number(error.code) : 0, out, err }),
    );
  });
}

/** The text of document n of the corpus below. */
const documentText = (n: number) =>
  `[LOC Kosovo  ] and [PER Ana ${n}  ] met in Kosovo (see [1] above).\n` +
  `[ORG Kosovo  ] talks, [MISC (Euro  ] ${n % 2 === 0 ? '[ORG Tirana Bank  ]' : '[ORG Tirana  ] Bank and Tirana Bank'} ${'word '.repeat(n * 50)}\n` +
  (n % 3 === 0 ? `[PER unclosed ${n}\n` : `[LOC Pristina  ], [PER Ana ${n},  ]\n`);

/**
 * Seven documents with problems of each kind, and one that cannot be read, in two folders; revised,
 * each document edited in its own way (relabels, untags, a text edit, a line added) and one left out.
 */
function corpusWithProblems(revised = false): string {
  const files: Record<string, string | Uint8Array> = {
    'b/unreadable.txt': new Uint8Array([0xff, 0xfe, 0x41, 0x00]),
  };
  for (let n = 0; n < 7; n++) {
    const name = `${n % 2 === 0 ? 'a' : 'b'}/doc${n}.txt`;
    const text = documentText(n);
    if (!revised) files[name] = text;
    else if (n !== 5)
      files[name] = [
        text.replace('[LOC Kosovo', '[ORG Kosovo'),
        text.replace(/\[PER (Ana \d+) {2}\]/, '$1'),
        text.replace('met in', 'met at'),
        `${text}one more line\n`,
      ][n % 4];
  }
  return tempCorpus(files);
}

describe('emend corpus commands on several threads', () => {
  let root: string;
  beforeAll(() => {
    ensureCliBuilt();
    root = corpusWithProblems();
  });

  const commands: string[][] = [
    ['stats'],
    ['stats', '--json'],
    ['validate'],
    ['validate', '--verbose'],
    ['validate', '--json'],
    ['validate', '--json', '--verbose'],
    ['check'],
    ['check', '--json'],
  ];
  for (const command of commands) {
    it(`${command.join(' ')}: --jobs 3 and the default print what --jobs 1 prints, byte for byte`, async () => {
      const single = await emend([...command, '--jobs', '1', root]);
      expect(single.code).toBe(2);
      expect(single.err).toContain('unreadable.txt');
      expect(await emend([...command, '--jobs', '3', root])).toEqual(single);
      expect(await emend([...command, root])).toEqual(single);
    });
  }

  const diffModes: string[][] = [[], ['--json'], ['--report', 'md'], ['--report', 'json']];
  for (const mode of diffModes) {
    it(`diff ${mode.join(' ')} of two folders: --jobs 3 and the default print what --jobs 1 prints, byte for byte`, async () => {
      const revised = corpusWithProblems(true);
      const single = await emend(['diff', ...mode, '--jobs', '1', root, revised]);
      expect(single.code).toBe(2);
      expect(single.err).toContain('unreadable.txt');
      expect(single.out).toContain('doc4.txt');
      expect(await emend(['diff', ...mode, '--jobs', '3', root, revised])).toEqual(single);
      expect(await emend(['diff', ...mode, root, revised])).toEqual(single);
    });
  }

  it('export stops at the same unreadable file, writing nothing, on any number of threads', async () => {
    const out = tempCorpus({});
    const single = await emend(['export', '--format', 'conll', '--jobs', '1', '--out', out, root]);
    expect(single.code).toBe(2);
    expect(single.err).toContain('unreadable.txt');
    expect(await emend(['export', '--format', 'conll', '--jobs', '3', '--out', out, root])).toEqual(
      single,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('export refuses the same documents, naming the same lines, on any number of threads', async () => {
    const refused = tempCorpus(
      Object.fromEntries([0, 1, 2, 3].map((n) => [`doc${n}.txt`, documentText(n)])),
    );
    const out = tempCorpus({});
    const single = await emend([
      'export',
      '--format',
      'conll',
      '--jobs',
      '1',
      '--out',
      out,
      refused,
    ]);
    expect(single.code).toBe(2);
    expect(single.err).toContain('doc3.txt:3:1: error unclosed-entity');
    expect(single.err).toContain('nothing written');
    expect(
      await emend(['export', '--format', 'conll', '--jobs', '3', '--out', out, refused]),
    ).toEqual(single);
  });

  for (const format of ['conll', 'jsonl', 'brat']) {
    it(`export --format ${format} writes the same files, byte for byte, with --jobs 3 as with --jobs 1`, async () => {
      const clean = tempCorpus(
        Object.fromEntries(
          [1, 2, 4, 5].map((n) => [`${n % 2 ? 'b' : 'a'}/doc${n}.txt`, documentText(n)]),
        ),
      );
      const written = async (jobs: string) => {
        const out = tempCorpus({});
        const run = await emend([
          'export',
          '--format',
          format,
          '--jobs',
          jobs,
          '--out',
          out,
          clean,
        ]);
        const files = (await readdir(out, { recursive: true })).sort();
        const contents = await Promise.all(
          files.map(async (file) => [
            file,
            await readFile(path.join(out, file), 'utf8').catch(() => ''),
          ]),
        );
        return { ...run, err: run.err.replaceAll(out, 'OUT'), contents };
      };
      const single = await written('1');
      expect(single.code).toBe(0);
      expect(single.contents.length).toBeGreaterThanOrEqual(4);
      expect(await written('3')).toEqual(single);
    });
  }

  it('check finds possible misses and boundaries across documents the same on any number of threads', async () => {
    const readable = tempCorpus(
      Object.fromEntries([0, 1, 2, 4, 5].map((n) => [`doc${n}.txt`, documentText(n)])),
    );
    const single = await emend(['check', '--jobs', '1', readable]);
    expect(single.code).toBe(1);
    // Tagged whole in doc0, doc2 and doc4, left untagged or tagged in part in doc1 and doc5.
    expect(single.out).toMatch(
      /doc1\.txt:2:\d+: possible-miss "Tirana Bank": .* untagged at .*doc1\.txt:2:\d+, .*doc5\.txt:2:\d+\n/,
    );
    expect(single.out).toMatch(
      /doc1\.txt:2:\d+: boundary "Tirana": usually part of "Tirana Bank" .* at .*doc1\.txt:2:\d+, .*doc5\.txt:2:\d+\n/,
    );
    expect(single.out).toContain('boundary "(Euro": entity starts with glued punctuation');
    expect(await emend(['check', '--jobs', '2', readable])).toEqual(single);
    expect(await emend(['check', '--jobs', '3', '--json', readable])).toEqual(
      await emend(['check', '--jobs', '1', '--json', readable]),
    );
  });

  it('a long document first and short ones after it: the same bytes, the short ones held for their turn', async () => {
    // One thread works on the long document while the others go through the short ones.
    const files: Record<string, string> = { 'a-long.txt': documentText(3).repeat(4000) };
    for (let n = 0; n < 40; n++) files[`b${String(n).padStart(2, '0')}.txt`] = documentText(n);
    const skewed = tempCorpus(files);
    const seen = { stats: /files\s+41\n/, validate: /b39\.txt/, check: /b\d\d\.txt:2:/ };
    for (const [command, expected] of Object.entries(seen)) {
      const single = await emend([command, '--jobs', '1', skewed]);
      expect(single.out).toMatch(expected);
      expect(await emend([command, '--jobs', '2', skewed])).toEqual(single);
    }
  });

  it('check reports past an unreadable file and lists it, the same on any number of threads', async () => {
    const root = tempCorpus({
      'a.txt': '[LOC Kosovo  ] Kosovo\n',
      'b.txt': '[PER Kosovo  ]\n',
      'bad.txt': 'x\u0000y\n',
      'c.txt': '[ORG Kosovo  ]\n',
    });
    const single = await emend(['check', '--jobs', '1', root]);
    expect(single.code).toBe(2);
    expect(single.out).toContain('label-conflict "Kosovo"');
    expect(single.err).toContain('bad.txt: binary file');
    expect(await emend(['check', '--jobs', '2', root])).toEqual(single);
  });

  /**
   * Three annotators' copies of six documents, each document meeting the labels in another order
   * (the order agree numbers its categories in); one copy's plain text differs, one copy is
   * missing, one cannot be read.
   */
  function annotatorsCopies(): string {
    const labels = ['MISC', 'PER', 'ORG', 'LOC'];
    const files: Record<string, string | Uint8Array> = {
      'cy/a/doc4.txt': new Uint8Array([0xff, 0xfe, 0x41, 0x00]),
    };
    ['ann', 'bo', 'cy'].forEach((annotator, copy) => {
      for (let n = 0; n < 6; n++) {
        const name = `${annotator}/${n % 2 === 0 ? 'a' : 'b'}/doc${n}.txt`;
        if (files[name] || (copy === 1 && n === 3)) continue;
        const first = labels[(n + copy) % 4];
        const second = labels[(n * 3 + (copy === 2 ? 1 : 0)) % 4];
        const place = copy === 2 && n === 2 ? 'Prizren' : 'Pristina';
        files[name] =
          `[${first} Kosovo  ] and [${second} Ana ${n}  ] met in ${place}.\n` +
          `${'word '.repeat(n * 40)}[${labels[copy]} Drini  ] flows.\n`;
      }
    });
    return tempCorpus(files);
  }

  for (const mode of [[], ['--json']]) {
    it(`agree ${mode.join(' ')} of three folders: --jobs 3 and the default print what --jobs 1 prints, byte for byte`, async () => {
      const root = annotatorsCopies();
      const copies = ['ann', 'bo', 'cy'].map((annotator) => path.join(root, annotator));
      const single = await emend(['agree', ...mode, '--jobs', '1', ...copies]);
      expect(single.code).toBe(2);
      expect(single.err).toContain('doc4.txt');
      expect(single.out).toContain('its plain text differs');
      expect(single.out).toContain('has no b/doc3.txt');
      expect(await emend(['agree', ...mode, '--jobs', '3', ...copies])).toEqual(single);
      expect(await emend(['agree', ...mode, ...copies])).toEqual(single);
    });
  }

  /** Twelve documents of people, places and organisations, some labelled inconsistently; and all of them in one file. */
  function taggedCorpus(): { folder: string; file: string } {
    const names = ['Ana', 'Boris', 'Chen', 'Dara', 'Emil', 'Farah', 'Quint', 'Lima', 'Oslo'];
    const labels = ['PER', 'PER', 'PER', 'PER', 'ORG', 'PER', 'ORG', 'LOC', 'LOC'];
    const documents = Array.from({ length: 12 }, (_, d) =>
      Array.from({ length: 6 }, (_, k) => {
        const a = (d + k) % names.length;
        const b = (d * 2 + k * 5) % names.length;
        // Every seventh mention carries a wrong label, every eleventh none.
        const tag = (n: number, at: number) =>
          at % 11 === 0
            ? names[n]
            : `[${at % 7 === 0 ? labels[(n + 1) % labels.length] : labels[n]} ${names[n]}  ]`;
        return `On day ${k} ${tag(a, d * 6 + k)} wrote to ${tag(b, d * 6 + k + 3)} about the ${k % 2 ? 'talks' : 'trade'} .`;
      }).join('\n'),
    );
    const files: Record<string, string> = { 'all/corpus.txt': `${documents.join('\n')}\n` };
    documents.forEach((text, d) => (files[`docs/${String(d).padStart(2, '0')}.txt`] = `${text}\n`));
    const root = tempCorpus(files);
    return { folder: path.join(root, 'docs'), file: path.join(root, 'all/corpus.txt') };
  }

  for (const mode of [['--json'], ['--folds', '3', '--seed', '4']]) {
    it(`suspects ${mode.join(' ')}: --jobs 3 and the default rank what --jobs 1 ranks, byte for byte`, async () => {
      const { folder, file } = taggedCorpus();
      // Twelve documents are split into folds by document; one file's sentences by their text.
      for (const corpus of [folder, file]) {
        const single = await emend(['suspects', ...mode, '--jobs', '1', corpus]);
        expect(single.code).toBe(1);
        expect(single.out).toMatch(/wrong-label/);
        expect(await emend(['suspects', ...mode, '--jobs', '3', corpus])).toEqual(single);
        expect(await emend(['suspects', ...mode, corpus])).toEqual(single);
      }
    });
  }

  for (const bad of ['0', '-1', 'two', '1.5', '']) {
    it(`refuses --jobs "${bad}" as a usage error`, async () => {
      const { code, out, err } = await emend(['stats', `--jobs=${bad}`, root]);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err).toBe(
        `emend stats: --jobs needs a whole number of at least 1, not "${bad}"\n` +
          'Run `emend stats --help` for its usage.\n',
      );
    });
  }
});
