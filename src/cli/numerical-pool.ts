// The CLI's numerical gradient on every core: the elements of each gradient are cut into pieces
// that worker threads (and the calling thread) claim and write straight into shared arrays.
// The threads are started as soon as the problem is known, so they load the core and build
// their job while this thread computes Y and the VJP; the map then only hands them the pieces.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyMeasurement, measureHere, planJob, resolveSettings, targetOf, type CheckOptions, type CheckPlan, type Finding } from '../core/check/check';
import type { FillTarget } from '../core/check/difference';
import type { MeasuredGradients } from '../core/check/check';
import { now } from '../core/problem/clock';
import { checkCost } from '../core/check/cost';
import type { StepSettings } from '../core/check/numerical';
import { guidedPieces, piecesOf } from '../core/check/partition';
import { fillHere, type Filler } from '../core/check/pipeline';
import { mapTensors } from '../core/problem/map-tensors';
import { inMemory, isShared } from '../core/problem/memory';
import { problemShape } from '../core/problem/problem';
import type { GradientName, Problem } from '../core/problem/types';
import { epochMs, fillClaimed, type ThreadMessage, type ThreadPiece, type ThreadSetup, type ThreadTask } from './thread-task';

/** How long a thread took, from its spawn: to load the core, and to have its job built as well. */
export interface ThreadStart {
  readonly loadedMs: number;
  readonly readyMs: number;
}

export interface PoolOptions {
  /** Below this many multiply-adds of finite differences, one thread does it all. */
  readonly worthwhile?: number;
  /** Whether the calling thread claims pieces too (tests turn it off to see the threads work). */
  readonly callerTakesPart?: boolean;
}

/** Below this many multiply-adds (about 50 ms here) a thread's start-up costs more than it saves. */
const THREAD_WORTHWHILE = 2e7;

export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * `problem` with every array it holds (X, W, bias, dL/dY or target) in shared memory, so every
 * thread reads the one copy: as it is where it already is (an .npy file read by the CLI), else
 * copied there.
 */
function withSharedArrays(problem: Problem): Problem {
  return mapTensors(problem, (t) => ({ shape: t.shape, data: inMemory(t.data, 'shared') }));
}

/**
 * The pieces of a job, the largest first so the last ones claimed are small: dL/dW in one piece
 * per thread (each piece passes over every output once, so fewer are cheaper), then dL/db, then
 * dL/dX in pieces that shrink as they go (guidedPieces), so the threads finish together.
 */
function threadPieces(arrays: Partial<Record<GradientName, FillTarget>>, threads: number): ThreadPiece[] {
  return (['dW', 'db', 'dX'] as const).flatMap((name) => {
    const target = arrays[name];
    if (!target) return [];
    const count = target.values.length;
    const pieces = name === 'dX' ? guidedPieces(name, count, threads) : piecesOf(name, count, name === 'dW' ? threads : 1);
    return pieces.map((piece) => ({ ...piece, target }));
  });
}

/**
 * The threads' entry point, one CommonJS file built by `npm run build:cli` (vite.cli.config.ts):
 * next to this module in out/cli, or the built one when this module runs from its TypeScript
 * source (tests, bench).
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('../../out/cli/numerical-thread.cjs', import.meta.url)
  : new URL('./numerical-thread.cjs', import.meta.url);

/** One worker thread of a pool. */
class PoolThread {
  readonly #worker: Worker;
  readonly #spawnedAt = epochMs();
  #stopping = false;
  /** Rejects if the thread dies before it is stopped. */
  readonly failed: Promise<never>;
  readonly started: Promise<ThreadStart>;

  constructor(setup: ThreadSetup, onPiece: () => void) {
    // The entry is built JavaScript: it needs none of the parent's flags, and a loader among them
    // (tsx, in the bench and the tests) would run every module of the thread through its hooks.
    this.#worker = new Worker(THREAD_ENTRY, { workerData: setup, execArgv: [] });
    this.started = new Promise((resolve) => {
      this.#worker.on('message', (message: ThreadMessage) => {
        if (message.kind === 'piece') onPiece();
        else resolve({ loadedMs: message.loadedAt - this.#spawnedAt, readyMs: message.readyAt - this.#spawnedAt });
      });
    });
    this.failed = new Promise<never>((_, reject) => {
      this.#worker.once('error', reject);
      this.#worker.once('exit', (code) => {
        if (!this.#stopping) reject(new Error(`numerical thread exited with code ${code}`));
      });
    });
    // Nobody may be waiting on `failed` (a pool closed before its map): a death then is not an unhandled rejection.
    this.failed.catch(() => {});
  }

  post(task: ThreadTask): void {
    this.#worker.postMessage(task);
  }

  stop(): void {
    this.#stopping = true;
    void this.#worker.terminate();
  }
}

/**
 * Threads for one check, started before its map is needed: `start` spawns them (when the map
 * is worth them) with the problem and the settings the check will use, `filler` hands them the
 * map's pieces, `close` stops them. A pool without threads fills in this thread.
 */
