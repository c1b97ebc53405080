// Where a window's terms read the padded input, against the correlation's own definition.
import { describe, expect, it } from 'vitest';
import { outputAt } from '../../../../src/core/conv/correlate';
import { windowOffsets, windowOrigin, type CorrelationShape } from '../../../../src/core/conv/correlation-shape';
import { createRandom } from '../../../../src/core/problem/random';

const random = (length: number, seed: number) => {
  const next = createRandom(seed);
  return Float64Array.from({ length }, () => next());
};

describe('windowOffsets and windowOrigin', () => {
  // Several channels and batches, strides and dilations that differ per axis, a kernel wider than tall.
  it.each<CorrelationShape>([
    { n: 1, c: 1, cout: 1, k: 3, l: 3, hp: 7, wp: 9, ho: 5, wo: 7, sh: 1, sw: 1, dh: 1, dw: 1, f32: false },
    { n: 2, c: 3, cout: 2, k: 2, l: 4, hp: 9, wp: 14, ho: 4, wo: 3, sh: 2, sw: 3, dh: 2, dw: 2, f32: false },
  ])('address the input each term of an output reads: %j', (s) => {
    const input = random(s.n * s.c * s.hp * s.wp, 1);
    const taps = random(s.cout * s.c * s.k * s.l, 2);
    const offsets = windowOffsets(s);
    expect(offsets.length).toBe(s.c * s.k * s.l);
    for (let b = 0; b < s.n; b++) {
      for (let co = 0; co < s.cout; co++) {
        for (let i = 0; i < s.ho; i++) {
          for (let j = 0; j < s.wo; j++) {
            // In the order outputAt sums, so the two agree bit for bit.
            let sum = 0;
            for (let t = 0; t < offsets.length; t++) sum += taps[co * offsets.length + t] * input[windowOrigin(s, b, i, j) + offsets[t]];
            expect(sum).toBe(outputAt(s, input, taps, undefined, b, co, i, j));
          }
        }
      }
    }
  });
});
