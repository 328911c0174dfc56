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
      out: '{"findings":[],"unreadable":[]}\n',
    });
  });

  it('reports on the readable files, then lists every unreadable one, on stderr and in --json; exit 2', async () => {
    const root = tempCorpus({
      'a.txt': '[ORG KFOR  ] came .\n',
      'bin.txt': 'x\u0000y\n',
      'b.txt': 'KFOR left .\n',
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const at = (name: string) => path.join(root, name);
    const unreadable =
      'emend check: 2 paths could not be read:\n' +
      `  ${at('bin.txt')}: binary file (NUL byte on line 1), not a text document\n` +
      `  ${at('latin1.txt')}: not valid UTF-8 (line 1, byte 4 of the file)\n`;
    expect(await runCli(['check', root])).toEqual({
      code: 2,
      out: `${at('b.txt')}:1:1: possible-miss "KFOR": tagged ORG 1, untagged 1 time; untagged at ${at('b.txt')}:1:1\n`,
      err: `2 files: 0 label conflicts, 1 possible miss, 0 boundaries\n${unreadable}`,
    });
    const json = await runCli(['check', '--json', root]);
    expect(json.code).toBe(2);
    expect(json.err).toBe(unreadable);
    const { findings, unreadable: listed } = JSON.parse(json.out) as {
      findings: Array<{ kind: string }>;
      unreadable: unknown;
    };
    expect(findings.map((finding) => finding.kind)).toEqual(['possible-miss']);
    expect(listed).toEqual([
      { path: at('bin.txt'), reason: 'binary file (NUL byte on line 1), not a text document' },
      { path: at('latin1.txt'), reason: 'not valid UTF-8 (line 1, byte 4 of the file)' },
    ]);
  });

  it('exits 2 for a missing path, listing it, and for bad flags', async () => {
    const root = tempCorpus({ 'a.txt': '[ORG KFOR  ] .\n' });
    const missing = path.join(root, 'gone');
    const result = await runCli(['check', '--json', missing, root]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      findings: [],
      unreadable: [{ path: missing, reason: 'no such file or folder' }],
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
