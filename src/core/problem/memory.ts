// Where an array lives. A thread that shares its results (the app's computation worker with the
// renderer and its helpers, cross-origin isolated) allocates them in SharedArrayBuffers: posting
// them then shares them instead of cloning, so neither side copies them. A 3000×2000 float64
// array is 48 MB, ~150 ms to first touch on this project's machine, every time it is copied.
import type { FloatArray } from './types';

/** Ordinary memory, or memory shared with other threads. */
export type Memory = 'own' | 'shared';

/** A typed array type that can be made of a length or of a SharedArrayBuffer. */
export interface ArrayType<T> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** A zeroed array of `length` values of `Type` in `memory`. */
export function allocate<T>(Type: ArrayType<T>, length: number, memory: Memory = 'own'): T {
  return memory === 'shared' ? new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT)) : new Type(length);
}

/** An array of `data`'s type and length in `memory`. */
export function allocateLike<T extends FloatArray>(data: T, length: number, memory: Memory = 'own'): T {
  return allocate(data.constructor as ArrayType<T>, length, memory);
}

/** Whether `data` is in shared memory. */
export function isShared(data: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer;
}

/** A copy of `data` in a SharedArrayBuffer of its own, which a worker can post to others without their copying it. */
export function sharedCopy<T extends FloatArray>(data: T): T {
  const copy = allocateLike(data, data.length, 'shared');
  copy.set(data);
  return copy;
}

/** `data` where `memory` asks: itself unless shared memory is asked and it is not there (then a copy). */
export function inMemory<T extends FloatArray>(data: T, memory: Memory): T {
  return memory === 'shared' && !isShared(data) ? sharedCopy(data) : data;
}
