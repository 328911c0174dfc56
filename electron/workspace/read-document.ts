// Reading documents safely: refusing binary, UTF-16, invalid UTF-8 and oversized files, naming the line.
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { FileError, formatBytes, ioError } from './file-error';

/** Documents larger than this are refused (a 10 MB document opens; a 1 GB log does not). */
export const MAX_DOCUMENT_BYTES = 128 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a document's bytes, keeping a BOM as U+FEFF so it is written back. */
export function decodeDocument(bytes: Uint8Array, filePath: string): string {
  // Buffer's search (memchr) over the same memory: a typed array's own indexOf is ten times slower.
  const nul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0);
  const byteOrder = utf16ByteOrder(bytes, nul !== -1);
  if (byteOrder) {
    throw new FileError(
      'invalid-utf8',
      filePath,
      `UTF-16 text (${byteOrder}), not UTF-8: save it as UTF-8`,
    );
  }
  if (nul !== -1) {
    throw new FileError(
      'binary',
      filePath,
      `binary file (NUL byte on line ${lineOfByte(bytes, nul)}), not a text document`,
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new FileError(
      'invalid-utf8',
      filePath,
      `not valid UTF-8 (line ${lineOfByte(bytes, bad)}, byte ${bad + 1} of the file)`,
    );
  }
}

/**
 * 'little-endian' or 'big-endian' when bytes are UTF-16: a byte order mark, or (without one) a NUL
 * in nine of ten other bytes of the first 4 KB, as Latin text in UTF-16 has. Null otherwise.
 */
function utf16ByteOrder(bytes: Uint8Array, holdsNul: boolean): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 2 || !holdsNul) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  if (evenNuls === 0 && oddNuls * 10 >= pairs * 9) return 'little-endian';
  if (oddNuls === 0 && evenNuls * 10 >= pairs * 9) return 'big-endian';
  return null;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Byte offset of the first byte that breaks UTF-8 (overlongs, surrogates and truncation included). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let codePoint: number;
    if (lead >= 0xc2 && lead <= 0xdf) [need, min, codePoint] = [1, 0x80, lead & 0x1f];
    else if (lead >= 0xe0 && lead <= 0xef) [need, min, codePoint] = [2, 0x800, lead & 0x0f];
    else if (lead >= 0xf0 && lead <= 0xf4) [need, min, codePoint] = [3, 0x10000, lead & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return i;
    i += need + 1;
  }
  return -1;
}

/** The size of the file to read: a regular file within maxBytes, or a FileError saying what it is. */
async function sizeToRead(filePath: string, maxBytes: number): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw ioError(error, filePath, 'read');
  }
  if (stat.isDirectory()) throw new FileError('is-folder', filePath, 'is a folder, not a file');
  if (!stat.isFile()) throw new FileError('not-a-file', filePath, 'is not a regular file');
  if (stat.size > maxBytes) {
    throw new FileError(
      'too-large',
      filePath,
      `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)})`,
    );
  }
  return stat.size;
}

