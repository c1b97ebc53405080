import { tensor, unravelIndex } from '../problem/tensor';
import type { ElementVerdict, GradientSummary, Tensor, Tolerance, WorstElement } from '../problem/types';

export interface Comparison {
  readonly summary: GradientSummary;
  /** |analytic - numerical| per element, float64, in the gradient's shape. */
  readonly error: Tensor;
  /** Per element: 0 pass, 1 fail, 2 inconclusive (ELEMENT_VERDICTS). */
  readonly judged: Uint8Array;
}

/** What was measured of one gradient: the finite differences and, per element, what the fill step knows about them. */
export interface MeasuredValues {
  readonly value: Tensor;
  /** The calibrated error bar of each value (0 where none is known). */
  readonly errbar?: Float64Array;
  /** Half the width of each element's kink interval (the `any` convention), 0 elsewhere. */
  readonly spread?: Float64Array;
  /** 1 where the element's difference crossed a real kink. */
  readonly kinks?: Uint8Array;
  /** Whether kinked elements were judged by their interval (the `any` convention) rather than a convention's branch. */
  readonly byInterval?: boolean;
}

export const ELEMENT_VERDICTS: readonly ElementVerdict[] = ['pass', 'fail', 'inconclusive'];
const PASS = 0;
const FAIL = 1;
const INCONCLUSIVE = 2;

/**
 * 1 where an element crossed a real kink and passed: what error maps paint in the kink colour. A
 * kinked element that fails or is inconclusive is shown as its error, like any other, so a kink
 * never hides a failure.
 */
export function passedKinks(kinks: Uint8Array, judged: Uint8Array): Uint8Array {
  // A loop, not kinks.map with a callback: ~5× faster over a 3000×2000 map.
  const passed = new Uint8Array(kinks.length);
  for (let i = 0; i < kinks.length; i++) passed[i] = kinks[i] && judged[i] === PASS ? 1 : 0;
  return passed;
}

/**
 * An element whose error bar plus kink half-width exceeds this fraction of the gradient's scale
 * (its largest finite |numerical|) cannot tell a wrong value from a right one: a value off by
 * that much of the gradient's largest element would still pass. It is inconclusive, not passed.
 * The error bar alone has a tighter limit, BAR_LIMIT (see compareGradient).
 */
export const INCONCLUSIVE_FRACTION = 0.25;

/**
 * An error bar wider than this many times rtol × scale is too wide to judge: a PASS then means
 * |a - n| <= atol + rtol |n| + 2 rtol scale at worst. With one times, correct float32 gradients
 * whose (conservative) bars sit just above rtol × scale came out inconclusive.
 */
export const BAR_LIMIT = 2;

/** Relative error |a-n| / max(|a|,|n|), 0 where both are 0. */
export function relativeError(a: number, n: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(n));
  return scale === 0 ? 0 : Math.abs(a - n) / scale;
}

/** The largest finite |value|: the scale the inconclusive threshold is relative to. */
function scaleOf(n: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < n.length; i++) if (Number.isFinite(n[i])) scale = Math.max(scale, Math.abs(n[i]));
  return scale;
}

/**
 * Judges every element of an analytic gradient against its finite difference:
 *
 *     |a - n| <= atol + rtol |n| + errbar + spread
 *
 * where errbar is the difference's calibrated error bar and spread half its kink interval's
 * width (n being the interval's midpoint), both from the fill step. An element that meets the
 * rule passes unless it is too wide to judge, when it is inconclusive: its errbar exceeds both
 * BAR_LIMIT × rtol × the gradient's scale and the tolerance atol + rtol |n| (a wrong value off by more
 * than the tolerance allows the gradient's largest element would pass: a 2% wrong tap of a
 * 512² float32 dL/dW hid under a round-off bar of 7%), or errbar + spread exceeds both
 * INCONCLUSIVE_FRACTION of the scale and that tolerance. One that breaks the rule fails. A non-finite analytic value fails; a
 * non-finite numerical value (or error bar), which is not the gradient under test's doing, is
 * inconclusive. The gradient fails if any element fails, else is inconclusive if any element is,
 * else passes: nothing is left out of the verdict.
 *
 * Elements are ranked by how far they exceed their own allowance, so the worst element is the
 * most failing one whatever its magnitude; non-finite ones rank above everything. max_rel is
 * taken over elements where max(|a|, |n|) exceeds atol plus the element's error bar: below that
 * the relative error of two values indistinguishable from 0 means nothing.
 *
 * With `scaledAtol` (the tolerance is the dtype's default, not the user's), atol is multiplied by
 * min(1, scale): gradcheck's absolute 1e-5 presumes gradients of order 1. `scale` is the
 * gradient's largest finite |numerical| unless the caller knows a better one (a directional check
 * has one value, and the gradient's norm).
 */
