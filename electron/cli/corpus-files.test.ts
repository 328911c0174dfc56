import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../workspace/file-error';
import { openCorpus } from './corpus-files';
import { tempCorpus, terminalIO } from './testing';

describe('the streaming corpus', () => {
  const root = tempCorpus({
    'a.txt': '[LOC Kosovo  ] .\n',
    'b.txt': new Uint8Array([0x00, 0x01, 0xff]),
    'sub/c.txt': 'plain\n',
  });

  it('lists the documents first, then reads and parses them one at a time, skipping unreadable ones', async () => {
    const corpus = await openCorpus([root]);
    expect(corpus.files.map((file) => file.relative)).toEqual(['a.txt', 'b.txt', 'sub/c.txt']);
    expect(corpus.folders).toBe(true);
    const seen: string[] = [];
    await corpus.forEach(({ relative, doc }) => {
      seen.push(`${relative}: ${doc.entities.length}`);
      expect(corpus.unreadable).toHaveLength(seen.length === 1 ? 0 : 1);
    });
    expect(seen).toEqual(['a.txt: 1', 'sub/c.txt: 0']);
    expect(corpus.unreadable.map((error) => error.path)).toEqual([path.join(root, 'b.txt')]);
  });

  it('throws the FileError of an unreadable file when strict', async () => {
    const corpus = await openCorpus([root]);
    await expect(corpus.forEach(() => {}, { strict: true })).rejects.toThrow(FileError);
  });

  it('shows files done / total and throughput where stderr is a terminal, then clears the line', async () => {
    const { io, progressLines: lines } = terminalIO();
    const corpus = await openCorpus([root], { io, command: 'stats' });
    await corpus.forEach(() => {});
    expect(lines.at(-2)).toMatch(/^stats: 3\/3 files, [\d.]+ MB, [\d.]+ MB\/s$/);
    expect(lines.at(-1)).toBe('');
  });
});
