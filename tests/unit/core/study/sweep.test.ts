// The step-size study and the Taylor test: the curves have the shapes numerical analysis predicts,
// and a wrong gradient changes them the way it should.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { InputError } from '../../../../src/core/problem/errors';
import { injectBug } from '../../../../src/core/study/inject';
import { createSweepJob, sampleIndices, stepSweep, taylorTest, type SweepPoint } from '../../../../src/core/study/sweep';
import { DEFAULT_SWEEP_HS } from '../../../../src/core/study/sweep-steps';
import type { DType, LossSpec, Problem } from '../../../../src/core/problem/types';
import { randomTensor } from '../../support/problems';

const LINEAR: LossSpec = { kind: 'linear', grad: { kind: 'random', seed: 3 } };
const TANH: LossSpec = { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } };

function problem(loss: LossSpec, dtype: DType = 'f64'): Problem {
  return { x: randomTensor([2, 9, 9], 1), w: randomTensor([2, 2, 3, 3], 2), conv: DEFAULT_CONV, loss, dtype };
}

/** Least-squares slope of log10(maxAbs) against log10(h) over the points with h in [lo, hi]. */
function slope(points: readonly SweepPoint[], lo: number, hi: number, of: (p: SweepPoint) => number = (p) => p.maxAbs): number {
  const pts = points.filter((p) => p.h >= lo * 0.999 && p.h <= hi * 1.001).map((p) => [Math.log10(p.h), Math.log10(of(p))]);
  expect(pts.length).toBeGreaterThanOrEqual(3);
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const sxy = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxy / sxx;
}

describe('element sample', () => {
  it('samples all elements when they fit, otherwise a fixed set of distinct ones', () => {
    expect(sampleIndices(5, 10, 0)).toEqual([0, 1, 2, 3, 4]);
    const a = sampleIndices(10000, 50, 1);
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect(a.every((e, i) => Number.isInteger(e) && e >= 0 && e < 10000 && (i === 0 || e > a[i - 1]))).toBe(true);
    expect(sampleIndices(10000, 50, 1)).toEqual(a);
    expect(sampleIndices(10000, 50, 2)).not.toEqual(a);
    // Spread over the whole range, not bunched at one end.
    expect(a[0]).toBeLessThan(2000);
    expect(a[49]).toBeGreaterThan(8000);
  });
});

