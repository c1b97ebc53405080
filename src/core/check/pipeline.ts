// The one check pipeline: plan (validate the settings, Y, the VJP, what is under test) → fill
// the numerical map with a filler → finish (compare, verdict, diagnosis). The app's main check,
// the discrepancy panel and the CLI differ only in the filler: in this thread, in time slices
// (sliced-fill.ts), on the browser worker pool (pooled-numerical.ts) or on Node threads
// (cli/numerical-pool.ts). Every filler writes the same elements with the same job, so the maps
// are bit for bit the same whichever fills them.
import type { Analysis } from '../conv/analyze';
import { now } from '../problem/clock';
import type { Problem } from '../problem/types';
import { emptyMeasurement, fillAllHere, finishCheck, measureHere, planCheck, type CheckResult, type MeasuredGradients } from './check';
import type { CheckOptions, CheckPlan, CheckSettings, GradientsUnderTest } from './types';
import type { Memory } from '../problem/memory';

/**
 * Fills every element of `measured` (the numerical map of `plan`: values, kink marks, error bars);
 * resolves false when it was cancelled before it finished. `memory` says where the map must be
 * allocated: in shared memory for a filler whose threads write it in place.
 */
export interface Filler {
  (plan: CheckPlan, measured: MeasuredGradients): boolean | Promise<boolean>;
  readonly memory?: Memory;
}

/** The whole map in this thread, at once. */
export const fillHere: Filler = fillAllHere;

/** The app's and the panel's settings in the core's terms: a full check of what is under test. */
export function checkOptionsOf(settings: CheckSettings, tested?: GradientsUnderTest): CheckOptions {
  return {
    numerical: 'full',
    method: settings.method,
    // With autoStep the core scales this base step per gradient and element.
    h: settings.h,
    autoStep: settings.autoStep ?? false,
    // Left out, the core takes the dtype's default and scales its atol to each gradient.
    tolerance: settings.defaultTolerance ? undefined : settings.tolerance,
    worst: settings.worst,
    kinkConvention: settings.kinkConvention,
    analytic: tested,
  };
}

/** A finished check with its plan (which holds ConvGrad's own VJP next to what was under test). */
export interface PipelineRun {
  readonly plan: CheckPlan;
  readonly result: CheckResult;
}

/**
 * A whole check through `fill`; null when the filler was cancelled. `own` is Y and the VJP when
 * they were computed earlier for this very problem (the app's analysis), so they are not
 * computed again; the settings are validated all the same. Throws InputError.
 */
export async function runPipeline(problem: Problem, options: CheckOptions, fill: Filler, own?: Analysis): Promise<PipelineRun | null> {
  const plan = planCheck(problem, options, own);
  if (options.numerical !== 'full') return { plan, result: finishCheck(plan, measureHere(plan)) };
  const t0 = now();
  const measured = emptyMeasurement(plan, fill.memory);
  if (!(await fill(plan, measured))) return null;
  return { plan, result: finishCheck(plan, { measured, ms: now() - t0 }) };
}
