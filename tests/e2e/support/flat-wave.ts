// A small input whose ReLU problems have kinks: with the default Sobel-x kernel, Y = 0 exactly
// over its flat left part, on ReLU's kink.
import type { Tensor } from '../../../src/core/problem/types';
import { writeNpy } from '../../../src/formats/npy';

export const FLAT_WAVE_H = 12;
export const FLAT_WAVE_W = 14;

/** A smooth X with a flat (all-zero) left part. */
export function flatWave(): Tensor {
  const data = Float64Array.from({ length: FLAT_WAVE_H * FLAT_WAVE_W }, (_, i) => {
    const row = Math.floor(i / FLAT_WAVE_W);
    const col = i % FLAT_WAVE_W;
    return col < 5 ? 0 : Math.sin(0.7 * row + 0.3 * col * col) + 0.2 * Math.cos(col);
  });
  return { shape: [FLAT_WAVE_H, FLAT_WAVE_W], data };
}

/**
 * A target of Y's shape (the default 'seed' padding keeps X's) with a nonzero value everywhere:
 * 1/2 (relu(y) - t)^2 then really has a kink where Y = 0 (with t = 0 it would have none).
 */
export function flatWaveTarget(): Tensor {
  return { shape: [FLAT_WAVE_H, FLAT_WAVE_W], data: Float64Array.from({ length: FLAT_WAVE_H * FLAT_WAVE_W }, (_, i) => 0.25 + ((i * 7) % 5) / 10) };
}

/** A tensor as a .npy file for a file input. */
export const npyFile = (name: string, t: Tensor) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy(t)) });
