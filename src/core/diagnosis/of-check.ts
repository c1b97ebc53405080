// The finish step's diagnosis: which gradients under test failed the check, and where.
import type { CheckPlan } from '../check/types';
import type { DirectionalCheck } from '../check/directional';
import type { GradientName, GradientSummary, Tensor } from '../problem/types';
import { diagnose, type Diagnoses } from './diagnose';
import { DIAGNOSED, type DiagnosedName } from './hypotheses';

/** compare.ts's code of a failing element (ELEMENT_VERDICTS). */
const FAIL = 1;

export interface CheckFindings {
  readonly summaries: Partial<Record<GradientName, GradientSummary>>;
  /** Per element the comparison's verdict (compare.ts: 0 pass, 1 fail, 2 inconclusive); absent for directional checks. */
  readonly judged?: Partial<Record<DiagnosedName, Uint8Array>>;
  readonly directional?: readonly DirectionalCheck[];
}

/** The diagnosis of each gradient under test (computed elsewhere or injected) that failed; {} when none did. */
export function diagnoseCheck(plan: CheckPlan, findings: CheckFindings): Diagnoses {
  const given = plan.options.analytic ?? {};
  const tested: Partial<Record<DiagnosedName, Tensor>> = {};
  for (const g of DIAGNOSED) if (given[g]) tested[g] = plan.analytic[g];
  const failing = DIAGNOSED.filter((g) => {
    if (!tested[g]) return false;
    const s = findings.summaries[g];
    // An inconclusive gradient is not diagnosed: nothing says it is wrong.
    return s ? s.verdict === 'fail' : (findings.directional ?? []).some((d) => d.gradient === g && d.verdict === 'fail');
  });
  if (failing.length === 0) return {};
  const { judged } = findings;
  // The footprint is of the elements the verdict failed, error bars and kinks judged as it judged them.
  const masks = judged && Object.fromEntries(failing.map((g) => [g, Uint8Array.from(judged[g] ?? [], (v) => (v === FAIL ? 1 : 0))]));
  return diagnose({ problem: plan.problem, tolerance: plan.settings.tolerance, tested, failing, masks });
}
