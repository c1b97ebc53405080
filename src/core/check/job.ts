import { createNumericalJob, type NumericalJob, type StepSettings } from './numerical';
import { createReferenceJob } from './reference';
import type { FloatArray, Problem } from '../problem/types';

/**
 * The finite-difference job a full check runs: the local one, or the black-box reference. `y` is
 * the problem's Y when the caller has it (the plan's analysis), so the local job does not compute
 * it again. A module of its own so a thread that only fills pieces loads the jobs, not the check.
 */
export function numericalJobFor(problem: Problem, settings: StepSettings, reference: boolean, y?: FloatArray): NumericalJob {
  return reference ? createReferenceJob(problem, settings) : createNumericalJob(problem, settings, { y });
}
