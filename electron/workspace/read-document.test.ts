import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError } from './file-error';
import { decodeDocument, readDocument, readDocumentInPieces, readInto } from './read-document';

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

  it('reads what decoding the file bytes gives, or refuses as it does, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const file = await fileOf(bytes, 'any.bin');
        let decoded: string;
        try {
          decoded = decodeDocument(await readFile(file), file);
        } catch (error) {
          decoded = (error as FileError).reason;
        }
        expect(await readDocument(file).catch((error: FileError) => error.reason)).toBe(decoded);
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

  it('reads in pieces cut after line feeds what it reads whole, or refuses as it does', async () => {
    // Bytes of every kind a file may hold: text, line feeds, a byte order mark, a character of
    // two to four bytes, bytes that are not UTF-8, a NUL, UTF-16's byte order mark.
    const pieces = [
      'a',
      'b ',
      '\n',
      '\r\n',
      '\uFEFF',
      'é',
      '€',
      '🙂',
      '\xff',
      '\xc3',
      '\0',
      '\xff\xfe',
    ];
    const raw = new Set(pieces.slice(8));
    const bytesOf = (chosen: string[]) =>
      Buffer.concat(
        chosen.map((piece) => (raw.has(piece) ? Buffer.from(piece, 'latin1') : Buffer.from(piece))),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...pieces.slice(0, 8)) },
            fc.constantFrom(...pieces),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        async (chosen, readBytes, pieceBytes) => {
          const file = await fileOf(bytesOf(chosen), 'pieces.txt');
          const whole = await readDocument(file).catch((error: FileError) => error.reason);
          const taken: Array<{ text: string; bytes: string; first: boolean }> = [];
          const read = await readDocumentInPieces(
            file,
            (text, bytes, first) =>
              taken.push({ text, bytes: Buffer.from(bytes).toString(), first }),
            { readBytes, pieceBytes },
          ).catch((error: FileError) => error.reason);
          if (typeof read === 'string') {
            expect(read).toBe(whole);
            return;
          }
          const text = taken.map((piece) => piece.text).join('');
          expect(text).toBe(whole);
          expect(read).toBe(text.length);
          // An empty file too is one piece, the first.
          expect(taken.map((piece) => piece.first)).toEqual(
            [0, ...taken.slice(1)].map((_, k) => k === 0),
          );
          for (const piece of taken.slice(0, -1)) expect(piece.text.endsWith('\n')).toBe(true);
          for (const piece of taken) expect(piece.bytes).toBe(piece.text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses in pieces a file too large or not a file, as it does whole', async () => {
    const ignore = () => undefined;
    expect(
      await failure(readDocumentInPieces(await fileOf('0123456789'), ignore, { maxBytes: 4 })),
    ).toMatch(/^too large/);
    expect(await failure(readDocumentInPieces(folder, ignore))).toBe('is a folder, not a file');
    expect(await failure(readDocumentInPieces(path.join(folder, 'none.txt'), ignore))).toBe(
      'no such file or folder',
    );
  });
});
