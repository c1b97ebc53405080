// dL/dW row by row (vjp.ts's tapGradientByRows) against the correlation it stands for: Xpadded
// correlated with dL/dY, the batch as the summed channel axis. Both sum every tap in the order
// batch, row, column from zero, so they agree to the bit, in float64 and in float32.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate, swapLeadingAxes } from '../../../../src/core/conv/correlate';
import { fftPays } from '../../../../src/core/conv/correlate-fft';
import { forwardShape } from '../../../../src/core/conv/forward';
import { vjpPadded } from '../../../../src/core/conv/vjp';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { padInput } from '../../../../src/core/problem/pad';
import { prepare } from '../../../../src/core/problem/problem';
import { randomValues } from '../../support/problems';
import type { DType, FloatArray, Problem } from '../../../../src/core/problem/types';

/** dTaps as the correlation of Xpadded with dL/dY (vjp.ts's docstring), then in the user's kernel orientation. */
function tapsByCorrelation(problem: Problem, gy: FloatArray): FloatArray {
  const prep = prepare(problem);
  const xp = padInput(prep);
  const { n, c, cout, k, l, hp, wp, ho, wo, sh, sw, dh, dw, f32 } = forwardShape(prep);
  const shape = { n: c, c: n, cout, k: ho, l: wo, hp, wp, ho: k, wo: l, sh: dh, sw: dw, dh: sh, dw: sw, f32 };
  expect(fftPays(shape)).toBe(false);
  const perChannel = correlate(shape, swapLeadingAxes(xp, n, c, hp * wp), swapLeadingAxes(gy, n, cout, ho * wo));
  const taps = swapLeadingAxes(perChannel, c, cout, k * l);
  // 'conv' kernels are the taps mirrored in each plane.
  const plane = k * l;
  return prep.mirrored ? taps.map((_, i) => taps[i - (i % plane) + plane - 1 - (i % plane)]) : taps;
}

describe('vjpPadded: dL/dW', () => {
  it('equals the correlation of Xpadded with dL/dY bit for bit, in float64 and float32, at any stride and dilation', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          c: fc.integer({ min: 1, max: 2 }),
          cout: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 3, max: 16 }),
          w: fc.integer({ min: 3, max: 21 }),
          k: fc.integer({ min: 1, max: 6 }),
          l: fc.integer({ min: 1, max: 9 }),
          stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 })),
          dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
          padding: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
          op: fc.constantFrom('conv' as const, 'xcorr' as const),
          dtype: fc.constantFrom<DType>('f64', 'f32'),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        (d) => {
          const problem: Problem = {
            x: { shape: [d.n, d.c, d.h, d.w], data: randomValues(d.n * d.c * d.h * d.w, d.seed) },
            w: { shape: [d.cout, d.c, d.k, d.l], data: randomValues(d.cout * d.c * d.k * d.l, d.seed + 1) },
            conv: { ...DEFAULT_CONV, op: d.op, padding: d.padding, stride: d.stride, dilation: d.dilation },
            loss: { kind: 'linear', grad: { kind: 'ones' } },
            dtype: d.dtype,
          };
          let prep;
          try {
            prep = prepare(problem);
          } catch {
            return; // a dilated kernel wider than the padded input: no convolution to check
          }
          const { ho, wo } = forwardShape(prep);
          const gyValues = randomValues(d.n * d.cout * ho * wo, d.seed + 2);
          const gy = d.dtype === 'f32' ? Float32Array.from(gyValues) : gyValues;
          const { dw } = vjpPadded(prep, padInput(prep), gy);
          expect(Array.from(dw)).toEqual(Array.from(tapsByCorrelation(problem, gy)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
