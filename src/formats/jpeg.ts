// JPEG: the frame header (SOF) is read first, so the size budget, 12-bit and CMYK files are
// refused before anything is decoded; the pixels then come from libjpeg-turbo's decoder (inside
// @jsquash/jpeg's MozJPEG build), the library PIL and torchvision use, with the same defaults
// (islow IDCT, fancy upsampling), so the values equal PIL's. EXIF orientation is not applied,
// as PIL's Image.open does not apply it.
import decodeWithLibjpeg, { init } from '@jsquash/jpeg/decode.js';
import { checkedProduct, checkElements, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { keepChannels, type DecodedImage } from './decoded-image';
import { wasmModule, type WasmModule } from './wasm';

export const JPEG_SIGNATURE: readonly number[] = [0xff, 0xd8, 0xff];

export interface JpegFrame {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly precision: number;
  readonly process: string;
}

/** SOF markers C0..CF except DHT (C4), JPG (C8) and DAC (CC). */
const PROCESSES: Record<number, string> = {
  0xc0: 'baseline', 0xc1: 'extended', 0xc2: 'progressive', 0xc3: 'lossless',
  0xc5: 'differential', 0xc6: 'differential progressive', 0xc7: 'differential lossless',
  0xc9: 'arithmetic', 0xca: 'arithmetic progressive', 0xcb: 'arithmetic lossless',
  0xcd: 'differential arithmetic', 0xce: 'differential arithmetic progressive', 0xcf: 'differential arithmetic lossless',
};
const DECODABLE = ['baseline', 'extended', 'progressive', 'arithmetic', 'arithmetic progressive'];

/** The frame header, found by walking the marker segments from SOI (each segment's length bounds the walk). */
export function readJpegFrame(bytes: Uint8Array): JpegFrame {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new InputError(`corrupt JPEG: no marker at byte ${at}`);
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // EOI or SOS before any frame header
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2) throw new InputError(`corrupt JPEG: segment length ${length} at byte ${at}`);
    const process = PROCESSES[marker];
    if (process) {
      if (length < 8 || at + 10 > bytes.length) throw new InputError('truncated JPEG: the frame header is cut short');
      return {
        precision: bytes[at + 4],
        height: (bytes[at + 5] << 8) | bytes[at + 6],
        width: (bytes[at + 7] << 8) | bytes[at + 8],
        components: bytes[at + 9],
        process,
      };
    }
    at += 2 + length;
  }
  throw new InputError('corrupt JPEG: no frame header (SOF) before the image data');
}

function checkFrame(frame: JpegFrame, budget: Budget): void {
  const { width, height, components, precision, process } = frame;
  if (!DECODABLE.includes(process)) throw new InputError(`unsupported JPEG: ${process} coding (PIL cannot read it either)`);
  if (precision !== 8) throw new InputError(`unsupported JPEG: ${precision}-bit samples (only 8-bit JPEGs are read)`);
  if (width === 0 || height === 0) throw new InputError(`unsupported JPEG: size ${width} x ${height} (a height set later by DNL is not read)`);
  if (components === 4) throw new InputError('unsupported JPEG: CMYK/YCCK colour (convert it to RGB, e.g. with PIL, first)');
  if (components !== 1 && components !== 3) throw new InputError(`unsupported JPEG: ${components} colour components (1 or 3 are read)`);
  checkElements(checkedProduct([width, height, components]), `the JPEG image (${width} x ${height} x ${components})`, budget);
}

/**
 * Every 8x8 block of every component costs at least one bit (its DC code), so a file much smaller
 * than blocks / 8 bytes is cut short or lies about its size; libjpeg would decode it anyway, filling
 * megapixels with grey. Refused here, as PIL refuses it ("image file is truncated").
 */
function checkPlausibleSize(frame: JpegFrame, fileBytes: number): void {
  const blocks = Math.ceil(frame.width / 8) * Math.ceil(frame.height / 8) * frame.components;
  if (fileBytes < blocks / 64) {
    throw new InputError(`truncated JPEG: ${fileBytes} bytes cannot hold a ${frame.width} x ${frame.height} image`);
  }
}

interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** libjpeg's messages of one decode; a warning such as "Premature end of JPEG file" makes PIL refuse the file too. */
let messages: string[] = [];
let ready: Promise<void> | undefined;

function ensureDecoder(): Promise<void> {
  ready ??= wasmModule('jpeg').then((module: WasmModule) => {
    const print = (text: string): void => void messages.push(text);
    return (init as unknown as (m: WasmModule, o: object) => Promise<void>)(module, { print, printErr: print });
  });
  // A failed load (e.g. the app's asset not reachable) is not remembered: the next file tries again.
  ready.catch(() => (ready = undefined));
  return ready;
}

export async function decodeJpegImage(bytes: Uint8Array, budget: Budget): Promise<DecodedImage> {
  const frame = readJpegFrame(bytes);
  checkFrame(frame, budget);
  checkPlausibleSize(frame, bytes.length);
  await ensureDecoder();
  messages = [];
  let rgba: RgbaImage;
  try {
    const copy = bytes.slice().buffer;
    rgba = (await decodeWithLibjpeg(copy, { preserveOrientation: false })) as unknown as RgbaImage;
  } catch {
    throw new InputError(`corrupt JPEG: ${libjpegMessage() ?? 'the image data cannot be decoded'}`);
  }
  const truncated = messages.find((m) => /premature end/i.test(m));
  if (truncated) throw new InputError('truncated JPEG: the image data ends early');
  const { width, height, data } = rgba;
  if (width !== frame.width || height !== frame.height) throw new InputError('corrupt JPEG: decoded size differs from its header');
  return keepChannels(data, width, height, frame.components === 1 ? 1 : 3);
}

/** libjpeg's own last message, short and printable (it names the problem, e.g. "Bogus marker length"). */
function libjpegMessage(): string | undefined {
  const last = messages.at(-1)?.replace(/[^\x20-\x7e]/g, '').trim();
  return last ? last.slice(0, 80) : undefined;
}
