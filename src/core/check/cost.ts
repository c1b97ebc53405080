import { reachOf } from '../problem/geometry';
import type { Prepared } from '../problem/problem';
import type { GradientName } from '../problem/types';

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
 * How many output evaluations one element of each gradient costs the numerical job, on average:
 * a pixel re-evaluates the outputs it reaches, a tap or bias entry every output of its channel.
 * Progress counted in these moves with time; counted in elements, it races through dL/dX and
 * then stalls on the few, costly elements of dL/dW.
 */
export function evaluationsPerElement(prep: Prepared): Record<GradientName, number> {
  const { n, c, h, w } = prep;
  const { rows, cols } = prep.geometry;
  const pixelVisits = pixelOutputVisits(prep);
  const channelOutputs = n * rows.out * cols.out;
  return { dX: Math.max(1, pixelVisits / (n * c * h * w)), dW: channelOutputs, db: channelOutputs };
}
