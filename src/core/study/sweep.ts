// The step-size study: how the finite-difference error depends on h, and the Taylor test of the
// analytic gradient. Both return plain arrays of points, ready for a CSV/JSON writer or a plot.
import { analyze, evaluate } from '../conv/analyze';
import { externalGradient } from '../check/check';
import { relativeError } from '../check/compare';
import { DEFAULT_STEP } from '../problem/defaults';
import { InputError } from '../problem/errors';
import { forwardPadded } from '../conv/forward';
import { unitDirection } from '../check/directional';
import { emptyTarget } from '../check/difference';
import { createNumericalJob } from '../check/numerical';
import { padInput } from '../problem/pad';
import { tapOfWeight } from '../problem/problem';
import { createRandom } from '../problem/random';
import { arrayType } from '../problem/tensor';
import { DEFAULT_SWEEP_ELEMENTS, DEFAULT_SWEEP_HS } from './sweep-steps';
import type { DType, FdMethod, FloatArray, GradientName, Problem } from '../problem/types';
import type { GradientsUnderTest } from '../check/types';

export interface SweepOptions {
  readonly method?: FdMethod;
  readonly hs?: readonly number[];
  /** The h the check uses, marked on the curve; the dtype's default step when left out. */
  readonly h?: number;
  readonly elements?: number;
  /** Seed of the element sample. */
  readonly seed?: number;
  readonly analytic?: GradientsUnderTest;
}

/** Error statistics over the sampled elements. NaN where no finite element exists. */
export interface ErrorStats {
  readonly maxAbs: number;
  readonly medianAbs: number;
  readonly maxRel: number;
  readonly medianRel: number;
  /** Sampled elements whose finite difference is NaN or infinite (both step points rounded to v). */
  readonly nonfinite: number;
}

export interface SweepPoint extends ErrorStats {
  readonly h: number;
  readonly dX: ErrorStats;
  readonly dW: ErrorStats;
  readonly db?: ErrorStats;
}

export interface SweepResult {
  readonly method: FdMethod;
  readonly dtype: DType;
  /** One point per requested h, in the order given; the top-level stats cover all sampled elements. */
  readonly points: SweepPoint[];
  /** The point at the check's h. */
  readonly chosen: SweepPoint;
  /** The swept point with the lowest max error among those without non-finite elements, null if none. */
  readonly best: SweepPoint | null;
  /** How many elements of each gradient were sampled, out of how many. */
  readonly sampled: Readonly<Record<GradientName, { readonly used: number; readonly of: number }>>;
}

function checkSteps(hs: readonly number[]): void {
  if (hs.length === 0) throw new InputError('the list of steps h is empty', 'h');
  for (const h of hs) {
    if (!(h > 0) || !Number.isFinite(h)) throw new InputError(`every step h must be a positive number, got ${h}`, 'h');
  }
}

/**
 * `min(count, max)` distinct indices in [0, count), ascending: all of them when they fit, otherwise
 * a seeded uniform sample (Floyd's algorithm), so the same problem always samples the same elements.
 */
