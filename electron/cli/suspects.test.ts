import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from '../../shared/format/parse';
import { createApi } from '../workspace/api';
import { createWorkspace } from '../workspace/workspace';
import { main } from './main';
import { runCli, tempCorpus, terminalIO } from './testing';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PEOPLE = ['Ana', 'Boris', 'Chen', 'Dara', 'Emil', 'Farah'];
const PLACES = ['Pristina', 'Oslo', 'Lima', 'Riga', 'Sofia', 'Turin'];
/** What each of twelve files' people fly for: a file's sentences are its own, not another's copies. */
const PURPOSES = [
  'talks',
  'meets',
  'votes',
  'deals',
  'calls',
  'plans',
  'forum',
  'visit',
  'audit',
  'event',
  'trade',
  'panel',
];

/**
 * Twelve files of people and places; "Quint" (a group of countries) is ORG in five of them and
 * LOC in file 07.txt, each time in a sentence of the file's own (no model learns from a copy of a
 * sentence it judges).
 */
function quintCorpus(): string {
  const files: Record<string, string> = {};
  for (let d = 0; d < 12; d++) {
    const lines = [0, 1, 2].map(
      (k) =>
        `Yesterday [PER ${PEOPLE[(d + k) % 6]}  ] flew to [LOC ${PLACES[(d + 2 * k) % 6]}  ] for ${PURPOSES[d]} .`,
    );
    if (d % 2 === 1)
      lines.push(`The [${d === 7 ? 'LOC' : 'ORG'} Quint  ] ambassadors met there on day ${d} .`);
    files[`${String(d).padStart(2, '0')}.txt`] = `${lines.join('\n')}\n`;
  }
  return tempCorpus(files);
}

