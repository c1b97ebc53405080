import { reachOf, type Reach } from '../problem/geometry';
import { quadraticLoss } from '../problem/loss';
import type { Prepared } from '../problem/problem';
import type { Activation, FdMethod, GradientName, LossSpec } from '../problem/types';

/**
 * What a check costs, counted from the shapes the way the core's loops run: multiply-adds
 * (products with padding zeros included) and, for the finite differences, the number of output
 * evaluations, each of which also costs two loss terms and some index arithmetic.
 */
export interface CheckCost {
  readonly forward: number;
  readonly vjp: number;
  readonly numerical: number;
  readonly evaluations: number;
}

/** How many (pixel, output that reads it) pairs the whole dL/dX map visits, over every channel pair. */
function pixelOutputVisits(prep: Prepared): number {
  const { rows, cols } = prep.geometry;
  return prep.n * prep.c * prep.cout * reachOf(rows).outputs.length * reachOf(cols).outputs.length;
}

export function checkCost(prep: Prepared): CheckCost {
  const { n, c, cout, k, l, bias } = prep;
  const { rows, cols } = prep.geometry;
  const perOutput = c * k * l;
  const channelOutputs = n * rows.out * cols.out;
  const forward = cout * channelOutputs * perOutput;
  // dL/dX: every output's sums of all terms but one (excluded-sums.ts: a suffix and a prefix
  // pass, 2 * perOutput multiply-adds) once per input channel, then each output a pixel reaches
  // is evaluated at both step points (2 multiply-adds and two loss terms). dL/dW: Y once, then
  // per tap and output the tap's term taken out of Y and added back at both points (3).
  const pixelVisits = pixelOutputVisits(prep);
  const tapVisits = cout * perOutput * channelOutputs;
  const excluded = c * cout * channelOutputs * 2 * perOutput;
  // A bias entry costs one forward pass of its channel, plus its two step points per output.
  const biasVisits = bias ? cout * channelOutputs : 0;
  return {
    forward,
    // dL/dW sums the forward pass's products once more; dL/dX is a correlation over the whole
    // padded input (with dL/dY spread out by the stride).
    vjp: forward + n * c * rows.padded * cols.padded * cout * k * l,
    numerical: excluded + 2 * pixelVisits + forward + 3 * tapVisits + biasVisits * (perOutput + 2),
    evaluations: pixelVisits + tapVisits + biasVisits,
  };
}

/**
 * The numerical job's work, counted from the shapes the way numerical.ts spends it: what a
 * machine's measured speed (the app learns it per dtype, renderer/lib/cost.ts) turns into time,
 * and what its progress is counted in. Each feature is a kind of work whose cost per unit differs
 * between machines and versions of the loops; their relative costs are learnt, not fixed here.
 */
export interface NumericalWork {
  /** Elements of dL/dX: each pays a fixed cost (step points, accumulators, the element's write). */
  readonly pixels: number;
  /** Output evaluations of dL/dX from the excluded sums' ring (numerical.ts pixelFromRows). */
  readonly ringVisits: number;
  /** Output evaluations of dL/dX from Y with the pixel's terms taken out (pixelFromOutputs). */
  readonly outputVisits: number;
  /** Output evaluations of dL/dW and dL/db (a tap or bias moves every output of its channel). */
  readonly tapVisits: number;
}

export const WORK_FEATURES = ['pixels', 'ringVisits', 'outputVisits', 'tapVisits'] as const;

/**
 * numerical.ts keeps the excluded sums of one input row's reach in every output channel only up to
 * this many values (its ROW_CACHE_LIMIT); beyond, every pixel takes the path from Y. Mirrored
 * here because the two paths cost differently per evaluation.
 */
const RING_LIMIT = 1 << 22;

/**
 * An evaluation's loss terms cost differently by loss: the activation (tanh, exp), its branch
 * tests and its round-off bound cost more than the linear term's product. Relative to the linear
 * loss, measured with numerical.ts's loops on 512²·9×9 (roughly: the machine was shared).
 */
const TERM_COST: Record<'linear' | Activation, number> = { linear: 1, identity: 2, relu: 2.5, tanh: 3.5, sigmoid: 3 };

/** Whether the job differences each element a second time at 2h (Richardson), doubling its evaluations: numerical.ts's rule. */
export function differencesTwice(loss: LossSpec, method: FdMethod): boolean {
  return method !== 'central' || !quadraticLoss(loss);
}

/** How many pixels along an axis sit at one padded position only (the others are copied by padding). */
function singlePositions(reach: Reach, size: number): number {
  let count = 0;
  for (let a = 0; a < size; a++) if (reach.positionStart[a + 1] - reach.positionStart[a] === 1) count++;
  return count;
}

export function numericalWork(prep: Prepared, loss: LossSpec, method: FdMethod): NumericalWork {
  const { n, c, h, w, cout, k, l, bias } = prep;
  const { rows, cols } = prep.geometry;
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);
  const perVisit = (differencesTwice(loss, method) ? 2 : 1) * TERM_COST[loss.kind === 'linear' ? 'linear' : loss.activation];
  const visits = n * c * cout * rowReach.outputs.length * colReach.outputs.length * perVisit;
  const rowSpan = Math.floor(((k - 1) * rows.dilation) / rows.stride) + 1;
  const ring = cout * rowSpan * cols.out * c * k * l <= RING_LIMIT;
  // Pixels that padding copies into several positions take the path from Y whatever the ring.
  const onRing = ring ? (singlePositions(rowReach, h) * singlePositions(colReach, w)) / (h * w) : 0;
  const channelOutputs = n * rows.out * cols.out;
  return {
    pixels: n * c * h * w,
    ringVisits: visits * onRing,
    outputVisits: visits * (1 - onRing),
    tapVisits: (cout * c * k * l + (bias ? cout : 0)) * channelOutputs * perVisit,
  };
}

/**
 * What one unit of each feature costs relative to an evaluation on the ring, measured with the
 * loops of numerical.ts on this project's 2-core build machine (512², 3×3 to 25×25, one thread,
 * and the app's jobs in the e2e performance spec): a pixel's fixed cost is worth some 20
 * evaluations; an evaluation from Y about half of one on the ring (whose rows of excluded sums are
 * larger than the caches for large kernels); a tap's evaluation somewhat less than one on the
 * ring. The first estimates on a new machine and the progress bar's weights rest on these; the
 * app fits its own to the jobs it runs (renderer/lib/cost.ts).
 */
export const RELATIVE_WORK_COST: Readonly<Record<keyof NumericalWork, number>> = { pixels: 20, ringVisits: 1, outputVisits: 0.6, tapVisits: 0.8 };

/** `work` priced at `cost` per unit of each feature. */
export function workCost(work: NumericalWork, cost: Readonly<Record<keyof NumericalWork, number>> = RELATIVE_WORK_COST): number {
  return WORK_FEATURES.reduce((sum, f) => sum + work[f] * cost[f], 0);
}

/**
 * The work in one element of each gradient, on average, priced as workCost: what progress is
 * counted in, so that it moves with time. Counted in elements, it races through dL/dX and then
 * stalls on the few, costly elements of dL/dW.
 */
export function workPerElement(prep: Prepared, work: NumericalWork, cost: Readonly<Record<keyof NumericalWork, number>> = RELATIVE_WORK_COST): Record<GradientName, number> {
  const pixels = workCost({ ...work, tapVisits: 0 }, cost) / work.pixels;
  const tap = (work.tapVisits * cost.tapVisits) / (prep.cout * prep.c * prep.k * prep.l + (prep.bias ? prep.cout : 0));
  return { dX: pixels, dW: tap, db: tap };
}
