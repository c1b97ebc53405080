// PNG and JPEG decoding and conversion to arrays, pure TypeScript so that the app's worker and
// the CLI turn the same file into the same numbers.

import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from 'fast-png';
import jpeg from 'jpeg-js';
import { InputError } from '../core/problem/errors';
import type { Tensor } from '../core/problem/types';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; interleaved, row-major. */
  readonly channels: 1 | 2 | 3 | 4;
  readonly bitDepth: 8 | 16;
  readonly data: Uint8Array | Uint16Array;
}

/** luma or one channel gives (H,W); rgb gives (3,H,W). Gray images serve as all three channels. */
export type ImageMode = 'luma' | 'rgb' | 'r' | 'g' | 'b';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

export function decodeImage(bytes: Uint8Array): DecodedImage {
  const startsWith = (signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
  if (startsWith(PNG_SIGNATURE)) return decodePngImage(bytes);
  if (startsWith(JPEG_SIGNATURE)) return decodeJpegImage(bytes);
  throw new InputError('not a PNG or JPEG image');
}

export function imageToTensor(img: DecodedImage, mode: ImageMode): Tensor {
  const { width, height, channels, data } = img;
  const max = img.bitDepth === 16 ? 65535 : 255;
  const count = width * height;
  const color = channels >= 3;
  const plane = (out: Float64Array, offset: number, channel: number): void => {
    const c = color ? channel : 0;
    for (let i = 0; i < count; i++) out[offset + i] = data[i * channels + c] / max;
  };

  if (mode === 'rgb') {
    const out = new Float64Array(3 * count);
    for (let c = 0; c < 3; c++) plane(out, c * count, c);
    return { shape: [3, height, width], data: out };
  }
  const out = new Float64Array(count);
  if (mode === 'luma' && color) {
    for (let i = 0; i < count; i++) {
      const at = i * channels;
      out[i] = luma(data[at], data[at + 1], data[at + 2]) / max;
    }
  } else {
    plane(out, 0, mode === 'luma' ? 0 : 'rgb'.indexOf(mode));
  }
  return { shape: [height, width], data: out };
}

/**
 * ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) rounded to an integer exactly as PIL's
 * Image.convert('L') does: weights scaled by 2^16, plus one half, truncated. Checked against PIL
 * for all 2^24 8-bit colours; 16-bit colours use the same formula (exact in float64).
 */
function luma(r: number, g: number, b: number): number {
  return Math.floor((19595 * r + 38470 * g + 7471 * b + 0x8000) / 65536);
}

function decodePngImage(bytes: Uint8Array): DecodedImage {
  let png: DecodedPng;
  let data: Uint8Array | Uint16Array;
  let channels: number;
  try {
    png = decodePng(bytes);
    if (png.palette) {
      data = convertIndexedToRgb(png);
      channels = png.palette[0].length;
    } else {
      data = png.depth === 16 ? (png.data as Uint16Array) : png.depth === 8 ? Uint8Array.from(png.data) : unpackGray(png);
      channels = png.channels;
    }
  } catch (error) {
    throw new InputError(`corrupt PNG: ${describe(error)}`);
  }
  const { width, height } = png;
  if (![1, 2, 3, 4].includes(channels) || data.length !== width * height * channels) {
    throw new InputError(`corrupt PNG: ${data.length} samples for ${width}x${height} pixels with ${channels} channels`);
  }
  return { width, height, channels: channels as DecodedImage['channels'], bitDepth: png.depth === 16 ? 16 : 8, data };
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

function decodeJpegImage(bytes: Uint8Array): DecodedImage {
  try {
    // RGB without the constant alpha channel; gray JPEGs come back with R = G = B.
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
    return { width: img.width, height: img.height, channels: 3, bitDepth: 8, data: img.data };
  } catch (error) {
    throw new InputError(`corrupt JPEG: ${describe(error)}`);
  }
}

/** jpeg-js throws plain strings as well as Errors. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
