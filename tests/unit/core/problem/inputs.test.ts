// Bad input is refused with a one-line InputError naming the input; nothing is computed from it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { InputError } from '../../../../src/core/problem/errors';
import type { ConvOptions, Problem, Tensor } from '../../../../src/core/problem/types';

const t = (shape: number[], fill = 1): Tensor => ({ shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });
const base: Problem = { x: t([4, 5]), w: t([2, 3]), conv: DEFAULT_CONV, loss: { kind: 'linear', grad: { kind: 'ones' } }, dtype: 'f64' };

function refusal(problem: Problem): InputError {
  try {
    analyze(problem);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('\n');
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const conv = (o: Partial<ConvOptions>): ConvOptions => ({ ...DEFAULT_CONV, ...o });

describe('bad input', () => {
  it.each([
    ['stride 0', { ...base, conv: conv({ stride: [0, 1] }) }, 'stride', /stride must be an integer >= 1, got 0/],
    ['dilation 0', { ...base, conv: conv({ dilation: [1, 0] }) }, 'dilation', /dilation must be an integer >= 1/],
    ['fractional stride', { ...base, conv: conv({ stride: [1.5, 1] }) }, 'stride', /got 1.5/],
    ['negative explicit padding', { ...base, conv: conv({ padding: [0, -1, 0, 0] }) }, 'padding', /four integers >= 0/],
    ['kernel larger than the padded input', { ...base, w: t([5, 2]), conv: conv({ padding: 'valid' }) }, 'w', /kernel size 5 is larger than the padded input \(4 rows\)/],
    ['dilated kernel too large', { ...base, conv: conv({ padding: 'valid', dilation: [1, 3] }) }, 'w', /dilated kernel extent 7/],
    ['zero-size X', { ...base, x: t([0, 5]) }, 'x', /zero-size dimension in shape \(0,5\)/],
    ['zero-size W', { ...base, w: t([2, 0]) }, 'w', /zero-size/],
    ['X of rank 1', { ...base, x: t([5]) }, 'x', /X must have 2 or 3 or 4 dimensions/],
    ['NaN in X', { ...base, x: { shape: [2, 2], data: Float64Array.from([1, NaN, 3, 4]) } }, 'x', /contains NaN at index \[0,1\]/],
    ['Inf in W', { ...base, w: { shape: [1, 2], data: Float64Array.from([1, Infinity]) } }, 'w', /contains Infinity/],
    ['Cin mismatch', { ...base, x: t([3, 4, 5]), w: t([1, 2, 2, 2]) }, 'w', /expects 2 input channel\(s\), X \(3,4,5\) has 3/],
    ['bias of the wrong size', { ...base, bias: t([2]) }, 'bias', /bias shape \(2\) does not match the kernel's 1 output/],
    ['G of the wrong shape', { ...base, loss: { kind: 'linear', grad: { kind: 'array', value: t([3, 3]) } } }, 'grad', /dL\/dY shape \(3,3\) does not match Y \(4,5\)/],
    ['T of the wrong shape', { ...base, loss: { kind: 'l2', activation: 'tanh', target: { kind: 'array', value: t([4, 4]) } } }, 'target', /target shape/],
    ['same with stride 2', { ...base, conv: conv({ padding: 'same', stride: [2, 2] }) }, 'padding', /'same' needs stride 1/],
    ['reflect padding as large as the input', { ...base, x: t([2, 5]), conv: conv({ padding: [2, 0, 0, 0], paddingMode: 'reflect' }) }, 'padding-mode', /reflect padding of 2 rows/],
    ['circular padding beyond the input', { ...base, x: t([2, 5]), conv: conv({ padding: [3, 0, 0, 0], paddingMode: 'circular' }) }, 'padding-mode', /circular padding of 3 rows/],
  ] as const)('%s', (_name, problem, subject, message) => {
    const e = refusal(problem as Problem);
    expect(e.subject).toBe(subject);
    expect(e.message).toMatch(message);
  });

  it('G and T may carry leading dimensions of size 1', () => {
    const r = analyze({ ...base, loss: { kind: 'linear', grad: { kind: 'array', value: t([1, 1, 4, 5], 2) } } });
    expect(r.gy.shape).toEqual([4, 5]);
  });

  it('refuses an external gradient of the wrong shape, and a bad step or tolerance', () => {
    expect(() => runCheck(base, { numerical: 'full', analytic: { dX: t([4, 4]) } })).toThrow(/shape \(4,4\) does not match X \(4,5\)/);
    expect(() => runCheck(base, { numerical: 'full', h: 0 })).toThrow(/h must be a finite number > 0, got 0/);
    expect(() => runCheck(base, { numerical: 'full', tolerance: { atol: -1, rtol: 0 } })).toThrow(/atol must be a finite number >= 0, got -1/);
  });

  it('refuses the black-box reference where it would run for minutes', () => {
    const big = { ...base, x: t([128, 128]), w: t([5, 5]) };
    expect(() => runCheck(big, { numerical: 'full', reference: true })).toThrow(/two full forward passes per element, 1\.3e\+10 multiply-adds/);
    expect(runCheck({ ...base, x: t([16, 16]) }, { numerical: 'full', reference: true }).verdict).toBe('pass');
  });

  it('a kernel equal to the padded input gives a single output', () => {
    const r = runCheck({ ...base, x: t([2, 3]), w: t([3, 4]), conv: conv({ padding: 'seed' }) }, { numerical: 'full' });
    expect(r.y.shape).toEqual([2, 3]);
    const v = runCheck({ ...base, x: t([2, 3]), w: t([2, 3]), conv: conv({ padding: 'valid' }) }, { numerical: 'full' });
    expect(v.y.shape).toEqual([1, 1]);
    expect(v.verdict).toBe('pass');
  });
});

describe('float32', () => {
  it('computes in float32 and passes its own check with the f32 defaults', () => {
    const x: Tensor = { shape: [6, 7], data: Float64Array.from({ length: 42 }, (_, i) => Math.sin(i)) };
    const w: Tensor = { shape: [3, 3], data: Float64Array.from({ length: 9 }, (_, i) => Math.cos(i)) };
    for (const loss of [{ kind: 'linear', grad: { kind: 'random', seed: 3 } }, { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } }] as const) {
      const r = runCheck({ ...base, x, w, loss, dtype: 'f32' }, { numerical: 'full' });
      expect(r.y.data).toBeInstanceOf(Float32Array);
      expect(r.analytic.dX.data).toBeInstanceOf(Float32Array);
      expect(r.numerical!.dX.data).toBeInstanceOf(Float32Array);
      expect(r.verdict, JSON.stringify(r.summaries)).toBe('pass');
    }
  });

  it('f32 results differ from f64 by float32 round-off, not more', () => {
    const x: Tensor = { shape: [5, 5], data: Float64Array.from({ length: 25 }, (_, i) => Math.sin(i) / 3) };
    const p = { ...base, x, w: { shape: [2, 2], data: Float64Array.from([0.1, 0.2, 0.3, 0.4]) } };
    const y64 = analyze(p).y.data;
    const y32 = analyze({ ...p, dtype: 'f32' }).y.data;
    let maxDiff = 0;
    y64.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - y32[i]))));
    expect(maxDiff).toBeGreaterThan(0);
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
