// A loaded file is judged against the current problem before it replaces anything.
import { describe, expect, it } from 'vitest';
import { rejectionOf, testedRejection } from '../../../../src/renderer/lib/accept';

const t = (shape: number[]) => ({ shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)) });

describe('rejectionOf', () => {
  it('refuses a kernel whose input channels differ from X', () => {
    expect(rejectionOf(t([2, 3, 3, 3]), 'kernel', undefined, [3, 8, 8])).toBeNull();
    expect(rejectionOf(t([2, 1, 3, 3]), 'kernel', undefined, [3, 8, 8])).toBe('kernel (2,1,3,3) expects 1 input channel(s), X (3,8,8) has 3');
    expect(rejectionOf(t([1, 3, 3, 3]), 'kernel', undefined, [8, 8])).toBe('kernel (1,3,3,3) expects 3 input channel(s), X (8,8) has 1');
    expect(rejectionOf(t([3, 3]), 'kernel', undefined, [8, 8])).toBeNull();
  });

  it('refuses G of a shape other than Y', () => {
    expect(rejectionOf(t([5, 5]), 'grad', [6, 6])).toBe('shape (5,5) does not match Y (6,6)');
    expect(rejectionOf(t([1, 6, 6]), 'grad', [6, 6])).toBeNull();
  });
});

describe('testedRejection', () => {
  it('refuses a gradient under test of the wrong shape, and takes one up to leading ones', () => {
    expect(testedRejection(t([7, 7]), 'dX', [8, 8])).toBe('shape (7,7) does not match X (8,8), so it cannot be dL/dX');
    expect(testedRejection(t([2, 2]), 'dW', [3, 3])).toBe('shape (2,2) does not match W (3,3), so it cannot be dL/dW');
    expect(testedRejection(t([1, 1, 8, 8]), 'dX', [8, 8])).toBeNull();
    expect(testedRejection(t([7, 7]), 'dX', undefined)).toBeNull();
  });
});
