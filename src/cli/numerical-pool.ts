// The CLI's numerical gradient on every core: the elements of each gradient are split among
// worker threads that write their ranges straight into shared arrays.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyMeasurement, measureHere, numericalJobFor, type CheckPlan, type Finding } from '../worker/core/check';
import { now } from '../worker/core/clock';
import { checkCost } from '../worker/core/cost';
import type { StepSettings } from '../worker/core/numerical';
import { splitRange } from '../worker/core/partition';
import { prepare } from '../worker/core/problem';
import type { FloatArray, GradientName, Problem } from '../worker/core/types';

export interface ThreadPiece {
  readonly name: GradientName;
  readonly start: number;
  readonly end: number;
  readonly values: FloatArray;
  readonly kinks: Uint8Array;
}

export interface ThreadTask {
  readonly problem: Problem;
  readonly settings: StepSettings;
  readonly reference: boolean;
  readonly pieces: ThreadPiece[];
}

/** Below this many multiply-adds a thread's start-up (loading the core) costs more than it saves. */
const THREAD_WORTHWHILE = 5e7;

export function defaultThreads(): number {
  return availableParallelism();
}

function shared<T extends FloatArray | Uint8Array>(array: T): T {
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  return new Type(new SharedArrayBuffer(array.byteLength));
}

/** Computes a task's pieces in this thread; the pool's threads run the same function. */
export function fillPieces(task: ThreadTask): void {
  const job = numericalJobFor(task.problem, task.settings, task.reference);
  for (const piece of task.pieces) job.fill(piece.name, piece.start, piece.end, piece.values, piece.kinks);
}

function runThread(task: ThreadTask): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./numerical-thread-entry.js', import.meta.url), { workerData: task });
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`numerical thread exited with code ${code}`))));
  });
}

/** The numerical part of a check, on `threads` threads when the full map costs at least `worthwhile` multiply-adds. */
export async function measureInThreads(plan: CheckPlan, threads: number, worthwhile = THREAD_WORTHWHILE): Promise<Finding> {
  const { options, problem, settings } = plan;
  if (options.numerical !== 'full' || threads < 2 || checkCost(prepare(problem)).numerical < worthwhile) return measureHere(plan);
  const t0 = now();
  const local = emptyMeasurement(plan);
  const sharedArrays = Object.fromEntries(
    (['dX', 'dW', 'db'] as const).filter((name) => local[name]).map((name) => [name, { values: shared(local[name]!.value.data), kinks: shared(local[name]!.kinks) }]),
  ) as Partial<Record<GradientName, { values: FloatArray; kinks: Uint8Array }>>;
  const tasks: ThreadTask[] = Array.from({ length: threads }, () => ({ problem, settings: { method: settings.method, h: settings.h }, reference: options.reference ?? false, pieces: [] }));
  for (const [name, arrays] of Object.entries(sharedArrays) as [GradientName, { values: FloatArray; kinks: Uint8Array }][]) {
    splitRange(arrays.values.length, threads).forEach(([start, end], t) => tasks[t].pieces.push({ name, start, end, ...arrays }));
  }
  const [own, ...others] = tasks.filter((task) => task.pieces.length > 0);
  const othersDone = Promise.all(others.map(runThread));
  // The main thread takes the first share rather than wait: a thread needs a few hundred
  // milliseconds to start and load the core, which this overlaps.
  fillPieces(own);
  await othersDone;
  // Copy out of the shared memory so the results are ordinary arrays for every later consumer.
  for (const [name, arrays] of Object.entries(sharedArrays) as [GradientName, { values: FloatArray; kinks: Uint8Array }][]) {
    local[name]!.value.data.set(arrays.values);
    local[name]!.kinks.set(arrays.kinks);
  }
  return { measured: local, ms: now() - t0 };
}
