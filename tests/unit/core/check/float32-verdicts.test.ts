// Correct gradients pass in float32 (and float64) whatever the data's units, with the default
// step and tolerance; wrong ones still fail. Inputs: tests/fixtures/verdict (scripts/make-verdict-fixtures.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { Activation, DType, Problem, Tensor } from '../../../../src/core/problem/types';
import { readNpy } from '../../../../src/formats/npy';

const fixture = (name: string): Tensor => readNpy(readFileSync(`tests/fixtures/verdict/${name}.npy`));

function problem(x: string, w: string, loss: 'linear' | Activation, dtype: DType): Problem {
  return {
    x: fixture(x),
    w: fixture(w),
    conv: DEFAULT_CONV,
    loss: loss === 'linear' ? { kind: 'linear', grad: { kind: 'ones' } } : { kind: 'l2', activation: loss, target: { kind: 'zeros' } },
    dtype,
  };
}

const CASES = [
  { name: '0..255 image, linear loss', x: 'u8_48', w: 'kernel_5x5', loss: 'linear' },
  { name: '0..255 image, l2', x: 'u8_48', w: 'kernel_5x5', loss: 'identity' },
  { name: '[0,10], 3 -> 4 channels, l2', x: 'ten_3x32', w: 'kernel_4x3x5x5', loss: 'identity' },
  { name: '±1e3, l2 + tanh', x: 'thousand_24', w: 'kernel_3x3', loss: 'tanh' },
  { name: '1e-3 scale, l2', x: 'milli_32', w: 'kernel_3x3', loss: 'identity' },
] as const;

describe('float32 and float64 verdicts whatever the units of the data', () => {
  for (const c of CASES) {
    for (const dtype of ['f32', 'f64'] as const) {
      it(`${c.name} (${dtype}): a correct gradient passes`, () => {
        const r = runCheck(problem(c.x, c.w, c.loss, dtype), { numerical: 'full' });
        expect(r.verdict, JSON.stringify({ dX: r.summaries.dX!.worst[0], dW: r.summaries.dW!.worst[0] })).toBe('pass');
      });
    }
  }

  it('the numerical gradient of a float32 problem is float64-accurate at its float32 values', () => {
    // ±1e3 inputs through tanh: float32 differences were off by ~3% of dL/dW's scale there; the
    // float64 twin's error bars stay near float64's round-off whatever the data's units.
    for (const c of CASES) {
      const r = runCheck(problem(c.x, c.w, c.loss, 'f32'), { numerical: 'full' });
      for (const name of ['dX', 'dW'] as const) {
        const s = r.summaries[name]!;
        // The quotient stored in a float32 map rounds by up to 2^-24 of its value.
        expect(s.max_errbar, `${c.name} ${name}`).toBeLessThan(1e-6 * s.scale);
      }
    }
  });

  it('in 0..255 units, float32: one element of dL/dX off by 5% fails, and so does one kernel tap off by 2%', () => {
    const p = problem('u8_48', 'kernel_5x5', 'linear', 'f32');
    const own = analyze(p);
    // An interior element of ordinary size (the median |dL/dX|), not the largest.
    const sizes = Array.from(own.dX.data, Math.abs).sort((a, b) => a - b);
    const at = own.dX.data.findIndex((v) => Math.abs(v) === sizes[sizes.length >> 1]);
    const dX = { shape: own.dX.shape, data: own.dX.data.map((v, i) => (i === at ? v * 1.05 : v)) };
    const r1 = runCheck(p, { numerical: 'full', analytic: { dX } });
    expect(r1.verdict).toBe('fail');
    expect(r1.summaries.dX!.failing).toBe(1);
    const dW = { shape: own.dW.shape, data: own.dW.data.map((v, i) => (i === 7 ? v * 1.02 : v)) };
    const r2 = runCheck(p, { numerical: 'full', analytic: { dW } });
    expect(r2.verdict).toBe('fail');
    expect(r2.summaries.dW!.failing).toBe(1);
    expect(r2.summaries.dW!.worst[0].index).toEqual([1, 2]);
  });

  it('a wrong gradient of 1e-3-scale data fails with the default tolerance (its atol shrinks with the gradient)', () => {
    const p = problem('milli_32', 'kernel_3x3', 'identity', 'f32');
    const own = analyze(p);
    const dX = { shape: own.dX.shape, data: own.dX.data.map((v) => v * 1.1) };
    expect(runCheck(p, { numerical: 'full', analytic: { dX } }).summaries.dX!.verdict).toBe('fail');
  });

  it("the user's h and tolerance win: a huge atol passes anything, and h is used as given", () => {
    const p = problem('u8_48', 'kernel_5x5', 'linear', 'f32');
    const own = analyze(p);
    const dX = { shape: own.dX.shape, data: own.dX.data.map((v) => v * 1.05) };
    expect(runCheck(p, { numerical: 'full', analytic: { dX }, tolerance: { atol: 1e3, rtol: 0 } }).verdict).toBe('pass');
    // In float64 (a float32 map's storage rounding would hide the round-off): the automatic step
    // (255e-6 here) leaves a far smaller error bar than h = 1e-9 as given, neither scaled nor refined.
    const p64 = problem('u8_48', 'kernel_5x5', 'linear', 'f64');
    const given = runCheck(p64, { numerical: 'full', h: 1e-9 });
    const auto = runCheck(p64, { numerical: 'full' });
    expect(auto.summaries.dX!.max_errbar).toBeLessThan(given.summaries.dX!.max_errbar / 100);
  });
});
