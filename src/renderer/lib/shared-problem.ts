// The problem as the computation worker gets it. In a cross-origin isolated page (the app, the
// web build) its arrays travel in SharedArrayBuffers, copied once per array and kept as long as
// the array lives: posting them shares them, so neither an analysis nor a numerical job clones X
// (or G, or the target) into fresh memory at both ends again, and the worker's helpers read the
// same copy (worker/fill/shared-memory.ts). An array that came shared (an image the worker decoded)
// is not copied again. Elsewhere the problem goes as it is, cloned.
import { mapTensors } from '../../core/problem/map-tensors';
import { isShared, sharedCopy } from '../../core/problem/memory';
import type { FloatArray, Problem, Tensor } from '../../core/problem/types';

const copies = new WeakMap<FloatArray, FloatArray>();

function keptCopy(data: FloatArray): FloatArray {
  if (isShared(data)) return data;
  let copy = copies.get(data);
  if (!copy) {
    copy = sharedCopy(data);
    copies.set(data, copy);
  }
  return copy;
}

/** `problem` with its arrays in shared memory when `isolated` (the page's `crossOriginIsolated`), else itself. */
// (Typed loosely: the unit tests' Node globals do not declare it.)
export function problemForWorker(problem: Problem, isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true): Problem {
  if (!isolated) return problem;
  return mapTensors(problem, (t): Tensor => ({ shape: t.shape, data: keptCopy(t.data) }));
}
