import { checkedProduct, checkElements, DEFAULT_BUDGET, type Budget } from './budget';
import { InputError } from './errors';
import { resolveGeometry, type Geometry } from './geometry';
import { castData, formatShape, sameShapeUpToLeadingOnes, unravelIndex } from './tensor';
import type { DType, FloatArray, Problem, Tensor } from './types';

/** A problem's dimensions and geometry: what its shapes alone say, without reading a value. */
export interface ProblemShape {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly cout: number;
  readonly k: number;
  readonly l: number;
  readonly geometry: Geometry;
  /** The user-facing shapes; results are returned in these. */
  readonly shapes: { readonly x: number[]; readonly w: number[]; readonly bias?: number[]; readonly y: number[] };
}

/**
 * A problem in the core's working form: 4-D row-major arrays in the working dtype. They may
 * share memory with the problem's own arrays, so nothing writes to them; jobs that perturb
 * values work on copies.
 */
export interface Prepared extends ProblemShape {
  readonly dtype: DType;
  /** X as (N,C,H,W). */
  readonly x: FloatArray;
  /** Cross-correlation taps (Cout,C,K,L): W itself for 'xcorr', W mirrored for 'conv'. */
  readonly taps: FloatArray;
  readonly bias?: FloatArray;
  readonly mirrored: boolean;
}

/** Mirrors both spatial axes of each K x L plane: the 'conv' kernel is the 'xcorr' kernel turned 180 degrees. */
export function mirrorPlanes(data: FloatArray, k: number, l: number): FloatArray {
  const out = new (data.constructor as new (n: number) => FloatArray)(data.length);
  const plane = k * l;
  for (let base = 0; base < data.length; base += plane) {
    for (let i = 0; i < plane; i++) out[base + i] = data[base + plane - 1 - i];
  }
  return out;
}

/** The index into `taps` of the user's kernel element e: (kk,ll) for xcorr, (K-1-kk, L-1-ll) for conv. */
export function tapOfWeight(prep: Prepared, e: number): number {
  const plane = prep.k * prep.l;
  const inPlane = e % plane;
  return e - inPlane + (prep.mirrored ? plane - 1 - inPlane : inPlane);
}

export function checkFinite(t: Tensor, subject: string): void {
  // v * 0 is 0 for every finite v and NaN otherwise, so one branch-free pass sums to 0 exactly
  // when all values are finite; only then is the offending index looked for.
  const data = t.data;
  let probe = 0;
  for (let i = 0; i < data.length; i++) probe += data[i] * 0;
  if (probe === 0) return;
  const i = data.findIndex((v) => !Number.isFinite(v));
  throw new InputError(`contains ${data[i]} at index [${unravelIndex(i, t.shape).join(',')}]; inputs must be finite`, subject);
}

/** Finite float64 values beyond float32's range (|v| > 3.4e38) become Infinity when cast: that is bad input, not a discrepancy. */
export function checkHeldBy(t: Tensor, cast: FloatArray, subject: string): void {
  for (let i = 0; i < cast.length; i++) {
    if (!Number.isFinite(cast[i])) {
      throw new InputError(`value ${t.data[i]} at index [${unravelIndex(i, t.shape).join(',')}] is beyond float32's range (±3.4e38); it needs float64`, subject);
    }
  }
}

function checkShape(t: Tensor, ranks: readonly number[], subject: string, what: string): void {
  if (!ranks.includes(t.shape.length)) {
    throw new InputError(`${what} must have ${ranks.join(' or ')} dimensions, got shape ${formatShape(t.shape)}`, subject);
  }
  if (t.shape.some((d) => d === 0)) {
    throw new InputError(`zero-size dimension in shape ${formatShape(t.shape)}`, subject);
  }
}

/**
 * The problem's dimensions, validated (ranks, channels, bias shape, geometry, the size budget)
 * without reading its values: what a cost estimate needs before the values are checked.
 */
export function problemShape(problem: Problem): ProblemShape {
  const { x, w, bias } = problem;
  checkShape(x, [2, 3, 4], 'x', 'X');
  checkShape(w, [2, 4], 'w', 'the kernel');
  const [n, c, h, width] = [1, 1, 1, 1, ...x.shape].slice(-4);
  const [cout, cin, k, l] = [1, 1, ...w.shape].slice(-4);
  if (cin !== c) {
    throw new InputError(`kernel ${formatShape(w.shape)} expects ${cin} input channel(s), X ${formatShape(x.shape)} has ${c}`, 'w');
  }
  if (bias && !sameShapeUpToLeadingOnes(bias.shape, [cout])) {
    throw new InputError(`bias shape ${formatShape(bias.shape)} does not match the kernel's ${cout} output channel(s)`, 'bias');
  }
  const budget: Budget = problem.maxElements === undefined ? DEFAULT_BUDGET : { maxElements: problem.maxElements };
  const geometry = resolveGeometry(h, width, k, l, problem.conv, budget);
  const { out: ho } = geometry.rows;
  const { out: wo } = geometry.cols;
  // The buffers every job allocates from these shapes, checked before any of them exists.
  checkElements(checkedProduct([n, c, geometry.rows.padded, geometry.cols.padded]), 'the padded input', budget, 'padding');
  checkElements(checkedProduct([n, cout, ho, wo]), `the output Y (${n},${cout},${ho},${wo})`, budget, 'w');
  const y = x.shape.length === 4 ? [n, cout, ho, wo] : x.shape.length === 3 || cout > 1 ? [cout, ho, wo] : [ho, wo];
  return { n, c, h, w: width, cout, k, l, geometry, shapes: { x: [...x.shape], w: [...w.shape], bias: bias ? [...bias.shape] : undefined, y } };
}

export function prepare(problem: Problem): Prepared {
  const shape = problemShape(problem);
  const { x, w, bias, dtype } = problem;
  checkFinite(x, 'x');
  checkFinite(w, 'w');
  if (bias) checkFinite(bias, 'bias');
  const mirrored = problem.conv.op === 'conv';
  const wData = castData(w, dtype);
  const xData = castData(x, dtype);
  const biasData = bias ? castData(bias, dtype) : undefined;
  if (dtype === 'f32') {
    checkHeldBy(x, xData, 'x');
    checkHeldBy(w, wData, 'w');
    if (bias && biasData) checkHeldBy(bias, biasData, 'bias');
  }
  return { ...shape, dtype, x: xData, taps: mirrored ? mirrorPlanes(wData, shape.k, shape.l) : wData, bias: biasData, mirrored };
}
