// A store-only ZIP writer (no compression): files in, the archive's bytes out, as unzip and every OS read them.

export interface ZipEntry {
  /** The path inside the archive, `/`-separated; written as archiveName gives it. */
  name: string;
  content: string | Uint8Array;
}

/**
 * The name a path is written under in an archive: a backslash (a Unix name may hold one) becomes
 * `＼` (U+FF3C), as extractors on Windows read `\` as a folder (`..\..\x` would leave it).
 */
export const archiveName = (name: string): string => name.replaceAll('\\', '\uff3c');

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00 in MS-DOS time and date: archives of the same files are the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
const MAX_SIZE = 0xffffffff;
/** A plain file readable by all, writable by its owner (rw-r--r--). */
const FILE_MODE = 0o100644;

/**
 * Writes an archive entry by entry, stored uncompressed (no ZIP64: each file and the whole under
 * 4 GB): each entry's bytes go to `write` as it is added, so only the entry at hand and the small
 * central directory are held.
 */
export class ZipWriter {
  private readonly encoder = new TextEncoder();
  private readonly centrals: Uint8Array[] = [];
  private offset = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  add(entry: ZipEntry): void {
    const name = this.encoder.encode(archiveName(entry.name));
    const data =
      typeof entry.content === 'string' ? this.encoder.encode(entry.content) : entry.content;
    if (data.length > MAX_SIZE || this.offset > MAX_SIZE) {
      throw new Error('the archive would pass 4 GB');
    }
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length);
    const head = new DataView(local.buffer);
    head.setUint32(0, 0x04034b50, true);
    head.setUint16(4, 20, true); // version needed: 2.0
    head.setUint16(6, UTF8_NAMES, true);
    head.setUint16(8, 0, true); // stored
    head.setUint16(10, DOS_TIME, true);
    head.setUint16(12, DOS_DATE, true);
    head.setUint32(14, crc, true);
    head.setUint32(18, data.length, true);
    head.setUint32(22, data.length, true);
    head.setUint16(26, name.length, true);
    head.setUint16(28, 0, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const record = new DataView(central.buffer);
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, (3 << 8) | 20, true); // made by: Unix, 2.0 (names taken as they are)
    record.setUint16(6, 20, true);
    record.setUint16(8, UTF8_NAMES, true);
    record.setUint16(10, 0, true);
    record.setUint16(12, DOS_TIME, true);
    record.setUint16(14, DOS_DATE, true);
    record.setUint32(16, crc, true);
    record.setUint32(20, data.length, true);
    record.setUint32(24, data.length, true);
    record.setUint16(28, name.length, true);
    record.setUint32(38, FILE_MODE << 16, true);
    record.setUint32(42, this.offset, true);
    central.set(name, 46);
    this.centrals.push(central);
    this.write(local);
    this.write(data);
    this.offset += local.length + data.length;
  }

  /** Writes the central directory and the end record: the archive is complete. */
  finish(): void {
    const centralSize = this.centrals.reduce((sum, part) => sum + part.length, 0);
    const end = new Uint8Array(22);
    const tail = new DataView(end.buffer);
    tail.setUint32(0, 0x06054b50, true);
    tail.setUint16(8, this.centrals.length, true);
    tail.setUint16(10, this.centrals.length, true);
    tail.setUint32(12, centralSize, true);
    tail.setUint32(16, this.offset, true);
    for (const central of this.centrals) this.write(central);
    this.write(end);
  }
}

/** The archive holding entries in order, whole (see ZipWriter). */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const writer = new ZipWriter((bytes) => parts.push(bytes));
  for (const entry of entries) writer.add(entry);
  writer.finish();
  const archive = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    archive.set(part, at);
    at += part.length;
  }
  return archive;
}
