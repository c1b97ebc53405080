// A finite difference across ReLU's kink measures neither side: such elements are marked, not failed.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { createNumericalJob } from '../../../../src/core/check/numerical';
import { createReferenceJob } from '../../../../src/core/check/reference';
import type { Problem } from '../../../../src/core/problem/types';

// Y = X * [[1,-1]] (valid xcorr) is exactly 0 where two neighbours are equal: ReLU's kink.
const problem: Problem = {
  x: { shape: [3, 4], data: Float64Array.from([1, 1, 2, 5, 3, 1, 4, 4, 2, 7, 1, 6]) },
  w: { shape: [1, 2], data: Float64Array.from([1, -1]) },
  conv: { ...DEFAULT_CONV, op: 'xcorr', padding: 'valid' },
  loss: { kind: 'l2', activation: 'relu', target: { kind: 'array', value: { shape: [3, 3], data: new Float64Array(9).fill(0.5) } } },
  dtype: 'f64',
};

describe('kinks', () => {
  it('elements whose difference crosses ReLU at 0 are marked and not counted as failing', () => {
    const r = runCheck(problem, { numerical: 'full' });
    // Outputs (0,0) and (1,2) are 0: they read X (0,0),(0,1) and (1,2),(1,3).
    expect(Array.from(r.kinks!.dX)).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(r.summaries.dX!.kinks).toBe(4);
    expect(r.summaries.dX!.failing).toBe(0);
    expect(r.summaries.dW!.kinks).toBe(2);
    expect(r.verdict).toBe('pass');
    // The numerical value there is the average of the two one-sided slopes, not PyTorch's 0 convention.
    expect(Math.abs(r.numerical!.dX.data[0] - r.analytic.dX.data[0])).toBeGreaterThan(1e-3);
  });

  it('without the marks those elements would fail', () => {
    const smooth: Problem = { ...problem, loss: { ...problem.loss, activation: 'identity' } as Problem['loss'] };
    expect(runCheck(smooth, { numerical: 'full' }).summaries.dX!.kinks).toBe(0);
    const r = runCheck(problem, { numerical: 'full' });
    const kinkErrors = r.error!.dX.data.filter((_, i) => r.kinks!.dX[i]);
    expect(Math.max(...kinkErrors)).toBeGreaterThan(1e-5 + 1e-3 * 1);
  });

  it('the local and reference methods mark the same elements', () => {
    const settings = { method: 'central', h: 1e-6 } as const;
    for (const name of ['dX', 'dW'] as const) {
      const local = createNumericalJob(problem, settings);
      const reference = createReferenceJob(problem, settings);
      const [a, b] = [new Uint8Array(local.counts[name]), new Uint8Array(local.counts[name])];
      local.fill(name, 0, a.length, new Float64Array(a.length), a);
      reference.fill(name, 0, b.length, new Float64Array(b.length), b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });
});
