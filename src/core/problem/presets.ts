// Named kernels for the CLI's --w and the app's kernel menu.
//
// The kernels are written in the usual textbook orientation. Under the default op 'conv' the kernel is
// mirrored before it is applied, so e.g. sobel-x under 'conv' responds with the opposite sign to sobel-x
// under 'xcorr' (which is what PyTorch's conv2d does). Symmetric kernels (identity, box3, gauss5, laplacian,
// sharpen) are unaffected.

import { checkedProduct, checkElements, DEFAULT_BUDGET } from './budget';
import { InputError } from './errors';
import { fillRandom } from './random';
import type { Tensor } from './types';

type Rows = readonly (readonly number[])[];

const BINOMIAL5 = [1, 4, 6, 4, 1];

const FIXED: Readonly<Record<string, Rows>> = {
  identity: [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ],
  box3: [
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
  ],
  // Outer product of the binomial row [1,4,6,4,1] with itself, normalized to sum 1.
  gauss5: BINOMIAL5.map((a) => BINOMIAL5.map((b) => (a * b) / 256)),
  'sobel-x': [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  'sobel-y': [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ],
  // 4-neighbour Laplacian.
  laplacian: [
    [0, 1, 0],
    [1, -4, 1],
    [0, 1, 0],
  ],
  sharpen: [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ],
};

/** Menu entries; 'random:KxL[:seed]' is the parameterized form of 'random'. */
export const PRESET_NAMES: readonly string[] = [...Object.keys(FIXED), 'random:3x3'];

/** Largest side accepted for random:KxL, so a typo cannot request gigabytes. */
const MAX_RANDOM_SIDE = 1024;

const RANDOM_SPEC = /^random:(\d+)x(\d+)(?::(-?\d+))?$/;

/**
 * The kernel named by `spec`: a fixed preset name or `random:KxL[:seed]` (uniform in [-1,1), seed 0 by default).
 * For `channels` = 1 the result is (K,L). For C > 1 channels it is a (C,C,K,L) kernel that applies the preset
 * to every channel independently: output channel c reads only input channel c (zero off the channel diagonal).
 */
export function kernelPreset(spec: string, channels = 1): Tensor {
  if (!Number.isInteger(channels) || channels < 1) {
    throw new InputError(`channel count must be a positive integer, got ${channels}`, 'w');
  }
  const base = baseKernel(spec);
  return channels === 1 ? base : channelDiagonal(base, channels);
}

function baseKernel(spec: string): Tensor {
  const rows = Object.hasOwn(FIXED, spec) ? FIXED[spec] : undefined;
  if (rows) return fromRows(rows);
  if (spec.startsWith('random')) return randomKernel(spec);
  throw new InputError(
    `unknown kernel preset '${spec}' (known: ${Object.keys(FIXED).join(', ')}, random:KxL[:seed])`,
    'w',
  );
}

function randomKernel(spec: string): Tensor {
  const match = RANDOM_SPEC.exec(spec);
  if (!match) throw new InputError(`bad random kernel '${spec}' (expected random:KxL or random:KxL:seed)`, 'w');
  const k = Number(match[1]);
  const l = Number(match[2]);
  if (k < 1 || l < 1 || k > MAX_RANDOM_SIDE || l > MAX_RANDOM_SIDE) {
    throw new InputError(`random kernel size ${k}x${l} out of range (each side 1..${MAX_RANDOM_SIDE})`, 'w');
  }
  const data = new Float64Array(k * l);
  fillRandom(data, match[3] === undefined ? 0 : Number(match[3]));
  return { shape: [k, l], data };
}

function fromRows(rows: Rows): Tensor {
  return { shape: [rows.length, rows[0].length], data: Float64Array.from(rows.flat()) };
}

function channelDiagonal(base: Tensor, channels: number): Tensor {
  checkElements(checkedProduct([channels, channels, base.shape[0], base.shape[1]]), `the kernel (${channels},${channels},${base.shape[0]},${base.shape[1]}) for ${channels} channels`, DEFAULT_BUDGET, 'w');
  const size = base.data.length;
  const data = new Float64Array(channels * channels * size);
  for (let c = 0; c < channels; c++) data.set(base.data, (c * channels + c) * size);
  return { shape: [channels, channels, base.shape[0], base.shape[1]], data };
}
