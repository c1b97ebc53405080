// The pool's shared memory: buffers handed from one job to the next come back as fresh ones
// would (zeroed, or holding the copied values), and a shared problem holds every array in them.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../src/core/problem/types';
import { canShareMemory, SharedMemory, sharedProblem } from '../../../../src/worker/fill/shared-memory';
import { MIXED_PROBLEM, randomTensor } from '../../support/problems';

describe('SharedMemory', () => {
  it('hands the last job\'s buffers to the next, zeroed where a zeroed array is asked for', () => {
    const memory = new SharedMemory();
    const first = memory.take();
    const values = first.zerosLike(new Float64Array(16));
    const kinks = first.zerosLike(new Uint8Array(16));
    values.fill(7);
    kinks.fill(1);
    memory.giveBack(first);
    const second = memory.take();
    const again = second.zerosLike(new Float64Array(16));
    const copied = second.copyOf(Uint8Array.from({ length: 16 }, (_, i) => i));
    expect([again.buffer, copied.buffer]).toEqual(expect.arrayContaining([values.buffer, kinks.buffer]));
    expect(Array.from(again)).toEqual(new Array(16).fill(0));
    expect(Array.from(copied)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    // A size the last job did not have is allocated.
    expect(second.zerosLike(new Float32Array(3)).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(second.buffers).toHaveLength(3);
  });

  it('gives nothing back after drop', () => {
    const memory = new SharedMemory();
    const first = memory.take();
    const a = first.zerosLike(new Float64Array(4));
    memory.giveBack(first);
    memory.drop();
    expect(memory.take().zerosLike(new Float64Array(4)).buffer).not.toBe(a.buffer);
  });
});

describe('sharedProblem', () => {
  const gy = { shape: [2, 9, 8], data: Float64Array.from({ length: 144 }, (_, i) => i / 7) };

  it('copies X, W, the bias and the target into shared memory and keeps the rest', () => {
    const target = randomTensor([2, 9, 8], 3);
    const problem: Problem = { ...MIXED_PROBLEM, loss: { kind: 'l2', activation: 'relu', target: { kind: 'array', value: target } } };
    const shared = sharedProblem(problem, new SharedMemory().take(), gy);
    const sharedTarget = shared.loss.kind === 'l2' && shared.loss.target.kind === 'array' ? shared.loss.target.value : undefined;
    for (const [mine, theirs] of [[shared.x, problem.x], [shared.w, problem.w], [shared.bias!, problem.bias!], [sharedTarget!, target]] as const) {
      expect(mine.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(mine.data).toEqual(theirs.data);
      expect(mine.shape).toEqual(theirs.shape);
    }
    expect({ ...shared, x: 0, w: 0, bias: 0, loss: 0 }).toEqual({ ...problem, x: 0, w: 0, bias: 0, loss: 0 });
    expect(shared.loss.kind === 'l2' && shared.loss.activation).toBe('relu');
  });

  it('gives a generated G as the analysis\' dL/dY and a zero target as zeros, in shared memory', () => {
    const memory = new SharedMemory().take();
    for (const grad of [{ kind: 'random', seed: 3 }, { kind: 'ones' }] as const) {
      const shared = sharedProblem({ ...MIXED_PROBLEM, loss: { kind: 'linear', grad } }, memory, gy);
      const value = shared.loss.kind === 'linear' && shared.loss.grad.kind === 'array' ? shared.loss.grad.value : undefined;
      expect(value!.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(value!.data).toEqual(gy.data);
    }
    const zeros = sharedProblem(MIXED_PROBLEM, memory, gy);
    const target = zeros.loss.kind === 'l2' && zeros.loss.target.kind === 'array' ? zeros.loss.target.value : undefined;
    expect(target!.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(target!.data)).toEqual(new Array(144).fill(0));
    expect(target!.shape).toEqual(gy.shape);
  });

  it('keeps arrays the renderer already sent in shared memory as they are', () => {
    const x = { shape: MIXED_PROBLEM.x.shape, data: new Float64Array(new SharedArrayBuffer(MIXED_PROBLEM.x.data.byteLength)) };
    const memory = new SharedMemory().take();
    const shared = sharedProblem({ ...MIXED_PROBLEM, x }, memory, gy);
    expect(shared.x.data).toBe(x.data);
    // W, the bias and the zero target's zeros: nothing for X.
    expect(memory.buffers).toHaveLength(3);
  });

  it('is not used outside a cross-origin isolated page (Node has no crossOriginIsolated)', () => {
    expect(canShareMemory()).toBe(false);
  });
});
