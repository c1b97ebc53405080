// The part of omggif's GifReader that ConvGrad uses (the package ships no types).
declare module 'omggif' {
  export interface GifFrame {
    x: number;
    y: number;
    width: number;
    height: number;
    transparent_index: number | null;
    palette_offset: number | null;
  }
  export class GifReader {
    constructor(bytes: Uint8Array);
    readonly width: number;
    readonly height: number;
    numFrames(): number;
    frameInfo(frame: number): GifFrame;
    decodeAndBlitFrameRGBA(frame: number, pixels: Uint8Array): void;
  }
}
