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

export interface FillApi {
  /**
   * Fills `pieces` in time slices, calling `onProgress` with the elements done so far after
   * each slice. `y` is the problem's Y in its dtype (the analysis'), so no helper computes it
   * again. With `shared`, writes them there and resolves with no pieces; without, resolves with
   * the pieces' arrays. Null when `cancel(job)` arrived first.
   */
  fill(
    job: number,
    problem: Problem,
    y: FloatArray,
    settings: StepSettings,
    pieces: readonly Piece[],
    onProgress: (done: number) => void,
    shared?: SharedTargets,
  ): Promise<FilledPiece[] | null>;
  cancel(job: number): void;
}
