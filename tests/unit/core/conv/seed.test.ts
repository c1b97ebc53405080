// The notebook's worked example (../shared/seed/NOTES.md), and the notebook's defects not repeated.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { Problem } from '../../../../src/core/problem/types';

const seedProblem: Problem = {
  x: { shape: [3, 3], data: Float64Array.from([1, 3, 5, 2, 7, 9, 11, 13, 17]) },
  w: { shape: [2, 2], data: Float64Array.from([19, 23, 29, 31]) },
  conv: DEFAULT_CONV,
  loss: { kind: 'linear', grad: { kind: 'ones' } },
  dtype: 'f64',
};

describe("the seed's worked example", () => {
  it('gives Y, dL/dX and dL/dW exactly', () => {
    const r = analyze(seedProblem);
    expect(r.y.shape).toEqual([3, 3]);
    expect(Array.from(r.y.data)).toEqual([297, 570, 362, 765, 1100, 670, 718, 896, 527]);
    expect(Array.from(r.dX.data)).toEqual([31, 60, 60, 54, 102, 102, 54, 102, 102]);
    expect(Array.from(r.dW.data)).toEqual([46, 59, 54, 68]);
    expect(r.dW.shape).toEqual([2, 2]);
  });

  it('the default central difference is accurate where the seed\'s forward h = 1e-12 gave 30.98 for 31', () => {
    const r = runCheck(seedProblem, { numerical: 'full' });
    expect(r.verdict).toBe('pass');
    expect(Math.abs(r.numerical!.dX.data[0] - 31)).toBeLessThan(1e-6);
    expect(r.summaries.dX!.max_rel).toBeLessThan(1e-8);
    const seedMethod = runCheck(seedProblem, { numerical: 'full', method: 'forward', h: 1e-12 });
    expect(Math.abs(seedMethod.numerical!.dX.data[0] - 31)).toBeGreaterThan(1e-3);
  });

  it('a kernel dimension of 1 keeps the whole dL/dX (the seed\'s unpad defect)', () => {
    for (const shape of [[1, 2], [2, 1], [1, 1]]) {
      const w = { shape, data: Float64Array.from({ length: shape[0] * shape[1] }, (_, i) => i + 2) };
      for (const padding of ['seed', 'valid'] as const) {
        const r = runCheck({ ...seedProblem, w, conv: { ...DEFAULT_CONV, padding } }, { numerical: 'full' });
        expect(r.analytic.dX.shape).toEqual([3, 3]);
        expect(r.verdict).toBe('pass');
      }
    }
  });

  it('a wrong gradient fails the check (the seed compared the numerical gradient with itself)', () => {
    const wrong = { shape: [3, 3], data: Float64Array.from([31, 60, 60, 54, 102, 102, 54, 102, 103]) };
    const r = runCheck(seedProblem, { numerical: 'full', analytic: { dX: wrong } });
    expect(r.verdict).toBe('fail');
    expect(r.summaries.dX!.failing).toBe(1);
    expect(r.summaries.dX!.worst[0].index).toEqual([2, 2]);
  });
});
