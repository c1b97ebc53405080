import { DEFAULT_CONV } from '../src/core/problem/defaults';
import { createRandom } from '../src/core/problem/random';
import type { DType, Problem, Tensor } from '../src/core/problem/types';
import type { ConvShape } from './madds';

/** A seeded array of uniform values in [-1, 1) (createRandom). */
export function randomTensor(shape: number[], seed: number): Tensor {
  const next = createRandom(seed);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = next();
  return { shape, data };
}

/**
 * A seeded random problem of the given shape with the seed's conventions. dL/dY is a given
 * random array, so timings include no generation of G and no trivial all-ones shortcut.
 */
export function benchProblem(s: ConvShape, dtype: DType): Problem {
  const x = randomTensor([s.n, s.cin, s.h, s.w], 1);
  const w = randomTensor([s.cout, s.cin, s.k, s.l], 2);
  const g = randomTensor([s.n, s.cout, s.h, s.w], 3);
  return { x, w, conv: DEFAULT_CONV, loss: { kind: 'linear', grad: { kind: 'array', value: g } }, dtype };
}
