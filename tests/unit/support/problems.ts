// Random convolution problems for property tests: every option of the core, small shapes.
import fc from 'fast-check';
import { DEFAULT_CONV } from '../../../src/core/problem/defaults';
import { fillRandom } from '../../../src/core/problem/random';
import type { Activation, ConvOptions, DType, LossSpec, PaddingMode, PaddingSize, Problem, Tensor } from '../../../src/core/problem/types';

/** `length` seeded values in [-1, 1) (the core's generator). */
export function randomValues(length: number, seed: number): Float64Array {
  const data = new Float64Array(length);
  fillRandom(data, seed);
  return data;
}

export function randomTensor(shape: number[], seed: number): Tensor {
  return { shape, data: randomValues(shape.reduce((a, b) => a * b, 1), seed) };
}

const paddingSize: fc.Arbitrary<PaddingSize> = fc.oneof(
  fc.constantFrom<PaddingSize>('seed', 'valid', 'full', 'same'),
  fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
);

export const convOptions: fc.Arbitrary<ConvOptions> = fc.record({
  op: fc.constantFrom('conv', 'xcorr'),
  padding: paddingSize,
  paddingMode: fc.constantFrom<PaddingMode>('zeros', 'reflect', 'replicate', 'circular'),
  stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
});

export interface ProblemShape {
  n: number;
  c: number;
  cout: number;
  h: number;
  w: number;
  k: number;
  l: number;
  rank: 2 | 3 | 4;
  bias: boolean;
  seed: number;
}

/**
 * Two channels in and out, a bias, reflect padding and a ReLU: a small job for checking that
 * different ways of running the numerical gradient (threads, helper workers) give the same numbers.
 */
export const MIXED_PROBLEM: Problem = {
  x: randomTensor([2, 9, 8], 1),
  w: randomTensor([2, 2, 3, 2], 2),
  bias: randomTensor([2], 3),
  conv: { ...DEFAULT_CONV, paddingMode: 'reflect', padding: 'same' },
  loss: { kind: 'l2', activation: 'relu', target: { kind: 'zeros' } },
  dtype: 'f64',
};

export const problemShape: fc.Arbitrary<ProblemShape> = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 2 }),
  cout: fc.integer({ min: 1, max: 2 }),
  h: fc.integer({ min: 1, max: 7 }),
  w: fc.integer({ min: 1, max: 7 }),
  k: fc.integer({ min: 1, max: 3 }),
  l: fc.integer({ min: 1, max: 3 }),
  rank: fc.constantFrom<2 | 3 | 4>(2, 3, 4),
  bias: fc.boolean(),
  seed: fc.nat(),
});

export function buildProblem(s: ProblemShape, conv: ConvOptions, loss: LossSpec, dtype: DType = 'f64'): Problem {
  const n = s.rank === 4 ? s.n : 1;
  const c = s.rank === 2 ? 1 : s.c;
  const xShape = s.rank === 4 ? [n, c, s.h, s.w] : s.rank === 3 ? [c, s.h, s.w] : [s.h, s.w];
  const wShape = c === 1 && s.cout === 1 && s.seed % 2 === 0 ? [s.k, s.l] : [s.cout, c, s.k, s.l];
  const cout = wShape.length === 4 ? s.cout : 1;
  return {
    x: randomTensor(xShape, s.seed),
    w: randomTensor(wShape, s.seed + 1),
    bias: s.bias ? randomTensor([cout], s.seed + 2) : undefined,
    conv,
    loss,
    dtype,
  };
}

export const smoothLoss: fc.Arbitrary<LossSpec> = fc.oneof(
  fc.record({ kind: fc.constant('linear' as const), grad: fc.record({ kind: fc.constant('random' as const), seed: fc.nat() }) }),
  fc.record({
    kind: fc.constant('l2' as const),
    activation: fc.constantFrom<Activation>('identity', 'tanh', 'sigmoid'),
    target: fc.constant({ kind: 'zeros' as const }),
  }),
);
