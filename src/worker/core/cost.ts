import { reachOf } from './geometry';
import type { Prepared } from './problem';

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

export function checkCost(prep: Prepared): CheckCost {
  const { n, c, cout, k, l, bias } = prep;
  const { rows, cols } = prep.geometry;
  const perOutput = c * k * l;
  const channelOutputs = n * rows.out * cols.out;
  const forward = cout * channelOutputs * perOutput;
  // A pixel is re-evaluated in every output it reaches (with the pixel zeroed), plus one
  // multiply-add per step point for the taps that read it.
  const pixelVisits = n * c * cout * reachOf(rows).outputs.length * reachOf(cols).outputs.length;
  // A kernel tap or bias entry costs one forward pass of its channel, plus its two step points per output.
  const channelPasses = cout * (perOutput + (bias ? 1 : 0));
  return {
    forward,
    // dL/dW sums the forward pass's products once more; dL/dX is a correlation over the whole
    // padded input (with dL/dY spread out by the stride).
    vjp: forward + n * c * rows.padded * cols.padded * cout * k * l,
    numerical: pixelVisits * (perOutput + 2) + channelPasses * channelOutputs * (perOutput + 2),
    evaluations: pixelVisits + channelPasses * channelOutputs,
  };
}