export function sampleIndices(count: number, max: number, seed: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const next = createRandom(seed);
  const chosen = new Set<number>();
  for (let j = count - max; j < count; j++) {
    const t = Math.min(j, Math.floor(((next() + 1) / 2) * (j + 1)));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Errors {
  readonly abs: number[];
  readonly rel: number[];
  nonfinite: number;
}

function statsOf(errors: Errors): ErrorStats {
  const abs = [...errors.abs].sort((a, b) => a - b);
  const rel = [...errors.rel].sort((a, b) => a - b);
  return {
    maxAbs: abs.length ? abs[abs.length - 1] : NaN,
    medianAbs: median(abs),
    maxRel: rel.length ? rel[rel.length - 1] : NaN,
    medianRel: median(rel),
    nonfinite: errors.nonfinite,
  };
}

/**
 * The sweep one step at a time, so the app's worker can report progress and honour a cancel
 * request between steps (each step is a numerical job over the element sample).
 */
export interface SweepJob {
  /** The steps to evaluate in order: the requested ones, then the check's h if it is not among them. */
  readonly steps: readonly number[];
  /** The error statistics at steps[i]. */
  point(i: number): SweepPoint;
  /** The result from the points of all steps, in the order of `steps`. */
  result(points: readonly SweepPoint[]): SweepResult;
}

export function createSweepJob(problem: Problem, options: SweepOptions = {}): SweepJob {
  const method = options.method ?? 'central';
  const hs = options.hs ?? DEFAULT_SWEEP_HS;
  const chosenH = options.h ?? DEFAULT_STEP;
  const elements = options.elements ?? DEFAULT_SWEEP_ELEMENTS;
  checkSteps(hs);
  checkSteps([chosenH]);
  if (!Number.isInteger(elements) || elements < 1) throw new InputError(`elements must be an integer >= 1, got ${elements}`, 'elements');
  const own = analyze(problem);
  const analytic: Partial<Record<GradientName, FloatArray>> = {
    dX: externalGradient(options.analytic?.dX, own.dX, 'analytic-dx', 'X').data,
    dW: externalGradient(options.analytic?.dW, own.dW, 'analytic-dw', 'W').data,
    db: own.db?.data,
  };
  const names = (['dX', 'dW', 'db'] as const).filter((name) => analytic[name]);
  const seed = options.seed ?? 0;
  const samples = Object.fromEntries(names.map((name, i) => [name, sampleIndices(analytic[name]!.length, elements, seed + i)])) as Partial<Record<GradientName, number[]>>;
  const Float = arrayType(problem.dtype);
  const steps = hs.includes(chosenH) ? [...hs] : [...hs, chosenH];

  const point = (i: number): SweepPoint => {
    const h = steps[i];
    const job = createNumericalJob(problem, { method, h });
    const all: Errors = { abs: [], rel: [], nonfinite: 0 };
    const per: Partial<Record<GradientName, ErrorStats>> = {};
    for (const name of names) {
      const a = analytic[name]!;
      const out = emptyTarget(a.length, Float);
      const errors: Errors = { abs: [], rel: [], nonfinite: 0 };
      for (const e of samples[name]!) {
        job.fill(name, e, e + 1, out);
        const n = out.values[e];
        if (!Number.isFinite(n) || !Number.isFinite(a[e])) {
          errors.nonfinite++;
          continue;
        }
        errors.abs.push(Math.abs(a[e] - n));
        errors.rel.push(relativeError(a[e], n));
      }
      per[name] = statsOf(errors);
      for (const v of errors.abs) all.abs.push(v);
      for (const v of errors.rel) all.rel.push(v);
      all.nonfinite += errors.nonfinite;
    }
    return { h, ...statsOf(all), dX: per.dX!, dW: per.dW!, db: per.db };
  };

  const result = (points: readonly SweepPoint[]): SweepResult => {
    if (points.length !== steps.length) throw new Error(`sweep: ${points.length} points for ${steps.length} steps`);
    const swept = points.slice(0, hs.length);
    let best: SweepPoint | null = null;
    for (const p of swept) if (p.nonfinite === 0 && Number.isFinite(p.maxAbs) && (!best || p.maxAbs < best.maxAbs)) best = p;
    const sampled = Object.fromEntries(
      (['dX', 'dW', 'db'] as const).map((name) => [name, { used: samples[name]?.length ?? 0, of: analytic[name]?.length ?? 0 }]),
    ) as Record<GradientName, { used: number; of: number }>;
    return { method, dtype: problem.dtype, points: swept, chosen: points[steps.indexOf(chosenH)], best, sampled };
  };

  return { steps, point, result };
}

/**
 * The finite-difference error against the analytic gradient for each step h, on a fixed sample of
 * elements. A correct gradient gives the classic curve: truncation error falling with h (as h^2
 * for central, h for one-sided differences) until round-off, growing like eps*|L|/h, takes over.
 */
export function stepSweep(problem: Problem, options: SweepOptions = {}): SweepResult {
  const job = createSweepJob(problem, options);
  return job.result(job.steps.map((_, i) => job.point(i)));
}

export interface TaylorOptions {
  readonly hs?: readonly number[];
  /** Seed of the random unit directions (X uses seed, W seed + 1). */
  readonly seed?: number;
  readonly analytic?: GradientsUnderTest;
}

export interface TaylorPoint {
  readonly h: number;
  /** |L(p + h v) - L(p)|: first order in h. */
  readonly r0: number;
  /** |L(p + h v) - L(p) - h <g, v>|: second order in h if g is the gradient, first order if not. */
  readonly r1: number;
}

export interface TaylorSeries {
  readonly parameter: 'x' | 'w';
  readonly seed: number;
  /** <g, v>, the directional derivative the analytic gradient predicts. */
  readonly derivative: number;
  readonly points: TaylorPoint[];
  /** Least-squares slopes of log r against log h over the points above the round-off floor; null if fewer than two. */
  readonly slope0: number | null;
  readonly slope1: number | null;
  /** Remainders below this are round-off, not Taylor remainder, and are left out of the fits. */
  readonly floor: number;
}

export interface TaylorResult {
  readonly dtype: DType;
  readonly series: TaylorSeries[];
}

/** Slope of the least-squares line through (log h, log r) for the points with r above `floor`. */
function fittedSlope(hs: readonly number[], rs: readonly number[], floor: number): number | null {
  const pts = hs.map((h, i) => [Math.log(h), Math.log(rs[i])]).filter((_, i) => rs[i] > floor && Number.isFinite(rs[i]));
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxy / sxx;
}

/**
 * Perturbs X (and separately W) along a random unit direction v and compares the change of the
 * loss with the first-order prediction. With a correct gradient the remainder r1 falls like h^2
 * (slope 2 on a log-log plot) next to r0's slope 1; a wrong gradient leaves a first-order error,
 * so r1 falls only like h. The loss change is the sum of per-output term differences, and the
 * prediction uses the step actually taken (p + h v rounded to the working dtype, minus p).
 */
export function taylorTest(problem: Problem, options: TaylorOptions = {}): TaylorResult {
  const hs = options.hs ?? DEFAULT_SWEEP_HS;
  checkSteps(hs);
  const seed = options.seed ?? 0;
  const { prep, y, loss } = evaluate(problem);
  const own = analyze(problem);
  const gx = externalGradient(options.analytic?.dX, own.dX, 'analytic-dx', 'X').data;
  const gw = externalGradient(options.analytic?.dW, own.dW, 'analytic-dw', 'W').data;
  const round = prep.dtype === 'f32' ? Math.fround : (v: number) => v;
  const eps = prep.dtype === 'f32' ? 2 ** -23 : 2 ** -52;
  const x = prep.x.slice();
  const taps = prep.taps.slice();
  // Each output's term (and its forward sum, through dL/dY) rounds at about eps relative, with
  // random signs, so the loss change carries noise near eps * sqrt(sum of squared term scales).
  let squares = 0;
  for (let o = 0; o < y.length; o++) squares += (Math.abs(loss.term(o, y[o])) + Math.abs(own.gy.data[o] * y[o])) ** 2;
  const floor = 10 * eps * Math.sqrt(squares);

  const series = (parameter: 'x' | 'w', values: FloatArray, slot: (e: number) => number, g: FloatArray, dirSeed: number): TaylorSeries => {
    const v = unitDirection(g.length, dirSeed);
    let derivative = 0;
    for (let e = 0; e < g.length; e++) derivative += g[e] * v[e];
    const base = values.slice();
    const points = hs.map((h): TaylorPoint => {
      let predicted = 0;
      for (let e = 0; e < g.length; e++) {
        const at = slot(e);
        values[at] = round(base[at] + h * v[e]);
        predicted += g[e] * (values[at] - base[at]);
      }
      const yh = forwardPadded(prep, padInput(prep, x), taps, prep.bias);
      values.set(base);
      let change = 0;
      for (let o = 0; o < y.length; o++) change += loss.term(o, yh[o]) - loss.term(o, y[o]);
      return { h, r0: Math.abs(change), r1: Math.abs(change - predicted) };
    });
    return {
      parameter,
      seed: dirSeed,
      derivative,
      points,
      slope0: fittedSlope(hs, points.map((p) => p.r0), floor),
      slope1: fittedSlope(hs, points.map((p) => p.r1), floor),
      floor,
    };
  };

  return {
    dtype: prep.dtype,
    series: [series('x', x, (e) => e, gx, seed), series('w', taps, (e) => tapOfWeight(prep, e), gw, seed + 1)],
  };
}
