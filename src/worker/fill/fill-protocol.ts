// The contract between the computation worker and the helper workers of its numerical pool.
// Each helper fills contiguous ranges of the gradients' elements: in place, into the pipeline's
// map itself, allocated in shared memory when the page is cross-origin isolated (shared-memory.ts),
// or else into arrays of its own, sending back just its ranges (transferred) for the computation
// worker to assemble.
import type { FillTarget } from '../../core/check/difference';
import type { StepSettings } from '../../core/check/numerical';
import type { Piece } from '../../core/check/partition';
import type { FloatArray, GradientName, Problem } from '../../core/problem/types';

/** A piece's finite differences, kink marks, error bars and kink half-widths, `end - start` long (element `start` first). */
export interface FilledPiece extends Piece {
  readonly values: FloatArray;
  readonly kinks: Uint8Array;
  readonly errbar: Float64Array;
  readonly spread: Float64Array;
}

/** Each gradient's full-length arrays (the pipeline's map) in SharedArrayBuffers, which every helper writes its pieces into. */
export type SharedTargets = Partial<Record<GradientName, FillTarget>>;

/**
 * A job in shared memory: the map's arrays, and the counter (element 0) by which the helpers
 * claim the job's pieces in order, each the next one not claimed yet, until none is left. Claimed
 * rather than assigned, a helper that starts late or runs slower (the other core busy) leaves its
 * share to the others instead of keeping them waiting.
 */
export interface SharedFill {
  readonly targets: SharedTargets;
  readonly claims: Int32Array;
}

/** How many elements of each gradient a helper has differenced so far. */
export type FilledCounts = Partial<Record<GradientName, number>>;

export interface FillApi {
  /**
   * Fills pieces in time slices, calling `onProgress` with the elements done so far after each
   * slice. `y` is the problem's Y in its dtype (the analysis'), so no helper computes it again.
   * With `shared`, `pieces` are the whole job's, claimed through `shared.claims` and written into
   * `shared.targets`, and it resolves with no pieces; without, `pieces` are this helper's and it
   * resolves with their arrays. Null when `cancel(job)` arrived first.
   */
  fill(
    job: number,
    problem: Problem,
    y: FloatArray,
    settings: StepSettings,
    pieces: readonly Piece[],
    onProgress: (done: FilledCounts) => void,
    shared?: SharedFill,
  ): Promise<FilledPiece[] | null>;
  cancel(job: number): void;
}
