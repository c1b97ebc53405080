// The app's main check: the core's pipeline (core/check/pipeline.ts) with the numerical map
// filled on a pool of helper workers. Each gradient's elements go out in contiguous pieces (the
// core's piecesOf, as in the CLI), the helpers fill them in time slices, and this side sums their
// progress and passes a cancel on. Cross-origin isolated, the pipeline allocates its map in shared
// memory and the helpers write it in place; else this side writes in the pieces they send back.
import * as Comlink from 'comlink';
import type { Analysis } from '../../core/conv/analyze';
import { gradientChecks, targetOf, type CheckResult, type MeasuredGradients } from '../../core/check/check';
import { numericalWork, workPerElement } from '../../core/check/cost';
import { guidedPieces, piecesOf, type Piece } from '../../core/check/partition';
import { checkOptionsOf, runPipeline, type Filler } from '../../core/check/pipeline';
import { prepare } from '../../core/problem/problem';
import type { GradientName, Problem } from '../../core/problem/types';
import type { FillTarget } from '../../core/check/difference';
import type { FillPool } from '../fill/fill-pool';
import type { FilledCounts, FilledPiece } from '../fill/fill-protocol';
import { sharedProblem } from '../fill/shared-memory';
import type { CheckPlan, CheckSettings } from '../../core/check/types';
import type { GradientComparison, NumericalProgress, NumericalResult } from './protocol';
import type { GradientsUnderTest } from '../../core/check/types';

/**
 * Progress reaches the renderer at most this often. Each report re-renders the job bar (and
 * animates its fill) on cores the helpers need: at 100 ms the 512²·5×5 job ran 1.47× faster on
 * two helpers than on one, at 250 ms 1.67×.
 */
const PROGRESS_MS = 250;

/**
 * A helper sizes each time slice from the last one (sliced-fill.ts), starting at 16 elements. A tap
 * of a large image costs millions of evaluations, so 16 of them would hold up progress for
 * seconds: a helper's first taps go out as pieces of one, which is as far as a slice reaches,
 * until its slices have shrunk to one tap (a quarter per slice at most).
 */
const LEAD_IN = 2;

/**
 * The pieces of a job whose helpers claim them in order (shared memory): every helper's first
 * taps one at a time (LEAD_IN each), then each gradient in pieces that shrink as they go (the
 * core's guidedPieces, as in the CLI), so the helpers finish together however their speeds differ.
 * The costly elements (taps) come first, as in piecesFor.
 */
export function claimOrder(names: readonly GradientName[], counts: Readonly<Partial<Record<GradientName, number>>>, size: number): Piece[] {
  const pieces: Piece[] = [];
  for (const name of names) {
    const count = counts[name] ?? 0;
    const single = name === 'dX' ? 0 : Math.min(count, LEAD_IN * size);
    for (let e = 0; e < single; e++) pieces.push({ name, start: e, end: e + 1 });
    for (const { start, end } of guidedPieces(name, count - single, size)) pieces.push({ name, start: start + single, end: end + single });
  }
  return pieces;
}

/**
 * The gradients to compute, each split into `size` ranges: one list of pieces per helper, filled
 * in the order of `names`. The costly elements (taps) come first: slices then start small and
 * grow over the pixels, where the other order carried slices sized for pixels into the taps.
 */
export function piecesFor(names: readonly GradientName[], counts: Readonly<Partial<Record<GradientName, number>>>, size: number): Piece[][] {
  const tasks: Piece[][] = Array.from({ length: size }, () => []);
  for (const name of names) {
    piecesOf(name, counts[name] ?? 0, size).forEach(({ start, end }, i) => {
      const single = name === 'dX' || tasks[i].length > 0 ? 0 : Math.min(LEAD_IN, end - start - 1);
      for (let e = start; e < start + single; e++) tasks[i].push({ name, start: e, end: e + 1 });
      tasks[i].push({ name, start: start + single, end });
    });
  }
  return tasks.filter((task) => task.length > 0);
}

/** The work in the elements a helper has filled, each at its gradient's weight. */
export function weightedCount(counts: FilledCounts, weights: Readonly<Record<GradientName, number>>): number {
  return (Object.entries(counts) as [GradientName, number][]).reduce((work, [name, count]) => work + count * weights[name], 0);
}

/**
 * Fills a check's numerical map on `size` helpers of `pool`. False when `isCancelled` turned true
 * first; rejects when a helper dies (its helpers are then discarded). `job` names the job in
 * cancel requests to the helpers.
 */
