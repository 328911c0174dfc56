import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const fixtures = path.resolve(import.meta.dirname, '../../shared/convert/fixtures');
const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** `emend import --from FORMAT --out FOLDER INPUT...` as a process. */
const importInto = (from: string, out: string, ...inputs: string[]) =>
  runCli(['import', '--from', from, '--out', out, ...inputs]);

describe('emend import', () => {
  it('imports CoNLL-2003 IOB1 (scheme detected) into one bracket file per input', async () => {
    const out = path.join(tempCorpus({}), 'out');
    const run = await importInto('conll', out, path.join(fixtures, 'conll2003-iob1.conll'));
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `wrote ${path.join(out, 'conll2003-iob1.txt')}: 9 entities (iob1, detected)\n`,
    );
    expect(readFileSync(path.join(out, 'conll2003-iob1.txt'), 'utf8')).toContain(
      'The [ORG European Commission  ] said [LOC India  ] [LOC Pristina  ]'.replace(
        'Pristina',
        'Pakistan',
      ),
    );
    expect(existsSync(path.join(out, '.emend'))).toBe(false); // the default labels: no settings
  });

  it('imports brat and Label Studio with emoji, and export gives the same offsets back', async () => {
    const root = tempCorpus({});
    const out = path.join(root, 'out');
    const brat = await importInto('brat', out, path.join(fixtures, 'emoji-brat.ann'));
    expect(brat.code).toBe(0);
    const ls = await importInto('labelstudio', out, path.join(fixtures, 'emoji-labelstudio.json'));
    expect(ls.code).toBe(0);
    const bracket = readFileSync(path.join(out, 'emoji-brat.txt'), 'utf8');
    expect(readFileSync(path.join(out, 'emoji-labelstudio.txt'), 'utf8')).toBe(bracket);
    const back = await runCli([
      'export',
      '--format',
      'brat',
      '--out',
      path.join(root, 'again'),
      path.join(out, 'emoji-brat.txt'),
    ]);
    expect(back.code).toBe(0);
    expect(readFileSync(path.join(root, 'again/emoji-brat.ann'), 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'emoji-brat.ann'), 'utf8')
        .split('\n')
        .slice(0, 4)
        .join('\n') + '\n',
    );
  });

  it('keeps a byte order mark through brat: the .txt holds it, the .ann counts it as brat does, import gives the same bytes', async () => {
    const source = '\uFEFFHello [PER Ann  ] and\r\n[LOC Paris  ] is big .\r\n';
    const root = tempCorpus({ 'bom.txt': source });
    const exported = await runCli([
      'export',
      '--format',
      'brat',
      '--out',
      path.join(root, 'brat'),
      path.join(root, 'bom.txt'),
    ]);
    expect(exported.code).toBe(0);
    expect(readFileSync(path.join(root, 'brat/bom.txt'), 'utf8')).toBe(
      '\uFEFFHello Ann and\r\nParis is big .\r\n',
    );
    expect(readFileSync(path.join(root, 'brat/bom.ann'), 'utf8')).toBe(
      'T1\tPER 7 10\tAnn\nT2\tLOC 16 21\tParis\n',
    );
    const imported = await importInto(
      'brat',
      path.join(root, 'back'),
      path.join(root, 'brat/bom.ann'),
    );
    expect(imported.code).toBe(0);
    expect(readFileSync(path.join(root, 'back/bom.txt'), 'utf8')).toBe(source);
  });

  it('drops an exact duplicate (same span and label) with a warning naming the one kept; another label on the span stays an overlap', async () => {
    const root = tempCorpus({
      'br.txt': 'Ann met Bob and Cy and Di',
      'br.ann':
        'T1\tPER 0 3\tAnn\nT2\tLOC 8 11\tBob\n#1\tAnnotatorNotes T1\tseen\nT4\tPER 0 3\tAnn\n',
      'd.jsonl':
        '{"text":"Ann met Bob","label":[[0,3,"PER"],[8,11,"PER"]]}\n' +
        '{"text":"Cy met Di","label":[[0,2,"PER"],[0,2,"PER"]]}\n',
      'x.txt': 'Ann met Bob',
      'x.ann': 'T1\tPER 0 3\tAnn\nT2\tORG 0 3\tAnn\n',
    });
    const out = path.join(root, 'out');
    const run = (from: string, file: string) =>
      runCli(['import', '--from', from, '--out', out, path.join(root, file)]);
    const brat = await run('brat', 'br.ann');
    expect(brat.code).toBe(0);
    expect(brat.err).toContain(
      `${path.join(root, 'br.ann')}:4: warning: [PER] "Ann" is given twice: dropped, the one on line 1 kept\n`,
    );
    expect(readFileSync(path.join(out, 'br.txt'), 'utf8')).toBe(
      '[PER Ann  ] met [LOC Bob  ] and Cy and Di',
    );
    const doccano = await run('jsonl', 'd.jsonl');
    expect(doccano.code).toBe(0);
    expect(doccano.err).toContain(
      `${path.join(root, 'd.jsonl')}:2: warning: [PER] "Cy" is given twice: dropped, the one on line 2 kept\n`,
    );
    expect(readFileSync(path.join(out, 'd.txt'), 'utf8')).toBe(
      '[PER Ann  ] met [PER Bob  ]\n\n[PER Cy  ] met Di\n',
    );
    const relabeled = await run('brat', 'x.ann');
    expect(relabeled.code).toBe(2);
    expect(relabeled.err).toContain(`${path.join(root, 'x.ann')}:2: error: spans overlap`);
  });

  it('warns of a file from which nothing is read: empty, or comments only', async () => {
    const root = tempCorpus({ 'empty.conll': '', 'notes.conll': '# text = nothing\n\n' });
    const out = path.join(root, 'out');
    for (const name of ['empty.conll', 'notes.conll']) {
      const run = await importInto('conll', out, path.join(root, name));
      expect(run.code).toBe(0);
      expect(run.err).toContain(
        `${path.join(root, name)}:1: warning: no text was read from it: the file written is empty\n`,
      );
    }
  });

  it('reads a brat .ann that opens with a byte order mark, its first entity included', async () => {
    const root = tempCorpus({
      'a.txt': 'Bob met Ann',
      'a.ann': '\uFEFFT1\tPER 0 3\tBob\nT2\tPER 8 11\tAnn\n',
    });
    const out = path.join(root, 'out');
    const run = await importInto('brat', out, path.join(root, 'a.ann'));
    expect(run.err).toBe(`wrote ${path.join(out, 'a.txt')}: 2 entities\n`);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('[PER Bob  ] met [PER Ann  ]');
  });

  it('imports a brat pair once when both its files are named (as a glob names them)', async () => {
    const root = tempCorpus({
      'a.txt': 'Bob met Ann',
      'a.ann': 'T1\tPER 0 3\tBob\n#1\tAnnotatorNotes T1\tseen\n',
      'b.txt': 'Cy',
      'b.ann': '',
    });
    const out = path.join(root, 'out');
    const files = ['a.ann', 'a.txt', 'b.ann', 'b.txt'].map((name) => path.join(root, name));
    const run = await importInto('brat', out, ...files);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `${path.join(root, 'a.ann')}:2: warning: 1 annotation line(s) other than text-bound entities (T) skipped\n` +
        `wrote ${path.join(out, 'a.txt')}: 1 entity\nwrote ${path.join(out, 'b.txt')}: 0 entities\n`,
    );
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('[PER Bob  ] met Ann');
  });

  it('reports bad input with file and line, exit 2, and writes nothing at all', async () => {
    const out = path.join(tempCorpus({}), 'out');
    const good = path.join(fixtures, 'emoji.jsonl');
    for (const [file, from, message] of [
      [
        'bad-offsets.jsonl',
        'jsonl',
        ':2: error: span 1: offsets [0, 9] are outside the text (4 code points)',
      ],
      ['overlapping.jsonl', 'jsonl', ':1: error: spans overlap'],
      ['bad-columns.conll', 'conll', ":5: error: 3 columns, but the file's lines have 2"],
    ]) {
      const run = await importInto(from, out, good, path.join(fixtures, file));
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${path.join(fixtures, file)}${message}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('names every problem of a refused file, each at its line, and writes nothing', async () => {
    const root = tempCorpus({
      'a.conll': 'see\tO\n[LOC\tO\nParis\tO\n]\tO\n\nthen\tO\n[PER\tO\nAnn\tO\n]\tO\n',
    });
    const file = path.join(root, 'a.conll');
    const run = await runCli(['import', '--from', 'conll', '--out', path.join(root, 'out'), file]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file}:2: error: the text holds brackets`);
    expect(run.err).toContain(`${file}:7: error: the text holds brackets`);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('warns, naming the line, of a tab-separated token holding a space: the bracket file has it as more tokens', async () => {
    const root = tempCorpus({
      'sp.conll': 'New York\tB-LOC\nis\tO\nbig\tO\n\nLos  Angeles\tB-LOC\nSan Jose\tB-LOC\n',
    });
    const file = path.join(root, 'sp.conll');
    const out = path.join(root, 'out');
    const run = await runCli(['import', '--from', 'conll', '--out', out, file]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `${file}:1: warning: the token "New York" holds a space: the bracket file has it as 2 tokens, so exported again its sentence has 1 more token and data aligned to the tokens no longer lines up; write it without spaces to keep it one token (and 2 more tokens like it)\n` +
        `wrote ${path.join(out, 'sp.txt')}: 3 entities (iob2, detected)\n`,
    );
    expect(readFileSync(path.join(out, 'sp.txt'), 'utf8')).toBe(
      '[LOC New York  ] is big\n[LOC Los  Angeles  ] [LOC San Jose  ]\n',
    );
  });

  it('warns, naming the line, of a token holding HTML markup (not a space): the bracket file cuts it at the tag', async () => {
    const root = tempCorpus({
      'tag.conll': 'see\tO\nfoo<br>bar\tB-PER\nhi\tO\n\nNew York\tB-LOC\nx</b>\tO\n',
    });
    const file = path.join(root, 'tag.conll');
    const out = path.join(root, 'out');
    const run = await runCli(['import', '--from', 'conll', '--out', out, file]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `${file}:2: warning: the token "foo<br>bar" holds HTML markup: the bracket file cuts it where a tag starts and ends, into 3 tokens, so exported again its sentence has 2 more tokens and data aligned to the tokens no longer lines up; write it without the tag to keep it one token (and 1 more token like it)\n` +
        `${file}:5: warning: the token "New York" holds a space: the bracket file has it as 2 tokens, so exported again its sentence has 1 more token and data aligned to the tokens no longer lines up; write it without spaces to keep it one token\n` +
        `wrote ${path.join(out, 'tag.txt')}: 2 entities (iob2, detected)\n`,
    );
  });

  it('keeps placeholder tokens (<unk>, <user>) inside and at the edges of entities: CoNLL imported and exported again has the same tags', async () => {
    const conll =
      'John\tB-PER\n<unk>\tI-PER\nsaid\tO\n<user>\tB-PER\nhi\tO\n\n' +
      '<unk>\tB-ORG\nBank\tI-ORG\n<url>\tO\nof\tO\n<unk>\tB-LOC\n<num>\tI-LOC\nCity\tI-LOC\n\n';
    const root = tempCorpus({ 'unk.conll': conll });
    const out = path.join(root, 'out');
    const imported = await importInto('conll', out, path.join(root, 'unk.conll'));
    expect(imported.err).toBe(`wrote ${path.join(out, 'unk.txt')}: 4 entities (iob2, detected)\n`);
    const exported = await runCli([
      'export',
      '--format',
      'conll',
      '--scheme',
      'iob2',
      path.join(out, 'unk.txt'),
    ]);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out).toBe(conll);
  });

  it('reads each line of a refused file with the whole file’s close style: a literal [Haters … ] is not named', async () => {
    const root = tempCorpus({
      'a.conll':
        'see\tO\n[LOC\tO\nParis\tO\n]\tO\nAnn\tB-PER\n\n[Haters\tO\nu\tO\n]\tO\n\nthen\tO\nBob\tB-PER\n',
    });
    const file = path.join(root, 'a.conll');
    const run = await runCli(['import', '--from', 'conll', '--out', path.join(root, 'out'), file]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file}:2: error: the text holds brackets`);
    expect(run.err).not.toContain(`${file}:7:`);
  });

  it.skipIf(!existsSync(path.join(corpus, 'wnut17-train.bio')))(
    'imports WNUT-17 train, its literal `[Haters … ]` tokens as text, into its bracket file (skipped without ../shared)',
    async () => {
      const out = path.join(tempCorpus({}), 'out');
      const run = await importInto('conll', out, path.join(corpus, 'wnut17-train.bio'));
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(out, 'wnut17-train.txt'), 'utf8')).toBe(
        readFileSync(path.join(corpus, 'wnut17-train.brackets.txt'), 'utf8'),
      );
    },
  );

  it('reads doccano "entities", leaves out rejected Prodigy tasks and warns of Label Studio predictions', async () => {
    const root = tempCorpus({
      'd.jsonl':
        '{"id":1,"text":"EU rejects German call","entities":[{"id":1,"label":"ORG","start_offset":0,"end_offset":2}],"relations":[]}\n',
      'p.jsonl':
        '{"text":"Bob met Cy","spans":[{"start":0,"end":3,"label":"ORG"}],"answer":"reject"}\n' +
        '{"text":"Ann met Cy","spans":[{"start":0,"end":3,"label":"PER"}],"answer":"accept"}\n',
      'ls.json':
        '[{"data":{"text":"Ann met Bob"},"annotations":[],"predictions":[{"result":[{"from_name":"label",' +
        '"to_name":"text","type":"labels","value":{"start":0,"end":3,"text":"Ann","labels":["PER"]}}]}]}]\n',
    });
    const run = (from: string, file: string) =>
      runCli(['import', '--from', from, '--out', path.join(root, 'out'), path.join(root, file)]);
    const doccano = await run('jsonl', 'd.jsonl');
    expect(doccano).toMatchObject({
      code: 0,
      err: `wrote ${path.join(root, 'out/d.txt')}: 1 entity\n`,
    });
    expect(readFileSync(path.join(root, 'out/d.txt'), 'utf8')).toBe(
      '[ORG EU  ] rejects German call\n',
    );
    const prodigy = await run('prodigy', 'p.jsonl');
    expect(prodigy.code).toBe(0);
    expect(prodigy.err).toBe(
      `${path.join(root, 'p.jsonl')}:1: warning: answer "reject": the task and its 1 span are left out (only accepted tasks are annotations)\n` +
        `wrote ${path.join(root, 'out/p.txt')}: 1 entity\n`,
    );
    expect(readFileSync(path.join(root, 'out/p.txt'), 'utf8')).toBe('[PER Ann  ] met Cy\n');
    const labelStudio = await run('labelstudio', 'ls.json');
    expect(labelStudio.code).toBe(0);
    expect(labelStudio.err).toBe(
      `${path.join(root, 'ls.json')}:1: warning: task 1 has no annotations, only predictions (not imported): its text is written without entities\n` +
        `wrote ${path.join(root, 'out/ls.txt')}: 0 entities\n`,
    );
  });

  it('rejects a missing --out or format', async () => {
    expect((await runCli(['import', '--from', 'conll', 'x.conll'])).err).toContain(
      '--out DIR is required',
    );
    expect((await runCli(['import', '--from', 'xml', '--out', 'o', 'x'])).code).toBe(2);
  });
  /** A WNUT-17-like CoNLL file (4 columns, IOB1): six labels of its own, person used again later. */
  const wnutLike =
    '-DOCSTART- -X- -X- O\n\n' +
    'Ann NNP B-NP I-person\nin IN B-PP O\nParis NNP B-NP I-location\nat IN B-PP O\nAcme NNP B-NP I-corporation\n\n' +
    'my PRP B-NP O\niPhone NN I-NP I-product\nplays VBZ B-VP O\nJaws NNP B-NP I-creative-work\n\n' +
    'the DT B-NP O\nBeatles NNPS I-NP I-group\nand CC O O\nBob NNP B-NP I-person\n';
  const wnutLabels = 'person, location, corporation, product, creative-work, group';
  const wnutFlag = wnutLabels.replaceAll(', ', ',');
  const settingsOf = (folder: string) => path.join(folder, '.emend', 'settings.json');

  it('writes the labels the documents use, in order of first use, as settings of a folder that has none, so validate knows them', async () => {
    const root = tempCorpus({ 'news.conll': wnutLike });
    const out = path.join(root, 'ann');
    const run = await importInto('conll', out, path.join(root, 'news.conll'));
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `wrote ${path.join(out, 'news.txt')}: 7 entities (iob1, detected)\n` +
        `wrote ${settingsOf(out)}: labels ${wnutLabels}\n`,
    );
    expect(JSON.parse(readFileSync(settingsOf(out), 'utf8'))).toEqual({
      labels: [
        { name: 'person', color: '#0072B2', key: '1' },
        { name: 'location', color: '#E69F00', key: '2' },
        { name: 'corporation', color: '#009E73', key: '3' },
        { name: 'product', color: '#CC79A7', key: '4' },
        { name: 'creative-work', color: '#56B4E9', key: '5' },
        { name: 'group', color: '#D55E00', key: '6' },
      ],
    });
    const validate = await runCli(['validate', out]);
    expect(validate.code).toBe(0);
    expect(validate.out + validate.err).not.toContain('unknown');
  });

  it('leaves settings a folder has as they are, and warns of the imported labels they lack and how to add them', async () => {
    const settings =
      '{"labels":[{"name":"person","color":"#0072B2","key":"p"},{"name":"group","color":"#E69F00","key":"g"}]}\n';
    const root = tempCorpus({ 'news.conll': wnutLike, 'proj/.emend/settings.json': settings });
    const out = path.join(root, 'proj', 'ann');
    const run = await importInto('conll', out, path.join(root, 'news.conll'));
    expect(run.code).toBe(0);
    expect(readFileSync(settingsOf(path.join(root, 'proj')), 'utf8')).toBe(settings);
    expect(existsSync(path.join(out, '.emend'))).toBe(false);
    expect(run.err).toContain(
      `${settingsOf(path.join(root, 'proj'))}: warning: has no label location, corporation, product, creative-work: add them in the editor's Labels panel, or to its "labels" (see Corpus settings in the README)\n`,
    );
  });

  it('names a label the settings spell in another case as theirs, not as one to add (a label set holds no case twins)', async () => {
    const settings =
      '{"labels":[{"name":"PERSON","color":"#0072B2","key":"p"},{"name":"group","color":"#E69F00","key":"g"}]}\n';
    const root = tempCorpus({ 'news.conll': wnutLike, 'proj/.emend/settings.json': settings });
    const run = await importInto(
      'conll',
      path.join(root, 'proj', 'ann'),
      path.join(root, 'news.conll'),
    );
    expect(run.code).toBe(0);
    const file = settingsOf(path.join(root, 'proj'));
    expect(run.err).toContain(
      `${file}: warning: has PERSON, not person: the documents keep person as imported; validate warns that it is not in the label set, and the editor's fix relabels it as PERSON\n`,
    );
    expect(run.err).toContain(
      `${file}: warning: has no label location, corporation, product, creative-work: add them`,
    );
    expect(run.err).not.toMatch(/has no label person/);
  });

  it('writes no settings through a .emend that is a symbolic link, nor into a read-only one, and says how to declare the labels', async () => {
    const root = tempCorpus({ 'news.conll': wnutLike });
    const elsewhere = path.join(root, 'elsewhere');
    mkdirSync(elsewhere);
    const linked = path.join(root, 'linked');
    mkdirSync(linked);
    symlinkSync(elsewhere, path.join(linked, '.emend'));
    const run = await importInto('conll', linked, path.join(root, 'news.conll'));
    expect(run.code).toBe(0);
    expect(existsSync(path.join(elsewhere, 'settings.json'))).toBe(false);
    expect(run.err).toContain(
      `${path.join(linked, '.emend')}: warning: is a symbolic link: no label settings are written through it; pass --labels ${wnutFlag} to the commands that read the corpus\n`,
    );
    const readOnly = path.join(root, 'read-only');
    mkdirSync(path.join(readOnly, '.emend'), { recursive: true });
    chmodSync(path.join(readOnly, '.emend'), 0o555);
    const refused = await importInto('conll', readOnly, path.join(root, 'news.conll'));
    chmodSync(path.join(readOnly, '.emend'), 0o755);
    expect(refused.code).toBe(0);
    expect(existsSync(settingsOf(readOnly))).toBe(false);
    expect(refused.err).toContain(
      `${path.join(readOnly, '.emend')}: warning: is read-only: no label settings are written into it; make it writable and import again, or pass --labels ${wnutFlag} to the commands that read the corpus\n`,
    );
  });

  it('keeps the first spelling of labels differing only in case (per, PER), as a label set holds one, and warns where the other is used', async () => {
    const root = tempCorpus({ 'twin.conll': 'John\tB-per\n\nParis\tB-PER\nRome\tB-PER\n' });
    const out = path.join(root, 'twin');
    const run = await importInto('conll', out, path.join(root, 'twin.conll'));
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `${path.join(out, 'twin.txt')}:2: warning: label PER differs only in case from per, used first: the labels imported keep per, and validate warns that PER is not in the label set (the editor's fix relabels it as per)\n` +
        `wrote ${path.join(out, 'twin.txt')}: 3 entities (iob2, detected)\n` +
        `wrote ${settingsOf(out)}: labels per\n`,
    );
    expect(readFileSync(path.join(out, 'twin.txt'), 'utf8')).toBe(
      '[per John  ]\n[PER Paris  ] [PER Rome  ]\n',
    );
    const validate = await runCli(['validate', out]);
    expect(validate.out).toContain(
      `${path.join(out, 'twin.txt')}:2:1: warning unknown-label: label PER is not in the label set (per)`,
    );
  });

  it('writes the documents but no settings where .emend is a file or its settings.json a link, and says how to declare the labels', async () => {
    const root = tempCorpus({ 'news.conll': wnutLike, 'fil/.emend': 'x\n' });
    const fil = path.join(root, 'fil');
    const run = await importInto('conll', fil, path.join(root, 'news.conll'));
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(fil, 'news.txt'), 'utf8')).toContain('[person Ann  ]');
    expect(readFileSync(path.join(fil, '.emend'), 'utf8')).toBe('x\n');
    expect(run.err).toContain(
      `${path.join(fil, '.emend')}: warning: is not a folder: no label settings are written into it; pass --labels ${wnutFlag} to the commands that read the corpus\n`,
    );
    const linked = path.join(root, 'linked');
    mkdirSync(path.join(linked, '.emend'), { recursive: true });
    symlinkSync(path.join(root, 'nowhere.json'), settingsOf(linked));
    const through = await importInto('conll', linked, path.join(root, 'news.conll'));
    expect(through.code).toBe(0);
    expect(existsSync(path.join(linked, 'news.txt'))).toBe(true);
    expect(existsSync(path.join(root, 'nowhere.json'))).toBe(false);
    expect(through.err).toContain(
      `${settingsOf(linked)}: warning: is a symbolic link: no label settings are written through it; pass --labels ${wnutFlag} to the commands that read the corpus\n`,
    );
  });
});
