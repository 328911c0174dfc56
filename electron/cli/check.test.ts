import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, tempCorpus } from './testing';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repoRoot, 'shared/corpus/fixtures/consistency');

/** A temp copy of the fixture corpus with the planted conflict, miss and boundaries. */
function plantedCorpus(): string {
  const root = tempCorpus({});
  cpSync(fixtures, root, { recursive: true });
  return root;
}

describe('emend check', () => {
  it('prints one finding per line, grouped by kind, with file:line:column; exit 1', async () => {
    const root = plantedCorpus();
    const at = (name: string) => path.join(root, name);
    const result = await runCli(['check', root]);
    expect(result.out).toBe(
      `${at('a.txt')}:1:5: label-conflict "Quint": tagged PER 1, ORG 2; to relabel ${at('a.txt')}:1:5 PER\n` +
        `${at('b.txt')}:1:38: possible-miss "KFOR": tagged ORG 1, untagged 1 time; untagged at ${at('b.txt')}:1:38\n` +
        `${at('a.txt')}:2:1: boundary "DECL:": entity ends with glued punctuation; untag; at ${at('a.txt')}:2:1\n` +
        `${at('c.txt')}:1:24: boundary "Pristina": usually part of "Pristina Airport" (tagged LOC 3); at ${at('c.txt')}:1:24\n` +
        `${at('c.txt')}:1:74: boundary "\\" Kosovo Times": entity starts with a punctuation token; trim to "Kosovo Times"; at ${at('c.txt')}:1:74\n`,
    );
    expect(result.err).toBe('3 files: 1 label conflict, 1 possible miss, 3 boundaries\n');
    expect(result.code).toBe(1);
  });

  it('--json gives kind, text, labels and every occurrence, untagged ones with label null', async () => {
    const root = plantedCorpus();
    const result = await runCli(['check', '--json', root]);
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.out) as { findings: Array<Record<string, unknown>> };
    expect(findings.map((finding) => finding.kind)).toEqual([
      'label-conflict',
      'possible-miss',
      'boundary',
      'boundary',
      'boundary',
    ]);
    expect(findings[0]).toEqual({
      kind: 'label-conflict',
      text: 'Quint',
      labels: { PER: 1, ORG: 2 },
      occurrences: [
        { path: path.join(root, 'a.txt'), line: 1, column: 5, label: 'PER' },
        { path: path.join(root, 'b.txt'), line: 1, column: 20, label: 'ORG' },
        { path: path.join(root, 'c.txt'), line: 1, column: 5, label: 'ORG' },
      ],
    });
    expect(findings[1]).toEqual({
      kind: 'possible-miss',
      text: 'KFOR',
      labels: { ORG: 1 },
      occurrences: [
        { path: path.join(root, 'a.txt'), line: 1, column: 48, label: 'ORG' },
        { path: path.join(root, 'b.txt'), line: 1, column: 38, label: null },
      ],
    });
  });

  it('exits 0 with nothing to report on a consistent corpus', async () => {
    const root = tempCorpus({
      'a.txt': '[ORG KFOR  ] and [LOC Pristina  ] .\n',
      'b.txt': '[ORG KFOR  ] .\n',
    });
    expect(await runCli(['check', root])).toEqual({
      code: 0,
      out: '',
      err: '2 files: 0 label conflicts, 0 possible misses, 0 boundaries\n',
    });
    expect(await runCli(['check', '--json', root])).toMatchObject({
      code: 0,
      out: '{"findings":[]}\n',
    });
  });

  it('exits 2 with one line for unreadable input or bad flags', async () => {
    const root = tempCorpus({ 'bad.txt': new Uint8Array([0xff, 0x41, 0x41]) });
    expect(await runCli(['check', root])).toMatchObject({
      code: 2,
      err: `emend check: ${path.join(root, 'bad.txt')}: not valid UTF-8 (line 1, byte 1 of the file)\n`,
    });
    expect((await runCli(['check', '--nope', root])).code).toBe(2);
    expect((await runCli(['check'])).err).toContain('no PATH given');
  });

  it('runs as a real process through bin/emend.js', async () => {
    const root = plantedCorpus();
    const failure = await promisify(execFile)(process.execPath, [
      path.join(repoRoot, 'bin/emend.js'),
      'check',
      '--json',
      root,
    ]).catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(JSON.parse((failure as { stdout: string }).stdout).findings).toHaveLength(5);
  });
});
