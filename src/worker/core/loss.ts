import { ACTIVATIONS } from './activation';
import { InputError } from './errors';
import { checkFinite } from './problem';
import { createRandom } from './random';
import { arrayType, castData, formatShape, sameShapeUpToLeadingOnes, sizeOf } from './tensor';
import type { DType, FloatArray, LossSpec, Tensor } from './types';

/**
 * A loss that is a sum of one term per output, L = sum_o term(o, Y_o). Both losses are, which is
 * what lets the numerical gradient add up the change of only the outputs a perturbation reaches.
 */
export interface Loss {
  /** term(o, y), rounded to the working dtype at every step. */
  readonly term: (o: number, y: number) => number;
  /** dL/dY as an array of Y's size in the working dtype. */
  readonly gradient: (y: FloatArray) => FloatArray;
  /** L = the sum of the terms over all of Y, accumulated in float64 (a scalar shown to the user, not differenced). */
  readonly total: (y: FloatArray) => number;
  /** Values of Y where term's derivative jumps. */
  readonly kinks: readonly number[];
}

/**
 * Whether an output moving from yLo to yHi crosses or touches a kink, so that the finite
 * difference mixes the two one-sided derivatives. An output the step does not move is exact.
 */
export function straddlesKink(kinks: readonly number[], yHi: number, yLo: number): boolean {
  if (yHi === yLo) return false;
  return kinks.some((kink) => (yHi - kink) * (yLo - kink) <= 0);
}

/**
 * v in the working precision. A module-level function rather than a per-loss closure: the
 * numerical job calls `term` millions of times, and only a fixed call target gets inlined there.
 */
function rounded(v: number, f32: boolean): number {
  return f32 ? Math.fround(v) : v;
}

function arrayLike(value: Tensor, yShape: readonly number[], dtype: DType, subject: string, what: string): FloatArray {
  if (!sameShapeUpToLeadingOnes(value.shape, yShape)) {
    throw new InputError(`${what} shape ${formatShape(value.shape)} does not match Y ${formatShape(yShape)}`, subject);
  }
  checkFinite(value, subject);
  return castData(value, dtype);
}

/** The upstream gradient G of the linear loss, as an array of Y's size. */
export function upstreamGradient(spec: Extract<LossSpec, { kind: 'linear' }>, yShape: readonly number[], dtype: DType): FloatArray {
  const size = sizeOf(yShape);
  const Float = arrayType(dtype);
  switch (spec.grad.kind) {
    case 'ones':
      return new Float(size).fill(1);
    case 'random': {
      const next = createRandom(spec.grad.seed);
      const g = new Float(size);
      for (let o = 0; o < size; o++) g[o] = next();
      return g;
    }
    case 'array':
      return arrayLike(spec.grad.value, yShape, dtype, 'grad', 'dL/dY');
  }
}

/** The linear loss's total, a loop of its own: in a closure it ran at a quarter of the speed. */
function linearTotal(g: FloatArray, y: FloatArray, f32: boolean): number {
  let sum = 0;
  if (f32) for (let o = 0; o < y.length; o++) sum += Math.fround(g[o] * y[o]);
  else for (let o = 0; o < y.length; o++) sum += g[o] * y[o];
  return sum;
}

export function createLoss(spec: LossSpec, yShape: readonly number[], dtype: DType): Loss {
  const f32 = dtype === 'f32';
  const Float = arrayType(dtype);
  if (spec.kind === 'linear') {
    const g = upstreamGradient(spec, yShape, dtype);
    return {
      term: (o, y) => rounded(g[o] * y, f32),
      gradient: () => g.slice(),
      total: (y) => linearTotal(g, y, f32),
      kinks: [],
    };
  }
  const size = sizeOf(yShape);
  const t = spec.target.kind === 'zeros' ? new Float(size) : arrayLike(spec.target.value, yShape, dtype, 'target', 'target');
  const act = ACTIVATIONS[spec.activation];
  const term = (o: number, y: number) => {
    const d = rounded(rounded(act.value(y), f32) - t[o], f32);
    return rounded(0.5 * rounded(d * d, f32), f32);
  };
  return {
    term,
    total: (y) => {
      let sum = 0;
      for (let o = 0; o < y.length; o++) sum += term(o, y[o]);
      return sum;
    },
    gradient: (y) => {
      const gy = new Float(y.length);
      for (let o = 0; o < y.length; o++) {
        const a = rounded(act.value(y[o]), f32);
        gy[o] = rounded(a - t[o], f32) * rounded(act.slope(y[o], a), f32);
      }
      return gy;
    },
    kinks: act.kinks,
  };
}
