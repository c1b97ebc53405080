import { ACTIVATIONS, type ActivationFn, type Kink } from './activation';
import { InputError } from './errors';
import { checkFinite, checkHeldBy } from './problem';
import { allocate, type Memory } from './memory';
import { fillRandom } from './random';
import { arrayType, castData, formatShape, sameShapeUpToLeadingOnes, sizeOf } from './tensor';
import type { DType, FloatArray, LossSpec, Tensor } from './types';

/**
 * A loss that is a sum of one term per output, L = sum_o term(o, Y_o). Both losses are, which is
 * what lets the numerical gradient add up the change of only the outputs a perturbation reaches.
 */
export interface Loss {
  /** term(o, y), rounded to the working dtype at every step. */
  term(o: number, y: number): number;
  /**
   * dL/dY as an array of Y's size in the working dtype. It may be the loss's own array (the linear
   * loss's G, which may be the problem's): read it, never write to it. A new array is allocated
   * in `memory`.
   */
  gradient(y: FloatArray, memory?: Memory): FloatArray;
  /** L = the sum of the terms over all of Y, accumulated in float64 (a scalar shown to the user, not differenced). */
  total(y: FloatArray): number;
  /** Values of Y where the activation switches branches (a term's derivative may jump there). */
  readonly kinks: readonly Kink[];
  /**
   * Whether output o's term really has a derivative that jumps at `kink`: for 1/2 (relu(y) - t)^2
   * at 0 the jump is t, so there is none where the target is 0.
   */
  jumps(o: number, kink: Kink): boolean;
  /** term(o, y) with `branch` in place of the activation, rounded as term is. */
  branchTerm(o: number, y: number, branch: (y: number) => number): number;
  /**
   * A bound on |d term(o, y) / dy| at two points whose terms are tHi and tLo: what carries an
   * output's rounding there into its term. The l2 term's slope is |act(y) - t| |act'(y)| with
   * |act(y) - t| = sqrt(2 term); |act'| is at most 1, and for tanh and sigmoid is taken at both
   * values act(y) = t ± sqrt(2 term) could have (a saturated tanh has almost none).
   */
  slopeBound(o: number, tHi: number, tLo: number): number;
  /** Whether every term is a polynomial of degree at most 2 in y on each branch (a central difference of it is then exact). */
  readonly quadratic: boolean;
  /**
   * G where every term is G_o · y computed in float64 (the linear loss; in float32 each term is
   * rounded): what lets the finite difference evaluate the terms without a call per term.
   */
  readonly linearCoefficients?: FloatArray;
}

/** Whether every term of the loss `spec` is a polynomial of degree at most 2 in y on each branch: Loss.quadratic before the loss is built. */
export function quadraticLoss(spec: LossSpec): boolean {
  return spec.kind === 'linear' || ACTIVATIONS[spec.activation].piecewiseLinear;
}

/** The first kink of `kinks` that an output moving from yLo to yHi crosses or touches, if the output moves at all. */
export function crossedKink(kinks: readonly Kink[], yHi: number, yLo: number): Kink | undefined {
  if (yHi === yLo) return undefined;
  for (const kink of kinks) if ((yHi - kink.at) * (yLo - kink.at) <= 0) return kink;
  return undefined;
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
  const cast = castData(value, dtype);
  if (dtype === 'f32') checkHeldBy(value, cast, subject);
  return cast;
}

/** The upstream gradient G of the linear loss, as an array of Y's size; one it generates (ones, random) in `memory`. */
export function upstreamGradient(spec: Extract<LossSpec, { kind: 'linear' }>, yShape: readonly number[], dtype: DType, memory: Memory = 'own'): FloatArray {
  const size = sizeOf(yShape);
  const Float = arrayType(dtype);
  switch (spec.grad.kind) {
    case 'ones':
      return allocate<FloatArray>(Float, size, memory).fill(1);
    case 'random': {
      const g = allocate<FloatArray>(Float, size, memory);
      fillRandom(g, spec.grad.seed);
      return g;
    }
    case 'array':
      return arrayLike(spec.grad.value, yShape, dtype, 'grad', 'dL/dY');
  }
}

// The losses are classes rather than objects of closures: the numerical job calls `term`
// millions of times, and V8 inlines a call whose target is one shared method. A closure made
// per loss is a new target for every job, and after the second job the call was no longer
// inlined: the whole numerical map ran about 1.7 times slower.