describe('emend suspects', () => {
  it('lists the worst suspect first: path:line:col, kind, the fix and the reasons; exit 1', async () => {
    const root = quintCorpus();
    const result = await runCli(['suspects', '--limit', '1', root]);
    expect(result.out).toMatch(
      new RegExp(
        `^${path.join(root, '07.txt').replace(/[.\\/]/g, '\\$&')}:4:5: wrong-label "Quint" LOC: relabel as ORG ` +
          `\\(score [01]\\.\\d\\d\\): trained without this document, the model says ORG \\(0\\.\\d\\d\\); ` +
          `"Quint" is ORG in 5 other places\\n$`,
        'u',
      ),
    );
    expect(result.err).toMatch(
      /^emend suspects: warning: The model learned from \d+ tagged entities: below about 500, most of its top suspects are false alarms\. Treat them as hints\.\n12 files: 1 suspect\n$/,
    );
    expect(result.code).toBe(1);
  });

  it('warns of nothing tagged only where something was read: paths that cannot be read are said, no more', async () => {
    const root = quintCorpus();
    const result = await runCli([
      'suspects',
      path.join(root, 'missing-1.txt'),
      path.join(root, 'missing-2.txt'),
    ]);
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('No entity is tagged');
    expect(result.err).toContain('2 paths could not be read');
    // A file listed but not read is not counted as one, as validate counts.
    const binary = path.join(root, 'only-binary');
    mkdirSync(binary);
    writeFileSync(path.join(binary, 'x.txt'), 'A\u0000B\n');
    const unread = await runCli(['suspects', binary]);
    expect(unread.err).toContain('0 files: 0 suspects\n');
  });

  it('ranks the rest of a corpus with a file that cannot be read, listing it at the end (exit 2)', async () => {
    const root = quintCorpus();
    const latin1 = path.join(root, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Caf\xe9 [PER Ana  ] .\n', 'latin1'));
    const result = await runCli(['suspects', '--limit', '1', root]);
    expect(result.out).toContain(`${path.join(root, '07.txt')}:4:5: wrong-label "Quint" LOC`);
    expect(result.err).toContain(
      `emend suspects: ${path.join(root, 'latin1.txt')}: not valid UTF-8`,
    );
    expect(result.err).toContain(latin1);
    expect(result.code).toBe(2);
    // --json names it too, as validate, stats and check do.
    const json = await runCli(['suspects', '--json', '--limit', '1', root]);
    expect(JSON.parse(json.out).unreadable).toEqual([
      { path: latin1, reason: expect.stringMatching(/not valid UTF-8/) },
    ]);
  });

  it('refuses more than twenty folds (each a model in memory)', async () => {
    const result = await runCli(['suspects', '--folds', '1000', quintCorpus()]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--folds must be a whole number from 2 to 20');
  });

  it('leaves out, and counts, the suspects dismissed in Emend for the corpus folder; --all lists them', async () => {
    const root = quintCorpus();
    const workspace = await createWorkspace({
      path: root,
      stateFolder: path.join(root, '..', 'state'),
      watch: false,
    });
    try {
      const api = createApi(workspace);
      const { suspects } = await api.findSuspects({});
      const quint = suspects.find((suspect) => suspect.text === 'Quint')!;
      await api.dismissSuspect({ key: quint.key });
    } finally {
      workspace.close();
    }
    const quintLine = `${path.join(root, '07.txt')}:4:5:`;
    const listed = await runCli(['suspects', root]);
    expect(listed.out).not.toContain(quintLine);
    expect(listed.err).toContain('1 suspect dismissed in Emend, not listed (--all lists it)\n');
    const json = await runCli(['suspects', '--json', root]);
    expect(JSON.parse(json.out).dismissed).toBe(1);
    const all = await runCli(['suspects', '--all', root]);
    expect(all.out).toContain(quintLine);
    expect(all.err).not.toContain('dismissed');
  });

  it('names the lines it leaves out because their markup is broken', async () => {
    const root = quintCorpus();
    const file = path.join(root, '07.txt');
    const [first, second, ...rest] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [first, `${second} [PER unclosed`, ...rest].join('\n'));
    const result = await runCli(['suspects', root]);
    expect(result.err).toContain(
      `${file}:2: warning: not checked for suspects: its markup is broken (emend validate names the problem)\n`,
    );
    // The line left out is still left out: no suspect on it.
    expect(result.out).not.toContain(`${file}:2:`);
  });

  it('says nothing was scored when the corpus is too small to hold a sentence out', async () => {
    const root = tempCorpus({ 'a.txt': '[PER Bob  ] met [LOC Paris  ] .\n' });
    const result = await runCli(['suspects', root]);
    expect(result.err).toBe(
      'emend suspects: warning: Nothing was scored: the corpus is too small to cross-validate (its ' +
        'sentences all fell in one fold, so no model could be trained without them).\n1 file: 0 suspects\n',
    );
    expect(result.code).toBe(0);
  });

  it('says the entities’ markup is broken when that is why no entity is tagged', async () => {
    const root = tempCorpus({ 'a.txt': 'Then [PER Bob never closes\n' });
    const result = await runCli(['suspects', root]);
    expect(result.err).toBe(
      'emend suspects: warning: No entity has whole markup: every tag is on a line whose markup is ' +
        'broken, so the model has nothing to learn from. Repair those lines (emend validate names the ' +
        'problems), then rank again.\n' +
        `${path.join(root, 'a.txt')}:1: warning: not checked for suspects: its markup is broken (emend validate names the problem)\n` +
        '1 file: 0 suspects\n',
    );
  });

  it('--labels: no fix proposes a label outside the set, and a label no document uses is named', async () => {
    const root = quintCorpus();
    const all = await runCli(['suspects', root]);
    expect(all.out).toContain('relabel as ORG');
    const some = await runCli(['suspects', '--labels', 'PER,LOC,EVENT,loc', root]);
    expect(some.out).not.toMatch(/(relabel as|tag as|retag .* as) (ORG|EVENT|loc)\b/);
    expect(some.err).toContain(
      'emend suspects: warning: no document uses EVENT, loc (the documents use LOC: labels are case-sensitive): the model cannot learn them, and no fix proposes them\n',
    );
    // The model is the same: the suspects it keeps are those of the run without --labels.
    const kept = some.out.split('\n').filter(Boolean);
    expect(kept.every((line) => all.out.includes(line))).toBe(true);
  });

  it("weighs in an external tagger's predictions with their per-token probabilities", async () => {
    const root = quintCorpus();
    // A line of 03.txt (PURPOSES[3]).
    const text = 'Yesterday Dara flew to Riga for deals .';
    const predictions = tempCorpus({
      'tagger.jsonl': `${JSON.stringify({
        text,
        label: [
          [10, 14, 'PER'],
          [23, 27, 'ORG'],
        ],
        token_probabilities: [
          { O: 1 },
          { 'B-PER': 1 },
          { O: 1 },
          { O: 1 },
          { 'B-ORG': 0.97, 'B-LOC': 0.03 },
          { O: 1 },
          { O: 1 },
          { O: 1 },
        ],
      })}\n`,
    });
    const result = await runCli(['suspects', '--json', '--predictions', predictions, root]);
    const { suspects } = JSON.parse(result.out) as { suspects: Array<Record<string, unknown>> };
    const riga = suspects.find((suspect) =>
      (suspect.reasons as string[]).some((r) => r.includes('imported')),
    );
    expect(riga).toMatchObject({
      text: 'Riga',
      kind: 'wrong-label',
      label: 'LOC',
      suggestion: { kind: 'relabel', label: 'ORG' },
    });
    expect(riga!.reasons).toContain('the imported predictions say ORG (0.97)');
    expect(result.err).not.toContain('matched no line');
    // Predictions of another text match nothing: said, not silently left out.
    const other = tempCorpus({ 'other.txt': 'Quite another [PER text  ] .\n' });
    const unmatched = await runCli(['suspects', '--limit', '1', '--predictions', other, root]);
    expect(unmatched.err).toContain(
      'emend suspects: warning: the predictions matched no line of the corpus (1 predicted line; lines are ' +
        'compared by their exact text): they were not weighed in',
    );
  });

  it('reads a predictions folder as the other commands read a folder: its dot folders and node_modules left out', async () => {
    const root = quintCorpus();
    const text = 'Yesterday Dara flew to Riga for deals .';
    const journal = '{"kind":"edit","ops":[]}\n';
    const predictions = tempCorpus({
      'tagger.jsonl': `${JSON.stringify({ text, label: [[23, 27, 'ORG']] })}\n`,
      '.emend/documents/tagger-1a2b/journal.jsonl': journal,
      '.git/junk.jsonl': journal,
      'node_modules/tool/data.json': '{"not": "Label Studio"}',
    });
    const result = await runCli(['suspects', '--json', '--predictions', predictions, root]);
    expect(result.err).not.toContain(predictions);
    expect(result.code).toBe(1);
    const { suspects } = JSON.parse(result.out) as { suspects: Array<Record<string, unknown>> };
    expect(
      suspects.some((suspect) =>
        (suspect.reasons as string[]).includes('the imported predictions say ORG'),
      ),
    ).toBe(true);
  });

  it('reads Prodigy predictions by their "spans" and prints the converter warnings', async () => {
    const root = quintCorpus();
    const text = 'Yesterday Dara flew to Riga for deals .';
    const spans = [
      { start: 10, end: 14, label: 'PER' },
      { start: 23, end: 27, label: 'ORG' },
    ];
    const predictions = tempCorpus({
      'tagger.jsonl': [
        { text, spans, answer: 'accept' },
        { text: 'Ana', spans: [], answer: 'reject' },
      ]
        .map((task) => `${JSON.stringify(task)}\n`)
        .join(''),
    });
    const result = await runCli(['suspects', '--json', '--predictions', predictions, root]);
    const { suspects } = JSON.parse(result.out) as { suspects: Array<Record<string, unknown>> };
    const riga = suspects.find((suspect) =>
      (suspect.reasons as string[]).includes('the imported predictions say ORG'),
    );
    expect(riga).toMatchObject({ text: 'Riga', kind: 'wrong-label', label: 'LOC' });
    expect(result.err).not.toContain('matched no line');
    expect(result.err).toContain(
      `${path.join(predictions, 'tagger.jsonl')}:2: warning: answer "reject": ` +
        'the task and its 0 spans are left out (only accepted tasks are annotations)\n',
    );
  });

  it('refuses a malformed predictions file in one line naming the file and its line', async () => {
    const root = quintCorpus();
    const predictions = tempCorpus({
      'tagger.jsonl': '{"text": "Riga", "label": []}\n{"text": "Oslo", "token_probabilities": 3}\n',
    });
    const result = await runCli(['suspects', '--predictions', predictions, root]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `emend suspects: ${path.join(predictions, 'tagger.jsonl')}: line 2: "token_probabilities" must be a list of {tag: probability} objects, one per token\n`,
    );
    expect(result.out).toBe('');
  });

  it('refuses token probabilities whose count is not the record text’s token count, naming the line and both counts', async () => {
    const root = quintCorpus();
    const predictions = tempCorpus({
      'tagger.jsonl': `{"text": "Riga", "label": []}\n${JSON.stringify({
        text: 'Ann met Bob in Riga .',
        label: [],
        token_probabilities: [{ O: 1 }, { 'B-PER': 1 }, { O: 1 }, { O: 1 }],
      })}\n`,
    });
    const result = await runCli(['suspects', '--predictions', predictions, root]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `emend suspects: ${path.join(predictions, 'tagger.jsonl')}: line 2: "token_probabilities" has 4 objects but "text" has 6 whitespace tokens: give one object per token\n`,
    );
    expect(result.out).toBe('');
  });

  it('shows progress on a terminal and refuses bad flags with exit 2', async () => {
    const root = quintCorpus();
    const { io, progressLines } = terminalIO();
    expect(await main(['suspects', root], io)).toBe(1);
    expect(progressLines[0]).toMatch(/^suspects: \d+% /u);
    expect(progressLines.at(-1)).toBe('');
    const bad = await runCli(['suspects', '--folds', '1', root]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--folds must be a whole number from 2 to 20');
  });

  it("prints an extent fix's from and to in code points, as the plain text counts them", async () => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 12; d++) {
      const lines = [0, 1, 2].map(
        (k) =>
          `Yesterday [PER ${PEOPLE[(d + k) % 6]}  ] flew to [LOC Pristina Airport  ] for ${PURPOSES[d]} .`,
      );
      if (d === 7)
        lines.push('😀 Yesterday [PER Ana  ] flew to [LOC Pristina  ] Airport for talks .');
      files[`${String(d).padStart(2, '0')}.txt`] = `${lines.join('\n')}\n`;
    }
    const root = tempCorpus(files);
    const result = await runCli(['suspects', '--json', '--limit', '1', root]);
    const { suspects } = JSON.parse(result.out) as { suspects: Array<Record<string, unknown>> };
    // Three lines of 52, 51 and 51 code points, then "😀 Yesterday Ana flew to " (24; 25 UTF-16 units).
    const plain = [...parse(files['07.txt']).text];
    expect(suspects[0]).toMatchObject({
      path: path.join(root, '07.txt'),
      line: 4,
      column: 33,
      endColumn: 49,
      kind: 'wrong-boundary',
      suggestion: { kind: 'extent', from: 181, to: 197, text: 'Pristina Airport' },
    });
    const { from, to, text } = suspects[0].suggestion as { from: number; to: number; text: string };
    expect(plain.slice(from, to).join('')).toBe(text);
  });

  it('judges each of two entities glued in one token on its own: the wrong one is listed, fixed and quoted', async () => {
    const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Soylent'];
    const files: Record<string, string> = {};
    for (let d = 0; d < 12; d++) {
      const lines = Array.from({ length: 12 }, (_, k) => {
        const place = d === 3 && k === 7 ? '[ORG Oslo  ]' : `[LOC ${PLACES[(d + k) % 6]}  ]`;
        return `The [ORG ${companies[(d + 2 * k) % 6]}  ]/${place} office opened today .`;
      });
      files[`${String(d).padStart(2, '0')}.txt`] = `${lines.join('\n')}\n`;
    }
    const root = tempCorpus(files);
    const result = await runCli(['suspects', root]);
    const glued = path.join(root, '03.txt');
    const column = files['03.txt'].split('\n')[7].indexOf('[ORG Oslo') + 1;
    const onGluedLine = result.out.split('\n').filter((line) => line.startsWith(`${glued}:8:`));
    expect(onGluedLine).toHaveLength(1);
    expect(onGluedLine[0]).toMatch(
      new RegExp(
        `^${glued.replace(/[.\\/]/g, '\\$&')}:8:${column}: wrong-label "Oslo" ORG: relabel as LOC \\(score [01]\\.\\d\\d\\): ` +
          `trained without this document, the model says LOC \\(\\d\\.\\d\\d\\); "Oslo" is LOC in \\d+ other places$`,
        'u',
      ),
    );
    // Per-token probabilities cannot tell the pieces of the glued token apart: its entities are read.
    const text = parse(files['03.txt']).text.split('\n')[7];
    const predictions = tempCorpus({
      'tagger.jsonl': `${JSON.stringify({
        text,
        label: [
          [4, text.indexOf('/'), 'ORG'],
          [text.indexOf('Oslo'), text.indexOf(' office'), 'LOC'],
        ],
        token_probabilities: text.split(' ').map((_, k) => (k === 1 ? { 'B-ORG': 1 } : { O: 1 })),
      })}\n`,
    });
    const withPredictions = await runCli([
      'suspects',
      '--json',
      '--predictions',
      predictions,
      root,
    ]);
    const { suspects } = JSON.parse(withPredictions.out) as {
      suspects: Array<{ path: string; line: number; reasons: string[] }>;
    };
    const oslo = suspects.filter((suspect) => suspect.path === glued && suspect.line === 8);
    expect(oslo).toMatchObject([{ text: 'Oslo', suggestion: { kind: 'relabel', label: 'LOC' } }]);
    expect(oslo[0].reasons).toContain('the imported predictions say LOC');
  });

  it('offers no tag for a piece cut out between two glued entities: no edit could make it', async () => {
    const root = tempCorpus({
      'a.txt': '[ORG Umbrella  ]/[ORG Oslo  ] x\n',
      'b.txt': '[LOC Oslo  ] y\n',
    });
    const result = await runCli(['suspects', '--json', root]);
    const { suspects } = JSON.parse(result.out) as {
      suspects: Array<{ path: string; text: string; suggestion: { kind: string } }>;
    };
    const adds = suspects.filter(({ suggestion }) => suggestion.kind === 'add');
    expect(adds.map(({ path: file, text }) => `${path.basename(file)} ${text}`).sort()).toEqual([
      'a.txt x',
      'b.txt y',
    ]);
    const listed = await runCli(['suspects', root]);
    expect(listed.out).not.toContain('"/"');
  });

  it('ranks one-line documents of thousands of suspects in a small heap, where each held its whole line', async () => {
    // The model trained on the line of entities tags the long line all over: ~7,000 suspects, which
    // held ~170 MB of copies of their lines (a crash dump at 64 MB; gigabytes at 240 KB).
    const words = 'the cat sat on a mat near the river bank'.split(' ');
    const root = tempCorpus({
      'entities.txt': `${Array.from({ length: 1000 }, (_, i) => `[ORG E${i}  ]`).join(' ')}\nplain .\n`,
      'long.txt': Array.from({ length: 6000 }, (_, i) =>
        i % 20 === 0 ? '[LOC Paris  ]' : words[i % words.length],
      ).join(' '),
    });
    const args = ['suspects', '--jobs', '1', '--limit', '1', root];
    const failure = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'bin/emend.js'), ...args],
      { env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' } },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stdout: `${path.join(root, 'entities.txt')}:1:1: not-an-entity "E0" ORG: untag (score 0.99): trained without this sentence, the model says this is not an entity (1.00)\n`,
      stderr: '2 files: 1 suspect\n',
    });
  });

  it('runs as a real process through bin/emend.js and prints --json', async () => {
    const root = quintCorpus();
    const failure = await promisify(execFile)(process.execPath, [
      path.join(repoRoot, 'bin/emend.js'),
      'suspects',
      '--json',
      '--limit',
      '2',
      root,
    ]).catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const { suspects } = JSON.parse((failure as { stdout: string }).stdout) as {
      suspects: Array<Record<string, unknown>>;
    };
    expect(suspects).toHaveLength(2);
    expect(Object.keys(suspects[0])).toEqual([
      'path',
      'line',
      'column',
      'endColumn',
      'text',
      'kind',
      'label',
      'suggestion',
      'score',
      'reasons',
    ]);
    expect(suspects[0]).toMatchObject({
      path: path.join(root, '07.txt'),
      line: 4,
      column: 5,
      endColumn: 18,
      text: 'Quint',
      kind: 'wrong-label',
      label: 'LOC',
      suggestion: { kind: 'relabel', label: 'ORG' },
    });
  });
});
