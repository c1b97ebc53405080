// Where arrays live: allocated in ordinary or shared memory, copied into shared memory only when not there yet.
import { describe, expect, it } from 'vitest';
import { allocate, inMemory, isShared, sharedCopy } from '../../../../src/core/problem/memory';

describe('allocate', () => {
  it('gives zeros of the type and length asked, in the memory asked', () => {
    for (const memory of ['own', 'shared'] as const) {
      const a = allocate(Float32Array, 5, memory);
      expect(a).toBeInstanceOf(Float32Array);
      expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
      expect(isShared(a)).toBe(memory === 'shared');
    }
  });
});

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

describe('inMemory', () => {
  it('copies an array into shared memory only when it is not there, and keeps it as it is otherwise', () => {
    const own = Float64Array.of(1, 2);
    const copy = inMemory(own, 'shared');
    expect(copy).not.toBe(own);
    expect(isShared(copy)).toBe(true);
    expect(Array.from(copy)).toEqual([1, 2]);
    expect(inMemory(copy, 'shared')).toBe(copy);
    expect(inMemory(own, 'own')).toBe(own);
    expect(inMemory(copy, 'own')).toBe(copy);
  });
});
