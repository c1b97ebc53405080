// WebP: the RIFF container's first image chunk gives the size (checked against the budget) before
// libwebp (@jsquash/webp) decodes it to RGBA, the library PIL itself uses.
import decodeWithLibwebp, { init } from '@jsquash/webp/decode.js';
import { checkedProduct, checkElements, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { keepChannels, type DecodedImage } from './decoded-image';
import { wasmModule, type WasmModule } from './wasm';

const ascii = (bytes: Uint8Array, at: number, n: number): string => String.fromCharCode(...bytes.subarray(at, at + n));

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP';
}

interface WebpInfo {
  readonly width: number;
  readonly height: number;
  readonly alpha: boolean;
}

/** Size and alpha from the first chunk: VP8X (extended), VP8 (lossy) or VP8L (lossless). */
export function readWebpInfo(bytes: Uint8Array): WebpInfo {
  if (bytes.length < 30) throw new InputError('truncated WebP: the file ends inside its header');
  const kind = ascii(bytes, 12, 4);
  const d = 20; // first chunk's payload
  const u24 = (at: number): number => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
  if (kind === 'VP8X') {
    const flags = bytes[d];
    if (flags & 0x02) throw new InputError('unsupported WebP: animated (save one frame as a still image)');
    return { width: u24(d + 4) + 1, height: u24(d + 7) + 1, alpha: (flags & 0x10) !== 0 };
  }
  if (kind === 'VP8 ') {
    if (bytes[d + 3] !== 0x9d || bytes[d + 4] !== 0x01 || bytes[d + 5] !== 0x2a) throw new InputError('corrupt WebP: bad VP8 start code');
    return { width: (bytes[d + 6] | (bytes[d + 7] << 8)) & 0x3fff, height: (bytes[d + 8] | (bytes[d + 9] << 8)) & 0x3fff, alpha: false };
  }
  if (kind === 'VP8L') {
    if (bytes[d] !== 0x2f) throw new InputError('corrupt WebP: bad VP8L signature');
    const bits = (bytes[d + 1] | (bytes[d + 2] << 8) | (bytes[d + 3] << 16) | (bytes[d + 4] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new InputError('corrupt WebP: the first chunk is not VP8, VP8L or VP8X');
}

let ready: Promise<void> | undefined;

function ensureDecoder(): Promise<void> {
  const quiet = (): void => {};
  ready ??= wasmModule('webp').then((module: WasmModule) =>
    (init as unknown as (m: WasmModule, o: object) => Promise<void>)(module, { print: quiet, printErr: quiet }),
  );
  // A failed load (e.g. the app's asset not reachable) is not remembered: the next file tries again.
  ready.catch(() => (ready = undefined));
  return ready;
}

interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export async function decodeWebpImage(bytes: Uint8Array, budget: Budget): Promise<DecodedImage> {
  const info = readWebpInfo(bytes);
  checkElements(checkedProduct([info.width, info.height, 4]), `the WebP image (${info.width} x ${info.height} x 4)`, budget);
  await ensureDecoder();
  let rgba: RgbaImage;
  try {
    rgba = (await decodeWithLibwebp(bytes.slice().buffer)) as unknown as RgbaImage;
  } catch {
    throw new InputError('corrupt WebP: the image data cannot be decoded');
  }
  const { width, height } = rgba;
  if (width !== info.width || height !== info.height) throw new InputError('corrupt WebP: decoded size differs from its header');
  const data = new Uint8Array(rgba.data.buffer, rgba.data.byteOffset, rgba.data.length);
  if (info.alpha) return { width, height, channels: 4, bitDepth: 8, data };
  return keepChannels(data, width, height, 3);
}
