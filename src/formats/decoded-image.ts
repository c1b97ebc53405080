/** A decoded image file before it becomes a tensor; every decoder returns one. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; interleaved, row-major. */
  readonly channels: 1 | 2 | 3 | 4;
  readonly bitDepth: 8 | 16;
  readonly data: Uint8Array | Uint16Array;
  /** The EXIF orientation tag (2..8) when the file has one that asks for a turn or flip; never applied, as in PIL. */
  readonly orientation?: number;
}

/**
 * The first `channels` of every pixel of an RGBA buffer: the WebAssembly and GIF decoders always
 * give RGBA, whatever the file held (gray, RGB), and ConvGrad keeps what the file held, as PIL does.
 */
export function keepChannels(rgba: ArrayLike<number>, width: number, height: number, channels: 1 | 3): DecodedImage {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0, o = 0; o < data.length; i += 4) {
    for (let c = 0; c < channels; c++) data[o++] = rgba[i + c];
  }
  return { width, height, channels, bitDepth: 8, data };
}
