import { blackBox } from './black-box';
import { compareGradient, relativeError } from './compare';
import { emptyTarget, SLOTS, unitRoundoff, writeElement, type FillTarget } from './difference';
import { tensor } from '../problem/tensor';
import { tapOfWeight } from '../problem/problem';
import { createRandom } from '../problem/random';
import type { StepSettings } from './numerical';
import type { ElementVerdict, FloatArray, GradientName, Problem, Tensor, Tolerance } from '../problem/types';

export interface DirectionalCheck {
  readonly gradient: GradientName;
  /** 0-based number of the random direction; direction d of gradient g is seeded by (seed, g, d). */
  readonly direction: number;
  readonly seed: number;
  /** <u, gradient>, taken along the step actually made (parallel to u up to the rounding of each value). */
  readonly analytic: number;
  /** (L(theta + h u) - L(theta - h u)) / 2h for central differences. */
  readonly numerical: number;
  /** The numerical value's error bar: round-off bound plus truncation estimate, as for every element of the full map. */
  readonly errbar: number;
  readonly abs: number;
  readonly rel: number;
  /** By the full map's rule (compare.ts), with the gradient's Euclidean norm, the largest |<u, gradient>| can be, as its scale. */
  readonly verdict: ElementVerdict;
  readonly pass: boolean;
}

/** A seeded random direction of unit Euclidean norm. */
export function unitDirection(size: number, seed: number): Float64Array {
  const next = createRandom(seed);
  const u = new Float64Array(size);
  let norm = 0;
  for (let i = 0; i < size; i++) {
    u[i] = next();
    norm += u[i] * u[i];
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < size; i++) u[i] /= norm;
  return u;
}

const GRADIENT_SALT: Record<GradientName, number> = { dX: 0x1000, dW: 0x2000, db: 0x3000 };

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The norm of a gradient: the largest |<u, gradient>| over unit directions u, the scale of a directional check. */
function norm(values: FloatArray): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/**
 * The fast check of gradcheck's fast_mode and JAX's check_vjp: instead of the whole map, compare
 * the directional derivative along random unit directions u with <u, gradient>. Two forward
 * passes per direction (four where a truncation estimate is needed), whatever the input size.
 * Differenced in float64 at the problem's values (float64Twin) through the full map's per-output
 * rule (Differencer: kinks, round-off), and judged by its rule (compareGradient).
 */
export function directionalChecks(
  problem: Problem,
  gradients: { readonly dX: Tensor; readonly dW: Tensor; readonly db?: Tensor },
  settings: StepSettings,
  tol: Tolerance,
  directions: number,
  seed: number,
  scaledAtol = false,
): DirectionalCheck[] {
  const { prep, x, taps, bias, second, steps, forward, visit } = blackBox(problem, settings);
  const params: { name: GradientName; values: FloatArray; slot: (e: number) => number; grad: Tensor }[] = [
    { name: 'dX', values: x, slot: (e) => e, grad: gradients.dX },
    { name: 'dW', values: taps, slot: (e) => tapOfWeight(prep, e), grad: gradients.dW },
  ];
  if (bias && gradients.db) params.push({ name: 'db', values: bias, slot: (e) => e, grad: gradients.db });
  const [hiScale, loScale] = settings.method === 'central' ? [1, -1] : settings.method === 'forward' ? [1, 0] : [0, -1];
  const acc = new Float64Array(SLOTS);
  const acc2 = new Float64Array(SLOTS);

  /**
   * Adds every output's change between theta + hi·h·u and theta + lo·h·u to `into`; returns the
   * step actually taken, theta_hi - theta_lo: each value rounds as it moves, so it is only nearly
   * parallel to u, and where a value's step is lost to rounding it does not move at all.
   */
  const differenced = (values: FloatArray, base: FloatArray, u: Float64Array, slot: (e: number) => number, h: number, into: Float64Array): Float64Array => {
    const taken = new Float64Array(u.length);
    const at = (scale: number) => {
      for (let e = 0; e < u.length; e++) values[slot(e)] = base[slot(e)] + scale * h * u[e];
      return forward();
    };
    const yHi = at(hiScale);
    for (let e = 0; e < u.length; e++) taken[e] = values[slot(e)];
    const yLo = at(loScale);
    for (let e = 0; e < u.length; e++) taken[e] -= values[slot(e)];
    values.set(base);
    into.fill(0);
    visit(into, yHi, yLo);
    return taken;
  };

  const checks: DirectionalCheck[] = [];
  for (const { name, values, slot, grad } of params) {
    const base = values.slice();
    const h = steps[name];
    for (let d = 0; d < directions; d++) {
      const dirSeed = seed + GRADIENT_SALT[name] + d;
      const u = unitDirection(grad.data.length, dirSeed);
      // Both sides along the step taken, over its length along u: <gradient, taken> / <u, taken> is
      // <u, gradient> for a step parallel to u, and 0/0 (inconclusive) for a step lost to rounding.
      const taken = differenced(values, base, u, slot, h, acc);
      const span = dot(u, taken);
      const analytic = span === 0 ? dot(u, grad.data) : dot(grad.data, taken) / span;
      const span2 = second ? dot(u, differenced(values, base, u, slot, 2 * h, acc2)) : 0;
      const measured = emptyTarget(1, Float64Array);
      writeElement(measured, 0, unitRoundoff('f64'), settings.method, acc, 0, span, second ? acc2 : undefined, span2);
      const numerical = measured.values[0];
      const judged = judgeOne(analytic, measured, tol, norm(grad.data), scaledAtol);
      checks.push({
        gradient: name,
        direction: d,
        seed: dirSeed,
        analytic,
        numerical,
        errbar: measured.errbar[0],
        abs: Math.abs(analytic - numerical),
        rel: relativeError(analytic, numerical),
        verdict: judged,
        pass: judged === 'pass',
      });
    }
  }
  return checks;
}

/**
 * One directional value judged by the full map's rule. Its scale is the gradient's norm, not |n|:
 * a direction nearly orthogonal to the gradient has n near 0, which must not shrink the default
 * atol (or widen nothing) below what the gradient's size calls for.
 */
function judgeOne(analytic: number, measured: FillTarget, tol: Tolerance, scale: number, scaledAtol: boolean): ElementVerdict {
  const one = (v: number) => tensor([1], Float64Array.of(v));
  const byInterval = measured.spread[0] > 0;
  return compareGradient(one(analytic), { value: one(measured.values[0]), errbar: measured.errbar, spread: measured.spread, kinks: measured.kinks, byInterval }, tol, 0, scaledAtol, scale).summary.verdict;
}
