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