describe('stepSweep', () => {
  it('linear loss: no truncation error, so the error is round-off ~ eps|L|/h and falls as h grows (slope -1)', () => {
    for (const method of ['central', 'forward'] as const) {
      const r = stepSweep(problem(LINEAR), { method });
      expect(slope(r.points, 1e-13, 1e-1)).toBeGreaterThan(-1.3);
      expect(slope(r.points, 1e-13, 1e-1)).toBeLessThan(-0.7);
      expect(r.best!.h).toBeGreaterThanOrEqual(1e-2);
      const at = (h: number) => r.points.find((p) => Math.abs(p.h / h - 1) < 1e-9)!.maxAbs;
      expect(at(1e-1)).toBeLessThan(at(1e-5) / 100);
      expect(at(1e-5)).toBeLessThan(at(1e-9) / 100);
      expect(at(1e-9)).toBeLessThan(at(1e-13) / 100);
    }
  });

  it('l2+tanh, central: V-shaped, truncation ~h^2 on the right, round-off ~1/h on the left, best h near cbrt(eps)', () => {
    const r = stepSweep(problem(TANH), { method: 'central' });
    expect(slope(r.points, 1e-3, 1e-1)).toBeGreaterThan(1.8);
    expect(slope(r.points, 1e-3, 1e-1)).toBeLessThan(2.2);
    expect(slope(r.points, 1e-13, 1e-8)).toBeLessThan(-0.7);
    expect(r.best!.h).toBeGreaterThan(1e-7);
    expect(r.best!.h).toBeLessThan(1e-4);
    expect(r.best!.maxAbs).toBeLessThan(1e-8);
  });

  it('l2+tanh, forward: truncation ~h, best h near sqrt(eps)', () => {
    const r = stepSweep(problem(TANH), { method: 'forward' });
    expect(slope(r.points, 1e-4, 1e-1)).toBeGreaterThan(0.85);
    expect(slope(r.points, 1e-4, 1e-1)).toBeLessThan(1.15);
    expect(slope(r.points, 1e-13, 1e-10)).toBeLessThan(-0.7);
    expect(r.best!.h).toBeGreaterThan(1e-9);
    expect(r.best!.h).toBeLessThan(1e-7);
  });

  it("float32 l2+tanh: differenced in float64 at the float32 values, the curve flattens at the float32 VJP's own rounding", () => {
    const r = stepSweep(problem(TANH, 'f32'));
    const r64 = stepSweep(problem(TANH));
    expect(r.chosen.h).toBe(1e-6);
    expect(slope(r.points, 1e-2, 1e-1)).toBeGreaterThan(1.85);
    // Over four decades of h the error no longer moves: it is the analytic gradient's float32
    // rounding, far above the float64 curve's minimum, not the numerical side's.
    const floor = r.points.filter((p) => p.h >= 1e-8 && p.h <= 1e-4).map((p) => p.maxAbs);
    expect(Math.max(...floor) / Math.min(...floor)).toBeLessThan(1.5);
    expect(Math.min(...floor)).toBeGreaterThan(1000 * r64.best!.maxAbs);
  });

  it('with every element sampled, agrees with the full check at the same h', () => {
    const p = problem(TANH);
    const r = stepSweep(p, { hs: [1e-2, 1e-6], h: 1e-4 });
    for (const point of [...r.points, r.chosen]) {
      const check = runCheck(p, { numerical: 'full', h: point.h });
      expect(point.dX.maxAbs).toBe(check.summaries.dX!.max_abs);
      expect(point.dW.maxAbs).toBe(check.summaries.dW!.max_abs);
      expect(point.maxAbs).toBe(Math.max(check.summaries.dX!.max_abs, check.summaries.dW!.max_abs));
    }
    expect(r.chosen.h).toBe(1e-4);
    expect(r.sampled).toEqual({ dX: { used: 162, of: 162 }, dW: { used: 36, of: 36 }, db: { used: 0, of: 0 } });
  });

  it('runs step by step as a job, the check\'s h appended when it is not swept', () => {
    const p = problem(TANH);
    const job = createSweepJob(p, { hs: [1e-2, 1e-4], h: 1e-3, elements: 30 });
    expect(job.steps).toEqual([1e-2, 1e-4, 1e-3]);
    const points = job.steps.map((_, i) => job.point(i));
    const r = job.result(points);
    expect(r).toEqual(stepSweep(p, { hs: [1e-2, 1e-4], h: 1e-3, elements: 30 }));
    expect(r.points.map((q) => q.h)).toEqual([1e-2, 1e-4]);
    expect(r.chosen.h).toBe(1e-3);
    expect(r.best!.h).toBe(1e-4);
    expect(createSweepJob(p, { hs: [1e-2, 1e-3] }).steps).toEqual([1e-2, 1e-3, 1e-6]);
    expect(createSweepJob(p, { hs: DEFAULT_SWEEP_HS }).steps).toHaveLength(25);
    expect(() => job.result(points.slice(1))).toThrow();
  });

  it('samples at most `elements` per gradient, deterministically', () => {
    const p = problem(TANH);
    const a = stepSweep(p, { hs: [1e-5], elements: 20 });
    expect(a.sampled.dX).toEqual({ used: 20, of: 162 });
    expect(a.sampled.dW).toEqual({ used: 20, of: 36 });
    expect(stepSweep(p, { hs: [1e-5], elements: 20 }).points).toEqual(a.points);
  });

  it('a wrong gradient puts a floor under the curve that no h gets below', () => {
    const p = problem(TANH);
    const r = stepSweep(p, { analytic: injectBug(p, 'kernel-not-mirrored') });
    const minimum = (of: (q: SweepPoint) => number) => Math.min(...r.points.map(of).filter(Number.isFinite));
    expect(minimum((q) => q.dX.maxAbs)).toBeGreaterThan(1e-2);
    expect(minimum((q) => q.dW.maxAbs)).toBeLessThan(1e-8);
  });

  it('rejects bad steps and sample sizes', () => {
    const p = problem(LINEAR);
    expect(() => stepSweep(p, { hs: [] })).toThrow(InputError);
    expect(() => stepSweep(p, { hs: [1e-3, -1e-4] })).toThrow(/positive number, got -0.0001/);
    expect(() => stepSweep(p, { h: 0 })).toThrow(/got 0/);
    expect(() => stepSweep(p, { elements: 0 })).toThrow(/elements must be an integer >= 1/);
    expect(() => taylorTest(p, { hs: [Infinity] })).toThrow(InputError);
    const wrongShape = { dX: { shape: [2, 81], data: new Float64Array(162) } };
    expect(() => stepSweep(p, { analytic: wrongShape })).toThrow('shape (2,81) does not match X (2,9,9)');
    expect(() => taylorTest(p, { analytic: wrongShape })).toThrow(InputError);
  });

  it('counts NaN in a gradient under test as non-finite at every step, as the check does', () => {
    const nan = { dW: { shape: [2, 2, 3, 3], data: new Float64Array(36).fill(NaN) } };
    const result = stepSweep(problem(LINEAR), { analytic: nan, hs: [1e-3, 1e-6] });
    for (const point of result.points) expect(point.dW.nonfinite).toBe(36);
  });
});

