// The contract between the computation worker and the helper workers of its numerical pool.
// Each helper fills contiguous ranges of the gradients' elements and sends back just those
// ranges (transferred), which the computation worker assembles.
import type { StepSettings } from '../../core/check/numerical';
import type { Piece } from '../../core/check/partition';
import type { FloatArray, Problem } from '../../core/problem/types';

/** A piece's finite differences, kink marks, error bars and kink half-widths, `end - start` long (element `start` first). */
export interface FilledPiece extends Piece {
  readonly values: FloatArray;
  readonly kinks: Uint8Array;
  readonly errbar: Float64Array;
  readonly spread: Float64Array;
}

export interface FillApi {
  /**
   * Fills `pieces` in time slices, calling `onProgress` with the elements done so far after
   * each slice. Null when `cancel(job)` arrived first.
   */
  fill(
    job: number,
    problem: Problem,
    settings: StepSettings,
    pieces: readonly Piece[],
    onProgress: (done: number) => void,
  ): Promise<FilledPiece[] | null>;
  cancel(job: number): void;
}
