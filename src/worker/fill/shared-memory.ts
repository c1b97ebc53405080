// The numerical pool's shared memory. In a cross-origin isolated page (src/main/isolation.ts) the
// problem's arrays, the analysis' Y and the map's arrays are in SharedArrayBuffers (the map
// allocated so by the pipeline, for the pool's filler): posting them to a helper shares them
// instead of cloning, so no helper copies the inputs or allocates the outputs, each writes its
// ranges of the map in place, and the map goes on to the renderer as it is. Elsewhere (a plain
// file server) SharedArrayBuffer cannot be posted, and the pool copies as before (fill-protocol.ts).
import { mapTensors } from '../../core/problem/map-tensors';
import { isShared } from '../../core/problem/memory';
import type { FloatArray, LossSpec, Problem, Tensor } from '../../core/problem/types';

/** Whether this worker may post SharedArrayBuffers to its helpers. */
export function canShareMemory(): boolean {
  // Typed loosely: the unit tests' (Node's) globals do not declare it.
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

type SharedKind = FloatArray | Uint8Array;

/** One job's shared arrays: taken from the buffers the last job left, or fresh. */
export class JobMemory {
  readonly #spare: SharedArrayBuffer[];
  readonly buffers: SharedArrayBuffer[] = [];

  constructor(spare: SharedArrayBuffer[]) {
    this.#spare = spare;
  }

  /** An array like `array` (same type and length) on a buffer of its own; its values are the last job's when `reused`. */
  #arrayLike<T extends SharedKind>(array: T): { out: T; reused: boolean } {
    const i = this.#spare.findIndex((b) => b.byteLength === array.byteLength);
    const buffer = i >= 0 ? this.#spare.splice(i, 1)[0] : new SharedArrayBuffer(array.byteLength);
    this.buffers.push(buffer);
    return { out: new (array.constructor as new (buffer: SharedArrayBuffer) => T)(buffer), reused: i >= 0 };
  }

  /** A zeroed array like `array`, as a fresh one would be. */
  zerosLike<T extends SharedKind>(array: T): T {
    const { out, reused } = this.#arrayLike(array);
    if (reused) out.fill(0);
    return out;
  }

  /** `array`'s values in shared memory. */
  copyOf<T extends SharedKind>(array: T): T {
    const { out } = this.#arrayLike(array);
    out.set(array);
    return out;
  }
}

/**
 * The SharedArrayBuffers of the last job's problem copies (a zero target, arrays that did not come
 * shared), handed to the next. Fresh memory costs a page fault per page at its first touch; the
 * pages of reused buffers are already there, and reuse keeps a job's buffers from piling up as
 * garbage that an idle helper never collects. (The map is not among them: it goes on to the
 * renderer.) A job holds its
 * buffers until all its helpers are done (one started meanwhile, during a cancel, gets fresh
 * ones), so no helper ever writes into another job's arrays.
 */
export class SharedMemory {
  #spare: SharedArrayBuffer[] = [];

  /** The memory for a job, which takes what the last job gave back. */
  take(): JobMemory {
    const memory = new JobMemory(this.#spare);
    this.#spare = [];
    return memory;
  }

  /** Keeps a finished job's buffers for the next job (only the latest job's). */
  giveBack(memory: JobMemory): void {
    this.#spare = memory.buffers;
  }

  /** Lets go of every kept buffer (after a large job, as the pool lets go of its helpers). */
  drop(): void {
    this.#spare = [];
  }
}

/**
 * The loss with a G it would generate (ones, random) given as `gy`, the analysis' dL/dY (which is
 * G, bit for bit), and a zero target as zeros in `memory`: otherwise every helper would allocate
 * and compute its own.
 */
function givenLoss(loss: LossSpec, gy: Tensor, memory: JobMemory): LossSpec {
  if (loss.kind === 'linear') return loss.grad.kind === 'array' ? loss : { ...loss, grad: { kind: 'array', value: gy } };
  return loss.target.kind === 'array' ? loss : { ...loss, target: { kind: 'array', value: { shape: gy.shape, data: memory.zerosLike(gy.data) } } };
}

/**
 * `problem` with every array it holds (X, W, bias, G or the target) in shared memory: as it came
 * when the renderer already sent it shared (renderer/lib/shared-problem.ts), else copied into
 * `memory`. G and a zero target are given as arrays (givenLoss).
 */
export function sharedProblem(problem: Problem, memory: JobMemory, gy: Tensor): Problem {
  const share = (t: Tensor): Tensor => (isShared(t.data) ? t : { shape: t.shape, data: memory.copyOf(t.data) });
  return mapTensors({ ...problem, loss: givenLoss(problem.loss, gy, memory) }, share);
}
