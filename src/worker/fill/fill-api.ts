// What a helper worker of the numerical pool does: build the core's job for the problem and
// fill the ranges it was given. Kept apart from the Comlink entry so it runs in tests as is.
import { numericalJobFor } from '../../core/check/check';
import { emptyTarget } from '../../core/check/difference';
import type { Piece } from '../../core/check/partition';
import { arrayType } from '../../core/problem/tensor';
import type { DType, GradientName } from '../../core/problem/types';
import type { FillApi, FilledCounts, FilledPiece, SharedFill } from './fill-protocol';
import type { FillTarget } from '../../core/check/numerical';
import { fillInSlices } from '../../core/check/sliced-fill';

/**
 * The arrays a helper fills without shared memory: the job writes by flat element, so each
 * gradient gets a full-length array, of which only the pieces' ranges are sent back.
 */
function ownTargets(pieces: readonly Piece[], counts: Readonly<Record<GradientName, number>>, dtype: DType): Partial<Record<GradientName, FillTarget>> {
  const targets: Partial<Record<GradientName, FillTarget>> = {};
  for (const { name } of pieces) targets[name] ??= emptyTarget(counts[name], arrayType(dtype));
  return targets;
}

/** The pieces a helper fills, in order: the next unclaimed one of the job's while any is left (shared), else its own list. */
function* inOrder(pieces: readonly Piece[], shared: SharedFill | undefined): Generator<Piece> {
  for (let i = 0; ; i++) {
    const at = shared ? Atomics.add(shared.claims, 0, 1) : i;
    if (at >= pieces.length) return;
    yield pieces[at];
  }
}

export function createFillApi(): FillApi {
  const cancelled = new Set<number>();
  return {
    async fill(job, problem, y, settings, pieces, onProgress, shared) {
      try {
        const numerical = numericalJobFor(problem, settings, false, y);
        const targets = shared?.targets ?? ownTargets(pieces, numerical.counts, problem.dtype);
        // fillInSlices counts the elements of every piece it was given; the pieces it takes as it goes tell whose they are.
        const counts: FilledCounts = {};
        let current: { name: GradientName; before: number; at: number } | undefined;
        let elements = 0;
        const tracked = function* () {
          for (const piece of inOrder(pieces, shared)) {
            current = { name: piece.name, before: counts[piece.name] ?? 0, at: elements };
            yield piece;
          }
        };
        const onSlice = (done: number) => {
          elements = done;
          if (current) counts[current.name] = current.before + done - current.at;
          onProgress(counts);
        };
        const finished = await fillInSlices(numerical, tracked(), targets, () => cancelled.has(job), onSlice);
        if (!finished) return null;
        if (shared) return [];
        return pieces.map((piece): FilledPiece => {
          const target = targets[piece.name] as FillTarget;
          const part = <T extends { slice(start: number, end: number): T }>(array: T) => array.slice(piece.start, piece.end);
          return { ...piece, values: part(target.values), kinks: part(target.kinks), errbar: part(target.errbar), spread: part(target.spread) };
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
