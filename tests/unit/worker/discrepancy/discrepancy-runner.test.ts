// The worker's discrepancy jobs on a small problem: wrong gradients from files and injected bugs
// are caught where they are wrong, jobs can be cancelled, both precisions use their defaults.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { Problem } from '../../../../src/core/problem/types';
import { bugMenu, checkPrecisions, checkSubject, quickCheck, sweep } from '../../../../src/worker/discrepancy/discrepancy-runner';

const problem: Problem = {
  x: { shape: [6, 7], data: Float64Array.from({ length: 42 }, (_, i) => Math.sin(1.3 * i) + 0.1 * i) },
  w: { shape: [3, 3], data: Float64Array.of(1, 2, 0, -1, 3, 1, 0.5, -2, 1) },
  conv: DEFAULT_CONV,
  loss: { kind: 'linear', grad: { kind: 'random', seed: 3 } },
  dtype: 'f64',
};
const settings = { method: 'central' as const, h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 5 };
const never = () => false;
const quiet = () => {};

describe('discrepancy jobs', () => {
  it('a wrong dL/dX from a file fails at its element, and differs from the VJP there only', async () => {
    const own = analyze(problem);
    const wrong = Float64Array.from(own.dX.data);
    wrong[2 * 7 + 5] += 0.25;
    const r = await checkSubject(problem, { kind: 'files', dX: { shape: [6, 7], data: wrong } }, settings, never, quiet);
    expect(r?.verdict).toBe('fail');
    const dX = r!.gradients.dX!;
    expect(dX.summary.failing).toBe(1);
    expect(dX.summary.worst[0].index).toEqual([2, 5]);
    expect(dX.vsOwn?.summary.failing).toBe(1);
    expect(dX.vsOwn?.error.data[2 * 7 + 5]).toBeCloseTo(0.25, 12);
    expect(r!.gradients.dW?.summary.pass).toBe(true);
  });

  it('ConvGrad’s own VJP passes and has no comparison with itself', async () => {
    const r = await checkSubject(problem, { kind: 'own' }, settings, never, quiet);
    expect(r?.verdict).toBe('pass');
    expect(r?.gradients.dX?.vsOwn).toBeUndefined();
  });

  it('an injected bug fails; the menu says why the others cannot apply', async () => {
    const r = await checkSubject(problem, { kind: 'bug', bug: 'kernel-not-mirrored' }, settings, never, quiet);
    expect(r?.gradients.dX?.summary.pass).toBe(false);
    expect(r?.gradients.dW?.summary.pass).toBe(true);
    const menu = bugMenu(problem);
    expect(menu.find((b) => b.name === 'kernel-not-mirrored')?.reason).toBeUndefined();
    expect(menu.find((b) => b.name === 'stride-ignored')?.reason).toContain('stride is 1');
  });

  it('a cancelled check or sweep returns null', async () => {
    expect(await checkSubject(problem, { kind: 'own' }, settings, () => true, quiet)).toBeNull();
    let calls = 0;
    const r = await sweep(problem, { kind: 'own' }, { method: 'central', h: 1e-6, hs: [1e-1, 1e-3, 1e-5] }, () => calls++ > 0, quiet);
    expect(r).toBeNull();
  });

  it('a check reports progress in slices up to every element, and a cancel between slices stops it', async () => {
    const seen: { done: number; total: number }[] = [];
    expect(await checkSubject(problem, { kind: 'own' }, settings, never, (p) => seen.push(p))).not.toBeNull();
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.total)).toEqual(seen.map(() => 42 + 9));
    expect(seen[seen.length - 1].done).toBe(42 + 9);
    let reports = 0;
    const cancelled = await checkSubject(problem, { kind: 'own' }, settings, () => reports > 0, () => reports++);
    expect(cancelled).toBeNull();
    expect(reports).toBe(1);
  });

  it('a sweep reports progress per step and marks the chosen step', async () => {
    const seen: number[] = [];
    const r = await sweep(problem, { kind: 'own' }, { method: 'central', h: 1e-4, hs: [1e-2, 1e-6] }, never, (p) => seen.push(p.done));
    expect(seen).toEqual([1, 2, 3]);
    expect(r?.points.map((p) => p.h)).toEqual([1e-2, 1e-6]);
    expect(r?.chosen.h).toBe(1e-4);
  });

  it('checks both precisions with their own defaults', async () => {
    const r = await checkPrecisions(problem, { kind: 'own' }, 5, never, quiet);
    expect(r?.f64.settings.h).toBe(1e-6);
    expect(r?.f32.settings.h).toBe(1e-6);
    expect(r?.f32.settings.tolerance).toEqual({ atol: 1e-2, rtol: 1e-2 });
    expect(r?.f32.dtype).toBe('f32');
    expect(r?.f64.verdict).toBe('pass');
    // f32 round-off is far above f64's.
    expect(r!.f32.gradients.dX!.summary.max_abs).toBeGreaterThan(100 * r!.f64.gradients.dX!.summary.max_abs);
  });

  it('the quick check passes the VJP and fails a bug, with its directions and seed', () => {
    const ok = quickCheck(problem, { kind: 'own' }, settings, 3, 9);
    expect(ok.verdict).toBe('pass');
    expect(ok.checks).toHaveLength(6);
    expect(ok.seed).toBe(9);
    expect(quickCheck(problem, { kind: 'bug', bug: 'padding-off-by-one' }, settings, 3, 9).verdict).toBe('fail');
  });
});
