// The worker side of DiscrepancyApi: runs the jobs of discrepancy-runner.ts, names the input
// an error is about, and transfers the result arrays instead of copying them.
import * as Comlink from 'comlink';
import { InputError } from '../../core/problem/errors';
import type { DiscrepancyApi, SubjectCheck } from './discrepancy-protocol';
import * as runner from './discrepancy-runner';
import { labelled } from '../../core/problem/labelled-error';
import type { InputLabels } from '../../core/problem/labels';

/** Jobs asked to stop; a running job checks between its slices. */
const cancelled = new Set<number>();

function buffersOf(checks: readonly (SubjectCheck | null)[]): ArrayBuffer[] {
  const arrays = checks.flatMap((c) =>
    Object.values(c?.gradients ?? {}).flatMap((g) => [g.error.data, g.kinks, g.vsOwn?.error.data].filter((a) => a !== undefined)),
  );
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

async function guarded<T>(labels: InputLabels, run: () => T | Promise<T>, job?: number): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw labelled(error, labels);
  } finally {
    if (job !== undefined) cancelled.delete(job);
  }
}

function checkDirections(directions: number): void {
  if (!Number.isInteger(directions) || directions < 1) throw new InputError(`directions must be an integer >= 1, got ${directions}`, 'directions');
}

export const discrepancyApi: DiscrepancyApi = {
  bugMenu: (problem, labels) => guarded(labels, () => runner.bugMenu(problem)),

  checkSubject: (job, problem, labels, subject, settings, onProgress) =>
    guarded(
      labels,
      async () => {
        const r = await runner.checkSubject(problem, subject, settings, () => cancelled.has(job), onProgress);
        return r && Comlink.transfer(r, buffersOf([r]));
      },
      job,
    ),

  checkPrecisions: (job, problem, labels, subject, worst, onProgress) =>
    guarded(
      labels,
      async () => {
        const r = await runner.checkPrecisions(problem, subject, worst, () => cancelled.has(job), onProgress);
        return r && Comlink.transfer(r, buffersOf([r.f64, r.f32]));
      },
      job,
    ),

  sweep: (job, problem, labels, subject, settings, onProgress) =>
    guarded(labels, () => runner.sweep(problem, subject, settings, () => cancelled.has(job), onProgress), job),

  taylor: (problem, labels, subject, hs, seed) => guarded(labels, () => runner.taylor(problem, subject, hs, seed)),

  quickCheck: (problem, labels, subject, settings, directions, seed) =>
    guarded(labels, () => {
      checkDirections(directions);
      return runner.quickCheck(problem, subject, settings, directions, seed);
    }),

  cancelDiscrepancy(job) {
    cancelled.add(job);
  },
};
