import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodePng, LINUX_SIZES } from './make-icons';

const build = path.resolve(import.meta.dirname, '..', 'build');

/** Checks a PNG the way an image reader would: signature, chunk CRCs, header, pixel data size. */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(
      crc32(bytes.subarray(at + 4, at + 8 + length)),
    );
    chunks.set(type, data);
    at += 12 + length;
  }
  const header = chunks.get('IHDR')!;
  const size = header.readUInt32BE(0);
  expect(header.readUInt32BE(4)).toBe(size);
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  expect(inflateSync(chunks.get('IDAT')!).length).toBe(size * (size * 4 + 1));
  expect(chunks.has('IEND')).toBe(true);
  return { size };
}

describe('the app icons in build/', () => {
  it('has a valid 1024 × 1024 RGBA icon.png for macOS and Windows', () => {
    expect(readPng(readFileSync(path.join(build, 'icon.png'))).size).toBe(1024);
  });

  it.each(LINUX_SIZES)('has a valid %i px Linux icon', (size) => {
    const file = path.join(build, 'icons', `${size}x${size}.png`);
    expect(readPng(readFileSync(file)).size).toBe(size);
  });

  it('holds what the script draws (regenerate with `npx tsx scripts/make-icons.ts`)', () => {
    expect(readFileSync(path.join(build, 'icons', '64x64.png'))).toEqual(
      encodePng(drawIcon(64), 64),
    );
  });

  it('draws an opaque tile with transparent corners', () => {
    const pixels = drawIcon(32);
    const alpha = (x: number, y: number) => pixels[(y * 32 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(16, 16)).toBe(255);
  });
});
