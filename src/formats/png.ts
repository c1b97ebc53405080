// PNG: chunks walked and CRC-checked, IHDR validated and measured against the budget, the
// compressed stream inflated with a cap, and only then decoded by fast-png. PIL refuses a broken
// CRC ("broken PNG file"), so ConvGrad does too instead of trusting the pixels.
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from 'fast-png';
import { Unzlib } from 'fflate';
import { checkedProduct, checkElements, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import type { DecodedImage } from './decoded-image';

export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bit depths allowed for each colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Compressed bytes inflated per step while counting: at most ~1 MB of output per step. */
const INFLATE_SLICE = 1024;

interface Header {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Type names are four ASCII letters; anything else is shown as hex so no control byte reaches a terminal. */
function chunkName(bytes: Uint8Array, at: number): string {
  const code = bytes.subarray(at, at + 4);
  return Array.from(code).every((b) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122))
    ? String.fromCharCode(...code)
    : `0x${Array.from(code, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function decodePngImage(bytes: Uint8Array, budget: Budget): DecodedImage {
  const { header, idat } = walkChunks(bytes);
  const { width, height, depth, colorType } = header;
  const channels = colorType === 3 ? 3 : CHANNELS[colorType];
  checkElements(checkedProduct([width, height, channels]), `the PNG image (${width} x ${height} x ${channels})`, budget);
  checkInflatedSize(idat, expectedRawBytes(header));

  let png: DecodedPng;
  try {
    png = decodePng(bytes);
  } catch {
    throw new InputError('corrupt PNG: the image data cannot be decoded');
  }
  let data: Uint8Array | Uint16Array;
  let outChannels: number;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    outChannels = png.palette[0].length;
  } else {
    data = png.depth === 16 ? (png.data as Uint16Array) : png.depth === 8 ? Uint8Array.from(png.data) : unpackGray(png);
    outChannels = png.channels;
  }
  if (![1, 2, 3, 4].includes(outChannels) || data.length !== width * height * outChannels) {
    throw new InputError(`corrupt PNG: the image data is shorter than ${width} x ${height} pixels`);
  }
  return { width, height, channels: outChannels as DecodedImage['channels'], bitDepth: depth === 16 ? 16 : 8, data };
}

/** Every chunk's length and CRC, the IHDR, and the IDAT payloads (in order), without decompressing anything. */
function walkChunks(bytes: Uint8Array): { header: Header; idat: Uint8Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | undefined;
  let palette = false;
  const idat: Uint8Array[] = [];
  let at = PNG_SIGNATURE.length;
  for (;;) {
    if (at + 12 > bytes.length) throw new InputError('truncated PNG: the file ends before its IEND chunk');
    const length = view.getUint32(at);
    const name = chunkName(bytes, at + 4);
    if (length > bytes.length - at - 12) throw new InputError(`truncated PNG: chunk ${name} says ${length} bytes, the file has ${bytes.length - at - 12} left`);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (crc32(bytes, at + 4, dataEnd) !== view.getUint32(dataEnd)) throw new InputError(`broken PNG: CRC mismatch in chunk ${name}`);
    if (!header && name !== 'IHDR') throw new InputError(`corrupt PNG: the first chunk is ${name}, not IHDR`);
    if (name === 'IHDR') {
      if (header) throw new InputError('corrupt PNG: more than one IHDR chunk');
      if (length !== 13) throw new InputError(`corrupt PNG: IHDR has ${length} bytes, not 13`);
      header = readHeader(view, dataStart);
    } else if (name === 'PLTE') {
      palette = true;
    } else if (name === 'IDAT') {
      idat.push(bytes.subarray(dataStart, dataEnd));
    } else if (name === 'IEND') {
      break;
    }
    at = dataEnd + 4;
  }
  if (!header) throw new InputError('corrupt PNG: no IHDR chunk');
  if (header.colorType === 3 && !palette) throw new InputError('corrupt PNG: a palette image without a PLTE chunk');
  if (idat.length === 0) throw new InputError('corrupt PNG: no image data (IDAT)');
  return { header, idat };
}

function readHeader(view: DataView, at: number): Header {
  const width = view.getUint32(at);
  const height = view.getUint32(at + 4);
  const depth = view.getUint8(at + 8);
  const colorType = view.getUint8(at + 9);
  const [compression, filter, interlace] = [view.getUint8(at + 10), view.getUint8(at + 11), view.getUint8(at + 12)];
  if (width === 0 || height === 0 || width > 2 ** 31 - 1 || height > 2 ** 31 - 1) {
    throw new InputError(`corrupt PNG: size ${width} x ${height} (each side must be 1 to 2^31-1)`);
  }
  if (!(colorType in DEPTHS)) throw new InputError(`corrupt PNG: unknown colour type ${colorType}`);
  if (!DEPTHS[colorType].includes(depth)) throw new InputError(`corrupt PNG: bit depth ${depth} is not allowed for colour type ${colorType}`);
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    throw new InputError(`corrupt PNG: unknown compression ${compression}, filter ${filter} or interlace ${interlace} method`);
  }
  return { width, height, depth, colorType, interlaced: interlace === 1 };
}

/** Bytes the decompressed stream must hold: one filter byte plus the packed samples per row (per pass when interlaced). */
function expectedRawBytes({ width, height, depth, colorType, interlaced }: Header): number {
  const bitsPerPixel = depth * CHANNELS[colorType];
  const rowBytes = (w: number): number => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return height * rowBytes(width);
  // Adam7 passes: [x0, y0, dx, dy].
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

/**
 * Inflates the IDAT stream only to count its bytes, stopping as soon as it outgrows the image:
 * a few kilobytes that inflate to gigabytes (a "PNG bomb") cost no more than the image itself.
 */
function checkInflatedSize(idat: readonly Uint8Array[], expected: number): void {
  let total = 0;
  let finished = false;
  const inflater = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > expected) throw new InputError(`corrupt PNG: the image data inflates to more than the ${expected} bytes its header announces`);
    if (final) finished = true;
  });
  try {
    // Small slices: each push inflates at most ~1000 times its size before the count is checked.
    for (const part of idat) {
      for (let at = 0; at < part.length; at += INFLATE_SLICE) inflater.push(part.subarray(at, at + INFLATE_SLICE), false);
    }
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('corrupt PNG: the compressed image data is damaged');
  }
  if (!finished || total < expected) throw new InputError(`truncated PNG: the image data holds ${total} of ${expected} bytes`);
}

/** 1-, 2- and 4-bit gray samples (packed, rows padded to whole bytes) scaled to 0..255 as PIL does. */
function unpackGray(png: DecodedPng): Uint8Array {
  const { width, height, depth, data } = png;
  const rowBytes = Math.ceil((width * depth) / 8);
  const scale = 255 / (2 ** depth - 1);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      const byte = data[y * rowBytes + (bit >> 3)];
      out[y * width + x] = ((byte >> (8 - depth - (bit & 7))) & (2 ** depth - 1)) * scale;
    }
  }
  return out;
}
