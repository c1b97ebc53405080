// What the CLI's numerical pool and its threads share: the messages between them and the loop
// that claims pieces. Kept apart from the pool so a thread loads the finite-difference jobs and
// nothing else of the check (its start-up is part of every threaded check).

import { numericalJobFor } from '../core/check/job';
import type { FillTarget } from '../core/check/difference';
import type { NumericalJob, StepSettings } from '../core/check/numerical';
import type { Piece } from '../core/check/partition';
import type { Problem } from '../core/problem/types';

/** A piece of the job with its gradient's shared arrays (the piece writes its range of them). */
export interface ThreadPiece extends Piece {
  readonly target: FillTarget;
}

/** What a thread builds its job from, given when it starts: the problem's arrays are shared, not copied. */
export interface ThreadSetup {
  readonly problem: Problem;
  readonly settings: StepSettings;
  readonly reference: boolean;
}

/**
 * The map to fill, posted to every thread once its plan exists: every piece and two shared
 * counters, [next piece to claim, pieces finished]. Pieces are claimed, not assigned, so a thread
 * still starting up costs nothing: the others take its share, and a job that is done before it
 * is ready never waits for it.
 */
export interface ThreadTask {
  readonly pieces: readonly ThreadPiece[];
  readonly counters: Int32Array;
}

/** What a thread tells the pool: when it had loaded the core and built its job (ms since the epoch), then each piece it finished. */
export type ThreadMessage = { readonly kind: 'ready'; readonly loadedAt: number; readonly readyAt: number } | { readonly kind: 'piece' };

/** Milliseconds since the epoch, comparable between threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Fills pieces of `task` with `job` until none is left to claim; the pool's threads run the same function. */
export function fillClaimed(job: NumericalJob, task: ThreadTask, onPiece: () => void = () => {}): void {
  for (let i = Atomics.add(task.counters, 0, 1); i < task.pieces.length; i = Atomics.add(task.counters, 0, 1)) {
    const piece = task.pieces[i];
    job.fill(piece.name, piece.start, piece.end, piece.target);
    Atomics.add(task.counters, 1, 1);
    onPiece();
  }
}

/**
 * The job a thread's setup describes (the one the calling thread builds from its plan), with Y
 * computed at once: a thread builds it while the calling thread computes the analysis.
 */
export function jobOf(setup: ThreadSetup): NumericalJob {
  const job = numericalJobFor(setup.problem, setup.settings, setup.reference);
  job.computeOutputs();
  return job;
}

