import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { serialize } from '../format/serialize';
import { applyTransaction } from '../model/operations';
import type { BracketDocument } from '../format/document';
import { planApplyToAll } from './apply-to-all';
import { ConsistencyCheck, fixChoices, type Finding } from './consistency';

const folder = path.join(import.meta.dirname, 'fixtures/consistency');

function fixtureCorpus(): Map<string, BracketDocument> {
  const docs = new Map<string, BracketDocument>();
  for (const name of readdirSync(folder).sort()) {
    docs.set(name, parse(readFileSync(path.join(folder, name), 'utf8')));
  }
  return docs;
}

function check(docs: Map<string, BracketDocument>): Finding[] {
  const consistency = new ConsistencyCheck();
  for (const [name, doc] of docs) consistency.add(name, doc);
  return consistency.findings();
}

/** Applies a finding's fix (or the fix given) to the corpus, every target ticked. */
function applyFix(docs: Map<string, BracketDocument>, finding: Finding, fix = finding.fix): void {
  for (const [name, doc] of docs) {
    const targets = fix.targets.filter((hit) => hit.path === name);
    const { tx, skipped } = planApplyToAll(doc, targets, fix.action);
    expect(skipped).toEqual([]);
    if (tx) docs.set(name, applyTransaction(doc, tx).doc);
  }
}

const summary = (findings: Finding[]) =>
  findings.map(({ kind, text, labels, message }) => ({ kind, text, labels, message }));

describe('consistency report', () => {
  it('finds the planted conflict, miss and boundaries, in kind then corpus order', () => {
    expect(summary(check(fixtureCorpus()))).toEqual([
      {
        kind: 'label-conflict',
        text: 'Quint',
        labels: { PER: 1, ORG: 2 },
        message: 'tagged PER 1, ORG 2',
      },
      {
        kind: 'possible-miss',
        text: 'KFOR',
        labels: { ORG: 1 },
        message: 'tagged ORG 1, untagged 1 time',
      },
      {
        kind: 'boundary',
        text: 'DECL:',
        labels: { LOC: 1 },
        message: 'entity ends with glued punctuation; untag',
      },
      {
        kind: 'boundary',
        text: 'Pristina',
        labels: { LOC: 1 },
        message: 'usually part of "Pristina Airport" (tagged LOC 3)',
      },
      {
        kind: 'boundary',
        text: '" Kosovo Times',
        labels: { MISC: 1 },
        message: 'entity starts with a punctuation token; trim to "Kosovo Times"',
      },
    ]);
  });

  it('offers a fix per label seen, most frequent first; the minority one fixes the conflict too', () => {
    const docs = fixtureCorpus();
    const [conflict, miss] = check(docs);
    const choices = fixChoices(conflict);
    expect(
      choices.map(({ action, targets }) => ({ action, paths: targets.map((hit) => hit.path) })),
    ).toEqual([
      { action: { kind: 'relabel', label: 'ORG' }, paths: ['a.txt'] },
      { action: { kind: 'relabel', label: 'PER' }, paths: ['b.txt', 'c.txt'] },
      // The form may be no entity at all: untagging every tagged occurrence is offered last.
      { action: { kind: 'untag' }, paths: ['a.txt', 'b.txt', 'c.txt'] },
    ]);
    expect(fixChoices(miss)).toEqual([
      miss.fix,
      { action: { kind: 'untag' }, targets: miss.occurrences.filter((hit) => hit.label) },
    ]);
    applyFix(docs, conflict, choices[1]);
    const after = check(docs);
    expect(after.find((finding) => finding.kind === 'label-conflict')).toBeUndefined();
    expect(after.find((finding) => finding.text === 'Quint')).toBeUndefined();
  });

  it('offers first to untag a form tagged in few of its occurrences: the tags are likelier the error', () => {
    const docs = new Map<string, BracketDocument>();
    docs.set('a.txt', parse('Ask [LOC the  ] man .\n'));
    for (const name of ['b', 'c', 'd', 'e', 'f'])
      docs.set(`${name}.txt`, parse('Ask the man about the day .\n'));
    const miss = check(docs).find((finding) => finding.text === 'the')!;
    expect(miss.kind).toBe('possible-miss');
    const [first, second] = fixChoices(miss);
    expect(first.action).toEqual({ kind: 'untag' });
    expect(first.targets.map((hit) => hit.path)).toEqual(['a.txt']);
    expect(second.action).toEqual({ kind: 'tag', label: 'LOC' });
    applyFix(docs, miss, first);
    expect(check(docs).find((finding) => finding.text === 'the')).toBeUndefined();
  });

  it('gives each occurrence with file, line, column (markup counted) and label, untagged as null', () => {
    const miss = check(fixtureCorpus()).find((finding) => finding.kind === 'possible-miss')!;
    expect(
      miss.occurrences.map(({ path, line, column, label }) => ({ path, line, column, label })),
    ).toEqual([
      { path: 'a.txt', line: 1, column: 48, label: 'ORG' },
      { path: 'b.txt', line: 1, column: 38, label: null },
    ]);
    expect(miss.fix).toMatchObject({ action: { kind: 'tag', label: 'ORG' } });
    expect(miss.fix.targets.map((hit) => [hit.path, hit.before, hit.text, hit.after])).toEqual([
      ['b.txt', 'Ambassadors of the Quint and ', 'KFOR', ' landed at Pristina Airport .'],
    ]);
  });

  it('each fix, applied to all its targets, makes its finding go away and no new one appear', () => {
    const docs = fixtureCorpus();
    let findings = check(docs);
    const total = findings.length;
    for (let fixed = 1; fixed <= total; fixed++) {
      const [finding] = findings;
      applyFix(docs, finding);
      findings = check(docs);
      expect(findings).toHaveLength(total - fixed);
      expect(summary(findings)).not.toContainEqual(summary([finding])[0]);
    }
    const text = (name: string) =>
      docs
        .get(name)!
        .entities.map((e) => `${e.label}:${docs.get(name)!.text.slice(e.start, e.end)}`);
    expect(text('a.txt')).toEqual(['ORG:Quint', 'LOC:Pristina', 'ORG:KFOR']);
    expect(text('b.txt')).toEqual([
      'ORG:Quint',
      'ORG:KFOR',
      'LOC:Pristina Airport',
      'LOC:Pristina Airport',
    ]);
    expect(text('c.txt')).toEqual([
      'ORG:Quint',
      'LOC:Pristina Airport',
      'MISC:Kosovo Times',
      'LOC:Pristina Airport',
    ]);
  });

  it("counts labels named as an object's own keys (toString, constructor) as any other", () => {
    const consistency = new ConsistencyCheck();
    consistency.add(
      'd.txt',
      parse(
        'Ann [toString Smith  ] met .\nAnn [PER Smith  ] met .\nAnn [PER Smith  ] met .\nAnn [PER Smith  ] met .\n',
      ),
    );
    const [finding] = consistency.findings();
    expect(finding.labels).toEqual({ toString: 1, PER: 3 });
    expect(finding.fix.action).toMatchObject({ kind: 'relabel', label: 'PER' });
    expect(finding.fix.targets.map((hit) => hit.line)).toEqual([1]);
  });

  it('reports nothing for a consistent corpus, and is case-sensitive', () => {
    const consistency = new ConsistencyCheck();
    consistency.add('a.txt', parse('[ORG Apple  ] makes phones ; an apple a day .\n'));
    consistency.add('b.txt', parse('[ORG Apple  ] and [LOC Paris  ] .\n'));
    expect(consistency.findings()).toEqual([]);
  });
});

