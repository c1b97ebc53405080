// The computation worker's numerical job on every core: one helper worker per core fills
// ranges of the gradients (see pooled-numerical.ts); this worker only coordinates.
import { spawnFillHelper } from '../fill/fill-helper';
import { FillPool } from '../fill/fill-pool';
import { canShareMemory } from '../fill/shared-memory';
import { runPooled } from './pooled-numerical';
import type { Analysis } from '../../core/conv/analyze';
import type { Problem } from '../../core/problem/types';
import type { NumericalProgress, NumericalResult } from './protocol';
import type { CheckSettings } from '../../core/check/types';
import type { GradientsUnderTest } from '../../core/check/types';

export function poolSize(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

/**
 * This worker's helpers, started on the first numerical job and reused by the later ones, sharing
 * its memory when the page is cross-origin isolated.
 */
const workerPool = new FillPool(spawnFillHelper, { sharesMemory: canShareMemory() });
let nextJob = 0;

export function runNumerical(
  problem: Problem,
  own: Analysis,
  tested: GradientsUnderTest | undefined,
  options: CheckSettings,
  isCancelled: () => boolean,
  onProgress: (progress: NumericalProgress) => void,
): Promise<NumericalResult> {
  return runPooled(workerPool, poolSize(), ++nextJob, problem, own, options, isCancelled, onProgress, tested);
}
