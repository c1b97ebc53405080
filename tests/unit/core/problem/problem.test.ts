// A problem's shape (problemShape) is what prepare derives from the shapes alone: the same
// dimensions and geometry, and the same refusals of bad shapes, without reading a value.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { InputError } from '../../../../src/core/problem/errors';
import { prepare, problemShape } from '../../../../src/core/problem/problem';
import type { Problem } from '../../../../src/core/problem/types';
import { randomTensor } from '../../support/problems';

const problem: Problem = {
  x: randomTensor([2, 3, 9, 7], 1),
  w: randomTensor([4, 3, 3, 2], 2),
  bias: randomTensor([4], 3),
  conv: { ...DEFAULT_CONV, stride: [2, 1], padding: [1, 0, 2, 1] },
  loss: { kind: 'linear', grad: { kind: 'ones' } },
  dtype: 'f64',
};

describe('problemShape', () => {
  it('gives the dimensions, geometry and shapes prepare gives', () => {
    const { n, c, h, w, cout, k, l, geometry, shapes } = prepare(problem);
    expect(problemShape(problem)).toEqual({ n, c, h, w, cout, k, l, geometry, shapes });
  });

  it('reads no value: a non-finite input still has its shape, which prepare refuses', () => {
    const x = randomTensor([9, 7], 1);
    x.data[5] = NaN;
    const bad: Problem = { ...problem, x, w: randomTensor([3, 3], 2), bias: undefined };
    expect(problemShape(bad).shapes.y).toEqual(prepare({ ...bad, x: randomTensor([9, 7], 1) }).shapes.y);
    expect(() => prepare(bad)).toThrow(InputError);
  });

  it('refuses a kernel whose channels do not match X', () => {
    expect(() => problemShape({ ...problem, w: randomTensor([4, 2, 3, 2], 2) })).toThrow(/expects 2 input channel\(s\)/);
  });
});
