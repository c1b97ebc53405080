// A finite difference across ReLU's kink is judged, never dropped: by the branch a convention
// selects, or under `any` by the interval of the two branches.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/core/check/check';
import { passedKinks } from '../../../../src/core/check/compare';
import { emptyTarget } from '../../../../src/core/check/difference';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { createNumericalJob } from '../../../../src/core/check/numerical';
import { createReferenceJob } from '../../../../src/core/check/reference';
import { injectBug } from '../../../../src/core/study/inject';
import type { Problem } from '../../../../src/core/problem/types';

// Y = X * [[1,-1]] (valid xcorr) is exactly 0 where two neighbours are equal: ReLU's kink.
const target = (value: number) => ({ kind: 'array', value: { shape: [3, 3], data: new Float64Array(9).fill(value) } }) as const;
const problem: Problem = {
  x: { shape: [3, 4], data: Float64Array.from([1, 1, 2, 5, 3, 1, 4, 4, 2, 7, 1, 6]) },
  w: { shape: [1, 2], data: Float64Array.from([1, -1]) },
  conv: { ...DEFAULT_CONV, op: 'xcorr', padding: 'valid' },
  loss: { kind: 'l2', activation: 'relu', target: target(0.5) },
  dtype: 'f64',
};
// Outputs (0,0) and (1,2) are 0: they read X (0,0),(0,1) and (1,2),(1,3).
const KINKED_DX = [1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0];

describe('kinks', () => {
  it("under the default 'zero' convention a kinked element is measured on relu'(0) = 0's branch and agrees with the VJP", () => {
    const r = runCheck(problem, { numerical: 'full' });
    expect(Array.from(r.kinks!.dX)).toEqual(KINKED_DX);
    expect(r.summaries.dX!.kinked).toBe(4);
    expect(r.summaries.dW!.kinked).toBe(2);
    expect(r.summaries.dX!.interval).toBe(0);
    expect(r.kinkConvention).toBe('zero');
    expect(r.verdict).toBe('pass');
    // Exactly the branch's derivative: relu's branches are linear, so nothing but round-off remains.
    for (let i = 0; i < 12; i++) expect(Math.abs(r.numerical!.dX.data[i] - r.analytic.dX.data[i])).toBeLessThan(1e-9);
  });

  it("under 'one' the same VJP (relu'(0) = 0) fails exactly at the kinked elements", () => {
    const r = runCheck(problem, { numerical: 'full', kinkConvention: 'one' });
    expect(r.verdict).toBe('fail');
    expect(r.summaries.dX!.failing).toBe(4);
    const failing = r.summaries.dX!.worst.filter((w) => w.judged === 'fail').map((w) => w.index[0] * 4 + w.index[1]);
    expect(failing.sort((a, b) => a - b)).toEqual([0, 1, 6, 7]);
    // The error map's kink colour is for kinked elements that passed: these failures show as errors.
    expect(Array.from(passedKinks(r.kinks!.dX, r.judged!.dX))).toEqual(new Array(12).fill(0));
    const zero = runCheck(problem, { numerical: 'full' });
    expect(Array.from(passedKinks(zero.kinks!.dX, zero.judged!.dX))).toEqual(KINKED_DX);
  });

  it("under 'any' every subgradient passes and the kinked elements are counted as judged by interval", () => {
    const r = runCheck(problem, { numerical: 'full', kinkConvention: 'any' });
    expect(r.verdict).toBe('pass');
    expect(r.summaries.dX!.interval).toBe(4);
    expect(r.summaries.dW!.interval).toBe(2);
    // A value outside the interval still fails.
    const wrong = { dX: { shape: [3, 4], data: r.analytic.dX.data.map((v, i) => (i === 0 ? v + 3 : v)) } };
    expect(runCheck(problem, { numerical: 'full', kinkConvention: 'any', analytic: wrong }).summaries.dX!.failing).toBe(1);
  });

  it('with target 0 relu has no real kink (1/2 relu(y)^2 is differentiable at 0): nothing is kinked, a wrong dL/dW still fails', () => {
    const zero: Problem = { ...problem, loss: { kind: 'l2', activation: 'relu', target: { kind: 'zeros' } } };
    const r = runCheck(zero, { numerical: 'full' });
    expect(r.summaries.dX!.kinked + r.summaries.dW!.kinked).toBe(0);
    expect(r.verdict).toBe('pass');
    const wrong = { dW: { shape: [1, 2], data: Float64Array.from(r.analytic.dW.data).reverse() } };
    expect(runCheck(zero, { numerical: 'full', analytic: wrong }).summaries.dW!.verdict).toBe('fail');
  });

  it('a flat image (Y exactly 0 on most outputs) no longer hides dw-not-mirrored, with target 0 or a target', () => {
    const x = new Float64Array(12 * 12).fill(0.25);
    for (let i = 0; i < 12; i++) for (let j = 6; j < 12; j++) x[i * 12 + j] = (i * 7 + j * 3) % 5 / 4;
    const sobel = Float64Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]);
    for (const t of [{ kind: 'zeros' } as const, { kind: 'array', value: { shape: [12, 12], data: new Float64Array(144).fill(0.3) } } as const]) {
      const flat: Problem = {
        x: { shape: [12, 12], data: x },
        w: { shape: [3, 3], data: sobel },
        conv: { ...DEFAULT_CONV, padding: 'same' },
        loss: { kind: 'l2', activation: 'relu', target: t },
        dtype: 'f64',
      };
      const r = runCheck(flat, { numerical: 'full', analytic: injectBug(flat, 'dw-not-mirrored') });
      expect(r.verdict).toBe('fail');
      expect(r.summaries.dW!.verdict).toBe('fail');
      expect(r.summaries.dX!.verdict).toBe('pass');
    }
  });

  it('the local and reference methods agree on the marks and the values at kinks, under every convention', () => {
    for (const kinkConvention of ['zero', 'one', 'any'] as const) {
      const settings = { method: 'central', h: 1e-6, kinkConvention } as const;
      for (const name of ['dX', 'dW'] as const) {
        const local = createNumericalJob(problem, settings);
        const reference = createReferenceJob(problem, settings);
        const [a, b] = [emptyTarget(local.counts[name], Float64Array), emptyTarget(local.counts[name], Float64Array)];
        local.fill(name, 0, a.values.length, a);
        reference.fill(name, 0, b.values.length, b);
        expect(Array.from(a.kinks)).toEqual(Array.from(b.kinks));
        a.values.forEach((v, i) => expect(Math.abs(v - b.values[i])).toBeLessThan(1e-8));
        a.spread.forEach((v, i) => expect(Math.abs(v - b.spread[i])).toBeLessThan(1e-8));
      }
    }
  });
});
