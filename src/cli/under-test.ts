// The gradients a command checks or sweeps: ConvGrad's own VJP, gradients computed elsewhere
// (--analytic-dx/-dw), or those of a deliberately wrong backward pass (--inject).

import { BUGS, injectBug, type BugInfo, type BugName } from '../core/study/inject';
import type { Problem } from '../core/problem/types';
import { CliError } from './cli-error';
import type { GradientsUnderTest } from '../core/check/types';

export interface UnderTest {
  /** Undefined for ConvGrad's own gradients. */
  readonly analytic?: GradientsUnderTest;
  readonly bug?: BugInfo;
}

export function gradientsUnderTest(problem: Problem, fromFiles: GradientsUnderTest | undefined, inject: BugName | undefined): UnderTest {
  if (inject === undefined) return fromFiles ? { analytic: fromFiles } : {};
  const bug = BUGS.find((b) => b.name === inject);
  if (!bug) throw new Error(`no catalogue entry for bug '${inject}'`);
  // injectBug refuses (InputError, subject 'inject') a mistake that cannot even be written for this problem.
  const analytic = injectBug(problem, inject);
  // A mistake that changes nothing cannot be demonstrated: checking it would only show a pass.
  const applicability = bug.applies(problem);
  if (!applicability.applies) throw new CliError(`--inject ${inject}`, `has no effect here: ${applicability.reason}`);
  return { analytic, bug };
}
