// Making a large image affordable before the numerical job: box-average downscaling and
// cropping, both over the last two (spatial) axes so channels are kept.
import type { Tensor } from '../../core/problem/types';
import { leadingShape, planeCount } from '../../export/planes';

export type DownscaleFactor = 1 | 2 | 4;

export interface CropRegion {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

function planes(t: Tensor): { lead: number[]; count: number; height: number; width: number } {
  return { lead: leadingShape(t), count: planeCount(t), height: t.shape[t.shape.length - 2], width: t.shape[t.shape.length - 1] };
}

/**
 * Averages each factor x factor block. A trailing partial block is dropped, so every output
 * pixel is the mean of exactly factor^2 inputs.
 */
export function downscale(t: Tensor, factor: DownscaleFactor): Tensor {
  if (factor === 1) return t;
  const { lead, count, height, width } = planes(t);
  const h = Math.floor(height / factor);
  const w = Math.floor(width / factor);
  if (h < 1 || w < 1) return t;
  const out = new Float64Array(count * h * w);
  const norm = 1 / (factor * factor);
  for (let p = 0; p < count; p++) {
    const src = p * height * width;
    const dst = p * h * w;
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let sum = 0;
        for (let a = 0; a < factor; a++) {
          const row = src + (i * factor + a) * width + j * factor;
          for (let b = 0; b < factor; b++) sum += t.data[row + b];
        }
        out[dst + i * w + j] = sum * norm;
      }
    }
  }
  return { shape: [...lead, h, w], data: out };
}

/** Clamps a region to the image, keeping at least one pixel. */
export function clampCrop(region: CropRegion, height: number, width: number): CropRegion {
  const top = Math.min(Math.max(0, Math.trunc(region.top)), height - 1);
  const left = Math.min(Math.max(0, Math.trunc(region.left)), width - 1);
  return {
    top,
    left,
    height: Math.min(Math.max(1, Math.trunc(region.height)), height - top),
    width: Math.min(Math.max(1, Math.trunc(region.width)), width - left),
  };
}

/** The region (clamped to the image) of every plane. */
export function crop(t: Tensor, region: CropRegion): Tensor {
  const { lead, count, height, width } = planes(t);
  const r = clampCrop(region, height, width);
  const out = new Float64Array(count * r.height * r.width);
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < r.height; i++) {
      const from = p * height * width + (r.top + i) * width + r.left;
      out.set(t.data.subarray(from, from + r.width), (p * r.height + i) * r.width);
    }
  }
  return { shape: [...lead, r.height, r.width], data: out };
}

/** The working X: the crop region (in source pixels) when enabled, then downscaled. */
export function workingImage(t: Tensor, factor: DownscaleFactor, region: CropRegion | undefined): Tensor {
  return downscale(region ? crop(t, region) : t, factor);
}
