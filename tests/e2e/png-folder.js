// Folders of PNG images for the own-data tests, written with Node's zlib (a PNG is a signature,
// an IHDR, zlib-deflated scanlines in IDAT and an IEND, each chunk with its CRC-32).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit greyscale PNG of width x height pixels (row-major bytes). */
export function greyPng(width, height, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bits per sample
  header[9] = 0;  // greyscale
  const rows = Buffer.alloc((width + 1) * height);  // each row: filter byte 0, then its pixels
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// Three shapes anyone can tell apart, drawn dark on white (as people draw), with a position and
// thickness that vary per image so the network has something to learn.
const SHAPES = {
  bar: (x, y, i) => Math.abs(y - (10 + (i % 8))) <= 1 + (i % 2) && x > 4 && x < 23,
  column: (x, y, i) => Math.abs(x - (10 + (i % 8))) <= 1 + (i % 2) && y > 4 && y < 23,
  ring: (x, y, i) => Math.abs(Math.hypot(x - 14, y - 14) - (6 + (i % 4))) <= 1.2,
};
export const SHAPE_NAMES = Object.keys(SHAPES);

/** A 28x28 drawing of `shape` (the i-th variant), dark ink on white. */
export function shapePixels(shape, i, size = 28) {
  const pixels = new Uint8Array(size * size).fill(255);
  const scale = 28 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (SHAPES[shape](x * scale, y * scale, i)) pixels[y * size + x] = 20;
  }
  return pixels;
}

/**
 * Writes <dir>/<shape>/<n>.png for each shape, `perClass` images each (sizes: `size` x `size`),
 * plus any extra files given as {relativePath: contents}. Returns dir.
 */
export function writeShapeFolder(dir, { perClass = 35, size = 28, shapes = SHAPE_NAMES, extra = {} } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const shape of shapes) {
    fs.mkdirSync(path.join(dir, shape), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      fs.writeFileSync(path.join(dir, shape, `${i}.png`), greyPng(size, size, shapePixels(shape, i, size)));
    }
  }
  for (const [name, contents] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), contents);
  }
  return dir;
}
