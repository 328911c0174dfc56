import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError } from './file-error';
import { readDocument, readDocumentWithBytes, readInto } from './read-document';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'emend-read-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function fileOf(bytes: Uint8Array | string, name = 'doc.txt'): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, bytes);
  return file;
}

const failure = (reading: Promise<unknown>) =>
  reading.then(
    () => null,
    (error: unknown) => (error instanceof FileError ? error.reason : error),
  );

describe('reading a document', () => {
  it('gives the text as the file holds it, a byte order mark kept', async () => {
    const text = '\uFEFF[PER Zoë  ] in Zürich 🙂\r\nline two';
    expect(await readDocument(await fileOf(text))).toBe(text);
  });

  it('reads what the bytes-keeping read reads, or refuses as it does, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const file = await fileOf(bytes, 'any.bin');
        const kept = await readDocumentWithBytes(file).then(
          ({ text }) => text,
          (error: FileError) => error.reason,
        );
        expect(await readDocument(file).catch((error: FileError) => error.reason)).toBe(kept);
      }),
      { numRuns: 300 },
    );
  });

  it('names the line of a byte that is not UTF-8, a NUL, UTF-16 and what is not a file', async () => {
    expect(await failure(readDocument(await fileOf(Buffer.from('a\nb\n\xff', 'latin1'))))).toBe(
      'not valid UTF-8 (line 3, byte 5 of the file)',
    );
    expect(await failure(readDocument(await fileOf('one\ntwo\0')))).toBe(
      'binary file (NUL byte on line 2), not a text document',
    );
    expect(await failure(readDocument(await fileOf(Buffer.from('\xff\xfea\0', 'latin1'))))).toBe(
      'UTF-16 text (little-endian), not UTF-8: save it as UTF-8',
    );
    expect(await failure(readDocument(await fileOf(Buffer.from('no mark', 'utf16le'))))).toBe(
      'UTF-16 text (little-endian), not UTF-8: save it as UTF-8',
    );
    expect(await failure(readDocument(folder))).toBe('is a folder, not a file');
    expect(await failure(readDocument(await fileOf('0123456789'), 4))).toMatch(/^too large/);
  });

  it('reads a file that grew or shrank after its size was taken whole, and nothing more', async () => {
    const file = await fileOf('0123456789');
    expect(Buffer.from(await readInto(file, new Uint8Array(4))).toString()).toBe('0123456789');
    const larger = new Uint8Array(16).fill(0x78);
    expect(Buffer.from(await readInto(file, larger)).toString()).toBe('0123456789');
  });
});
