// The local numerical job's automatic step: which elements it tries again at smaller steps.
import { describe, expect, it } from 'vitest';
import { emptyTarget } from '../../../../src/core/check/difference';
import { createNumericalJob, gradientSteps } from '../../../../src/core/check/numerical';
import { prepare } from '../../../../src/core/problem/problem';
import type { Problem } from '../../../../src/core/problem/types';
import { randomTensor } from '../../support/problems';

/** ±1e3 inputs and ±0.01 taps through tanh: a step in W moves every output by h·|x|, into tanh's curvature. */
function thousands(): Problem {
  const x = randomTensor([1, 1, 12, 12], 4);
  x.data.forEach((v, i, a) => (a[i] = 1e3 * v));
  const w = randomTensor([1, 1, 3, 3], 5);
  w.data.forEach((v, i, a) => (a[i] = 0.01 * v));
  return {
    x,
    w,
    conv: { op: 'conv', padding: 'same', paddingMode: 'zeros', stride: [1, 1], dilation: [1, 1] },
    loss: { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } },
    dtype: 'f64',
  };
}

function errbars(problem: Problem, auto: boolean, h: number): Float64Array {
  const job = createNumericalJob(problem, { method: 'central', h, auto });
  const out = emptyTarget(job.counts.dW, Float64Array);
  job.fill('dW', 0, job.counts.dW, out);
  return out.errbar;
}

describe('the automatic step', () => {
  it('tries the elements whose truncation dominates again at smaller steps, and keeps what lowers their error bars', () => {
    const problem = thousands();
    const start = gradientSteps(prepare(problem), { method: 'central', h: 1e-6, auto: true }).dW;
    // The same starting step given as is: nothing is tried again.
    const fixed = errbars(problem, false, start);
    const refined = errbars(problem, true, 1e-6);
    // Every tap's error bar there is its truncation estimate, which steps 4, 16, 64 times smaller cut 100-fold.
    fixed.forEach((bar, e) => expect(refined[e]).toBeLessThan(bar / 50));
  });
});
