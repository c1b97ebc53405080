import type { LossSpec, Problem, Tensor } from './types';

function mapLoss(loss: LossSpec, map: (t: Tensor) => Tensor): LossSpec {
  if (loss.kind === 'linear') return loss.grad.kind === 'array' ? { ...loss, grad: { kind: 'array', value: map(loss.grad.value) } } : loss;
  return loss.target.kind === 'array' ? { ...loss, target: { kind: 'array', value: map(loss.target.value) } } : loss;
}

/**
 * `problem` with `map` applied to every array it holds: X, W, the bias, and G or the target when
 * given as arrays (to put them in shared memory, say). Everything else is kept as is.
 */
export function mapTensors(problem: Problem, map: (t: Tensor) => Tensor): Problem {
  return {
    ...problem,
    x: map(problem.x),
    w: map(problem.w),
    ...(problem.bias ? { bias: map(problem.bias) } : {}),
    loss: mapLoss(problem.loss, map),
  };
}