export function poolFiller(
  pool: FillPool,
  size: number,
  job: number,
  isCancelled: () => boolean,
  onProgress: (progress: NumericalProgress) => void,
): Filler {
  const fill = async ({ problem, settings, own }: CheckPlan, measured: MeasuredGradients): Promise<boolean> => {
    const names = (['dW', 'db', 'dX'] as const).filter((name) => (measured[name]?.kinks.length ?? 0) > 0);
    const counts = Object.fromEntries(names.map((name) => [name, measured[name]!.kinks.length]));
    const prep = prepare(problem);
    const weights = workPerElement(prep, numericalWork(prep, problem.loss, settings.method));
    const total = names.reduce((sum, name) => sum + counts[name] * weights[name], 0);
    // Shared: one copy of the problem for every helper, and the pipeline's own map (allocated in
    // shared memory for this filler), written in place; the helpers claim the pieces as they go.
    // Else each helper gets its own pieces.
    const memory = pool.jobMemory();
    const claimed = memory && claimOrder(names, counts, size);
    const tasks = claimed ? Array.from({ length: Math.min(size, claimed.length) }, () => claimed) : piecesFor(names, counts, size);
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
    const onSlice = (i: number) => (filledCounts: FilledCounts) => {
      done[i] = weightedCount(filledCounts, weights);
      stopIfCancelled();
      if (!stopped && performance.now() - reported >= PROGRESS_MS) report();
    };
    const { method, h, auto, kinkConvention } = settings;
    const step = { method, h, auto, kinkConvention };
    const targets = Object.fromEntries(names.map((name) => [name, targetOf(measured[name]!)]));
    const shared = memory && { problem: sharedProblem(problem, memory, own.gy), fill: { targets, claims: new Int32Array(new SharedArrayBuffer(4)) } };
    let filled: (FilledPiece[] | null)[];
    try {
      filled = await Promise.all(
        helpers.map((helper, i) =>
          Promise.race([helper.api.fill(job, shared?.problem ?? problem, own.y.data, step, tasks[i], Comlink.proxy(onSlice(i)), shared?.fill), helper.died]),
        ),
      );
    } catch (error) {
      stopped = true;
      pool.discard(problem.dtype);
      throw error;
    }
    const complete = !stopped && !isCancelled() && filled.every((pieces) => pieces !== null);
    if (complete) {
      // Without shared memory, the pieces into the pipeline's arrays, which go on to the renderer transferred.
      for (const piece of filled.flat() as FilledPiece[]) copyTarget(piece, targets[piece.name], piece.start);
      // Every piece is in: all of the work, exactly (the helpers' sums may round a unit's fraction apart).
      done.fill(0)[0] = total;
      report();
    }
    // Every helper is done with the shared arrays: the next job may have them.
    pool.finished(problem.dtype, problem.x.data.length, memory);
    return complete;
  };
  return Object.assign(fill, { memory: pool.sharesMemory ? ('shared' as const) : ('own' as const) });
}

/** Writes `from`'s arrays into `into`'s, from element `at` on. */
function copyTarget(from: FillTarget, into: FillTarget, at: number): void {
  into.values.set(from.values, at);
  into.kinks.set(from.kinks, at);
  into.errbar.set(from.errbar, at);
  into.spread.set(from.spread, at);
}

/** A check's result per gradient, as the renderer shows it. */
export function comparisonsOf(result: CheckResult): NonNullable<NumericalResult> {
  const out: Partial<Record<GradientName, GradientComparison>> = gradientChecks(result);
  for (const name of ['dX', 'dW'] as const) {
    const diagnosis = result.diagnosis[name];
    if (out[name] && diagnosis) out[name] = { ...out[name], diagnosis };
  }
  return out;
}

/**
 * The app's main check of `problem` through the core's pipeline, its map filled on `size`
 * helpers of `pool`: `own` is the analysis already computed for it, `tested` the gradients under
 * test where they are not ConvGrad's VJP. Null when cancelled.
 */
export async function runPooled(
  pool: FillPool,
  size: number,
  job: number,
  problem: Problem,
  own: Analysis,
  options: CheckSettings,
  isCancelled: () => boolean,
  onProgress: (progress: NumericalProgress) => void,
  tested?: GradientsUnderTest,
): Promise<NumericalResult> {
  const run = await runPipeline(problem, checkOptionsOf(options, tested), poolFiller(pool, size, job, isCancelled, onProgress), own);
  return run && comparisonsOf(run.result);
}
