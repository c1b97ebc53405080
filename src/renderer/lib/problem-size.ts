// A problem's geometry and cost for the UI, computed from the core on the main thread: both
// are cheap (shapes, index maps, a copy of X), unlike the check itself.
import { checkCost, numericalWork, type CheckCost } from '../../core/check/cost';
import { FD_METHODS } from '../../core/problem/options';
import { resolveGeometry, type Geometry } from '../../core/problem/geometry';
import { prepare } from '../../core/problem/problem';
import type { FdMethod, Problem } from '../../core/problem/types';
import type { JobSize } from './cost';

/** The core's geometry for the problem, or undefined when its options are impossible. */
export function geometryOf(problem: Problem): Geometry | undefined {
  const [h, w] = problem.x.shape.slice(-2);
  const [k, l] = problem.w.shape.slice(-2);
  try {
    return resolveGeometry(h, w, k, l, problem.conv);
  } catch {
    return undefined;
  }
}

/** A problem's counts for the estimate, the numerical job's for each difference method. */
export interface ProblemCost {
  readonly cost: CheckCost;
  readonly sizes: Readonly<Record<FdMethod, JobSize>>;
}

/**
 * Counts already made, per problem object: the estimate and the speed learnt when the job
 * finishes ask about the same problem, and preparing it copies and checks all of X (about
 * 10 ms for 1024², in the task that shows the results).
 */
const counted = new WeakMap<Problem, ProblemCost | undefined>();

/** The core's work counts for the problem, or undefined when it cannot be run. */
export function costOf(problem: Problem): ProblemCost | undefined {
  if (counted.has(problem)) return counted.get(problem);
  let counts: ProblemCost | undefined;
  try {
    const prep = prepare(problem);
    const cost = checkCost(prep);
    const elements = problem.x.data.length + problem.w.data.length + (problem.bias?.data.length ?? 0);
    const sizeFor = (method: FdMethod): JobSize => ({ cost, work: numericalWork(prep, problem.loss, method), dtype: problem.dtype, values: problem.x.data.length, elements });
    counts = { cost, sizes: Object.fromEntries(FD_METHODS.map((method) => [method, sizeFor(method)])) as Record<FdMethod, JobSize> };
  } catch {
    counts = undefined;
  }
  counted.set(problem, counts);
  return counts;
}
