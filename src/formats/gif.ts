/// <reference path="./omggif.d.ts" />
// GIF: the first frame, decoded by omggif into the palette's colours, as PIL's Image.open shows
// it (PIL keeps the palette image and ignores transparency when converting to 'L' or 'RGB', so a
// transparent pixel has its palette colour here too).
import { GifReader } from 'omggif';
import { checkedProduct, checkElements, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { keepChannels, type DecodedImage } from './decoded-image';

export function isGif(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  return head === 'GIF87a' || head === 'GIF89a';
}

export function decodeGifImage(bytes: Uint8Array, budget: Budget): DecodedImage {
  if (bytes.length < 13) throw new InputError('truncated GIF: the file ends inside its header');
  const width = bytes[6] | (bytes[7] << 8);
  const height = bytes[8] | (bytes[9] << 8);
  if (width === 0 || height === 0) throw new InputError(`corrupt GIF: size ${width} x ${height}`);
  checkElements(checkedProduct([width, height, 4]), `the GIF image (${width} x ${height} x 4)`, budget);
  let reader: GifReader;
  try {
    reader = new GifReader(bytes);
  } catch {
    throw new InputError('corrupt GIF: its blocks cannot be read');
  }
  if (reader.numFrames() < 1) throw new InputError('corrupt GIF: no image in the file');
  const frame = reader.frameInfo(0);
  if (frame.x !== 0 || frame.y !== 0 || frame.width !== width || frame.height !== height) {
    throw new InputError(`unsupported GIF: the first frame (${frame.width} x ${frame.height} at ${frame.x},${frame.y}) does not cover the ${width} x ${height} image`);
  }
  if (frame.palette_offset === null) throw new InputError('corrupt GIF: no colour table for the first frame');
  // The object is the reader's own record: clearing the index makes it write transparent pixels' colours.
  frame.transparent_index = null;
  const rgba = new Uint8Array(width * height * 4);
  // omggif reports an image stream that ends early only with console.log (and blits zeros):
  // the message is caught and said in ConvGrad's words, as PIL refuses such a file as truncated.
  const host = globalThis as unknown as { console: { log: (...args: unknown[]) => void } };
  const log = host.console.log;
  let short = false;
  host.console.log = () => void (short = true);
  try {
    reader.decodeAndBlitFrameRGBA(0, rgba);
  } catch {
    throw new InputError('corrupt GIF: the image data cannot be decoded');
  } finally {
    host.console.log = log;
  }
  if (short) throw new InputError('truncated GIF: the image data ends before the last pixel');
  return keepChannels(rgba, width, height, 3);
}
