import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zip, ZipWriter } from './zip';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes an archive unzip tests clean and extracts byte for byte, UTF-8 names included', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'emend-zip-'));
    const entries = [
      { name: 'news/Zoë.conll', content: 'Zoë\tB-PER\n😀\tO\n\n' },
      { name: 'a.txt', content: new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a]) },
      { name: 'empty.txt', content: '' },
    ];
    const archive = path.join(folder, 'export.zip');
    writeFileSync(archive, zip(entries));
    expect(execFileSync('unzip', ['-t', archive], { encoding: 'utf8' })).toContain(
      'No errors detected',
    );
    execFileSync('unzip', ['-q', archive, '-d', path.join(folder, 'out')]);
    expect(readFileSync(path.join(folder, 'out/news/Zoë.conll'), 'utf8')).toBe(entries[0].content);
    expect([...readFileSync(path.join(folder, 'out/a.txt'))]).toEqual([
      ...(entries[1].content as Uint8Array),
    ]);
    expect(readFileSync(path.join(folder, 'out/empty.txt'), 'utf8')).toBe('');
  });

  it('writes no backslash in a name, which extractors on Windows read as a folder (..\\..\\evil)', () => {
    const archive = Buffer.from(zip([{ name: 'news/..\\..\\evil.conll', content: 'x' }]));
    expect(archive.includes('\\')).toBe(false);
    expect(archive.includes('news/..\uff3c..\uff3cevil.conll')).toBe(true);
  });

  it('is the same bytes for the same files (no clock inside)', () => {
    const entries = [{ name: 'a.txt', content: 'x' }];
    expect(zip(entries)).toEqual(zip(entries));
  });

  it('streams: each entry is handed out whole before the next is added, and the bytes are those of zip', () => {
    const entries = [
      { name: 'one.txt', content: 'first document\n' },
      { name: 'two/Zoë.txt', content: '😀 second\n' },
    ];
    const chunks: Uint8Array[] = [];
    const writer = new ZipWriter((bytes) => chunks.push(bytes));
    writer.add(entries[0]);
    const afterFirst = Buffer.concat(chunks);
    expect(afterFirst.includes('first document\n')).toBe(true);
    writer.add(entries[1]);
    writer.finish();
    const streamed = Buffer.concat(chunks);
    expect(streamed.subarray(0, afterFirst.length)).toEqual(afterFirst);
    expect(new Uint8Array(streamed)).toEqual(zip(entries));
  });
});
