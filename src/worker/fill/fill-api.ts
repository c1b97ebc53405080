// What a helper worker of the numerical pool does: build the core's job for the problem and
// fill the ranges it was given. Kept apart from the Comlink entry so it runs in tests as is.
import { numericalJobFor } from '../../core/check/check';
import { arrayType } from '../../core/problem/tensor';
import type { FillApi, FilledPiece } from './fill-protocol';
import { fillInSlices, type FillTarget } from './sliced-fill';

export function createFillApi(): FillApi {
  const cancelled = new Set<number>();
  return {
    async fill(job, problem, settings, pieces, onProgress) {
      try {
        const numerical = numericalJobFor(problem, settings, false);
        const Float = arrayType(problem.dtype);
        // The job writes by flat element, so each gradient gets a full-length array here;
        // only the pieces' ranges are sent back.
        const targets: Partial<Record<string, FillTarget>> = {};
        for (const { name } of pieces) {
          targets[name] ??= { values: new Float(numerical.counts[name]), kinks: new Uint8Array(numerical.counts[name]) };
        }
        const finished = await fillInSlices(numerical, pieces, targets, () => cancelled.has(job), onProgress);
        if (!finished) return null;
        return pieces.map((piece): FilledPiece => {
          const target = targets[piece.name] as FillTarget;
          return { ...piece, values: target.values.slice(piece.start, piece.end), kinks: target.kinks.slice(piece.start, piece.end) };
        });
      } finally {
        cancelled.delete(job);
      }
    },
    cancel(job) {
      cancelled.add(job);
    },
  };
}
