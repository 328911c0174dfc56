// Draws Emend's app icon (a tagged span between brackets) and writes it as PNGs into build/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Color = readonly [number, number, number];

/** A filled rectangle with rounded corners, in units of the icon's side (0..1). */
interface Shape {
  left: number;
  top: number;
  right: number;
  bottom: number;
  radius: number;
  color: Color;
}

const WHITE: Color = [255, 255, 255];

/** Back to front: the tile, the highlighted entity span, the two brackets around it. */
export const ICON_SHAPES: readonly Shape[] = [
  { left: 0.06, top: 0.06, right: 0.94, bottom: 0.94, radius: 0.18, color: [31, 78, 121] },
  { left: 0.33, top: 0.43, right: 0.67, bottom: 0.57, radius: 0.03, color: [242, 177, 52] },
  { left: 0.19, top: 0.27, right: 0.26, bottom: 0.73, radius: 0.01, color: WHITE },
  { left: 0.19, top: 0.27, right: 0.36, bottom: 0.34, radius: 0.01, color: WHITE },
  { left: 0.19, top: 0.66, right: 0.36, bottom: 0.73, radius: 0.01, color: WHITE },
  { left: 0.74, top: 0.27, right: 0.81, bottom: 0.73, radius: 0.01, color: WHITE },
  { left: 0.64, top: 0.27, right: 0.81, bottom: 0.34, radius: 0.01, color: WHITE },
  { left: 0.64, top: 0.66, right: 0.81, bottom: 0.73, radius: 0.01, color: WHITE },
];

function inside(shape: Shape, x: number, y: number): boolean {
  if (x < shape.left || x > shape.right || y < shape.top || y > shape.bottom) return false;
  const cornerX = Math.max(shape.left + shape.radius - x, x - (shape.right - shape.radius), 0);
  const cornerY = Math.max(shape.top + shape.radius - y, y - (shape.bottom - shape.radius), 0);
  return cornerX * cornerX + cornerY * cornerY <= shape.radius * shape.radius;
}

/** RGBA pixels of the icon at size × size, each pixel averaged over 4 × 4 samples. */
export function drawIcon(size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (column + (sx + 0.5) / samples) / size;
          const y = (row + (sy + 0.5) / samples) / size;
          const shape = ICON_SHAPES.findLast((candidate) => inside(candidate, x, y));
          if (!shape) continue;
          for (let channel = 0; channel < 3; channel++) sum[channel] += shape.color[channel];
          sum[3] += 255;
        }
      }
      const count = samples * samples;
      const covered = sum[3] / 255;
      const at = (row * size + column) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[at + channel] = covered ? Math.round(sum[channel] / covered) : 0;
      }
      pixels[at + 3] = Math.round(sum[3] / count);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of size × size RGBA pixels. */
export function encodePng(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    pixels.copy(rows, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Sizes electron-builder picks from build/icons for Linux; build/icon.png serves macOS and Windows. */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;

export function writeIcons(folder: string): string[] {
  mkdirSync(path.join(folder, 'icons'), { recursive: true });
  const written: string[] = [];
  const write = (file: string, size: number) => {
    writeFileSync(file, encodePng(drawIcon(size), size));
    written.push(file);
  };
  write(path.join(folder, 'icon.png'), 1024);
  for (const size of LINUX_SIZES) write(path.join(folder, 'icons', `${size}x${size}.png`), size);
  return written;
}

if (process.argv[1] === import.meta.filename) {
  for (const file of writeIcons(path.resolve(import.meta.dirname, '..', 'build'))) {
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