export function compareGradient(analytic: Tensor, measured: MeasuredValues, given: Tolerance, k = 10, scaledAtol = false, scale = scaleOf(measured.value.data)): Comparison {
  const a = analytic.data;
  const n = measured.value.data;
  const { errbar, spread, kinks, byInterval = false } = measured;
  const error = new Float64Array(a.length);
  const judged = new Uint8Array(a.length);
  const wide = INCONCLUSIVE_FRACTION * scale;
  // A default atol is for gradients of order 1; a smaller gradient scales it down, or 1e-3-scale data would pass anything.
  const tol = scaledAtol ? { ...given, atol: given.atol * Math.min(1, scale) } : given;
  let failing = 0;
  let inconclusive = 0;
  let nonfinite = 0;
  let kinked = 0;
  let interval = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let maxErrbar = 0;
  let relCount = 0;
  let squares = 0;
  let finiteCount = 0;
  const worst: { at: number; score: number }[] = [];
  // The CLI runs this loop once, cold: most of a 512² gradient goes by before V8's optimised code
  // is ready. So the body makes no calls (Math.max, Number.isFinite, relativeError cost a call
  // each in the baseline tiers) and reads each array once; the values are the same
  // (x - x === 0 exactly when x is finite).
  const { atol, rtol } = tol;
  const barLimit = BAR_LIMIT * rtol * scale;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    const ni = n[i];
    const abs = Math.abs(ai - ni);
    error[i] = abs;
    const bar = errbar ? errbar[i] : 0;
    const half = spread ? spread[i] : 0;
    if (kinks !== undefined && kinks[i] !== 0) {
      kinked++;
      if (byInterval) interval++;
    }
    let verdict: number;
    let score: number;
    if (ai - ai !== 0) {
      verdict = FAIL;
      nonfinite++;
      score = Infinity;
    } else if (ni - ni !== 0 || bar - bar !== 0) {
      verdict = INCONCLUSIVE;
      nonfinite++;
      score = Infinity;
    } else {
      const absN = ni < 0 ? -ni : ni;
      const allowance = atol + rtol * absN + bar + half;
      // Too wide to judge only if it is wider than the tolerance the user accepted anyway.
      const own = bar + half;
      const tolerance = allowance - own;
      const tooWide = (bar > barLimit && bar > tolerance) || (own > wide && own > tolerance);
      verdict = abs > allowance ? FAIL : tooWide ? INCONCLUSIVE : PASS;
      score = allowance > 0 ? abs / allowance : abs > 0 ? Infinity : 0;
      if (abs > maxAbs) maxAbs = abs;
      if (bar > maxErrbar) maxErrbar = bar;
      const absA = ai < 0 ? -ai : ai;
      // relativeError(ai, ni): the larger magnitude is above 0 here.
      const larger = absA > absN ? absA : absN;
      if (larger > atol + bar) {
        const rel = abs / larger;
        if (rel > maxRel) maxRel = rel;
        relCount++;
      }
      squares += abs * abs;
      finiteCount++;
    }
    judged[i] = verdict;
    if (verdict === FAIL) failing++;
    else if (verdict === INCONCLUSIVE) inconclusive++;
    if (k > 0 && (worst.length < k || score > worst[worst.length - 1].score)) {
      let j = Math.min(worst.length, k - 1);
      worst[j] = { at: i, score };
      while (j > 0 && worst[j - 1].score < score) {
        [worst[j - 1], worst[j]] = [worst[j], worst[j - 1]];
        j--;
      }
    }
  }
  const elements: WorstElement[] = worst.map(({ at }) => ({
    index: unravelIndex(at, analytic.shape),
    analytic: a[at],
    numerical: n[at],
    abs: error[at],
    rel: relativeError(a[at], n[at]),
    errbar: errbar ? errbar[at] : 0,
    spread: spread ? spread[at] : 0,
    judged: ELEMENT_VERDICTS[judged[at]],
  }));
  const verdict: ElementVerdict = failing > 0 ? 'fail' : inconclusive > 0 ? 'inconclusive' : 'pass';
  return {
    summary: {
      verdict,
      pass: verdict === 'pass',
      atol: tol.atol,
      rtol: tol.rtol,
      max_abs: maxAbs,
      max_rel: maxRel,
      rel_floor: tol.atol,
      rel_count: relCount,
      rms: finiteCount ? Math.sqrt(squares / finiteCount) : 0,
      failing,
      inconclusive,
      count: a.length,
      nonfinite,
      kinked,
      interval,
      max_errbar: maxErrbar,
      scale,
      worst: elements,
    },
    error: tensor(analytic.shape, error),
    judged,
  };
}