export class NumericalPool {
  readonly #threads: readonly PoolThread[];
  readonly #setup: ThreadSetup | undefined;
  readonly #callerTakesPart: boolean;
  #wake = () => {};

  private constructor(setup: ThreadSetup | undefined, count: number, callerTakesPart: boolean) {
    this.#setup = setup;
    this.#callerTakesPart = callerTakesPart;
    this.#threads = setup ? Array.from({ length: count }, () => new PoolThread(setup, () => this.#wake())) : [];
  }

  /**
   * A pool for checking `problem` with `options` on `threads` threads in all (this one
   * included, unless options.callerTakesPart is false). No thread is started for a map cheaper
   * than options.worthwhile, for a check without a full map, or for shapes or settings the check
   * will refuse (it says why itself). The cost is counted from the shapes alone: the values are
   * validated once, by the check's analysis, not here too (~30 ms of a cold 512² start).
   */
  static start(problem: Problem, options: CheckOptions, threads: number, poolOptions: PoolOptions = {}): NumericalPool {
    const callerTakesPart = poolOptions.callerTakesPart ?? true;
    const others = callerTakesPart ? threads - 1 : threads;
    if (options.numerical !== 'full' || others < 1) return new NumericalPool(undefined, 0, callerTakesPart);
    let settings: StepSettings;
    try {
      if (checkCost(problemShape(problem)).numerical < (poolOptions.worthwhile ?? THREAD_WORTHWHILE)) return new NumericalPool(undefined, 0, callerTakesPart);
      settings = stepSettingsOf(resolveSettings(problem, options));
    } catch {
      return new NumericalPool(undefined, 0, callerTakesPart);
    }
    const setup: ThreadSetup = { problem: withSharedArrays(problem), settings, reference: options.reference ?? false };
    return new NumericalPool(setup, others, callerTakesPart);
  }

  /** When each thread had loaded the core and built its job, from its spawn. */
  started(): Promise<ThreadStart[]> {
    return Promise.all(this.#threads.map((thread) => thread.started));
  }

  /**
   * The pipeline's filler: the map, allocated in shared memory, filled in place by the threads
   * and this one; or in this thread alone when no thread was started.
   */
  readonly filler: Filler = Object.assign(
    async (plan: CheckPlan, measured: MeasuredGradients): Promise<boolean> => {
      const setup = this.#setup;
      if (!setup) return fillHere(plan, measured);
      if (!sameSteps(setup.settings, plan.settings) || setup.reference !== (plan.options.reference ?? false)) {
        throw new Error('the numerical pool was started with other settings than the check it fills');
      }
      const targets = Object.fromEntries((['dX', 'dW', 'db'] as const).filter((name) => measured[name]).map((name) => [name, targetOf(measured[name]!)]));
      if (!Object.values(targets).every((target) => isShared(target.values))) {
        throw new Error('the numerical pool needs the map in shared memory (the pipeline allocates it there for this filler)');
      }
      const task: ThreadTask = {
        pieces: threadPieces(targets, this.#threads.length + (this.#callerTakesPart ? 1 : 0)),
        counters: new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)),
      };
      for (const thread of this.#threads) thread.post(task);
      if (this.#callerTakesPart) fillClaimed(planJob(plan), task);
      while (Atomics.load(task.counters, 1) < task.pieces.length) {
        await Promise.race([new Promise<void>((resolve) => (this.#wake = resolve)), ...this.#threads.map((thread) => thread.failed)]);
      }
      return true;
    },
    { memory: 'shared' as const },
  );

  close(): void {
    for (const thread of this.#threads) thread.stop();
  }
}

/** The step settings a job needs, as plain data for a thread. */
function stepSettingsOf(settings: StepSettings): StepSettings {
  return { method: settings.method, h: settings.h, auto: settings.auto, kinkConvention: settings.kinkConvention };
}

function sameSteps(a: StepSettings, b: StepSettings): boolean {
  return a.method === b.method && a.h === b.h && a.auto === b.auto && a.kinkConvention === b.kinkConvention;
}

/**
 * A filler that starts a pool of `threads` for the plan it is given and closes it when the map
 * is done: start-up is paid inside the map (the bench's pool case and tests; the CLI starts its
 * pool earlier, NumericalPool.start).
 */
export function threadPoolFiller(threads: number, options: PoolOptions = {}): Filler {
  const fill = async (plan: CheckPlan, measured: MeasuredGradients): Promise<boolean> => {
    const pool = NumericalPool.start(plan.problem, plan.options, threads, options);
    try {
      return await pool.filler(plan, measured);
    } finally {
      pool.close();
    }
  };
  return Object.assign(fill, { memory: 'shared' as const });
}

/** The numerical part of a check on `threads` threads (see threadPoolFiller), for the bench and tests. */
export async function measureInThreads(plan: CheckPlan, threads: number, options: PoolOptions = {}): Promise<Finding> {
  if (plan.options.numerical !== 'full') return measureHere(plan);
  const t0 = now();
  const filler = threadPoolFiller(threads, options);
  const measured = emptyMeasurement(plan, filler.memory);
  await filler(plan, measured);
  return { measured, ms: now() - t0 };
}
