// The CLI's numerical gradient on every core: the elements of each gradient are cut into pieces
// that worker threads (and the calling thread) claim and write straight into shared arrays.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyMeasurement, measureHere, numericalJobFor, targetOf, type CheckPlan, type Finding } from '../core/check/check';
import type { FillTarget } from '../core/check/difference';
import { now } from '../core/problem/clock';
import { checkCost } from '../core/check/cost';
import type { StepSettings } from '../core/check/numerical';
import { piecesOf, type Piece } from '../core/check/partition';
import { fillHere, type Filler } from '../core/check/pipeline';
import { prepare } from '../core/problem/problem';
import type { FloatArray, GradientName, Problem } from '../core/problem/types';

/** A piece of the job with its gradient's shared arrays (the piece writes its range of them). */
export interface ThreadPiece extends Piece {
  readonly target: FillTarget;
}

/**
 * Everything a thread needs: every piece of the job and two shared counters, [next piece to
 * claim, pieces finished]. Pieces are claimed, not assigned, so a thread still starting up (a
 * few tens of milliseconds: it loads the core) costs nothing: the others take its
 * share, and a job that is done before it starts never waits for it.
 */
export interface ThreadTask {
  readonly problem: Problem;
  readonly settings: StepSettings;
  readonly reference: boolean;
  readonly pieces: readonly ThreadPiece[];
  readonly counters: Int32Array;
}

export interface PoolOptions {
  /** Below this many multiply-adds of finite differences, one thread does it all. */
  readonly worthwhile?: number;
  /** Whether the calling thread claims pieces too (tests turn it off to see the threads work). */
  readonly callerTakesPart?: boolean;
}

/** Below this many multiply-adds (about 50 ms here) a thread's start-up costs more than it saves. */
const THREAD_WORTHWHILE = 2e7;

/** dL/dX goes out in this many pieces per thread: small enough to balance, large enough that each piece's first rows (computed again) are a few per cent. */
const DX_PIECES_PER_THREAD = 4;

export function defaultThreads(): number {
  return availableParallelism();
}

function shared<T extends FloatArray | Uint8Array>(array: T): T {
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  return new Type(new SharedArrayBuffer(array.byteLength));
}

/** Fills pieces of the task until none is left to claim; the pool's threads run the same function. */
export function fillClaimed(task: ThreadTask, onPiece: () => void = () => {}): void {
  const job = numericalJobFor(task.problem, task.settings, task.reference);
  for (let i = Atomics.add(task.counters, 0, 1); i < task.pieces.length; i = Atomics.add(task.counters, 0, 1)) {
    const piece = task.pieces[i];
    job.fill(piece.name, piece.start, piece.end, piece.target);
    Atomics.add(task.counters, 1, 1);
    onPiece();
  }
}

/**
 * The pieces of a job, the largest first so the last ones claimed are small: dL/dW in one piece
 * per thread (each piece passes over every output once, so fewer are cheaper), then dL/db, then
 * dL/dX in several pieces per thread.
 */
function threadPieces(arrays: Partial<Record<GradientName, FillTarget>>, threads: number): ThreadPiece[] {
  const parts: Record<GradientName, number> = { dW: threads, db: 1, dX: threads * DX_PIECES_PER_THREAD };
  return (['dW', 'db', 'dX'] as const).flatMap((name) => {
    const target = arrays[name];
    return target ? piecesOf(name, target.values.length, parts[name]).map((piece) => ({ ...piece, target })) : [];
  });
}

/**
 * The threads' entry point, JavaScript built by `npm run build:cli`: next to this module in
 * out/cli, or the built one when this module runs from its TypeScript source (tests, bench).
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('../../out/cli/numerical-thread.js', import.meta.url)
  : new URL('./numerical-thread.js', import.meta.url);

/** A thread claiming pieces of `task`, calling `onPiece` after each; `failed` rejects if it dies. */
function startThread(task: ThreadTask, onPiece: () => void): { readonly failed: Promise<never>; stop(): void } {
  const worker = new Worker(THREAD_ENTRY, { workerData: task });
  let stopping = false;
  const failed = new Promise<never>((_, reject) => {
    worker.on('message', onPiece);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!stopping && code !== 0) reject(new Error(`numerical thread exited with code ${code}`));
    });
  });
  return {
    failed,
    stop() {
      stopping = true;
      void worker.terminate();
    },
  };
}

/**
 * The pipeline's Node thread-pool filler: the map on `threads` threads when it costs at least
 * `options.worthwhile` multiply-adds, else in this thread.
 */
export function threadPoolFiller(threads: number, options: PoolOptions = {}): Filler {
  return async (plan, measured) => {
    const { options: checkOptions, problem, settings } = plan;
    const worthwhile = options.worthwhile ?? THREAD_WORTHWHILE;
    if (threads < 2 || checkCost(prepare(problem)).numerical < worthwhile) return fillHere(plan, measured);
    const sharedArrays = Object.fromEntries(
      (['dX', 'dW', 'db'] as const)
        .filter((name) => measured[name])
        .map((name) => {
          const { values, kinks, errbar, spread } = targetOf(measured[name]!);
          return [name, { values: shared(values), kinks: shared(kinks), errbar: shared(errbar), spread: shared(spread) }];
        }),
    ) as Partial<Record<GradientName, FillTarget>>;
    const task: ThreadTask = {
      problem,
      settings: { method: settings.method, h: settings.h, auto: settings.auto, kinkConvention: settings.kinkConvention },
      reference: checkOptions.reference ?? false,
      pieces: threadPieces(sharedArrays, threads),
      counters: new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)),
    };
    const callerTakesPart = options.callerTakesPart ?? true;
    let wake = () => {};
    const others = Array.from({ length: callerTakesPart ? threads - 1 : threads }, () => startThread(task, () => wake()));
    try {
      if (callerTakesPart) fillClaimed(task);
      while (Atomics.load(task.counters, 1) < task.pieces.length) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ...others.map((thread) => thread.failed)]);
      }
    } finally {
      for (const thread of others) thread.stop();
    }
    // Copy out of the shared memory so the results are ordinary arrays for every later consumer.
    for (const [name, arrays] of Object.entries(sharedArrays) as [GradientName, FillTarget][]) {
      const into = targetOf(measured[name]!);
      into.values.set(arrays.values);
      into.kinks.set(arrays.kinks);
      into.errbar.set(arrays.errbar);
      into.spread.set(arrays.spread);
    }
    return true;
  };
}

/** The numerical part of a check on `threads` threads (see threadPoolFiller), for the bench and tests. */
export async function measureInThreads(plan: CheckPlan, threads: number, options: PoolOptions = {}): Promise<Finding> {
  if (plan.options.numerical !== 'full') return measureHere(plan);
  const t0 = now();
  const measured = emptyMeasurement(plan);
  await threadPoolFiller(threads, options)(plan, measured);
  return { measured, ms: now() - t0 };
}
