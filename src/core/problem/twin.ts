import { upstreamGradient } from './loss';
import { castData, tensor } from './tensor';
import type { LossSpec, Problem, Tensor } from './types';

/** `t`'s values as the problem's dtype holds them, carried exactly in float64. */
function widened(t: Tensor, problem: Problem): Tensor {
  return tensor(t.shape, Float64Array.from(castData(t, problem.dtype)));
}

function widenedLoss(problem: Problem, yShape: readonly number[]): LossSpec {
  const spec = problem.loss;
  if (spec.kind === 'l2') {
    return spec.target.kind === 'zeros' ? spec : { ...spec, target: { kind: 'array', value: widened(spec.target.value, problem) } };
  }
  switch (spec.grad.kind) {
    case 'ones':
      return spec;
    // A seeded G is drawn in the dtype: its float32 values, not the float64 draws they round from.
    case 'random':
      return { kind: 'linear', grad: { kind: 'array', value: tensor(yShape, Float64Array.from(upstreamGradient(spec, yShape, problem.dtype))) } };
    case 'array':
      return { kind: 'linear', grad: { kind: 'array', value: widened(spec.grad.value, problem) } };
  }
}

/**
 * The float64 problem with exactly the values `problem` works with: X, W, b, G and T as its
 * dtype rounds them. The finite differences run on it whatever the dtype, so the numerical
 * gradient is the exact gradient at the problem's own values to float64's round-off; the dtype
 * is the precision of the analytic gradient under test, which the tolerance covers
 * (docs/NUMERICS.md). A float64 problem is its own twin.
 */
export function float64Twin(problem: Problem, yShape: readonly number[]): Problem {
  if (problem.dtype === 'f64') return problem;
  return {
    ...problem,
    x: widened(problem.x, problem),
    w: widened(problem.w, problem),
    bias: problem.bias && widened(problem.bias, problem),
    loss: widenedLoss(problem, yShape),
    dtype: 'f64',
  };
}
