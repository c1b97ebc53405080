import { crossedKink, type Loss } from '../problem/loss';
import type { Kink } from '../problem/activation';
import type { DType, FdMethod, FloatArray, KinkConvention } from '../problem/types';
import { allocate, type ArrayType, type Memory } from '../problem/memory';

/**
 * What the finite difference of one element accumulates over the outputs it moves, in SLOTS
 * consecutive values of a Float64Array: the sum of the loss terms' changes, the magnitudes that
 * bound its round-off, the kink interval's half-width and whether a real kink was crossed.
 */
export const SUM = 0;
/**
 * Σ TERM_ROUNDINGS (|term(yHi)| + |term(yLo)|) (the terms' own rounding) + OUTPUT_ROUNDINGS
 * slope (|moved| + |yHi| + |yLo|) (the outputs' rounding at the step points times a bound on the
 * term's slope there), in units of the dtype's unit round-off, summed over the outputs an element moves.
 */
export const ROUNDOFF = 1;
export const SPREAD = 2;
export const KINKED = 3;
export const SLOTS = 4;

/**
 * Round-off bound per output, in units of the dtype's unit round-off: a loss term is a handful of
 * rounded operations (activation, difference, square, half), each at most a unit or two of the
 * term (libm's tanh and exp are within an ulp or so, which the square doubles); the output itself
 * is one rounded addition away from its exact value at each step point, which the term's slope
 * carries into it, as do the activation and the target's subtraction. Bounds, not estimates:
 * property tests over thousands of random problems found no element beyond them.
 */
export const TERM_ROUNDINGS = 8;
export const OUTPUT_ROUNDINGS = 4;
/** The truncation estimate from two steps is asymptotic; this much margin covers steps just past that regime. */
const TRUNCATION_MARGIN = 2;

/** Unit round-off of the working dtype. */
export function unitRoundoff(dtype: DType): number {
  return dtype === 'f32' ? 2 ** -24 : 2 ** -53;
}

/**
 * The per-output part of the finite difference shared by every job (local and black-box): the
 * change of one output's loss term between the two step points, its round-off magnitudes, and at
 * a kink of the activation the contribution of the branch the convention selects (or, under
 * `any`, the midpoint of the two branches' contributions and half their distance). A class, so
 * V8 sees one call target in the hot loops and inlines it.
 */
export class Differencer {
  readonly #kinked: boolean;

  constructor(
    readonly loss: Loss,
    readonly convention: KinkConvention,
    /** Y as the forward pass computes it in the problem's dtype: which side of a kink an output sits on. */
    readonly outputs: { get(): FloatArray },
  ) {
    this.#kinked = loss.kinks.length > 0;
  }

  /**
   * visit's second result: the round-off bound of the output it last visited, in units of the
   * working dtype's round-off. A field rather than a returned object, so nothing is allocated per
   * output and, once V8 inlines visit, the value never leaves a register.
   */
  roundoff = 0;

  /**
   * The change of output o's loss term from yLo to yHi; its round-off bound is left in
   * `roundoff`. The caller sums both over the outputs an element moves in local variables (an
   * accumulator in memory costs a store and a load per output on the loop's critical path: the
   * whole map ran 1.5× slower). At a kink, acc[at + KINKED] and acc[at + SPREAD] are updated
   * here (rarely, so through memory). `moved` is the magnitude of the perturbed products added at
   * the two points (|tap| (|hi| + |lo|)): each point is that product plus the same rest, so its
   * rounding is at most a unit of the product and of the output, never of the rest (which may be
   * far larger and cancel). 0 means the output does not read the perturbed value: both points
   * are the same computation, exact.
   */
  visit(acc: Float64Array, at: number, o: number, yHi: number, yLo: number, moved: number): number {
    if (moved === 0) {
      this.roundoff = 0;
      return 0;
    }
    const loss = this.loss;
    const tHi = loss.term(o, yHi);
    const tLo = loss.term(o, yLo);
    // Not |change| / |Δy|: a difference straddling the term's minimum changes by almost nothing while its slope at both points does not vanish.
    const outputRounding = OUTPUT_ROUNDINGS * loss.slopeBound(o, tHi, tLo) * (moved + Math.abs(yHi) + Math.abs(yLo));
    // A step lost to rounding (yHi === yLo) changes nothing here, but the rounding is still error.
    if (yHi === yLo) {
      this.roundoff = outputRounding;
      return 0;
    }
    this.roundoff = outputRounding + TERM_ROUNDINGS * (Math.abs(tHi) + Math.abs(tLo));
    if (this.#kinked) {
      // The dtype's Y decides the branch the analytic gradient took; where it sits at or across a kink from
      // the float64 points (the two disagree within the dtype's rounding of Y), the kink is crossed all the same.
      const kink = crossedKink(loss.kinks, yHi, yLo) ?? crossedKink(loss.kinks, yHi, this.outputs.get()[o]);
      if (kink) return this.#branchChange(acc, at, o, kink, yHi, yLo);
    }
    return tHi - tLo;
  }

