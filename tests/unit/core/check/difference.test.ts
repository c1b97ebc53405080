// The per-output rule of every finite difference: the linear loss's written-out terms against the general path.
import { describe, expect, it } from 'vitest';
import { createDifferencer, Differencer, SLOTS } from '../../../../src/core/check/difference';
import { createLoss } from '../../../../src/core/problem/loss';
import { createRandom } from '../../../../src/core/problem/random';

const SIZE = 200;
const outputs = { get: () => new Float64Array(SIZE) };

/** Visits of every kind: outputs not read (moved 0), a step lost to rounding (yHi = yLo), magnitudes from 1e-8 to 1e8. */
function visits(seed: number): Array<[number, number, number, number]> {
  const next = createRandom(seed);
  return Array.from({ length: 2000 }, (_, i) => {
    const o = i % SIZE;
    const y = next() * 10 ** Math.round(8 * next());
    const step = next() * 1e-3;
    if (i % 17 === 0) return [o, y, y, 1];
    if (i % 13 === 0) return [o, y + step, y - step, 0];
    return [o, y + step, y - step, Math.abs(next()) * 1e-3];
  });
}

describe('createDifferencer', () => {
  it('gives the linear loss in float64 the same change and round-off as its methods, bit for bit', () => {
    const loss = createLoss({ kind: 'linear', grad: { kind: 'random', seed: 3 } }, [1, 1, 10, 20], 'f64');
    const fast = createDifferencer(loss, 'zero', outputs);
    const general = new Differencer(loss, 'zero', outputs);
    // The written-out path is taken, so this compares two implementations, not one with itself.
    expect(fast.constructor).not.toBe(Differencer);
    const acc = new Float64Array(SLOTS);
    for (const [o, yHi, yLo, moved] of visits(5)) {
      const expected = [general.visit(acc, 0, o, yHi, yLo, moved), general.roundoff];
      expect([fast.visit(acc, 0, o, yHi, yLo, moved), fast.roundoff]).toEqual(expected);
    }
  });

  it('keeps float32 rounding of the linear terms where the loss is in float32', () => {
    const loss = createLoss({ kind: 'linear', grad: { kind: 'random', seed: 3 } }, [1, 1, 10, 20], 'f32');
    const diff = createDifferencer(loss, 'zero', outputs);
    const g = loss.gradient(new Float32Array(SIZE));
    for (const [o, yHi, yLo, moved] of visits(7)) {
      if (moved === 0 || yHi === yLo) continue;
      expect(diff.visit(new Float64Array(SLOTS), 0, o, yHi, yLo, moved)).toBe(Math.fround(g[o] * yHi) - Math.fround(g[o] * yLo));
    }
  });
});