describe('taylorTest', () => {
  it('correct gradient, l2+tanh: r0 has slope 1 and r1 slope 2, for X and W, in float64 and float32', () => {
    for (const dtype of ['f64', 'f32'] as const) {
      const t = taylorTest(problem(TANH, dtype), { seed: 4 });
      expect(t.series.map((s) => s.parameter)).toEqual(['x', 'w']);
      for (const s of t.series) {
        expect(s.slope0!).toBeGreaterThan(0.9);
        expect(s.slope0!).toBeLessThan(1.1);
        expect(s.slope1!).toBeGreaterThan(1.85);
        expect(s.slope1!).toBeLessThan(2.15);
      }
    }
  });

  it('a wrong gradient leaves a first-order remainder: slope 1 for the gradient the bug acts on, 2 for the other', () => {
    const p = problem(TANH);
    const t = taylorTest(p, { analytic: injectBug(p, 'dw-not-mirrored') });
    const [x, w] = t.series;
    expect(x.slope1!).toBeGreaterThan(1.85);
    expect(w.slope1!).toBeGreaterThan(0.9);
    expect(w.slope1!).toBeLessThan(1.1);
  });

  it('linear loss, correct gradient: L is linear in X and in W, so r1 is round-off everywhere and has no slope', () => {
    const t = taylorTest(problem(LINEAR));
    for (const s of t.series) {
      expect(s.slope1).toBeNull();
      expect(Math.max(...s.points.map((q) => q.r1))).toBeLessThanOrEqual(s.floor);
      expect(s.slope0!).toBeCloseTo(1, 2);
    }
    const bad = taylorTest(problem(LINEAR), { analytic: injectBug(problem(LINEAR), 'kernel-transposed') });
    expect(bad.series[0].slope1!).toBeCloseTo(1, 2);
  });

  it('derivative is <g, v> and r0 tracks h times it for small h', () => {
    const t = taylorTest(problem(TANH), { hs: [1e-6] });
    for (const s of t.series) expect(s.points[0].r0 / (1e-6 * Math.abs(s.derivative))).toBeCloseTo(1, 4);
  });
});