/** The file's bytes, read into `into` (sized as the file was); a file that grew since is read again whole. */
export async function readInto(filePath: string, into: Uint8Array): Promise<Uint8Array> {
  try {
    const handle = await fs.open(filePath, 'r');
    try {
      let filled = 0;
      while (filled < into.length) {
        const { bytesRead } = await handle.read(into, filled, into.length - filled, filled);
        if (bytesRead === 0) return into.subarray(0, filled);
        filled += bytesRead;
      }
      const { bytesRead } = await handle.read(new Uint8Array(1), 0, 1, filled);
      return bytesRead === 0 ? into : await fs.readFile(filePath);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioError(error, filePath, 'read');
  }
}

/**
 * Reads and decodes one document, or throws a FileError saying what is wrong with it. The bytes are
 * read into memory of their own and given back once decoded, not left for the garbage collector
 * (with two 50 MB versions of a document, that was 50 MB more at the peak).
 */
export async function readDocument(
  filePath: string,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<string> {
  const size = await sizeToRead(filePath, maxBytes);
  const memory = new ArrayBuffer(size, { maxByteLength: size });
  try {
    return decodeDocument(await readInto(filePath, new Uint8Array(memory)), filePath);
  } finally {
    memory.resize(0);
  }
}

/** The bytes readDocumentInPieces reads from a file at a time (a longer line is read whole). */
const READ_BYTES = 1024 * 1024;

/**
 * The most bytes readDocumentInPieces decodes at a time (a longer line is decoded whole). A piece's
 * text stays below the engine's large-object size, so the memory that held one piece's text holds
 * the next one's, not fresh memory the system must fault in for each piece.
 */
const PIECE_BYTES = 64 * 1024;

/**
 * Reads one document a piece at a time, each piece cut after a line feed, and hands each, decoded,
 * with its bytes (theirs only during the call) to `take` in order; returns the characters read.
 * `first` marks the piece that starts the file: an empty file is one empty piece. The whole text is
 * never held at once, so each piece is worked on while it is in the core's cache, not fetched from
 * memory again for each pass over it. A file readDocument refuses is refused with the same error once
 * it is met, after pieces may have been taken: the caller drops what it took.
 */
export async function readDocumentInPieces(
  filePath: string,
  take: (text: string, bytes: Uint8Array, first: boolean) => void,
  { maxBytes = MAX_DOCUMENT_BYTES, readBytes = READ_BYTES, pieceBytes = PIECE_BYTES } = {},
): Promise<number> {
  await sizeToRead(filePath, maxBytes);
  let handle: FileHandle;
  try {
    handle = await fs.open(filePath, 'r');
  } catch (error) {
    throw ioError(error, filePath, 'read');
  }
  try {
    let buffer = Buffer.alloc(readBytes);
    let filled = 0;
    let position = 0;
    let first = true;
    let characters = 0;
    for (;;) {
      if (filled === buffer.length) {
        const longer = Buffer.alloc(buffer.length * 2);
        buffer.copy(longer);
        buffer = longer;
      }
      const { bytesRead } = await handle
        .read(buffer, filled, buffer.length - filled, position)
        .catch((error: unknown) => Promise.reject(ioError(error, filePath, 'read')));
      position += bytesRead;
      filled += bytesRead;
      if (position > maxBytes) return await refused(filePath, maxBytes);
      const ended = bytesRead === 0;
      // Up to the last line feed read, or to the end of the file; a longer line is read on.
      const cut = ended ? filled : buffer.subarray(0, filled).lastIndexOf(10) + 1;
      if (cut === 0 && !ended) continue;
      for (const piece of linePieces(buffer.subarray(0, cut), pieceBytes, first)) {
        const text = pieceText(piece);
        if (text === null) return await refused(filePath, maxBytes);
        take(text, piece, first);
        first = false;
        characters += text.length;
      }
      if (ended) return characters;
      buffer.copyWithin(0, cut, filled);
      filled -= cut;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Bytes cut after line feeds into pieces of at most `most` bytes (a longer line whole); none for
 * no bytes, unless `empty` asks for one empty piece.
 */
function* linePieces(bytes: Buffer, most: number, empty: boolean): Generator<Buffer> {
  if (bytes.length === 0 && empty) yield bytes;
  for (let start = 0; start < bytes.length;) {
    let end = start + most;
    if (end >= bytes.length) end = bytes.length;
    else {
      const feed = bytes.lastIndexOf(10, end - 1);
      end = feed >= start ? feed + 1 : bytes.indexOf(10, end) + 1 || bytes.length;
    }
    yield bytes.subarray(start, end);
    start = end;
  }
}

/** A piece's text, as decodeDocument gives it (a byte order mark kept); null where it would refuse the file. */
function pieceText(bytes: Buffer): string | null {
  if (bytes.indexOf(0) !== -1) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Throws the error readDocument gives a file a piece of it failed: read again whole for it. */
async function refused(filePath: string, maxBytes: number): Promise<never> {
  await readDocument(filePath, maxBytes);
  throw new FileError('changed', filePath, 'changed while it was read: run the command again');
}