/** L = sum_o G_o Y_o: dL/dY is G itself. */
class LinearLoss implements Loss {
  readonly kinks: readonly Kink[] = [];
  readonly quadratic = true;
  constructor(
    readonly g: FloatArray,
    readonly f32: boolean,
  ) {}

  get linearCoefficients(): FloatArray | undefined {
    return this.f32 ? undefined : this.g;
  }

  term(o: number, y: number): number {
    return rounded(this.g[o] * y, this.f32);
  }

  /** G itself, not a copy: a copy of a 3000×2000 G is 48 MB of fresh memory, ~200 ms to first touch on this project's machine. */
  gradient(): FloatArray {
    return this.g;
  }

  jumps(): boolean {
    return false;
  }

  slopeBound(o: number): number {
    return Math.abs(this.g[o]);
  }

  branchTerm(o: number, y: number): number {
    return this.term(o, y);
  }

  total(y: FloatArray): number {
    const g = this.g;
    let sum = 0;
    if (this.f32) for (let o = 0; o < y.length; o++) sum += Math.fround(g[o] * y[o]);
    else for (let o = 0; o < y.length; o++) sum += g[o] * y[o];
    return sum;
  }
}

/** L = sum_o (act(Y_o) - T_o)^2 / 2. */
class SquaredErrorLoss implements Loss {
  readonly kinks: readonly Kink[];
  readonly quadratic: boolean;

  constructor(
    readonly target: FloatArray,
    readonly act: ActivationFn,
    readonly f32: boolean,
  ) {
    this.kinks = act.kinks;
    this.quadratic = act.piecewiseLinear;
  }

  term(o: number, y: number): number {
    const d = rounded(rounded(this.act.value(y), this.f32) - this.target[o], this.f32);
    return rounded(0.5 * rounded(d * d, this.f32), this.f32);
  }

  jumps(o: number, kink: Kink): boolean {
    const t = this.target[o];
    return (kink.left(kink.at) - t) * kink.leftSlope !== (kink.right(kink.at) - t) * kink.rightSlope;
  }

  slopeBound(o: number, tHi: number, tLo: number): number {
    const slopeAt = this.act.slopeAt;
    if (!slopeAt) return Math.sqrt(2 * Math.max(Math.abs(tHi), Math.abs(tLo)));
    const t = this.target[o];
    const dHi = Math.sqrt(2 * Math.abs(tHi));
    const dLo = Math.sqrt(2 * Math.abs(tLo));
    return Math.max(dHi * Math.max(slopeAt(t + dHi), slopeAt(t - dHi)), dLo * Math.max(slopeAt(t + dLo), slopeAt(t - dLo)));
  }

  branchTerm(o: number, y: number, branch: (y: number) => number): number {
    const d = rounded(rounded(branch(y), this.f32) - this.target[o], this.f32);
    return rounded(0.5 * rounded(d * d, this.f32), this.f32);
  }

  gradient(y: FloatArray, memory: Memory = 'own'): FloatArray {
    const { target, act, f32 } = this;
    const gy = allocate<FloatArray>(arrayType(f32 ? 'f32' : 'f64'), y.length, memory);
    for (let o = 0; o < y.length; o++) {
      const a = rounded(act.value(y[o]), f32);
      gy[o] = rounded(a - target[o], f32) * rounded(act.slope(y[o], a), f32);
    }
    return gy;
  }

  total(y: FloatArray): number {
    let sum = 0;
    for (let o = 0; o < y.length; o++) sum += this.term(o, y[o]);
    return sum;
  }
}

/** The loss of `spec`; a G it generates is allocated in `memory` (it is also dL/dY). */
export function createLoss(spec: LossSpec, yShape: readonly number[], dtype: DType, memory: Memory = 'own'): Loss {
  const f32 = dtype === 'f32';
  if (spec.kind === 'linear') return new LinearLoss(upstreamGradient(spec, yShape, dtype, memory), f32);
  const target = spec.target.kind === 'zeros' ? new (arrayType(dtype))(sizeOf(yShape)) : arrayLike(spec.target.value, yShape, dtype, 'target', 'target');
  return new SquaredErrorLoss(target, ACTIVATIONS[spec.activation], f32);
}
