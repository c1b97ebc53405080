// A problem's geometry and cost for the UI, computed from the core on the main thread: both
// are cheap (shapes, index maps, a copy of X), unlike the check itself.
import { checkCost, type CheckCost } from '../../worker/core/cost';
import { resolveGeometry, type Geometry } from '../../worker/core/geometry';
import { prepare } from '../../worker/core/problem';
import type { Problem } from '../../worker/core/types';

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

/** The core's work counts for the problem, or undefined when it cannot be run. */
export function costOf(problem: Problem): CheckCost | undefined {
  try {
    return checkCost(prepare(problem));
  } catch {
    return undefined;
  }
}
