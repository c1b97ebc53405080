// The worker reuses its last analysis only for a problem with exactly the same data.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { Problem } from '../../../../src/core/problem/types';
import { sameData } from '../../../../src/worker/compute/same-data';

const problem = (): Problem => ({
  x: { shape: [2, 3], data: Float64Array.from([1, 2, 3, 4, 5, 6]) },
  w: { shape: [1, 2], data: Float64Array.from([0.5, -1]) },
  conv: DEFAULT_CONV,
  loss: { kind: 'linear', grad: { kind: 'random', seed: 3 } },
  dtype: 'f64',
});

describe('sameData', () => {
  it('holds for a structured clone of a problem', () => {
    expect(sameData(problem(), structuredClone(problem()))).toBe(true);
  });

  it('tells apart problems that differ in one value, one option, one array type or one member', () => {
    const changed: Problem[] = [
      { ...problem(), x: { shape: [2, 3], data: Float64Array.from([1, 2, 3, 4, 5, 6.000001]) } },
      { ...problem(), x: { shape: [3, 2], data: Float64Array.from([1, 2, 3, 4, 5, 6]) } },
      { ...problem(), x: { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) } },
      { ...problem(), conv: { ...DEFAULT_CONV, stride: [1, 2] } },
      { ...problem(), loss: { kind: 'linear', grad: { kind: 'random', seed: 4 } } },
      { ...problem(), bias: { shape: [1], data: Float64Array.from([0]) } },
      { ...problem(), dtype: 'f32' },
    ];
    for (const other of changed) expect(sameData(problem(), other), JSON.stringify(other.conv)).toBe(false);
  });

  it('treats NaN as equal to NaN and -0 as different from 0', () => {
    expect(sameData({ v: NaN }, { v: NaN })).toBe(true);
    expect(sameData(Float64Array.from([0]), Float64Array.from([-0]))).toBe(false);
  });
});
