// A map as PNG at its data resolution: one pixel per element, or k×k pixels per element
// (nearest, never smoothed, so an exported map is as sharp as the data).
import { encode } from 'fast-png';
import { RANGES } from '../core/problem/ranges';

/** The largest magnification offered (the app's menu, `convgrad render --scale`). */
export const MAX_SCALE = RANGES.scale.max;

/** Each RGBA pixel repeated into a k×k block. */
export function scaleNearest(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, k: number): Uint8Array {
  if (!Number.isInteger(k) || k < 1 || k > MAX_SCALE) throw new Error(`scale must be an integer from 1 to ${MAX_SCALE}, got ${k}`);
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width}×${height} RGBA pixels, got ${rgba.length / 4}`);
  const out = new Uint8Array(width * k * height * k * 4);
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const scaled = new Uint32Array(out.buffer);
  const outWidth = width * k;
  for (let row = 0; row < height; row++) {
    const line = scaled.subarray(row * k * outWidth, (row * k + 1) * outWidth);
    for (let col = 0; col < width; col++) line.fill(pixels[row * width + col]!, col * k, col * k + k);
    for (let r = 1; r < k; r++) scaled.copyWithin((row * k + r) * outWidth, row * k * outWidth, (row * k + 1) * outWidth);
  }
  return out;
}

/** An RGBA8 image (row-major, width×height) as PNG bytes, magnified k× by repetition. */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, k = 1): Uint8Array {
  const data = k === 1 ? new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length) : scaleNearest(rgba, width, height, k);
  if (data.length !== width * k * height * k * 4) throw new Error(`expected ${width}×${height} RGBA pixels, got ${data.length / 4}`);
  return encode({ width: width * k, height: height * k, data, channels: 4, depth: 8 });
}
