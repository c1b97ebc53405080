import { setUp } from '../conv/analyze';
import { relativeError } from './compare';
import { forwardPadded } from '../conv/forward';
import { padInput } from '../problem/pad';
import { float64Twin } from '../problem/twin';
import { tapOfWeight } from '../problem/problem';
import { createRandom } from '../problem/random';
import type { StepSettings } from './numerical';
import type { FloatArray, GradientName, Problem, Tensor, Tolerance } from '../problem/types';

export interface DirectionalCheck {
  readonly gradient: GradientName;
  /** 0-based number of the random direction; direction d of gradient g is seeded by (seed, g, d). */
  readonly direction: number;
  readonly seed: number;
  /** <u, gradient>. */
  readonly analytic: number;
  /** (L(theta + h u) - L(theta - h u)) / 2h for central differences. */
  readonly numerical: number;
  readonly abs: number;
  readonly rel: number;
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

/**
 * The fast check of gradcheck's fast_mode and JAX's check_vjp: instead of the whole map, compare
 * the directional derivative along random unit directions u with <u, gradient>. Two forward
 * passes per direction, whatever the input size.
 */
export function directionalChecks(
  problem: Problem,
  gradients: { readonly dX: Tensor; readonly dW: Tensor; readonly db?: Tensor },
  settings: StepSettings,
  tol: Tolerance,
  directions: number,
  seed: number,
): DirectionalCheck[] {
  // Differenced in float64 at the problem's own values, as the full map is (float64Twin).
  const { prep, loss } = setUp(float64Twin(problem, setUp(problem).prep.shapes.y));
  const x = prep.x.slice();
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();
  const params: { name: GradientName; values: FloatArray; slot: (e: number) => number; grad: Tensor }[] = [
    { name: 'dX', values: x, slot: (e) => e, grad: gradients.dX },
    { name: 'dW', values: taps, slot: (e) => tapOfWeight(prep, e), grad: gradients.dW },
  ];
  if (bias && gradients.db) params.push({ name: 'db', values: bias, slot: (e) => e, grad: gradients.db });
  const [hiScale, loScale] = settings.method === 'central' ? [1, -1] : settings.method === 'forward' ? [1, 0] : [0, -1];
  const lossAt = (values: FloatArray, base: FloatArray, u: Float64Array, slot: (e: number) => number, scale: number) => {
    for (let e = 0; e < u.length; e++) values[slot(e)] = base[slot(e)] + scale * settings.h * u[e];
    return forwardPadded(prep, padInput(prep, x), taps, bias);
  };
  const checks: DirectionalCheck[] = [];
  for (const { name, values, slot, grad } of params) {
    const base = values.slice();
    for (let d = 0; d < directions; d++) {
      const dirSeed = seed + GRADIENT_SALT[name] + d;
      const u = unitDirection(grad.data.length, dirSeed);
      let analytic = 0;
      for (let e = 0; e < u.length; e++) analytic += u[e] * grad.data[e];
      const yHi = lossAt(values, base, u, slot, hiScale);
      const yLo = lossAt(values, base, u, slot, loScale);
      values.set(base);
      let delta = 0;
      for (let o = 0; o < yHi.length; o++) delta += loss.term(o, yHi[o]) - loss.term(o, yLo[o]);
      const numerical = delta / ((hiScale - loScale) * settings.h);
      const abs = Math.abs(analytic - numerical);
      checks.push({
        gradient: name,
        direction: d,
        seed: dirSeed,
        analytic,
        numerical,
        abs,
        rel: relativeError(analytic, numerical),
        pass: abs <= tol.atol + tol.rtol * Math.abs(numerical),
      });
    }
  }
  return checks;
}
