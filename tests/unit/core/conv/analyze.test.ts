// analyze() reads X in place where its padding is zeros (framedInput): Y, dL/dX and dL/dW must be
// those of the padded copy (forwardPadded, vjpPadded) to the bit, with and without a bias, in
// float64 and float32, at any padding, stride and dilation; and the same values allocated in (or
// copied into) shared memory when asked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { forwardPadded } from '../../../../src/core/conv/forward';
import { vjpPadded } from '../../../../src/core/conv/vjp';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { createLoss } from '../../../../src/core/problem/loss';
import { isShared } from '../../../../src/core/problem/memory';
import { padInput } from '../../../../src/core/problem/pad';
import { prepare } from '../../../../src/core/problem/problem';
import { randomValues } from '../../support/problems';
import type { DType, Problem } from '../../../../src/core/problem/types';
import { PADDING_MODES } from '../../../../src/core/problem/options';

function same(got: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(got.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) if (!Object.is(got[i], expected[i])) expect({ i, got: got[i] }).toEqual({ i, got: expected[i] });
}

describe('analyze', () => {
  it('gives the padded copy\'s Y, dL/dX and dL/dW bit for bit', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          c: fc.integer({ min: 1, max: 2 }),
          cout: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 2, max: 12 }),
          w: fc.integer({ min: 2, max: 30 }),
          k: fc.integer({ min: 1, max: 6 }),
          l: fc.integer({ min: 1, max: 9 }),
          padding: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(4), fc.nat(4)),
          paddingMode: fc.constantFrom(...PADDING_MODES),
          stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 })),
          dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
          op: fc.constantFrom('conv' as const, 'xcorr' as const),
          bias: fc.boolean(),
          dtype: fc.constantFrom<DType>('f64', 'f32'),
          seed: fc.integer({ min: 1, max: 1000 }),
          l2: fc.boolean(),
        }),
        (d) => {
          const problem: Problem = {
            x: { shape: [d.n, d.c, d.h, d.w], data: randomValues(d.n * d.c * d.h * d.w, d.seed) },
            w: { shape: [d.cout, d.c, d.k, d.l], data: randomValues(d.cout * d.c * d.k * d.l, d.seed + 1) },
            ...(d.bias ? { bias: { shape: [d.cout], data: randomValues(d.cout, d.seed + 2) } } : {}),
            conv: { ...DEFAULT_CONV, op: d.op, padding: d.padding, paddingMode: d.paddingMode, stride: d.stride, dilation: d.dilation },
            loss: d.l2 ? { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } } : { kind: 'linear', grad: { kind: 'random', seed: d.seed + 3 } },
            dtype: d.dtype,
          };
          let prep;
          try {
            prep = prepare(problem);
          } catch {
            return; // padding or a dilated kernel this input cannot take
          }
          const xp = padInput(prep);
          const y = forwardPadded(prep, xp);
          const gy = createLoss(problem.loss, prep.shapes.y, prep.dtype).gradient(y);
          const expected = vjpPadded(prep, xp, gy);
          for (const memory of ['own', 'shared'] as const) {
            const got = analyze(problem, memory);
            same(got.y.data, y);
            same(got.gy.data, gy);
            same(got.dX.data, expected.dx);
            same(got.dW.data, expected.dw);
            if (d.bias) same(got.db!.data, expected.db!);
            for (const t of [got.y, got.gy, got.dX, got.dW, got.db]) if (t) expect(isShared(t.data)).toBe(memory === 'shared');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