describe('apply to all', () => {
  it('skips a tag on a line whose markup is broken, with why, and tags the rest', () => {
    const docs = new Map([
      ['a.txt', parse('[LOC Kosovo  ] and Kosovo .\n[LOC Kosovo never closes\n')],
    ]);
    const miss = check(docs).find((finding) => finding.kind === 'possible-miss')!;
    expect(miss.fix.targets.map(({ line }) => line)).toEqual([1, 2]);
    const { tx, skipped } = planApplyToAll(docs.get('a.txt')!, miss.fix.targets, miss.fix.action);
    expect(skipped).toEqual([
      { hit: miss.fix.targets[1], reason: 'its line has broken markup: repair it first' },
    ]);
    expect(serialize(applyTransaction(docs.get('a.txt')!, tx!).doc)).toBe(
      '[LOC Kosovo  ] and [LOC Kosovo  ] .\n[LOC Kosovo never closes\n',
    );
  });
});

describe('apply to all inside an HTML tag', () => {
  it("skips a hit that is a tag's own token, with why", () => {
    const doc = parse("[ORG title  ] and <a title='x'>title</a> .\n");
    const hit = (start: number) => ({
      path: 'a.txt',
      start,
      end: start + 5,
      text: 'title',
      label: null,
      overlaps: false,
      line: 1,
      column: 1,
      before: '',
      after: '',
    });
    const inTag = doc.text.indexOf("title='x'");
    const between = doc.text.indexOf('title</a>');
    const { tx, skipped } = planApplyToAll(doc, [hit(inTag), hit(between)], {
      kind: 'tag',
      label: 'ORG',
    });
    expect(skipped.map(({ reason }) => reason)).toEqual([
      "it is inside the HTML tag <a title='x'>",
    ]);
    expect(serialize(applyTransaction(doc, tx!).doc)).toBe(
      "[ORG title  ] and <a title='x'>[ORG title  ]</a> .\n",
    );
  });
});

describe('inside an HTML tag', () => {
  it('finds no untagged place of a form inside a tag or comment: no entity may be made there', () => {
    const docs = new Map([
      ['a.txt', parse('[ORG KFOR  ] came .\n')],
      ['b.txt', parse('<!-- KFOR --> <span title= KFOR > KFOR left .\n')],
    ]);
    const [miss] = check(docs).filter(({ kind }) => kind === 'possible-miss');
    expect(
      miss.occurrences.filter(({ label }) => label === null).map(({ column }) => column),
    ).toEqual([35]);
  });
});

describe('on one line of two megabytes', () => {
  it('finds each untagged occurrence with its context, and its fix tags them all', () => {
    // 100,000 tokens on one line: "Paris" tagged LOC about 32,000 times and left untagged 2,000 times.
    const words = Array.from({ length: 100_000 }, (_, i) =>
      i % 50 === 7 ? 'Paris' : i % 3 === 0 ? '[LOC Paris  ]' : `w${i}`,
    );
    const docs = new Map([['long.txt', parse(`${words.join(' ')}\n`)]]);
    const miss = check(docs).find((finding) => finding.kind === 'possible-miss')!;
    expect(miss.text).toBe('Paris');
    expect(miss.fix.targets).toHaveLength(2000);
    const plain = words.map((word) => word.replace(/^\[LOC (.*) {2}\]$/, '$1'));
    const start = plain.slice(0, 99_957).join(' ').length + 1;
    const text = plain.join(' ');
    expect(miss.fix.targets[1999]).toMatchObject({
      start,
      column: words.slice(0, 99_957).join(' ').length + 2,
      before: text.slice(start - 40, start),
      after: text.slice(start + 5, start + 45),
    });
    applyFix(docs, miss);
    const tagged = words.filter((word) => word.startsWith('[')).length;
    expect(docs.get('long.txt')!.entities).toHaveLength(tagged + 2000);
  });
});