  /**
   * The change of output o across a kink, taken on one branch's formula extended past the kink,
   * so the quotient is that branch's derivative (exactly, for relu's linear branches). The
   * branch is the side the output sits on; exactly at the kink, the convention's. A kink where
   * the term's derivative does not jump (relu with target 0) takes the same path: both branches
   * agree on the derivative there, but a difference across it would mix their curvatures.
   */
  #branchChange(acc: Float64Array, at: number, o: number, kink: Kink, yHi: number, yLo: number): number {
    const loss = this.loss;
    const left = loss.branchTerm(o, yHi, kink.left) - loss.branchTerm(o, yLo, kink.left);
    const right = loss.branchTerm(o, yHi, kink.right) - loss.branchTerm(o, yLo, kink.right);
    const y0 = this.outputs.get()[o];
    const real = loss.jumps(o, kink);
    if (real) acc[at + KINKED] = 1;
    if (real && this.convention === 'any') {
      acc[at + SPREAD] += Math.abs(right - left) / 2;
      return (left + right) / 2;
    }
    if (y0 > kink.at) return right;
    if (y0 < kink.at) return left;
    return this.convention === 'one' ? right : left;
  }
}

/**
 * The Differencer of a loss whose every term is G_o · y in float64 (Loss.linearCoefficients):
 * the same arithmetic in the same order, with the term written out. Through the loss's methods
 * each output paid for loading the loss and G again: a third of dL/dX's time and more of dL/dW's.
 * The local job's two hottest loops write it out once more (numerical.ts: JobContext.linear).
 */
class LinearDifferencer extends Differencer {
  constructor(
    loss: Loss,
    convention: KinkConvention,
    outputs: { get(): FloatArray },
    readonly g: FloatArray,
  ) {
    super(loss, convention, outputs);
  }

  override visit(_acc: Float64Array, _at: number, o: number, yHi: number, yLo: number, moved: number): number {
    if (moved === 0) {
      this.roundoff = 0;
      return 0;
    }
    const g = this.g[o];
    const tHi = g * yHi;
    const tLo = g * yLo;
    const outputRounding = OUTPUT_ROUNDINGS * Math.abs(g) * (moved + Math.abs(yHi) + Math.abs(yLo));
    if (yHi === yLo) {
      this.roundoff = outputRounding;
      return 0;
    }
    this.roundoff = outputRounding + TERM_ROUNDINGS * (Math.abs(tHi) + Math.abs(tLo));
    return tHi - tLo;
  }
}

/** The Differencer for `loss`: a linear one's terms written out, any other's through its methods. */
export function createDifferencer(loss: Loss, convention: KinkConvention, outputs: { get(): FloatArray }): Differencer {
  return loss.linearCoefficients ? new LinearDifferencer(loss, convention, outputs, loss.linearCoefficients) : new Differencer(loss, convention, outputs);
}

/**
 * Adds to `into` every output's change between two full forward passes. Each pass rounds relative
 * to Σ |tap · x| of the output (`size`, at the unperturbed values) and to the output itself at the
 * step point: an output whose window read only zeros has size 0 and moves all the same, so both
 * count. Outputs the passes leave equal count as not read (the black-box methods cannot tell those
 * from a step lost to rounding, which the local method bounds too).
 */
export function visitOutputs(diff: Differencer, into: Float64Array, yHi: FloatArray, yLo: FloatArray, size: FloatArray): void {
  let sum = 0;
  let roundoff = 0;
  for (let o = 0; o < yHi.length; o++) {
    if (yHi[o] === yLo[o]) continue;
    sum += diff.visit(into, 0, o, yHi[o], yLo[o], 2 * size[o] + Math.abs(yHi[o]) + Math.abs(yLo[o]));
    roundoff += diff.roundoff;
  }
  into[SUM] += sum;
  into[ROUNDOFF] += roundoff;
}

/** Where a job writes its elements, indexed by flat element: plain typed arrays, so every filler (threads, workers) carries them. */
export interface FillTarget {
  readonly values: FloatArray;
  /** 1 where some output the element moves crossed a real kink. */
  readonly kinks: Uint8Array;
  /** The value's calibrated error bar: round-off bound plus truncation estimate. */
  readonly errbar: Float64Array;
  /** Under `any`: half the width of the kink interval, whose midpoint is the value; 0 elsewhere. */
  readonly spread: Float64Array;
}

/** Full-length arrays for a gradient of `count` elements in `dtype`, in `memory`. */
export function emptyTarget(count: number, Float: ArrayType<FloatArray>, memory: Memory = 'own'): FillTarget {
  const array = <T>(Type: ArrayType<T>): T => allocate(Type, count, memory);
  return { values: array(Float), kinks: array(Uint8Array), errbar: array(Float64Array), spread: array(Float64Array) };
}

/**
 * Writes element e from its accumulator: the quotient over the step points' distance `span`, its
 * error bar and kink data. `second`, when given, is the same element at twice the step (span2):
 * the two quotients' difference estimates the truncation error (Richardson), which falls as h²
 * for the central difference and as h for a one-sided one. Returns the truncation estimate over
 * the round-off bound: a smaller step can only lower an error bar whose truncation dominates.
 */
export function writeElement(
  target: FillTarget,
  e: number,
  u: number,
  method: FdMethod,
  acc: Float64Array,
  at: number,
  span: number,
  second?: Float64Array,
  span2 = 0,
): number {
  const value = acc[at + SUM] / span;
  const roundoff = (u * acc[at + ROUNDOFF]) / Math.abs(span) + 2 * u * Math.abs(value);
  let truncation = 0;
  if (second) {
    const coarse = second[at + SUM] / span2;
    truncation = (TRUNCATION_MARGIN * Math.abs(coarse - value)) / (method === 'central' ? 3 : 1);
  }
  target.values[e] = value;
  // A float32 map stores the float64 quotient rounded: that rounding is error too.
  target.errbar[e] = roundoff + truncation + Math.abs(target.values[e] - value);
  target.spread[e] = acc[at + SPREAD] / Math.abs(span);
  target.kinks[e] = acc[at + KINKED] > 0 ? 1 : 0;
  return truncation / roundoff;
}
