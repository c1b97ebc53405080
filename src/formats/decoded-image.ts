/** A decoded image file before it becomes a tensor; every decoder returns one. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; interleaved, row-major. */
  readonly channels: 1 | 2 | 3 | 4;
  readonly bitDepth: 8 | 16;
  readonly data: Uint8Array | Uint16Array;
  /** Values per pixel in `data` when it holds more than `channels` (a decoder's RGBA, see keepChannels); `channels` when left out. */
  readonly stride?: number;
  /** The EXIF orientation tag (2..8) when the file has one that asks for a turn or flip; never applied, as in PIL. */
  readonly orientation?: number;
}

/**
 * The first `channels` of every pixel of an RGBA buffer, read where they lie (a stride of 4): the
 * WebAssembly and GIF decoders always give RGBA, whatever the file held (gray, RGB), and ConvGrad
 * keeps what the file held, as PIL does. Not copied: a copy of a 3000×2000 photo would be 18 MB of
 * fresh memory, about 70 ms to first touch on this project's machine.
 */
export function keepChannels(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3): DecodedImage {
  return { width, height, channels, bitDepth: 8, data: new Uint8Array(rgba.buffer, rgba.byteOffset, width * height * 4), stride: 4 };
}
