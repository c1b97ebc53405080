// Tensor helpers: a shared copy holds the same values, in a SharedArrayBuffer of its own.
import { describe, expect, it } from 'vitest';
import { sharedCopy } from '../../../../src/core/problem/tensor';

describe('sharedCopy', () => {
  it('copies the values, type and length into a SharedArrayBuffer of its own', () => {
    for (const data of [Float64Array.of(1, -2.5, 3e-300), Float32Array.of(0.5, 7)]) {
      const copy = sharedCopy(data);
      expect(copy).toBeInstanceOf(data.constructor);
      expect(copy.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(copy)).toEqual(Array.from(data));
      data[0] = 42;
      expect(copy[0]).not.toBe(42);
    }
  });
});
