// The float64 twin carries exactly the values a float32 problem works with.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { upstreamGradient } from '../../../../src/core/problem/loss';
import { float64Twin } from '../../../../src/core/problem/twin';
import type { Problem } from '../../../../src/core/problem/types';
import { randomTensor } from '../../support/problems';

const base: Problem = {
  x: randomTensor([2, 7, 7], 1),
  w: randomTensor([3, 2, 3, 3], 2),
  bias: randomTensor([3], 3),
  conv: DEFAULT_CONV,
  loss: { kind: 'linear', grad: { kind: 'random', seed: 4 } },
  dtype: 'f32',
};
const Y_SHAPE = [3, 7, 7];

describe('float64Twin', () => {
  it('is the problem itself in float64', () => {
    const p = { ...base, dtype: 'f64' as const };
    expect(float64Twin(p, Y_SHAPE)).toBe(p);
  });

  it("holds float32's values of X, W, b and T exactly, in float64, and a seeded G as float32 draws it", () => {
    const twin = float64Twin(base, Y_SHAPE);
    expect(twin.dtype).toBe('f64');
    for (const key of ['x', 'w', 'bias'] as const) {
      const t = twin[key]!;
      expect(t.data).toBeInstanceOf(Float64Array);
      expect(Array.from(t.data)).toEqual(Array.from(Float32Array.from(base[key]!.data)));
    }
    const g = twin.loss.kind === 'linear' && twin.loss.grad.kind === 'array' ? twin.loss.grad.value : undefined;
    expect(g?.shape).toEqual(Y_SHAPE);
    expect(Array.from(g!.data)).toEqual(Array.from(upstreamGradient({ kind: 'linear', grad: { kind: 'random', seed: 4 } }, Y_SHAPE, 'f32')));
    const target = randomTensor(Y_SHAPE, 5);
    const l2 = float64Twin({ ...base, loss: { kind: 'l2', activation: 'tanh', target: { kind: 'array', value: target } } }, Y_SHAPE);
    const t = l2.loss.kind === 'l2' && l2.loss.target.kind === 'array' ? l2.loss.target.value : undefined;
    expect(Array.from(t!.data)).toEqual(Array.from(Float32Array.from(target.data)));
  });

  it("makes a float32 problem's numerical gradient the float64 one at its float32 values", () => {
    const f32 = runCheck(base, { numerical: 'full' });
    const f64 = runCheck(float64Twin(base, Y_SHAPE), { numerical: 'full' });
    for (const name of ['dX', 'dW', 'db'] as const) {
      // The same float64 differences, stored in float32.
      expect(Array.from(f32.numerical![name]!.data)).toEqual(Array.from(Float32Array.from(f64.numerical![name]!.data)));
    }
  });
});
