// The directional check (--numerical fast) carries an error bar and the full map's three verdicts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { directionalChecks } from '../../../../src/core/check/directional';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { DType, Problem, Tensor } from '../../../../src/core/problem/types';
import { readNpy } from '../../../../src/formats/npy';

const fixture = (name: string): Tensor => readNpy(readFileSync(`tests/fixtures/verdict/${name}.npy`));

function problem(x: string, w: string, dtype: DType, activation: 'identity' | 'tanh' = 'tanh'): Problem {
  return { x: fixture(x), w: fixture(w), conv: DEFAULT_CONV, loss: { kind: 'l2', activation, target: { kind: 'zeros' } }, dtype };
}

describe('directional checks', () => {
  it('a correct gradient passes with an error bar, in 0..255 units and in float32 at ±1e3 through tanh', () => {
    for (const p of [problem('u8_48', 'kernel_5x5', 'f64', 'identity'), problem('thousand_24', 'kernel_3x3', 'f32')]) {
      const r = runCheck(p, { numerical: 'fast', directions: 3 });
      expect(r.verdict).toBe('pass');
      for (const d of r.directional!) {
        expect(d.verdict).toBe('pass');
        expect(d.errbar).toBeGreaterThan(0);
        // A bound summed over every output's round-off: far below the tolerance, above the real error.
        expect(d.errbar).toBeLessThan(1e-4 * Math.abs(d.numerical));
        expect(d.abs).toBeLessThan(d.errbar + 1e-3 * Math.abs(d.numerical));
      }
    }
  });

  it('a gradient 1% too large fails; its own VJP along the same directions passes', () => {
    const p = problem('u8_48', 'kernel_5x5', 'f64');
    const own = analyze(p);
    const wrong = { ...own, dW: { shape: own.dW.shape, data: own.dW.data.map((v) => v * 1.01) } };
    const settings = { method: 'central', h: 1e-6, auto: true } as const;
    const checks = directionalChecks(p, wrong, settings, { atol: 1e-5, rtol: 1e-3 }, 2, 0, true);
    expect(checks.filter((c) => c.gradient === 'dW').map((c) => c.verdict)).toEqual(['fail', 'fail']);
    expect(checks.filter((c) => c.gradient === 'dX').map((c) => c.verdict)).toEqual(['pass', 'pass']);
  });

  it('counts outputs whose window read only zeros, which move all the same (as does the black-box reference)', () => {
    // Zeros in the first five columns: a 3×3 window there reads nothing but zeros.
    const x = { shape: [10, 12], data: Float64Array.from({ length: 120 }, (_, i) => (i % 12 < 5 ? 0 : Math.sin(i))) };
    const p: Problem = { x, w: fixture('kernel_3x3'), conv: DEFAULT_CONV, loss: { kind: 'linear', grad: { kind: 'random', seed: 0 } }, dtype: 'f64' };
    const own = analyze(p);
    const local = runCheck(p, { numerical: 'full' }).numerical!;
    const reference = runCheck(p, { numerical: 'full', reference: true }).numerical!;
    for (let i = 0; i < local.dX.data.length; i++) expect(Math.abs(reference.dX.data[i] - local.dX.data[i])).toBeLessThan(1e-8);
    const checks = directionalChecks(p, own, { method: 'central', h: 1e-6 }, { atol: 1e-5, rtol: 1e-3 }, 3, 7);
    expect(checks.map((c) => c.verdict)).toEqual(new Array(6).fill('pass'));
  });

  it('a step below float64\'s resolution measures nothing: inconclusive, never pass or fail', () => {
    const p = problem('thousand_24', 'kernel_3x3', 'f64', 'identity');
    const r = runCheck(p, { numerical: 'fast', directions: 1, h: 1e-30 });
    expect(r.directional!.map((d) => d.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(r.verdict).toBe('inconclusive');
  });
});
