// The helper workers of the numerical pool, kept alive between jobs and kept apart by dtype:
// V8 runs the core's loops about twice as slow in an isolate that has seen both Float64Array
// and Float32Array, so an f64 job never runs in a worker that ran an f32 one.
import type { Remote } from 'comlink';
import type { DType } from '../../core/problem/types';
import type { FillApi } from './fill-protocol';
import { SharedMemory, type JobMemory } from './shared-memory';

export interface FillHelper {
  readonly api: Remote<FillApi>;
  /** Rejects with a one-line reason if the worker dies; never resolves. */
  readonly died: Promise<never>;
  terminate(): void;
}

export type SpawnFillHelper = () => FillHelper;

/**
 * A helper that filled a job of more values than this is retired: it holds its copies of the
 * problem as garbage (over 100 MB for 2048²) that an idle worker may never collect, while a
 * fresh helper starts in a fraction of a second, little next to such a job. The shared memory
 * of such a job is not kept for the next either.
 */
export const RETIRE_ABOVE = 1 << 20;

export interface FillPoolOptions {
  /** A job of more input values than this retires its helpers (default RETIRE_ABOVE). */
  readonly retireAbove?: number;
  /**
   * Whether the helpers get the problem and the map in shared memory (shared-memory.ts), which
   * needs a cross-origin isolated page; else they get copies and send their pieces back.
   */
  readonly sharesMemory: boolean;
}

export class FillPool {
  readonly #spawn: SpawnFillHelper;
  readonly #retireAbove: number;
  readonly #helpers = new Map<DType, FillHelper[]>();
  /** The buffers shared with the helpers, kept between jobs; undefined when memory is not shared. */
  readonly #memory: SharedMemory | undefined;

  constructor(spawn: SpawnFillHelper, options: FillPoolOptions) {
    this.#spawn = spawn;
    this.#retireAbove = options.retireAbove ?? RETIRE_ABOVE;
    this.#memory = options.sharesMemory ? new SharedMemory() : undefined;
  }

  /** Whether the helpers get the problem and the map in shared memory. */
  get sharesMemory(): boolean {
    return this.#memory !== undefined;
  }

  /** Shared memory for a job, undefined when the helpers get copies; give it back through `finished`. */
  jobMemory(): JobMemory | undefined {
    return this.#memory?.take();
  }

  /** `count` helpers for jobs of `dtype`, starting the missing ones. */
  helpers(dtype: DType, count: number): FillHelper[] {
    const helpers = this.#helpers.get(dtype) ?? [];
    while (helpers.length < count) helpers.push(this.#spawn());
    this.#helpers.set(dtype, helpers);
    return helpers.slice(0, count);
  }

  /**
   * Called when a job of `values` input values is over and its helpers are done with `memory`:
   * retires the helpers of a large one, starting as many fresh ones at once (they load while the
   * results are shown, not when the next job is waiting for them), keeps the memory of the others
   * for the next job.
   */
  finished(dtype: DType, values: number, memory: JobMemory | undefined): void {
    if (values > this.#retireAbove) {
      const count = this.#helpers.get(dtype)?.length ?? 0;
      this.discard(dtype);
      this.helpers(dtype, count);
      this.#memory?.drop();
    } else if (memory) {
      this.#memory?.giveBack(memory);
    }
  }

  /** Stops the helpers of `dtype` (after one died, its siblings' state is unknown); the next job starts fresh ones. */
  discard(dtype: DType): void {
    for (const helper of this.#helpers.get(dtype) ?? []) helper.terminate();
    this.#helpers.delete(dtype);
  }
}
