// A problem's geometry and cost for the UI, computed from the core on the main thread: both
// are cheap (shapes, index maps, a copy of X), unlike the check itself.
import { checkCost, type CheckCost } from '../../core/check/cost';
import { resolveGeometry, type Geometry } from '../../core/problem/geometry';
import { prepare } from '../../core/problem/problem';
import type { Problem } from '../../core/problem/types';

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

/**
 * Counts already made, per problem object: the estimate and the throughput learnt when the
 * job finishes ask about the same problem, and preparing it copies and checks all of X (about
 * 10 ms for 1024², in the task that shows the results).
 */
const counted = new WeakMap<Problem, CheckCost | undefined>();

/** The core's work counts for the problem, or undefined when it cannot be run. */
export function costOf(problem: Problem): CheckCost | undefined {
  if (counted.has(problem)) return counted.get(problem);
  let cost: CheckCost | undefined;
  try {
    cost = checkCost(prepare(problem));
  } catch {
    cost = undefined;
  }
  counted.set(problem, cost);
  return cost;
}
