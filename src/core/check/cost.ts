import { reachOf } from '../problem/geometry';
import { quadraticLoss } from '../problem/loss';
import type { Prepared, ProblemShape } from '../problem/problem';
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
function pixelOutputVisits(prep: ProblemShape): number {
  const { rows, cols } = prep.geometry;
  return prep.n * prep.c * prep.cout * reachOf(rows).outputs.length * reachOf(cols).outputs.length;
}

export function checkCost(prep: ProblemShape): CheckCost {
  const { n, c, cout, k, l } = prep;
  const { rows, cols } = prep.geometry;
  const perOutput = c * k * l;
  const channelOutputs = n * rows.out * cols.out;
  const forward = cout * channelOutputs * perOutput;
  // dL/dX: Y once, then each output a pixel reaches has the pixel's term taken out of Y and
  // added back at both step points (3 multiply-adds and two loss terms). dL/dW: the same per tap
  // and output.
  const pixelVisits = pixelOutputVisits(prep);
  const tapVisits = cout * perOutput * channelOutputs;
  // A bias entry costs one forward pass of its channel, plus its two step points per output.
  const biasVisits = prep.shapes.bias ? cout * channelOutputs : 0;
  return {
    forward,
    // dL/dW sums the forward pass's products once more; dL/dX is a correlation over the whole
    // padded input (with dL/dY spread out by the stride).
    vjp: forward + n * c * rows.padded * cols.padded * cout * k * l,
    numerical: forward + 3 * pixelVisits + 3 * tapVisits + biasVisits * (perOutput + 2),
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
  /** Output evaluations of dL/dX (Y with the pixel's terms taken out, then added back at each step point). */
  readonly outputVisits: number;
  /** Output evaluations of dL/dW and dL/db (a tap or bias moves every output of its channel). */
  readonly tapVisits: number;
}

export const WORK_FEATURES = ['pixels', 'outputVisits', 'tapVisits'] as const;

/**
 * An evaluation's loss terms cost differently by loss: the linear term is written out in the
 * loops (difference.ts LinearDifferencer); the others call the loss's term and round-off bound,
 * relu tests its kink, and tanh and sigmoid call libm and have some elements differenced again at
 * smaller steps (numerical.ts refine). Relative to the linear loss, per evaluation, measured with
 * numerical.ts's loops on 512²·9×9 with an automatic step (one thread, CPU time, load ~5).
 */
const TERM_COST: Record<'linear' | Activation, number> = { linear: 1, identity: 4.5, relu: 7, tanh: 13, sigmoid: 13 };

/** Whether the job differences each element a second time at 2h (Richardson), doubling its evaluations: numerical.ts's rule. */
export function differencesTwice(loss: LossSpec, method: FdMethod): boolean {
  return method !== 'central' || !quadraticLoss(loss);
}

export function numericalWork(prep: Prepared, loss: LossSpec, method: FdMethod): NumericalWork {
  const { n, c, h, w, cout, k, l, bias } = prep;
  const { rows, cols } = prep.geometry;
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);
  const perVisit = (differencesTwice(loss, method) ? 2 : 1) * TERM_COST[loss.kind === 'linear' ? 'linear' : loss.activation];
  const visits = n * c * cout * rowReach.outputs.length * colReach.outputs.length * perVisit;
  const channelOutputs = n * rows.out * cols.out;
  return {
    pixels: n * c * h * w,
    outputVisits: visits,
    tapVisits: (cout * c * k * l + (bias ? cout : 0)) * channelOutputs * perVisit,
  };
}

/**
 * What one unit of each feature costs relative to an evaluation of dL/dX, measured with the loops
 * of numerical.ts on this project's 2-core build machine (1024² at 1×1, 3×3 and 5×5, 600² and
 * 2000×3000 at 15×15, the linear loss, one thread, CPU time): a pixel's fixed cost is worth some
 * 9 evaluations (about 47 ns against 5); a tap's evaluation about three quarters of one (it
 * streams along rows where a pixel's outputs are a small square). The first estimates on a new
 * machine and the progress bar's weights rest on these; the app fits its own to the jobs it runs
 * (renderer/lib/cost.ts).
 */
export const RELATIVE_WORK_COST: Readonly<Record<keyof NumericalWork, number>> = { pixels: 9, outputVisits: 1, tapVisits: 0.75 };

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
