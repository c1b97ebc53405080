// The numerical gradient split over a pool of helper workers: each gradient's elements go out in
// contiguous ranges (the core's splitRange, as in the CLI), the helpers fill them in time
// slices, and this side sums their progress, passes a cancel on, assembles the ranges they
// send back and compares the result with the analytic gradient.
import * as Comlink from 'comlink';
import { compareGradient } from '../../core/check/compare';
import { evaluationsPerElement } from '../../core/check/cost';
import { prepare } from '../../core/problem/problem';
import { splitRange } from '../../core/check/partition';
import { emptyTarget } from '../../core/check/difference';
import { arrayType, tensor } from '../../core/problem/tensor';
import type { GradientName, Problem, Tensor } from '../../core/problem/types';
import type { FillPool } from '../fill/fill-pool';
import type { FilledPiece, FillPiece } from '../fill/fill-protocol';
import type { GradientComparison, NumericalOptions, NumericalProgress, NumericalResult } from './protocol';

/**
 * Progress reaches the renderer at most this often. Each report re-renders the job bar (and
 * animates its fill) on cores the helpers need: at 100 ms the 512²·5×5 job ran 1.47× faster on
 * two helpers than on one, at 250 ms 1.67×.
 */
const PROGRESS_MS = 250;

export interface Analytic {
  readonly dX: Tensor;
  readonly dW: Tensor;
  readonly db?: Tensor;
}

/** The gradients to compute, each split into `size` ranges: one list of pieces per helper. */
export function piecesFor(names: readonly GradientName[], counts: Readonly<Partial<Record<GradientName, number>>>, size: number): FillPiece[][] {
  const tasks: FillPiece[][] = Array.from({ length: size }, () => []);
  for (const name of names) splitRange(counts[name] ?? 0, size).forEach(([start, end], i) => tasks[i].push({ name, start, end }));
  return tasks.filter((task) => task.length > 0);
}

/** The work in the first `count` elements of a helper's pieces, which it fills in order. */
export function weightedCount(pieces: readonly FillPiece[], count: number, weights: Readonly<Record<GradientName, number>>): number {
  let left = count;
  let work = 0;
  for (const { name, start, end } of pieces) {
    const here = Math.min(left, end - start);
    work += here * weights[name];
    left -= here;
  }
  return work;
}

/**
 * The numerical gradients of `problem` on `size` helpers of `pool`, compared with `analytic`.
 * Null when `isCancelled` turned true first; rejects when a helper dies (its helpers are then
 * discarded). `job` names the job in cancel requests to the helpers.
 */
export async function runPooled(
  pool: FillPool,
  size: number,
  job: number,
  problem: Problem,
  analytic: Analytic,
  options: NumericalOptions,
  isCancelled: () => boolean,
  onProgress: (progress: NumericalProgress) => void,
): Promise<NumericalResult> {
  const names = (['dX', 'dW', 'db'] as const).filter((name) => (analytic[name]?.data.length ?? 0) > 0);
  const counts = Object.fromEntries(names.map((name) => [name, (analytic[name] as Tensor).data.length]));
  const weights = evaluationsPerElement(prepare(problem));
  const total = names.reduce((sum, name) => sum + counts[name] * weights[name], 0);
  const tasks = piecesFor(names, counts, size);
  const helpers = pool.helpers(problem.dtype, tasks.length);
  const started = performance.now();
  const done = tasks.map(() => 0);
  let stopped = false;
  let reported = -Infinity;
  const report = () => {
    reported = performance.now();
    onProgress({ done: done.reduce((a, b) => a + b, 0), total, elapsedMs: reported - started });
  };
  // Helpers report after every slice, which is when a cancel that reached this worker is passed on.
  const stopIfCancelled = () => {
    if (stopped || !isCancelled()) return;
    stopped = true;
    for (const helper of helpers) helper.api.cancel(job);
  };
  const onSlice = (i: number) => (count: number) => {
    done[i] = weightedCount(tasks[i], count, weights);
    stopIfCancelled();
    if (!stopped && performance.now() - reported >= PROGRESS_MS) report();
  };
  const settings = { method: options.method, h: options.h, auto: options.autoStep ?? false, kinkConvention: options.kinkConvention ?? 'zero' };
  let filled: (FilledPiece[] | null)[];
  try {
    filled = await Promise.all(
      helpers.map((helper, i) => Promise.race([helper.api.fill(job, problem, settings, tasks[i], Comlink.proxy(onSlice(i))), helper.died])),
    );
  } catch (error) {
    stopped = true;
    pool.discard(problem.dtype);
    throw error;
  }
  pool.finished(problem.dtype, problem.x.data.length);
  if (stopped || isCancelled() || filled.some((pieces) => pieces === null)) return null;
  report();

  const result: Partial<Record<GradientName, GradientComparison>> = {};
  for (const name of names) {
    const target = analytic[name] as Tensor;
    const out = emptyTarget(target.data.length, arrayType(problem.dtype));
    for (const piece of filled.flat() as FilledPiece[]) {
      if (piece.name !== name) continue;
      out.values.set(piece.values, piece.start);
      out.kinks.set(piece.kinks, piece.start);
      out.errbar.set(piece.errbar, piece.start);
      out.spread.set(piece.spread, piece.start);
    }
    const numerical = tensor(target.shape, out.values);
    const measured = { value: numerical, ...out, byInterval: settings.kinkConvention === 'any' };
    const { summary, error } = compareGradient(target, measured, options.tolerance, options.worst);
    result[name] = { numerical, error, summary, kinks: out.kinks, errbar: out.errbar };
  }
  return result;
}
