// The seeded generator: one sequence per seed, however it is drawn.
import { describe, expect, it } from 'vitest';
import { createRandom, fillRandom } from '../../../../src/core/problem/random';

describe('fillRandom', () => {
  it.each([0, 1, 2, 12345, 2 ** 32 - 1])('fills an array with the numbers createRandom gives for seed %d, in order', (seed) => {
    const next = createRandom(seed);
    const expected = Float64Array.from({ length: 1000 }, () => next());
    const filled = new Float64Array(1000);
    fillRandom(filled, seed);
    expect(filled).toEqual(expected);
    expect(new Set(filled).size).toBe(1000);
    for (const v of filled) expect(v >= -1 && v < 1).toBe(true);
  });

  it('rounds to a float32 array as an assignment does', () => {
    const next = createRandom(7);
    const filled = new Float32Array(100);
    fillRandom(filled, 7);
    expect(filled).toEqual(Float32Array.from({ length: 100 }, () => next()));
  });
});
