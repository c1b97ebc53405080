/// <reference path="./exifr-lite.d.ts" />
// Image decoding for the app's worker and the CLI alike: one decoder per format, chosen by the
// file's signature (not its name), each checking its header against the size budget before it
// allocates, and all giving the pixels PIL's Image.open gives. See docs/FORMATS.md.
import exifr from 'exifr/dist/lite.esm.mjs';
import { DEFAULT_BUDGET, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { allocate, type Memory } from '../core/problem/memory';
import type { Tensor } from '../core/problem/types';
import { decodeBmpImage, isBmp } from './bmp';
import { decodeGifImage, isGif } from './gif';
import { decodeJpegImage, JPEG_SIGNATURE } from './jpeg';
import { decodePngImage, PNG_SIGNATURE } from './png';
import { decodeWebpImage, isWebp } from './webp';
import type { DecodedImage } from './decoded-image';

export type { DecodedImage };

/** luma or one channel gives (H,W); rgb gives (3,H,W). Gray images serve as all three channels. */
export type ImageMode = 'luma' | 'rgb' | 'r' | 'g' | 'b';

export async function decodeImage(bytes: Uint8Array, budget: Budget = DEFAULT_BUDGET): Promise<DecodedImage> {
  const startsWith = (signature: readonly number[]): boolean => signature.every((b, i) => bytes[i] === b);
  if (startsWith(PNG_SIGNATURE)) return decodePngImage(bytes, budget);
  if (startsWith(JPEG_SIGNATURE)) return withOrientation(await decodeJpegImage(bytes, budget), bytes);
  if (isWebp(bytes)) return decodeWebpImage(bytes, budget);
  if (isGif(bytes)) return decodeGifImage(bytes, budget);
  if (isBmp(bytes)) return decodeBmpImage(bytes, budget);
  throw new InputError('not a PNG, JPEG, WebP, GIF or BMP image (its first bytes match none of them)');
}

/** The EXIF orientation of a JPEG, kept for the caller to mention; an unreadable EXIF block is no reason to refuse pixels. */
async function withOrientation(image: DecodedImage, bytes: Uint8Array): Promise<DecodedImage> {
  let orientation: number | undefined;
  try {
    orientation = await exifr.orientation(bytes);
  } catch {
    orientation = undefined;
  }
  return typeof orientation === 'number' && orientation >= 2 && orientation <= 8 ? { ...image, orientation } : image;
}

/** The image's values over their maximum, as `mode` asks, in an array allocated in `memory`. */
export function imageToTensor(img: DecodedImage, mode: ImageMode, memory: Memory = 'own'): Tensor {
  const { width, height, channels, data } = img;
  const stride = img.stride ?? channels;
  const max = img.bitDepth === 16 ? 65535 : 255;
  const count = width * height;
  const color = channels >= 3;
  if (mode === 'rgb') {
    const out = allocate(Float64Array, 3 * count, memory);
    for (let c = 0; c < 3; c++) channelPlane(data, stride, color ? c : 0, max, out.subarray(c * count, (c + 1) * count));
    return { shape: [3, height, width], data: out };
  }
  const out = allocate(Float64Array, count, memory);
  if (mode === 'luma' && color) lumaPlane(data, stride, max, out);
  else channelPlane(data, stride, mode === 'luma' || !color ? 0 : 'rgb'.indexOf(mode), max, out);
  return { shape: [height, width], data: out };
}

// The per-pixel loops are small functions of their own, not closures or loops among other code:
// a 3000×2000 photo's luma took ~200 ms per call that way, its loop re-entered unoptimised after
// each deoptimisation at the code around it.

/** out[i] = channel `channel` of pixel i, over max; pixels are `stride` values apart in data. */
function channelPlane(data: Uint8Array | Uint16Array, stride: number, channel: number, max: number, out: Float64Array): void {
  for (let i = 0, at = channel; i < out.length; i++, at += stride) out[i] = data[at] / max;
}

/** out[i] = the luma of pixel i (its first three values R, G, B), over max. */
function lumaPlane(data: Uint8Array | Uint16Array, stride: number, max: number, out: Float64Array): void {
  for (let i = 0, at = 0; i < out.length; i++, at += stride) out[i] = luma(data[at], data[at + 1], data[at + 2]) / max;
}

/**
 * ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) rounded to an integer exactly as PIL's
 * Image.convert('L') does: weights scaled by 2^16, plus one half, truncated. Checked against PIL
 * for all 2^24 8-bit colours; 16-bit colours use the same formula (exact in float64).
 */
function luma(r: number, g: number, b: number): number {
  return Math.floor((19595 * r + 38470 * g + 7471 * b + 0x8000) / 65536);
}
